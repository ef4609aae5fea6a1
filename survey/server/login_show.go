package server

import (
	"strings"

	"github.com/gofiber/fiber/v2"
)

// loginCSRFCookie carries the login form's token before there is a
// session: the form must send back the same value (double submit).
const loginCSRFCookie = "palaute_login_csrf"

// loginShow draws the login form.
func (s *Server) loginShow(c *fiber.Ctx) error {
	return s.loginForm(c, fiber.StatusOK, "")
}

func (s *Server) loginForm(c *fiber.Ctx, status int, errKey string) error {
	p := s.staffPage(c, "staff.login")
	p.CSRF = newFormToken()
	c.Cookie(&fiber.Cookie{Name: loginCSRFCookie, Value: p.CSRF, Path: "/login", HTTPOnly: true,
		SameSite: fiber.CookieSameSiteStrictMode, Secure: s.secure(c)})
	p.Data = safeNext(c.Query("next", c.FormValue("next")))
	if errKey != "" {
		p.Error = p.T(errKey)
	}
	return s.renderStaff(c, status, "login.html", p)
}

// safeNext keeps a redirect target on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return ""
	}
	return strings.Clone(next)
}
