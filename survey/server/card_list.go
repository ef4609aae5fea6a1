package server

import (
	"github.com/gofiber/fiber/v2"

	"palaute/survey"
	"palaute/survey/store"
)

// cardsPage is what the cards page shows.
type cardsPage struct {
	Cards   []store.Card
	Units   []store.Unit
	Palette []survey.Colour
	Langs   []printLanguage // what a sheet can be printed in, the default first
}

// cardList shows the worker cards, with forms to edit, retire, print and
// add them.
func (s *Server) cardList(c *fiber.Ctx) error {
	return s.cardsPage(c, fiber.StatusOK, "", "")
}

func (s *Server) cardsPage(c *fiber.Ctx, status int, errKey, infoKey string) error {
	ctx := c.UserContext()
	cards, err := s.db.Cards(ctx)
	if err != nil {
		return err
	}
	units, err := s.db.Units(ctx)
	if err != nil {
		return err
	}
	p := s.staffPage(c, "admin.cards")
	p.Data = cardsPage{Cards: cards, Units: units, Palette: survey.Palette, Langs: printLanguages}
	if errKey != "" {
		p.Error = p.T(errKey)
	}
	if infoKey != "" {
		p.Info = p.T(infoKey)
	}
	return s.renderStaff(c, status, "cards.html", p)
}
