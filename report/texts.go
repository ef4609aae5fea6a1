package report

import (
	"math/rand/v2"

	"palaute/survey"
)

// Text is one free-text answer: its item, and its month only where that
// month's figure is shown (0 otherwise).
type Text struct {
	Month int    `json:"month,omitempty"`
	Item  string `json:"item"`
	Text  string `json:"text"`
}

// Texts lists the free-text answers of the figure a filter names, in a
// random order, or none when the figure is hidden. The year must be
// loaded with texts.
func (y *Year) Texts(f Filter) ([]Text, bool, []survey.FieldError) {
	k, errs := y.keyOf(f)
	if errs != nil {
		return nil, false, errs
	}
	if !y.released(k) {
		return []Text{}, false, nil
	}
	out := []Text{}
	for _, t := range y.texts {
		at := y.rows[t.row].at
		if k.matches(at) {
			out = append(out, Text{Month: y.textMonth(k, at), Item: t.item, Text: t.body})
		}
	}
	rand.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out, true, nil
}
