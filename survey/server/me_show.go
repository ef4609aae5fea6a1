package server

import (
	"github.com/gofiber/fiber/v2"
)

// meTexts is how many free texts, picked at random, the page shows
// before a link to all of them.
const meTexts = 20

// meShow is a worker's own feedback: one of their cards in a year, drawn
// from report.CardYear, in the worker's language.
//
//	/me[?card=CODE][&year=YYYY][&texts=all]
func (s *Server) meShow(c *fiber.Ctx) error {
	cy, card, cards, err := s.loadMyCard(c)
	if err != nil {
		return err
	}
	p := s.staffPage(c, "me.title")
	v := s.meView(cy, card, cards, p.Lang)
	if c.Query("texts") != "all" && len(v.Texts) > meTexts {
		v.Texts, v.MoreTexts = v.Texts[:meTexts], true
	}
	p.Data = v
	return s.renderStaff(c, fiber.StatusOK, "me.html", p)
}
