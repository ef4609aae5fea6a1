package server

import (
	"crypto/rand"
	"encoding/base64"

	"github.com/gofiber/fiber/v2"
)

// audit records an action; a failure to record is logged, and never
// hides the action's own result.
func (s *Server) audit(c *fiber.Ctx, actor, action, detail string) {
	if err := s.db.Audit(c.UserContext(), actor, action, detail); err != nil {
		s.log.Error("audit log write failed", "action", action, "err", err)
	}
}

// newFormToken is a random token for forms.
func newFormToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
