package server

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// entryDelete removes a card or form keyed in by mistake; the audit log
// keeps who did it.
func (s *Server) entryDelete(c *fiber.Ctx) error {
	stored, in, err := s.paperResponse(c)
	if err != nil {
		return err
	}
	id := stored.ID
	err = s.db.DeletePaperResponse(c.UserContext(), id)
	if errors.Is(err, store.ErrNotFound) {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	s.audit(c, principalOf(c).User.Name, "paper.delete", "response "+id)
	var keep []string
	for _, b := range batchIDs(c) {
		if b != id {
			keep = append(keep, b)
		}
	}
	return c.Redirect("/entry"+batchQuery(in, keep, nil), fiber.StatusSeeOther)
}
