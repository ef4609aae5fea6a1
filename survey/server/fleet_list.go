package server

import "github.com/gofiber/fiber/v2"

// fleetList answers GET /api/v1/kiosks: every kiosk with its status, the
// most urgent first, and the app version the server hands out.
func (s *Server) fleetList(c *fiber.Ctx) error {
	list, err := s.fleet(c.UserContext())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"version": s.kioskVersion, "kiosks": list})
}
