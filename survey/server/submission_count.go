package server

import "github.com/gofiber/fiber/v2"

// countSubmission counts every submission by channel and final status.
func (s *Server) countSubmission(c *fiber.Ctx) error {
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil {
		status = statusOf(err)
	}
	s.met.Submission(principalOf(c).Channel, status)
	return err
}
