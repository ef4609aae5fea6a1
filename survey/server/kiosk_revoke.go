package server

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// kioskRevoke stops a kiosk from submitting; its screen then says so.
func (s *Server) kioskRevoke(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return fiber.ErrNotFound
	}
	if err := s.db.RevokeKiosk(c.UserContext(), id); errors.Is(err, store.ErrNotFound) {
		return fiber.ErrNotFound
	} else if err != nil {
		return err
	}
	s.audit(c, principalOf(c).User.Name, "kiosk.revoke", "kiosk "+c.Params("id"))
	return s.kiosksPage(c, fiber.StatusOK, "", "staff.saved")
}
