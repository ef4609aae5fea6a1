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
