package server

import (
	"errors"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"palaute/survey/store"
)

// entryCreate saves one keyed-in paper card, channel paper. A card's
// one-time token, when typed, is used up, so the same card cannot count
// by web and by paper.
func (s *Server) entryCreate(c *fiber.Ctx) error {
	ctx := c.UserContext()
	ids := batchIDs(c)
	form, r, token, errs, err := s.readEntry(ctx, c, uuid.NewString())
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.renderEntry(c, fiber.StatusUnprocessableEntity, "/entry", form, errs, ids)
	}
	_, err = s.db.Submit(ctx, r, store.Source{CardToken: token})
	if errors.Is(err, store.ErrTokenUsed) {
		p := s.staffPage(c, "entry.title")
		return s.renderEntry(c, fiber.StatusConflict, "/entry", form, []string{p.T("entry.token_used")}, ids)
	}
	if err != nil {
		return err
	}
	ids = append(ids, r.ID)
	return c.Redirect("/entry"+batchQuery(ids), fiber.StatusSeeOther)
}
