package server

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// audit records an action; a failure to record is logged, and never
// hides the action's own result. A request made with an API token is
// recorded as that token, by id and name.
func (s *Server) audit(c *fiber.Ctx, actor, action, detail string) {
	if err := s.auditStrict(c, actor, action, detail); err != nil {
		s.log.Error("audit log write failed", "action", action, "err", err)
	}
}

// auditStrict records an action and returns the error when it cannot:
// for what must not happen unrecorded, such as an export.
func (s *Server) auditStrict(c *fiber.Ctx, actor, action, detail string) error {
	if t := principalOf(c).Token; t != nil {
		actor = t.Label()
	}
	if err := s.db.Audit(c.UserContext(), actor, action, detail); err != nil {
		return fmt.Errorf("%w: %v", store.ErrUnavailable, err)
	}
	return nil
}

// actorName names who made the request in the audit log: the API token,
// or the logged-in user.
func (s *Server) actorName(c *fiber.Ctx) string {
	p := principalOf(c)
	switch {
	case p.Token != nil:
		return p.Token.Label()
	case p.User != nil:
		return p.User.Name
	}
	return ""
}

// newFormToken is a random token for forms.
func newFormToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
