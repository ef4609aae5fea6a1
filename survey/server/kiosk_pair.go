package server

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// kioskPair stores a kiosk's credential in a cookie and goes on to the
// kiosk page; a wrong or revoked link gets a page that says so.
func (s *Server) kioskPair(c *fiber.Ctx) error {
	token := strings.Clone(c.Query("token"))
	k, err := s.db.KioskByToken(c.UserContext(), token)
	switch {
	case token != "" && err == nil && !k.Revoked:
		setKioskCookie(c, token)
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.Redirect("/kiosk", fiber.StatusSeeOther)
	case err != nil && !errors.Is(err, store.ErrNotFound):
		return err
	}
	return s.render(c, fiber.StatusNotFound, "notice.html", s.notice("kiosk.pair_invalid", ""))
}
