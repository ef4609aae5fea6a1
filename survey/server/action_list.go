package server

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// actionList shows the "you said — we did" actions, with a form to add one.
func (s *Server) actionList(c *fiber.Ctx) error {
	return s.actionsPage(c, fiber.StatusOK, "")
}

func (s *Server) actionsPage(c *fiber.Ctx, status int, errKey string) error {
	actions, err := s.db.Actions(c.UserContext(), "", "0000-00")
	if err != nil {
		return err
	}
	p := s.staffPage(c, "poster.actions_title")
	p.Data = actions
	if errKey != "" {
		p.Error = p.T(errKey)
	}
	return s.renderStaff(c, status, "actions.html", p)
}

// actionCreate records an action for the poster.
func (s *Server) actionCreate(c *fiber.Ctx) error {
	form := func(k string) string { return strings.Clone(strings.TrimSpace(c.FormValue(k))) }
	a, err := s.db.AddAction(c.UserContext(), store.Action{Unit: form("unit"), Month: form("month"),
		Text: map[string]string{"fi": form("text_fi"), "sv": form("text_sv"), "en": form("text_en")}})
	if errors.Is(err, store.ErrInvalid) {
		return s.actionsPage(c, fiber.StatusUnprocessableEntity, "staff.invalid")
	}
	if err != nil {
		return err
	}
	s.audit(c, principalOf(c).User.Name, "action.add", fmt.Sprintf("action %d for %s", a.ID, a.Month))
	return c.Redirect("/reports/actions", fiber.StatusSeeOther)
}

// actionDelete removes an action.
func (s *Server) actionDelete(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return fiber.ErrNotFound
	}
	if err := s.db.DeleteAction(c.UserContext(), id); errors.Is(err, store.ErrNotFound) {
		return fiber.ErrNotFound
	} else if err != nil {
		return err
	}
	s.audit(c, principalOf(c).User.Name, "action.delete", "action "+c.Params("id"))
	return c.Redirect("/reports/actions", fiber.StatusSeeOther)
}
