package server

import (
	"errors"
	"net/netip"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey"
	"palaute/survey/store"
)

// access is what a route demands of its caller.
type access int

const (
	// public routes need no credentials.
	public access = iota
	// submitter routes take a kiosk's token (as a bearer token, or the
	// paired tablet's cookie) or a printed card's one-time token.
	submitter
	// metricsReader routes take an admin API token, or come from an
	// address configured to scrape metrics.
	metricsReader
)

// principal is the authenticated caller of a request.
type principal struct {
	Channel   string // the channel its responses arrive through
	UnitID    int64  // the device's unit, if any
	Card      string // the card a one-time token belongs to
	CardToken string // the one-time token itself
}

const localPrincipal = "principal"

// errUnauthorized is answered 401.
var errUnauthorized = errors.New("unauthorized")

// allow returns the middleware that lets through only callers with the
// given access.
func (s *Server) allow(a access) fiber.Handler {
	switch a {
	case public:
		return func(c *fiber.Ctx) error { return c.Next() }
	case submitter:
		return s.requireSubmitter
	case metricsReader:
		return s.requireMetricsReader
	}
	panic("unknown access")
}

func (s *Server) requireSubmitter(c *fiber.Ctx) error {
	token := bearer(c)
	if token == "" {
		return s.requireKioskCookie(c)
	}
	ctx := c.UserContext()
	k, err := s.db.KioskByToken(ctx, token)
	switch {
	case err == nil && !k.Revoked:
		c.Locals(localPrincipal, principal{Channel: survey.ChannelKiosk, UnitID: k.UnitID})
		return c.Next()
	case err == nil:
		return errUnauthorized
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	card, _, err := s.db.CardByToken(ctx, token)
	switch {
	case err == nil:
		c.Locals(localPrincipal, principal{Channel: survey.ChannelWeb, UnitID: card.UnitID, Card: card.Code, CardToken: token})
		return c.Next()
	case errors.Is(err, store.ErrNotFound):
		return errUnauthorized
	}
	return err
}

// bearer returns the request's bearer token, or "". The token is copied:
// Fiber reuses the request's memory after the handler returns.
func bearer(c *fiber.Ctx) string {
	h := c.Get(fiber.HeaderAuthorization)
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.Clone(strings.TrimSpace(token))
}

func principalOf(c *fiber.Ctx) principal {
	p, _ := c.Locals(localPrincipal).(principal)
	return p
}

func (s *Server) requireMetricsReader(c *fiber.Ctx) error {
	if addr, err := netip.ParseAddr(c.IP()); err == nil {
		for _, p := range s.metricsFrom {
			if p.Contains(addr.Unmap()) {
				return c.Next()
			}
		}
	}
	token := bearer(c)
	if token == "" {
		return errUnauthorized
	}
	t, err := s.db.APITokenByToken(c.UserContext(), token)
	switch {
	case err == nil && t.Role == store.RoleAdmin:
		return c.Next()
	case err == nil || errors.Is(err, store.ErrNotFound):
		return errUnauthorized
	}
	return err
}

// requireKioskCookie admits a paired tablet by its cookie. The request
// must be JSON: a cross-site form cannot send that without the browser
// asking first, and the SameSite=Strict cookie is not sent cross-site.
func (s *Server) requireKioskCookie(c *fiber.Ctx) error {
	token := strings.Clone(c.Cookies(kioskCookie))
	if token == "" || !strings.HasPrefix(c.Get(fiber.HeaderContentType), fiber.MIMEApplicationJSON) {
		return errUnauthorized
	}
	k, err := s.db.KioskByToken(c.UserContext(), token)
	switch {
	case err == nil && !k.Revoked:
		c.Locals(localPrincipal, principal{Channel: survey.ChannelKiosk, UnitID: k.UnitID})
		return c.Next()
	case err == nil || errors.Is(err, store.ErrNotFound):
		return errUnauthorized
	}
	return err
}
