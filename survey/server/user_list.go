package server

import "github.com/gofiber/fiber/v2"

// userList shows every login with forms to change them, and a form to add
// one.
func (s *Server) userList(c *fiber.Ctx) error {
	return s.usersPage(c, fiber.StatusOK, "", "")
}

func (s *Server) usersPage(c *fiber.Ctx, status int, errKey, infoKey string) error {
	users, err := s.db.Users(c.UserContext())
	if err != nil {
		return err
	}
	p := s.staffPage(c, "staff.users")
	p.Data = users
	if errKey != "" {
		p.Error = p.T(errKey)
	}
	if infoKey != "" {
		p.Info = p.T(infoKey)
	}
	return s.renderStaff(c, status, "users.html", p)
}
