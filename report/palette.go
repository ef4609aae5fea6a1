package report

import "palaute/survey"

// Chart colours, chosen apart from the card palette (survey.Palette) so
// that no answer is ever read as a worker's card. Both sets are Paul
// Tol's, which stay apart for people with colour blindness.
var (
	// Diverging runs from the most negative answer to the most positive:
	// red, light red, grey, light blue, blue.
	Diverging = []string{"#B2182B", "#F4A582", "#BDBDBD", "#92C5DE", "#2166AC"}
	// Sequential runs from the lightest to the darkest, for bands.
	Sequential = []string{"#D1E5F0", "#92C5DE", "#4393C3", "#2166AC", "#053061"}
	// Categorical tells apart things with no order: groups, years,
	// unordered options.
	Categorical = []string{"#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255"}
	// CantSayColour is a can't-say answer's: Tol's pale yellow, on neither
	// end of the scale nor its middle.
	CantSayColour = "#EEEEBB"
)

// NPSColour is the colour of a part of the 0–10 scale (survey.NPSPart):
// the diverging scale's red end for detractors, its grey middle for
// passives and its blue end for promoters.
func NPSColour(part string) string {
	switch part {
	case "detractors":
		return Diverging[0]
	case "promoters":
		return Diverging[len(Diverging)-1]
	}
	return Diverging[len(Diverging)/2]
}

// ValueColours are the colours of an item's values (survey.Item.Values),
// in order, one for each: five-point scales diverge from 1 to 5 (and
// can't-say takes CantSayColour), 0–10 answers take their part's colour,
// ordered choices run from the first option (the most positive) to the
// last, bands run light to dark, and unordered options take categorical
// colours.
func ValueColours(it survey.Item) []string {
	values := it.Values()
	n := len(values)
	switch {
	case it.Scale():
		out := make([]string, n)
		for i, v := range values {
			out[i] = CantSayColour
			if p, ok := onScale(it, v); ok {
				out[i] = Diverging[p-1]
			}
		}
		return out
	case it.Type == survey.TypeNPS:
		out := make([]string, n)
		for i, v := range values {
			p, _ := onScale(it, v)
			out[i] = NPSColour(survey.NPSPart(p))
		}
		return out
	case it.Type == survey.TypeChoice && it.Ordered:
		out := make([]string, n)
		for i := range out {
			// Spread over the diverging scale, the first option on its
			// positive end.
			j := len(Diverging) - 1
			if n > 1 {
				j = (len(Diverging) - 1) * (n - 1 - i) / (n - 1)
			}
			out[i] = Diverging[j]
		}
		return out
	case it.Type == survey.TypeChoice:
		return cycle(Categorical, n)
	}
	return cycle(Sequential[5-min(n, 5):], n)
}

func cycle(colours []string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = colours[i%len(colours)]
	}
	return out
}
