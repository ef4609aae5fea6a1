package survey

// The parts of a 0–10 recommendation scale, as the net promoter score
// reads it: promoters answer 9–10, passives 7–8, detractors 0–6. NPS is
// the promoters' share less the detractors', −100…100.
const (
	PromoterFrom  = 9
	DetractorUpTo = 6
)

// NPSPart names the part of the scale an answer 0–10 falls in.
func NPSPart(v int) string {
	switch {
	case v >= PromoterFrom:
		return "promoters"
	case v <= DetractorUpTo:
		return "detractors"
	}
	return "passives"
}
