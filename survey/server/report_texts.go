package server

import (
	"github.com/gofiber/fiber/v2"
)

// reportTexts lists the free-text answers of a figure the disclosure
// rules release, in random order, labelled no finer than the released
// months.
func (s *Server) reportTexts(c *fiber.Ctx) error {
	in, year, _, texts, released, err := s.releasedTexts(c)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"survey": in.Key, "year": year, "suppressed": !released, "texts": texts})
}
