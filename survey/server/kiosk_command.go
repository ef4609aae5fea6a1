package server

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/kiosk"
	"palaute/survey/store"
)

// kioskCommand leaves a command for a kiosk's next heartbeat: reload
// (fetch the app again at its next idle moment) or unpair (return to the
// pairing page once its outbox is empty).
func (s *Server) kioskCommand(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return fiber.ErrNotFound
	}
	cmd := kiosk.Command(strings.Clone(c.FormValue("command")))
	err = s.db.SetKioskCommand(c.UserContext(), id, cmd)
	switch {
	case errors.Is(err, store.ErrInvalid):
		return s.kiosksPage(c, fiber.StatusUnprocessableEntity, "", "")
	case errors.Is(err, store.ErrNotFound):
		return fiber.ErrNotFound
	case err != nil:
		return err
	}
	s.audit(c, principalOf(c).User.Name, "kiosk."+string(cmd), "kiosk "+strconv.FormatInt(id, 10))
	return s.kiosksPage(c, fiber.StatusOK, "", "admin.kiosk_command_sent")
}
