package report

import (
	"math"

	"palaute/survey"
)

// NPSTest names the year-over-year test of a 0–10 recommendation item:
// the difference of two net promoter scores over its standard error.
const NPSTest = "nps_z"

// NPSParts are the parts of the 0–10 scale (survey.NPSPart) in the order
// reports list them, from the most positive.
var NPSParts = []string{"promoters", "passives", "detractors"}

// NPS is a 0–10 recommendation item's answers as the net promoter score
// reads them. Score is promoters less detractors in percent, −100…100;
// the shares are percent of N (survey.PromoterFrom, survey.DetractorUpTo).
type NPS struct {
	N                               int
	Score                           float64
	Promoters, Passives, Detractors float64
}

// NPSOf reads the score from counts per answer 0…10. Every NPS figure
// any output shows comes from here.
func NPSOf(counts map[int]int) NPS {
	var out NPS
	parts := map[string]int{}
	for v, c := range counts {
		out.N += c
		parts[survey.NPSPart(v)] += c
	}
	if out.N == 0 {
		return out
	}
	n := float64(out.N)
	out.Promoters = 100 * float64(parts["promoters"]) / n
	out.Passives = 100 * float64(parts["passives"]) / n
	out.Detractors = 100 * float64(parts["detractors"]) / n
	out.Score = out.Promoters - out.Detractors
	return out
}

// variance is the sampling variance of the score as a proportion
// (−1…1): (p + d − (p − d)²)/n, p and d the promoters' and detractors'
// proportions.
func (s NPS) variance() float64 {
	p, d := s.Promoters/100, s.Detractors/100
	return (p + d - (p-d)*(p-d)) / float64(s.N)
}

// CompareNPS tests the change of the score from a (the year before) to b:
// z is the difference of the scores as proportions over the square root
// of the sum of their variances, p its two-sided p-value from the normal
// distribution. ok is false when a sample is empty or neither score
// varies (every answer in one part), so there is nothing to test.
func CompareNPS(a, b map[int]int) (z, p float64, ok bool) {
	sa, sb := NPSOf(a), NPSOf(b)
	if sa.N == 0 || sb.N == 0 {
		return 0, 0, false
	}
	v := sa.variance() + sb.variance()
	if v <= 0 {
		return 0, 0, false
	}
	z = (sb.Score - sa.Score) / 100 / math.Sqrt(v)
	return z, math.Erfc(math.Abs(z) / math.Sqrt2), true
}

// Part is a 0–10 item's share of one part of the scale (NPSParts), in
// percent of its answers; nil for other items and hidden figures.
func (f ItemFigures) Part(part string) *float64 {
	return partOf(part, f.Promoters, f.Passives, f.Detractors)
}

// Part is as ItemFigures.Part, for one year of a comparison.
func (f YearFigures) Part(part string) *float64 {
	return partOf(part, f.Promoters, f.Passives, f.Detractors)
}

func partOf(part string, promoters, passives, detractors *float64) *float64 {
	switch part {
	case "promoters":
		return promoters
	case "passives":
		return passives
	case "detractors":
		return detractors
	}
	return nil
}

// NPSFigures are a 0–10 item's score and its parts' shares, in percent of
// its N, as the outputs show them; nil for other items.
type NPSFigures struct {
	NPS        *float64 `json:"nps,omitempty"`
	Promoters  *float64 `json:"promoters,omitempty"`
	Passives   *float64 `json:"passives,omitempty"`
	Detractors *float64 `json:"detractors,omitempty"`
}
