package server

import "github.com/gofiber/fiber/v2"

// staticShow serves an embedded file by its checksummed URL, cached for a
// year since the URL changes with the content.
func (s *Server) staticShow(c *fiber.Ctx) error {
	f, ok := s.static.byURL[c.Path()]
	if !ok {
		return fiber.ErrNotFound
	}
	c.Set(fiber.HeaderContentType, f.contentType)
	c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	return c.Send(f.body)
}
