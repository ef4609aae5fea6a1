package server

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// contactDelete removes one panel contact.
func (s *Server) contactDelete(c *fiber.Ctx) error {
	err := s.db.DeleteContact(c.UserContext(), c.Params("id"))
	if errors.Is(err, store.ErrNotFound) {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	s.audit(c, principalOf(c).User.Name, "contacts.delete", "one contact")
	return c.Redirect("/admin/contacts", fiber.StatusSeeOther)
}
