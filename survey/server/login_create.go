package server

import (
	"crypto/subtle"
	"errors"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// maxLoginFailures is how many failed logins, per account and per client
// address, are allowed in loginWindow before the login answers 429.
const (
	maxLoginFailures = 10
	loginWindow      = 15 * time.Minute
)

// loginCreate checks a name and password and starts a new session; the
// session id is always new, so one planted before login is worthless.
// The attempt is counted before the password is hashed, so a burst of
// simultaneous tries is checked no more often than the limit allows.
func (s *Server) loginCreate(c *fiber.Ctx) error {
	ctx := c.UserContext()
	token := c.FormValue("_csrf")
	if !s.sameOrigin(c) || token == "" || subtle.ConstantTimeCompare([]byte(token), []byte(c.Cookies(loginCSRFCookie))) != 1 {
		return errForbidden
	}
	name := strings.Clone(strings.TrimSpace(c.FormValue("name")))
	shown := store.Clip(name, store.MaxAuditActor)
	from := s.clientAddr(c)
	keys := []string{"account:" + strings.ToLower(shown), "client:" + from}
	now := s.now()
	if blocked := s.loginFailures.reserve(now, maxLoginFailures, keys...); blocked != "" {
		s.auditRefused(c, shown, blocked, now)
		return s.loginForm(c, fiber.StatusTooManyRequests, "staff.too_many")
	}
	u, err := s.authenticate(ctx, name, c.FormValue("password"))
	if errors.Is(err, store.ErrNotFound) {
		s.audit(c, shown, "login.failed", "from "+from)
		return s.loginForm(c, fiber.StatusUnauthorized, "staff.wrong_login")
	}
	// Only a wrong password counts against the limit.
	s.loginFailures.release(keys...)
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
		case store.RoleWorker:
			next = "/me"
		case store.RoleQuality:
			next = "/reports"
		default:
			next = "/account"
		}
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}

// auditRefused writes one login.refused line per locked-out account or
// address per window, however many tries follow, so a flood of refused
// logins cannot push real entries out of sight.
func (s *Server) auditRefused(c *fiber.Ctx, name, blocked string, now time.Time) {
	if s.refusedLogged.reserve(now, 1, blocked) != "" {
		return
	}
	s.audit(c, name, "login.refused", "too many failed logins ("+blocked+"); further refusals in the next 15 minutes are not logged again")
}

// setSessionCookie sets the session cookie: HttpOnly, SameSite=Lax, and
// Secure whenever the client came over HTTPS. It lasts as long as the
// browser does; the server ends idle sessions after 30 minutes.
func (s *Server) setSessionCookie(c *fiber.Ctx, id string) {
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Value: id, Path: "/", HTTPOnly: true,
		SameSite: fiber.CookieSameSiteLaxMode, Secure: s.secure(c)})
}
