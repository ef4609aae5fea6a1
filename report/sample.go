package report

import (
	"strconv"

	"palaute/survey"
)

// sampleOf gives an item's shown answers as counts per number, the one
// place that says what an answer counts as in means, SDs and tests: a
// five-point or 0–10 answer its own number, any other value its place
// among the item's values, from 1. A can't-say answer is on no scale, so
// it is left out here and counts only in the item's n and its own share.
func sampleOf(it survey.Item, dist map[string]int) map[int]int {
	out := map[int]int{}
	for i, v := range it.Values() {
		c, ok := dist[v]
		if !ok {
			continue
		}
		if n, on := onScale(it, v); on {
			out[n] = c
		} else if !numbered(it) {
			out[i+1] = c
		}
	}
	return out
}

// numbered reports whether the item's answers are numbers on a scale:
// five-point and 0–10 items.
func numbered(it survey.Item) bool { return it.Scale() || it.Type == survey.TypeNPS }

// onScale is the number a value of a five-point or 0–10 item stands for;
// false for can't-say and for every value of other items.
func onScale(it survey.Item, v string) (int, bool) {
	if !numbered(it) || v == survey.CantSay {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	return n, err == nil
}
