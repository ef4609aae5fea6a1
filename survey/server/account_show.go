package server

import "github.com/gofiber/fiber/v2"

// accountShow shows who is signed in and lets them change their password.
func (s *Server) accountShow(c *fiber.Ctx) error {
	p := s.staffPage(c, "staff.account")
	if c.Query("changed") == "1" {
		p.Info = p.T("staff.password_changed")
	}
	return s.renderStaff(c, fiber.StatusOK, "account.html", p)
}
