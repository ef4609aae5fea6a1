package report

import "math"

// MannWhitney compares two samples of ordinal answers given as counts per
// value: U of the first sample, and the two-sided p-value of the normal
// approximation with tie correction and continuity correction. ok is
// false when the test cannot hold: an empty sample, or every answer the
// same so that there is no variance.
func MannWhitney(a, b map[int]int) (u, p float64, ok bool) {
	n1, n2 := total(a), total(b)
	if n1 == 0 || n2 == 0 {
		return 0, 0, false
	}
	values := map[int]bool{}
	for v := range a {
		values[v] = true
	}
	for v := range b {
		values[v] = true
	}
	sorted := make([]int, 0, len(values))
	for v := range values {
		sorted = append(sorted, v)
	}
	sortInts(sorted)
	// Midranks: every answer in a tie gets the mean of the ranks it spans.
	var r1, ties float64
	rank := 0.0
	for _, v := range sorted {
		t := float64(a[v] + b[v])
		mid := rank + (t+1)/2
		r1 += mid * float64(a[v])
		ties += t*t*t - t
		rank += t
	}
	fn1, fn2 := float64(n1), float64(n2)
	n := fn1 + fn2
	u = r1 - fn1*(fn1+1)/2
	variance := fn1 * fn2 / 12 * ((n + 1) - ties/(n*(n-1)))
	if variance <= 0 {
		return u, 0, false
	}
	diff := math.Abs(u-fn1*fn2/2) - 0.5
	if diff < 0 {
		diff = 0
	}
	z := diff / math.Sqrt(variance)
	return u, math.Erfc(z / math.Sqrt2), true
}

func total(m map[int]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}

func sortInts(s []int) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
