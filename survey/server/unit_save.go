package server

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// unitSave adds a unit, or renames one when the route names its id.
func (s *Server) unitSave(c *fiber.Ctx) error {
	ctx := c.UserContext()
	name := strings.Clone(strings.TrimSpace(c.FormValue("name")))
	actor := principalOf(c).User.Name
	var err error
	if idParam := c.Params("id"); idParam != "" {
		id, perr := strconv.ParseInt(idParam, 10, 64)
		if perr != nil {
			return fiber.ErrNotFound
		}
		err = s.db.RenameUnit(ctx, id, name)
		if err == nil {
			s.audit(c, actor, "unit.rename", "unit "+idParam+": "+name)
		}
	} else if name == "" {
		err = store.ErrInvalid
	} else {
		_, err = s.db.EnsureUnit(ctx, name)
		if err == nil {
			s.audit(c, actor, "unit.add", name)
		}
	}
	switch {
	case errors.Is(err, store.ErrInvalid):
		return s.unitsPage(c, fiber.StatusUnprocessableEntity, "staff.invalid", "")
	case errors.Is(err, store.ErrExists):
		return s.unitsPage(c, fiber.StatusConflict, "admin.exists", "")
	case errors.Is(err, store.ErrNotFound):
		return fiber.ErrNotFound
	case err != nil:
		return err
	}
	return s.unitsPage(c, fiber.StatusOK, "", "staff.saved")
}
