package server

import (
	"errors"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"palaute/survey/store"
)

// entryCreate saves one keyed-in paper card or form, channel paper. A
// card's one-time token, when scanned or its check code typed, is used
// up, so the same card cannot count by web and by paper.
func (s *Server) entryCreate(c *fiber.Ctx) error {
	ctx := c.UserContext()
	in, err := s.entrySurvey(c.FormValue("survey"))
	if err != nil {
		return err
	}
	ids := batchIDs(c)
	values, r, token, errs, err := s.readEntry(ctx, c, in, uuid.NewString())
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.renderEntry(c, fiber.StatusUnprocessableEntity, "/entry", in, values, errs, ids)
	}
	_, err = s.db.Submit(ctx, r, store.Source{CardTokenHash: token})
	if errors.Is(err, store.ErrTokenUsed) {
		p := s.staffPage(c, "entry.title")
		errs := []entryError{{Field: fieldToken, Message: problem(p.T("entry.token"), p.T("entry.token_used"))}}
		return s.renderEntry(c, fiber.StatusConflict, "/entry", in, values, errs, ids)
	}
	if err != nil {
		return err
	}
	ids = append(ids, r.ID)
	return c.Redirect("/entry"+batchQuery(in, ids, values), fiber.StatusSeeOther)
}
