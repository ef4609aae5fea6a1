package server

import "github.com/gofiber/fiber/v2"

// contactList shows the panel contacts to admins.
func (s *Server) contactList(c *fiber.Ctx) error {
	contacts, err := s.db.Contacts(c.UserContext())
	if err != nil {
		return err
	}
	p := s.staffPage(c, "staff.contacts")
	p.Data = contacts
	return s.renderStaff(c, fiber.StatusOK, "contacts.html", p)
}
