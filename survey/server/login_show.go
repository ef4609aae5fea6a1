package server

import (
	"net/url"
	"strings"
	"unicode"

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

// safeNext keeps a redirect target on this site: a path with one leading
// slash, no second slash or backslash after it (even percent-encoded), no
// control characters and no scheme or host. Anything else gives "".
func safeNext(next string) string {
	if !localPath(next) {
		return ""
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || !localPath(u.Path) {
		return ""
	}
	return strings.Clone(next)
}

func localPath(p string) bool {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.Contains(p, "\\") {
		return false
	}
	return !strings.ContainsFunc(p, unicode.IsControl)
}
