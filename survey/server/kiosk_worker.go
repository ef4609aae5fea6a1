package server

import (
	"encoding/json"

	"github.com/gofiber/fiber/v2"

	"palaute/assets"
)

// kioskAssets are the files the kiosk keeps for offline use.
var kioskAssets = []string{"kiosk.js", "kiosk.css", "icon.svg", "icon-192.png", "icon-512.png"}

// kioskWorker serves the service worker with its settings above it: the
// version, the page and the assets to keep offline.
func (s *Server) kioskWorker(c *fiber.Ctx) error {
	var keep []string
	for _, name := range kioskAssets {
		u, err := s.static.URL(name)
		if err != nil {
			return err
		}
		keep = append(keep, u)
	}
	conf, err := json.Marshal(map[string]any{"version": s.kioskVersion, "home": "/kiosk", "assets": keep})
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/javascript; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, "no-cache")
	// The worker lives under /kiosk/ but controls /kiosk itself.
	c.Set("Service-Worker-Allowed", "/kiosk")
	body := append([]byte("self.PALAUTE = "), conf...)
	body = append(body, ";\n"...)
	return c.Send(append(body, assets.Worker...))
}
