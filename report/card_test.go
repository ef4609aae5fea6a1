package report

import "testing"

// yearOf builds a year from cells of (month, card, unit) with their
// counts, every figure shown, to test a rule on its own.
func yearOf(cells map[[3]uint16]int) *Year {
	y := &Year{Threshold: 5, Through: 3, cells: map[cellKey]*tally{}, n: map[key]int{}, hidden: map[key]bool{}}
	for c, n := range cells {
		var at cellKey
		at[Month], at[Card], at[Unit] = c[0], c[1], c[2]
		y.cells[at] = &tally{n: n}
		for _, k := range keysOf(at) {
			y.n[k] += n
		}
	}
	return y
}

// Rule 7 over a year: card 1 and card 2 share unit 1. January alone
// could stand beside card 1 (six answers of card 2 beyond it), but the
// unit's year less January would then tell card 2's two February
// answers; so only the year stands beside it.
func TestBesideUnitOverTheYear(t *testing.T) {
	y := yearOf(map[[3]uint16]int{{1, 1, 1}: 6, {2, 1, 1}: 6, {1, 2, 1}: 6, {2, 2, 1}: 2})
	if got := y.besideUnit(1, 1); len(got) != 1 || !got[0] {
		t.Errorf("beside = %v, want the year only", got)
	}
	// Without card 2's February, January may stand beside it too.
	y = yearOf(map[[3]uint16]int{{1, 1, 1}: 6, {2, 1, 1}: 6, {1, 2, 1}: 6})
	if got := y.besideUnit(1, 1); len(got) != 2 || !got[0] || !got[1] {
		t.Errorf("beside = %v, want the year and January", got)
	}
	// A unit of the card's answers alone is never beside it.
	y = yearOf(map[[3]uint16]int{{1, 1, 1}: 6, {2, 1, 1}: 6})
	if got := y.besideUnit(1, 1); len(got) != 0 {
		t.Errorf("beside = %v, want nothing", got)
	}
}

// The nesting rule: a unit's figure less its shown cards must not leave
// one hidden card's few answers.
func TestProtectNesting(t *testing.T) {
	y := yearOf(map[[3]uint16]int{{1, 1, 1}: 6, {1, 2, 1}: 2, {1, 3, 2}: 9, {1, 4, 2}: 5})
	y.Through = 1
	y.keys = nil
	for k := range y.n {
		y.keys = append(y.keys, k)
	}
	y.protect()
	if y.released(key{}.with(Card, 1)) {
		t.Error("card 1 shown: unit 1 less card 1 is card 2's two answers")
	}
	if !y.released(key{}.with(Unit, 1)) || !y.released(key{}.with(Card, 3)) {
		t.Error("the unit or an unrelated card was hidden")
	}
}
