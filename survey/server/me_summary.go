package server

import (
	"github.com/gofiber/fiber/v2"
)

// meSummaryTexts is how many free texts, picked at random, the one-page
// summary has room for.
const meSummaryTexts = 4

// meSummary is a worker's year of one card on one A4 page, to print for
// a development discussion. It draws the same model as meShow.
//
//	/me/summary[?card=CODE][&year=YYYY]
func (s *Server) meSummary(c *fiber.Ctx) error {
	cy, card, cards, err := s.loadMyCard(c)
	if err != nil {
		return err
	}
	p := s.staffPage(c, "me.summary_title")
	v := s.meView(cy, card, cards, p.Lang)
	v.Texts = v.Texts[:min(len(v.Texts), meSummaryTexts)]
	p.Data = v
	return s.render(c, fiber.StatusOK, "me_summary.html", p)
}
