package server

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// surveyShow answers the current version of one instrument, in the format
// of the instrument files.
func (s *Server) surveyShow(c *fiber.Ctx) error {
	in := s.reg.Current(c.Params("key"))
	if in == nil {
		return fmt.Errorf("survey: %w", store.ErrNotFound)
	}
	return c.JSON(in)
}
