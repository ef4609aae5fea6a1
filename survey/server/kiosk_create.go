package server

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/kiosk"
	"palaute/survey/store"
)

// kioskCreate registers a kiosk and shows its pairing link and QR code,
// once.
func (s *Server) kioskCreate(c *fiber.Ctx) error {
	k, token, err := s.db.CreateKiosk(c.UserContext(), strings.Clone(c.FormValue("name")), strings.Clone(c.FormValue("unit")))
	if errors.Is(err, store.ErrInvalid) {
		return s.kiosksPage(c, fiber.StatusUnprocessableEntity, "", "")
	}
	if err != nil {
		return err
	}
	s.audit(c, principalOf(c).User.Name, "kiosk.add", fmt.Sprintf("kiosk %d %q", k.ID, k.Name))
	return s.kiosksPage(c, fiber.StatusOK, s.publicURL(c)+kiosk.PairPath(token), "staff.saved")
}
