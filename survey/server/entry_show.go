package server

import "github.com/gofiber/fiber/v2"

// entryShow draws the paper data-entry form, keyboard first: Tab moves
// between fields, Enter saves and starts the next card.
func (s *Server) entryShow(c *fiber.Ctx) error {
	return s.renderEntry(c, fiber.StatusOK, "/entry", map[string]string{"lang": "fi"}, nil, batchIDs(c))
}
