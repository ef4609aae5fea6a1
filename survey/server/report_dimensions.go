package server

import (
	"github.com/gofiber/fiber/v2"

	"palaute/report"
)

// reportDimensions lists each filter dimension's values for a survey's
// year, so that clients need not know band or card names.
func (s *Server) reportDimensions(c *fiber.Ctx) error {
	in, year, _, err := s.reportQuery(c, true)
	if err != nil {
		return err
	}
	y, err := s.src.Load(c.UserContext(), in.Key, year, report.NoRows)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"survey": in.Key, "year": year, "dimensions": y.Dimensions()})
}
