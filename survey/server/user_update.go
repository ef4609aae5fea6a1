package server

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// userUpdate changes a login's role, disables or enables it, or sets its
// password.
func (s *Server) userUpdate(c *fiber.Ctx) error {
	ctx := c.UserContext()
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return fiber.ErrNotFound
	}
	actor := principalOf(c).User
	var detail string
	switch c.FormValue("do") {
	case "role":
		role, perr := store.ParseRole(c.FormValue("role"))
		if perr != nil {
			return s.usersPage(c, fiber.StatusUnprocessableEntity, "staff.invalid", "")
		}
		cards := cardCodes(c.FormValue("cards"))
		if role != store.RoleWorker {
			cards = nil // the field keeps a former worker's codes
		}
		if errKey := cardsForRole(role, cards); errKey != "" {
			return s.usersPage(c, fiber.StatusUnprocessableEntity, errKey, "")
		}
		err, detail = s.db.SetUserRole(ctx, id, role, cards), "role "+string(role)+withCards(cards)
	case "disable":
		if id == actor.ID {
			return s.usersPage(c, fiber.StatusUnprocessableEntity, "staff.invalid", "")
		}
		err, detail = s.db.SetUserDisabled(ctx, id, true), "disabled"
	case "enable":
		err, detail = s.db.SetUserDisabled(ctx, id, false), "enabled"
	case "password":
		err, detail = s.db.SetPassword(ctx, id, c.FormValue("password")), "password set"
	default:
		return s.usersPage(c, fiber.StatusUnprocessableEntity, "staff.invalid", "")
	}
	switch {
	case errors.Is(err, store.ErrInvalid):
		return s.usersPage(c, fiber.StatusUnprocessableEntity, "staff.password_short", "")
	case errors.Is(err, store.ErrNoSuchCard):
		return s.usersPage(c, fiber.StatusUnprocessableEntity, "staff.card_unknown", "")
	case errors.Is(err, store.ErrNotFound):
		return fiber.ErrNotFound
	case err != nil:
		return err
	}
	s.audit(c, actor.Name, "user.update", fmt.Sprintf("user %d: %s", id, detail))
	return s.usersPage(c, fiber.StatusOK, "", "staff.saved")
}
