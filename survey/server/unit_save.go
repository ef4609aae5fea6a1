package server

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/kiosk"
	"palaute/survey/store"
)

// unitSave adds a unit, or, when the route names its id, renames it and
// sets its opening hours.
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
		var hours *kiosk.Hours
		if c.FormValue("hours") != "" {
			h, herr := formHours(c)
			if herr != nil {
				return s.unitsPage(c, fiber.StatusUnprocessableEntity, "admin.hours_invalid", "")
			}
			hours = &h
		}
		err = s.db.RenameUnit(ctx, id, name)
		if err == nil {
			s.audit(c, actor, "unit.rename", "unit "+idParam+": "+name)
		}
		if err == nil && hours != nil {
			var keys []string
			for _, k := range c.Context().PostArgs().PeekMulti("survey") {
				keys = append(keys, string(k))
			}
			if err = s.db.SetUnitSurveys(ctx, id, keys); err == nil {
				s.audit(c, actor, "unit.surveys", "unit "+idParam+": "+strings.Join(keys, ","))
			}
		}
		if err == nil && hours != nil {
			err = s.db.SetUnitHours(ctx, id, *hours)
			if err == nil {
				s.audit(c, actor, "unit.hours", "unit "+idParam+": "+hours.OpensAt()+"–"+hours.ClosesAt()+" days "+hours.DayDigits())
			}
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

// formHours reads opening hours from a form: opens and closes as HH:MM,
// and a day field for each open ISO weekday.
func formHours(c *fiber.Ctx) (kiosk.Hours, error) {
	var days strings.Builder
	for _, d := range c.Context().PostArgs().PeekMulti("day") {
		days.Write(d)
	}
	return kiosk.ParseHours(strings.TrimSpace(c.FormValue("opens")), strings.TrimSpace(c.FormValue("closes")), days.String())
}
