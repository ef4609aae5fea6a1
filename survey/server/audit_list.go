package server

import "github.com/gofiber/fiber/v2"

// auditList shows the newest 500 entries of the audit log.
func (s *Server) auditList(c *fiber.Ctx) error {
	entries, err := s.db.AuditLog(c.UserContext(), 500)
	if err != nil {
		return err
	}
	p := s.staffPage(c, "staff.audit")
	p.Data = entries
	return s.renderStaff(c, fiber.StatusOK, "audit.html", p)
}
