package server

import (
	"github.com/gofiber/fiber/v2"

	"palaute/assets"
)

// posterWorker serves the wall screen's service worker, which keeps the
// last figures for a network outage.
func (s *Server) posterWorker(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, "text/javascript; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, "no-cache")
	c.Set("Service-Worker-Allowed", "/poster")
	return c.Send(assets.WallWorker)
}
