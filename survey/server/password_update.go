package server

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// passwordUpdate changes the signed-in user's own password. It ends every
// session of the user and starts a new one for this browser.
func (s *Server) passwordUpdate(c *fiber.Ctx) error {
	ctx := c.UserContext()
	pr := principalOf(c)
	p := s.staffPage(c, "staff.account")
	fail := func(status int, key string) error {
		p.Error = p.T(key)
		return s.renderStaff(c, status, "account.html", p)
	}
	// Wrong current passwords count against the same limit as logins, so
	// a session left open cannot be used to guess the password.
	keys := []string{"account:" + strings.ToLower(pr.User.Name), "client:" + s.clientAddr(c)}
	if blocked := s.loginFailures.reserve(s.now(), maxLoginFailures, keys...); blocked != "" {
		s.auditRefused(c, pr.User.Name, blocked, s.now())
		return fail(fiber.StatusTooManyRequests, "staff.too_many")
	}
	if _, err := s.authenticate(ctx, pr.User.Name, c.FormValue("current")); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			s.audit(c, pr.User.Name, "password.failed", "wrong current password from "+s.clientAddr(c))
			return fail(fiber.StatusUnprocessableEntity, "staff.wrong_login")
		}
		s.loginFailures.release(keys...)
		return err
	}
	s.loginFailures.release(keys...)
	newPassword := c.FormValue("new")
	if newPassword != c.FormValue("again") {
		return fail(fiber.StatusUnprocessableEntity, "staff.passwords_differ")
	}
	if utf8.RuneCountInString(newPassword) < store.MinPasswordLength {
		return fail(fiber.StatusUnprocessableEntity, "staff.password_short")
	}
	if err := s.db.SetPassword(ctx, pr.User.ID, newPassword); err != nil {
		return err
	}
	id, _, err := s.db.CreateSession(ctx, *pr.User)
	if err != nil {
		return err
	}
	s.setSessionCookie(c, id)
	s.audit(c, pr.User.Name, "password.change", "own password")
	return c.Redirect("/account?changed=1", fiber.StatusSeeOther)
}
