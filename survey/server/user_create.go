package server

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// userCreate adds a login.
func (s *Server) userCreate(c *fiber.Ctx) error {
	name := strings.Clone(strings.TrimSpace(c.FormValue("name")))
	role, err := store.ParseRole(c.FormValue("role"))
	if err != nil || name == "" {
		return s.usersPage(c, fiber.StatusUnprocessableEntity, "staff.invalid", "")
	}
	_, err = s.db.CreateUser(c.UserContext(), name, role, c.FormValue("password"))
	switch {
	case errors.Is(err, store.ErrExists):
		return s.usersPage(c, fiber.StatusConflict, "staff.user_exists", "")
	case errors.Is(err, store.ErrInvalid):
		return s.usersPage(c, fiber.StatusUnprocessableEntity, "staff.password_short", "")
	case err != nil:
		return err
	}
	s.audit(c, principalOf(c).User.Name, "user.create", name+" ("+string(role)+")")
	return s.usersPage(c, fiber.StatusOK, "", "staff.saved")
}
