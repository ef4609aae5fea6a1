package report

import (
	"testing"

	"palaute/survey"
	"palaute/survey/store"
)

// TestPlaceCantSayAndNPS: a stored can't-say answer takes can't-say's
// slot of its item, not a scale point's, and a 0–10 answer its own
// number's, so raw rows and the recount of cells keep them.
func TestPlaceCantSayAndNPS(t *testing.T) {
	reg, _ := survey.Builtin()
	in := reg.Current("national")
	l := newLayout(in)
	var statement, recommend slotItem
	for _, it := range l.items {
		switch {
		case it.CantSay && statement.Key == "":
			statement = it
		case it.Type == survey.TypeNPS:
			recommend = it
		}
	}
	var at cellKey
	got := l.place([]store.ClosedAnswer{{Item: statement.Key, Choice: survey.CantSay}, {Item: recommend.Key, Num: 0}}, 2025, &at)
	if v := got[l.byKey[statement.Key]]; v < 0 || statement.Values()[v] != survey.CantSay {
		t.Errorf("can't-say placed at %d", v)
	}
	if v := got[l.byKey[recommend.Key]]; v < 0 || recommend.Values()[v] != "0" {
		t.Errorf("a 0 of 10 placed at %d", v)
	}
	got = l.place([]store.ClosedAnswer{{Item: statement.Key, Num: 4}, {Item: recommend.Key, Num: 10}}, 2025, &at)
	if statement.Values()[got[l.byKey[statement.Key]]] != "4" || recommend.Values()[got[l.byKey[recommend.Key]]] != "10" {
		t.Errorf("answers 4 and 10 placed at %v", got)
	}
}
