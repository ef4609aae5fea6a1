package server

import (
	"github.com/gofiber/fiber/v2"
)

// meSummary is a worker's year of one card on one A4 page, to print for
// a development discussion. It draws the same model as meShow.
//
//	/me/summary[?card=CODE][&year=YYYY]
func (s *Server) meSummary(c *fiber.Ctx) error {
	card, cards, err := s.myCard(c, c.Query("card"))
	if err != nil {
		return err
	}
	year, err := s.myYear(c)
	if err != nil {
		return err
	}
	cy, err := s.src.LoadCard(c.UserContext(), cardSurveyKey, year, card.Code, card.Unit)
	if err != nil {
		return err
	}
	p := s.staffPage(c, "me.summary_title")
	v := s.meView(cy, card, cards, p.Lang)
	v.Texts = v.Texts[:min(len(v.Texts), meSummaryTexts)]
	p.Data = v
	return s.render(c, fiber.StatusOK, "me_summary.html", p)
}

// meSummaryTexts is how many free texts, picked at random, the one-page
// summary has room for.
const meSummaryTexts = 4
