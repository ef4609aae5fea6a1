package server

import (
	"github.com/gofiber/fiber/v2"

	"palaute/report"
)

// meFeedback is a worker's own feedback as JSON: the same model as the
// /me page, for one of their cards and a year.
//
//	GET /api/v1/me/feedback[?card=CODE][&year=YYYY]
func (s *Server) meFeedback(c *fiber.Ctx) error {
	cy, _, _, err := s.loadMyCard(c)
	if err != nil {
		return err
	}
	return c.JSON(cardJSON(cy))
}

// cardYearJSON is report.CardYear as the API answers it.
type cardYearJSON struct {
	Survey    string          `json:"survey"`
	Year      int             `json:"year"`
	Card      string          `json:"card"`
	Unit      string          `json:"unit,omitempty"`
	Threshold int             `json:"threshold"`
	Released  bool            `json:"released"`
	N         int             `json:"n,omitempty"`
	Short     int             `json:"short,omitempty"`
	Overall   *scaleJSON      `json:"overall,omitempty"`
	Choices   []choiceJSON    `json:"choices,omitempty"`
	UnitOver  *scaleJSON      `json:"unit_overall,omitempty"`
	Months    []cardMonthJSON `json:"months"`
	Texts     []report.Text   `json:"texts"`
}

type cardMonthJSON struct {
	Month    int          `json:"month"`
	Released bool         `json:"released"`
	N        int          `json:"n,omitempty"`
	Overall  *scaleJSON   `json:"overall,omitempty"`
	Choices  []choiceJSON `json:"choices,omitempty"`
	UnitOver *scaleJSON   `json:"unit_overall,omitempty"`
}

type scaleJSON struct {
	Item     string     `json:"item"`
	N        int        `json:"n"`
	Pct      [5]float64 `json:"pct"`
	Positive int        `json:"positive_tenths"`
}

type choiceJSON struct {
	Item   string         `json:"item"`
	Tenths map[string]int `json:"tenths"`
}

func cardJSON(cy *report.CardYear) cardYearJSON {
	out := cardYearJSON{Survey: cy.Survey.Key, Year: cy.Year, Card: cy.Card, Unit: cy.Unit, Threshold: cy.Threshold,
		Released: cy.Released, N: cy.N, Short: cy.Short, Overall: scaleOut(cy.Overall), Choices: choicesOut(cy.Choices),
		UnitOver: scaleOut(cy.UnitOverall), Months: []cardMonthJSON{}, Texts: cy.Texts}
	if out.Texts == nil {
		out.Texts = []report.Text{}
	}
	for _, m := range cy.Months {
		out.Months = append(out.Months, cardMonthJSON{Month: m.Month, Released: m.Released, N: m.N, Overall: scaleOut(m.Overall),
			Choices: choicesOut(m.Choices), UnitOver: scaleOut(m.UnitOverall)})
	}
	return out
}

func scaleOut(sc *report.Scale) *scaleJSON {
	if sc == nil {
		return nil
	}
	return &scaleJSON{Item: sc.Item.Key, N: sc.N, Pct: sc.Pct, Positive: sc.Positive}
}

func choicesOut(in []report.Sentence) []choiceJSON {
	var out []choiceJSON
	for _, st := range in {
		out = append(out, choiceJSON{Item: st.Item.Key, Tenths: st.Tenths})
	}
	return out
}
