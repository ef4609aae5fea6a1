package server

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey"
	"palaute/survey/store"
)

// cardSave adds a card (colour from the palette, names from it), or, when
// the route names a code, saves its details, retires or restores it.
func (s *Server) cardSave(c *fiber.Ctx) error {
	ctx := c.UserContext()
	actor := principalOf(c).User.Name
	form := func(k string) string { return strings.Clone(strings.TrimSpace(c.FormValue(k))) }
	var err error
	if code := c.Params("code"); code == "" {
		colour, ok := survey.PaletteColour(form("colour"))
		if !ok {
			return s.cardsPage(c, fiber.StatusUnprocessableEntity, "staff.invalid", "")
		}
		var card store.Card
		card, err = s.db.CreateCard(ctx, store.Card{Code: form("code"), Colour: colour.Hex, NameFi: colour.Name["fi"],
			NameSv: colour.Name["sv"], NameEn: colour.Name["en"], Worker: form("worker"), Unit: form("unit")})
		if err == nil {
			s.audit(c, actor, "card.add", card.Code+" "+card.Colour)
		}
	} else {
		switch c.FormValue("do") {
		case "retire", "restore":
			err = s.db.SetCardRetired(ctx, code, c.FormValue("do") == "retire")
		default:
			if _, ok := survey.PaletteColour(form("colour")); !ok {
				return s.cardsPage(c, fiber.StatusUnprocessableEntity, "staff.invalid", "")
			}
			err = s.db.UpdateCard(ctx, store.Card{Code: code, Colour: form("colour"), NameFi: form("name_fi"), NameSv: form("name_sv"),
				NameEn: form("name_en"), Worker: form("worker"), Unit: form("unit")})
		}
		if err == nil {
			s.audit(c, actor, "card."+c.FormValue("do", "save"), strings.ToUpper(code))
		}
	}
	switch {
	case errors.Is(err, store.ErrInvalid):
		return s.cardsPage(c, fiber.StatusUnprocessableEntity, "staff.invalid", "")
	case errors.Is(err, store.ErrExists):
		return s.cardsPage(c, fiber.StatusConflict, "admin.exists", "")
	case errors.Is(err, store.ErrNotFound):
		return fiber.ErrNotFound
	case err != nil:
		return err
	}
	return s.cardsPage(c, fiber.StatusOK, "", "staff.saved")
}
