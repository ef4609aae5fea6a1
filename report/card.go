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
	y, err := s.Load(ctx, surveyKey, year, true)
	if err != nil {
		return nil, err
	}
	return y.card(card, unit), nil
}

func (y *Year) card(card, unit string) *CardYear {
	out := &CardYear{Survey: y.Survey, Year: y.Year, Card: card, Unit: unit, Threshold: y.Threshold}
	mine := Filter{By: map[Dim]string{Card: card}}
	k, errs := y.keyOf(mine)
	if errs != nil || !y.released(k) {
		if errs == nil {
			out.Short = y.shortfall(k)
		} else {
			out.Short = y.Threshold
		}
		return out
	}
	out.Released, out.N = true, y.n[k]
	sum := y.summary(k)
	out.Overall, out.Choices = scaleOf(y.Survey, sum), choicesOf(y.Survey, sum)
	out.UnitOverall = y.unitBeside(mine, unit)
	for m := 1; m <= y.Through; m++ {
		month := CardMonth{Month: m}
		f := Filter{Month: m, By: mine.By}
		if mk, _ := y.keyOf(f); y.released(mk) {
			sum := y.summary(mk)
			month.Released, month.N = true, sum.N
			month.Overall, month.Choices = scaleOf(y.Survey, sum), choicesOf(y.Survey, sum)
			month.UnitOverall = y.unitBeside(f, unit)
		}
		out.Months = append(out.Months, month)
	}
	out.Texts, _, _ = y.Texts(mine)
	return out
}

// unitBeside is the unit's headline item for the period of a card's
// filter, when rule 7 lets it stand beside the card's.
func (y *Year) unitBeside(mine Filter, unit string) *Scale {
	if unit == "" {
		return nil
	}
	inner, _ := y.keyOf(mine)
	outer, errs := y.keyOf(Filter{Month: mine.Month, By: map[Dim]string{Unit: unit}})
	if errs != nil || !y.beside(inner, outer) {
		return nil
	}
	return scaleOf(y.Survey, y.summary(outer))
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
