package server

import "github.com/gofiber/fiber/v2"

// tokenList shows the API tokens, with a form to revoke each live one.
func (s *Server) tokenList(c *fiber.Ctx) error {
	return s.tokensPage(c, "")
}

func (s *Server) tokensPage(c *fiber.Ctx, infoKey string) error {
	tokens, err := s.db.APITokens(c.UserContext())
	if err != nil {
		return err
	}
	p := s.staffPage(c, "admin.tokens")
	p.Data = tokens
	if infoKey != "" {
		p.Info = p.T(infoKey)
	}
	return s.renderStaff(c, fiber.StatusOK, "tokens.html", p)
}
