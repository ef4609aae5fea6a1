package server

import (
	"github.com/gofiber/fiber/v2"

	"palaute/survey"
)

// surveyList answers the current version of every instrument definition.
func (s *Server) surveyList(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"surveys": s.reg.List(), "languages": survey.Languages})
}
