package server

import (
	"github.com/gofiber/fiber/v2"

	"palaute/survey"
)

// definitionLimit is the largest instrument definition accepted.
const definitionLimit = readLimit

// surveyUpdate publishes the body, an instrument definition, as the next
// version of the survey the path names: 201 with the version, or 422
// naming every field at fault. The version in the body, if any, is
// ignored: the next one is given.
func (s *Server) surveyUpdate(c *fiber.Ctx) error {
	in, err := survey.DecodeInstrument(c.Body())
	if err != nil {
		return err
	}
	key := c.Params("key")
	if in.Key != key {
		return survey.Problems{{Field: "key", Code: survey.ProblemKeyChanged, Value: in.Key}}
	}
	pub, err := s.db.Publish(c.UserContext(), in, s.actorName(c))
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"key": pub.Key, "version": pub.Version})
}
