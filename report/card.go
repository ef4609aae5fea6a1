package report

import (
	"context"

	"palaute/survey"
)

// CardYear is what a worker may read of one of their cards in a year:
// the ended months together and one by one, the card's unit beside them
// where rule 7 allows, and the card's free texts. Everything in it has
// passed the disclosure rules.
type CardYear struct {
	Survey    *survey.Instrument
	Year      int
	Card      string
	Unit      string // the card's unit, "" when it has none
	Threshold int
	// Released is false when the card's year so far cannot be shown; the
	// rest is then empty. Short says how many more answers it needs, or
	// is 0 when more answers alone would not do.
	Released bool
	N        int
	Short    int
	Overall  *Scale     // the headline item, nil when too few answered it
	Choices  []Sentence // the choice items the instrument states in words
	// UnitOverall is the unit's headline item, when rule 7 allows it.
	UnitOverall *Scale
	Months      []CardMonth // every ended month, in order
	Texts       []Text      // in random order, months only where released
}

// CardMonth is one ended month of a card. A month too few answered
// carries only its number.
type CardMonth struct {
	Month       int
	Released    bool
	N           int
	Overall     *Scale
	Choices     []Sentence
	UnitOverall *Scale
}

// LoadCard reads what a card's worker may see of surveyKey in year. The
// card's unit is named by the caller, as the card is registered.
func (s *Source) LoadCard(ctx context.Context, surveyKey string, year int, card, unit string) (*CardYear, error) {
	y, err := s.Load(ctx, surveyKey, year, TextRows)
	if err != nil {
		return nil, err
	}
	return y.card(card, unit), nil
}

func (y *Year) card(card, unit string) *CardYear {
	out := &CardYear{Survey: y.Survey, Year: y.Year, Card: card, Unit: unit, Threshold: y.Threshold}
	mine := Filter{By: map[Dim]string{Card: card}}
	k, _ := y.keyOf(mine) // a card and a unit are never a field error
	if !y.released(k) {
		out.Short = y.shortfall(k)
		return out
	}
	var beside map[int]bool
	if unit != "" {
		u, _ := y.keyOf(Filter{By: map[Dim]string{Unit: unit}})
		beside = y.besideUnit(k.orgV, u.orgV)
	}
	unitScale := func(m int) *Scale {
		if !beside[m] {
			return nil
		}
		u, _ := y.keyOf(Filter{Month: m, By: map[Dim]string{Unit: unit}})
		return scaleOf(y.Survey, y.summary(u))
	}
	out.Released, out.N = true, y.n[k]
	sum := y.summary(k)
	out.Overall, out.Choices, out.UnitOverall = scaleOf(y.Survey, sum), choicesOf(y.Survey, sum), unitScale(0)
	for m := 1; m <= y.Through; m++ {
		month := CardMonth{Month: m}
		if mk := k.with(Month, uint16(m)); y.released(mk) {
			sum := y.summary(mk)
			month.Released, month.N = true, sum.N
			month.Overall, month.Choices, month.UnitOverall = scaleOf(y.Survey, sum), choicesOf(y.Survey, sum), unitScale(m)
		}
		out.Months = append(out.Months, month)
	}
	out.Texts, _, _ = y.Texts(mine)
	return out
}

// Trend is the released months' share of positive answers to the
// headline item, oldest first.
func (c *CardYear) Trend() []Point {
	var out []Point
	for _, m := range c.Months {
		if m.Overall != nil {
			out = append(out, Point{Year: c.Year, Month: m.Month, N: m.Overall.N, Positive: positiveShare(m.Overall)})
		}
	}
	return out
}
