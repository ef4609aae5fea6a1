package server

import "github.com/gofiber/fiber/v2"

// kioskManifest makes the kiosk installable as a full-screen web app.
func (s *Server) kioskManifest(c *fiber.Ctx) error {
	icon := func(name, size, typ string) fiber.Map {
		u, _ := s.static.URL(name)
		return fiber.Map{"src": u, "sizes": size, "type": typ, "purpose": "any"}
	}
	c.Set(fiber.HeaderContentType, "application/manifest+json; charset=utf-8")
	return c.JSON(fiber.Map{
		"name": "Palaute", "short_name": "Palaute", "lang": "fi",
		"start_url": "/kiosk", "scope": "/kiosk", "display": "fullscreen", "orientation": "any",
		"background_color": "#ffffff", "theme_color": "#0b4f8a",
		"icons": []fiber.Map{icon("icon-192.png", "192x192", "image/png"), icon("icon-512.png", "512x512", "image/png"), icon("icon.svg", "any", "image/svg+xml")},
	})
}
