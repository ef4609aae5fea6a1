package server

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// entryUpdate corrects a keyed-in card; the audit log keeps who did it.
func (s *Server) entryUpdate(c *fiber.Ctx) error {
	ctx := c.UserContext()
	id := c.Params("id")
	ids := batchIDs(c)
	form, r, _, errs, err := s.readEntry(ctx, c, id)
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.renderEntry(c, fiber.StatusUnprocessableEntity, "/entry/"+id, form, errs, ids)
	}
	if err := s.db.CorrectPaperResponse(ctx, r); errors.Is(err, store.ErrNotFound) {
		return fiber.ErrNotFound
	} else if err != nil {
		return err
	}
	s.audit(c, principalOf(c).User.Name, "paper.correct", "response "+r.ID)
	return c.Redirect("/entry"+batchQuery(ids), fiber.StatusSeeOther)
}
