package server

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// tokenRevoke stops an API token from working, from its next request on.
func (s *Server) tokenRevoke(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return fiber.ErrNotFound
	}
	t, err := s.db.RevokeAPIToken(c.UserContext(), id)
	if errors.Is(err, store.ErrNotFound) {
		return fiber.ErrNotFound
	} else if err != nil {
		return err
	}
	s.audit(c, principalOf(c).User.Name, "token.revoke", t.Label())
	return s.tokensPage(c, "staff.saved")
}
