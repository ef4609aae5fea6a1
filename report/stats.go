// Package report turns stored answers into the figures the quality group
// reads: counts, means, spreads and distributions per item.
package report

import "math"

// Figures describe one item's answers on a numeric scale.
type Figures struct {
	N    int     `json:"n"`
	Mean float64 `json:"mean"`
	// SD is the sample standard deviation (n − 1); 0 when n < 2.
	SD float64 `json:"sd"`
	// CI95 is the half-width of the 95 % confidence interval of the mean
	// (normal approximation); 0 when n < 2.
	CI95 float64 `json:"ci95"`
	// Agree is the share of answers 4 or 5, from 0 to 1, of the answers
	// on the scale: a five-point item's can't-say answers are not counted
	// (sampleOf leaves them out), so it reads "of those who took a view".
	Agree float64 `json:"agree"`
}

// Describe computes the figures from counts per value. Every figure comes
// from the counts alone, so a report never needs the single answers.
func Describe(counts map[int]int) Figures {
	var f Figures
	var sum, agree float64
	for v, c := range counts {
		f.N += c
		sum += float64(v * c)
		if v >= 4 {
			agree += float64(c)
		}
	}
	if f.N == 0 {
		return f
	}
	n := float64(f.N)
	f.Mean = sum / n
	f.Agree = agree / n
	if f.N < 2 {
		return f
	}
	var ss float64
	for v, c := range counts {
		d := float64(v) - f.Mean
		ss += d * d * float64(c)
	}
	f.SD = math.Sqrt(ss / (n - 1))
	f.CI95 = 1.959963984540054 * f.SD / math.Sqrt(n)
	return f
}
