package server

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// kioskUnpair is a kiosk confirming the unpair an admin asked of it, once
// its outbox is empty: its credential stops working, its cookie is
// cleared and its state forgotten. Unasked, it is 409.
func (s *Server) kioskUnpair(c *fiber.Ctx) error {
	id := principalOf(c).KioskID
	err := s.db.UnpairKiosk(c.UserContext(), id)
	if errors.Is(err, store.ErrConflict) {
		return fiber.NewError(fiber.StatusConflict, "no unpair was asked of this kiosk")
	}
	if err != nil {
		return err
	}
	clearKioskCookie(c)
	s.audit(c, "kiosk "+strconv.FormatInt(id, 10), "kiosk.unpaired", "kiosk "+strconv.FormatInt(id, 10))
	return c.SendStatus(fiber.StatusNoContent)
}
