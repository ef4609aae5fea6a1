package server

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// entryUpdate corrects a keyed-in paper response, keeping its survey; the
// audit log keeps who did it.
func (s *Server) entryUpdate(c *fiber.Ctx) error {
	ctx := c.UserContext()
	stored, in, err := s.paperResponse(c)
	if err != nil {
		return err
	}
	ids := batchIDs(c)
	values, r, _, errs, err := s.readEntry(ctx, c, in, stored.ID)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.renderEntry(c, fiber.StatusUnprocessableEntity, "/entry/"+stored.ID, in, values, errs, ids)
	}
	if err := s.db.CorrectPaperResponse(ctx, r); errors.Is(err, store.ErrNotFound) {
		return fiber.ErrNotFound
	} else if err != nil {
		return err
	}
	s.audit(c, principalOf(c).User.Name, "paper.correct", "response "+r.ID)
	return c.Redirect("/entry"+batchQuery(in, ids, values), fiber.StatusSeeOther)
}
