package server

import (
	"errors"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// entryEdit draws a keyed-in card again, for correcting it.
func (s *Server) entryEdit(c *fiber.Ctx) error {
	r, err := s.db.ResponseByID(c.UserContext(), c.Params("id"))
	if errors.Is(err, store.ErrNotFound) || (err == nil && r.Channel != "paper") {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	form := map[string]string{"card": r.Card, "lang": r.Lang, "date": r.Day, "q2_text": r.Answers["q2_text"], "q3": r.Answers["q3"], "q2": r.Answers["q2"]}
	for digit, opt := range q1Digits {
		if r.Answers["q1"] == opt {
			form["q1"] = digit
		}
	}
	return s.renderEntry(c, fiber.StatusOK, fmt.Sprintf("/entry/%s", r.ID), form, nil, batchIDs(c))
}
