package server

import (
	"fmt"
	"math"

	"palaute/report"
	"palaute/survey/store"
)

// meView is a worker's year of one card in one language, drawn from
// report.CardYear; it decides nothing about what may be shown.
type meView struct {
	Lang        string
	Card        store.Card
	ColourName  string
	Cards       []meCard
	Year        int
	Threshold   int
	Years       []int // the years the worker may switch to, newest first
	Released    bool
	Lead, Short string
	Positive    string
	Faces       *facesChart
	UnitLine    string
	Choices     []string
	Months      []meMonth
	Trend       []trendBar
	TrendWidth  int // the trend's width in the SVG's units
	TrendLabels []string
	Texts       []meText
	MoreTexts   bool              // some texts are left out; a link shows them all
	Items       map[string]string // an item's wording by key, for texts
	Printed     string            // today, as the printed summary says
}

// meCard is one of the worker's cards in the card switch.
type meCard struct {
	Code, Name, Colour string
	Selected           bool
}

// meMonth is one ended month: its answers as a bar of the five values,
// the positive share, the unit's beside it and the choice items' shares.
type meMonth struct {
	Name     string
	N        int
	Released bool
	Bar      []barPart
	Positive string // "8/10 good or very good"
	Unit     string // the unit's, "unit 7/10", where it may stand beside
	Choices  []string
}

// barPart is one value's share of a month's bar, from x to x+width of 100.
type barPart struct {
	X, Width float64
	Colour   string
	Label    string
}

type meText struct{ Month, Item, Text string }

func (s *Server) meView(cy *report.CardYear, card store.Card, cards []store.Card, lang string) meView {
	get := func(key string) string { return s.cat.Get(lang, key) }
	v := meView{Printed: s.today().Format("2.1.2006"), Lang: lang, Card: card, ColourName: colourName(card, lang), Year: cy.Year, Threshold: cy.Threshold, Released: cy.Released, Items: map[string]string{}}
	for _, c := range cards {
		v.Cards = append(v.Cards, meCard{Code: c.Code, Name: colourName(c, lang), Colour: c.Colour, Selected: c.Code == card.Code})
	}
	for y := s.today().Year(); y >= s.today().Year()-4; y-- {
		v.Years = append(v.Years, y)
	}
	for _, it := range cy.Survey.Items {
		v.Items[it.Key] = it.Text[lang]
	}
	if !cy.Released {
		v.Short = get("me.too_few")
		if cy.Short > 0 {
			v.Short = fmt.Sprintf(get("me.short"), cy.Short)
		}
		return v
	}
	v.Lead = fmt.Sprintf(get("me.lead"), cy.Year, cy.N)
	if cy.Overall != nil {
		v.Positive = fmt.Sprintf(get("poster.positive."+cy.Overall.Item.Type), cy.Overall.Positive)
		var names []string
		for _, l := range cy.Survey.Scales[cy.Overall.Item.Type] {
			names = append(names, l[lang])
		}
		v.Faces = newFacesChart(cy.Overall, names, v.Positive)
	}
	if cy.Unit != "" {
		v.UnitLine = fmt.Sprintf(get("me.unit_hidden"), cy.Unit)
		if cy.UnitOverall != nil {
			v.UnitLine = fmt.Sprintf(get("me.unit"), cy.Unit, cy.UnitOverall.Positive)
		}
	}
	for _, st := range cy.Choices {
		v.Choices = append(v.Choices, st.Item.WallSentence(lang, st.Tenths))
	}
	for _, m := range cy.Months {
		mm := meMonth{Name: capitalise(get(fmt.Sprintf("month.%d", m.Month))), Released: m.Released, N: m.N}
		if m.Overall != nil {
			mm.Positive = fmt.Sprintf("%d/10 %s", m.Overall.Positive, get("me.positive."+m.Overall.Item.Type))
			x := 0.0
			for i := 4; i >= 0; i-- {
				w := m.Overall.Pct[i]
				mm.Bar = append(mm.Bar, barPart{X: x, Width: w, Colour: scaleColours[i], Label: fmt.Sprintf("%d %%", int(math.Round(w)))})
				x += w
			}
		}
		if m.UnitOverall != nil {
			mm.Unit = fmt.Sprintf(get("me.unit_short"), fmt.Sprintf("%d/10", m.UnitOverall.Positive))
		}
		for _, st := range m.Choices {
			mm.Choices = append(mm.Choices, st.Item.WallSentence(lang, st.Tenths))
		}
		v.Months = append(v.Months, mm)
	}
	trend := cy.Trend()
	if len(trend) > 1 {
		v.Trend, v.TrendWidth = trendBars(trend), max(600, 40+100*len(trend))
		for _, p := range trend {
			v.TrendLabels = append(v.TrendLabels, get(fmt.Sprintf("month.short.%d", p.Month)))
		}
	}
	for _, t := range cy.Texts {
		mt := meText{Item: v.Items[t.Item], Text: t.Text}
		if t.Month > 0 {
			mt.Month = capitalise(get(fmt.Sprintf("month.%d", t.Month)))
		}
		v.Texts = append(v.Texts, mt)
	}
	return v
}
