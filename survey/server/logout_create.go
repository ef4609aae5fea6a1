package server

import "github.com/gofiber/fiber/v2"

// logoutCreate ends the session on the server and forgets the cookie.
func (s *Server) logoutCreate(c *fiber.Ctx) error {
	p := principalOf(c)
	if err := s.db.DeleteSession(c.UserContext(), p.SessionID); err != nil {
		return err
	}
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Value: "", Path: "/", HTTPOnly: true, MaxAge: -1,
		SameSite: fiber.CookieSameSiteLaxMode, Secure: s.secure(c)})
	s.audit(c, p.User.Name, "logout", "")
	return c.Redirect("/login", fiber.StatusSeeOther)
}
