package server

import (
	"crypto/subtle"
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// maxLoginFailures is how many failed logins, per account and per client
// address, are allowed in 15 minutes before the login answers 429.
const maxLoginFailures = 10

// loginCreate checks a name and password and starts a new session; the
// session id is always new, so one planted before login is worthless.
func (s *Server) loginCreate(c *fiber.Ctx) error {
	ctx := c.UserContext()
	token := c.FormValue("_csrf")
	if !s.sameOrigin(c) || token == "" || subtle.ConstantTimeCompare([]byte(token), []byte(c.Cookies(loginCSRFCookie))) != 1 {
		return errForbidden
	}
	name := strings.Clone(strings.TrimSpace(c.FormValue("name")))
	account, client := "account:"+strings.ToLower(name), "client:"+s.clientAddr(c)
	now := s.now()
	if s.loginFailures.count(account, now) >= maxLoginFailures || s.loginFailures.count(client, now) >= maxLoginFailures {
		s.audit(c, name, "login.refused", "too many failed logins from "+s.clientAddr(c))
		return s.loginForm(c, fiber.StatusTooManyRequests, "staff.too_many")
	}
	u, err := s.db.Authenticate(ctx, name, c.FormValue("password"))
	if errors.Is(err, store.ErrNotFound) {
		s.loginFailures.add(account, now)
		s.loginFailures.add(client, now)
		s.audit(c, name, "login.failed", "from "+s.clientAddr(c))
		return s.loginForm(c, fiber.StatusUnauthorized, "staff.wrong_login")
	}
	if err != nil {
		return err
	}
	if old := c.Cookies(sessionCookie); old != "" {
		if err := s.db.DeleteSession(ctx, old); err != nil {
			return err
		}
	}
	id, _, err := s.db.CreateSession(ctx, u)
	if err != nil {
		return err
	}
	s.setSessionCookie(c, id)
	c.ClearCookie(loginCSRFCookie)
	s.audit(c, u.Name, "login", "role "+string(u.Role))
	next := safeNext(c.FormValue("next"))
	if next == "" {
		switch u.Role {
		case store.RoleAdmin:
			next = "/admin/users"
		case store.RoleEntry:
			next = "/entry"
		default:
			next = "/account"
		}
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}

// setSessionCookie sets the session cookie: HttpOnly, SameSite=Lax, and
// Secure whenever the client came over HTTPS. It lasts as long as the
// browser does; the server ends idle sessions after 30 minutes.
func (s *Server) setSessionCookie(c *fiber.Ctx, id string) {
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Value: id, Path: "/", HTTPOnly: true,
		SameSite: fiber.CookieSameSiteLaxMode, Secure: s.secure(c)})
}
