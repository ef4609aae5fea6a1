package server

import "github.com/gofiber/fiber/v2"

// bodyLimit answers 413 to a request whose body is larger than n bytes.
func bodyLimit(n int) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if c.Request().Header.ContentLength() > n || len(c.Body()) > n {
			return fiber.ErrRequestEntityTooLarge
		}
		return c.Next()
	}
}

// limitByClient answers 429 to a client address that asks too often; for
// pages that take a secret in the URL, so it cannot be guessed by trying.
func (s *Server) limitByClient(c *fiber.Ctx) error {
	if !s.pairLimit.allow(s.clientAddr(c), s.now()) {
		return errRateLimited
	}
	return c.Next()
}
