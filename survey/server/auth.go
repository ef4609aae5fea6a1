package server

import (
	"crypto/subtle"
	"errors"
	"net/netip"
	"net/url"
	"strconv"
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
	// paired tablet's cookie), a printed card's one-time token, or the
	// session of an entry or admin user keying in paper cards.
	submitter
	// metricsReader routes take an admin API token, or come from an
	// address configured to scrape metrics.
	metricsReader
	// anyUser routes take any logged-in user.
	anyUser
	// admin routes take a logged-in admin.
	admin
	// keyer routes take a user who keys in paper cards: entry or admin.
	keyer
	// reader routes take the quality group: a quality or admin user, or,
	// for GET only, an API token of either role.
	reader
	// readerUser routes take a logged-in quality or admin user; an API
	// token is refused with 403, since it may only read.
	readerUser
	// device routes take a paired kiosk and nobody else: its token as a
	// bearer token, or its cookie with a JSON body. The kiosk is known by
	// its credential alone, never by anything in the request.
	device
	// adminReader routes take a logged-in admin, or an admin API token on
	// GET.
	adminReader
	// worker routes take a logged-in worker, who reaches only the cards
	// linked to the login.
	worker
	// adminWriter routes take a logged-in admin, or an admin API token on
	// any method.
	adminWriter
)

// principal is the authenticated caller of a request.
type principal struct {
	Channel   string // the channel its responses arrive through
	KioskID   int64  // the kiosk a device route was called by
	UnitID    int64  // the device's unit, if any
	Card      string // the card a one-time token belongs to
	CardToken string // the one-time token itself
	Limit     string // the key its submissions are rate-limited by
	User      *store.User
	Token     *store.APIToken // the API token the request came with
	Session   *store.Session
	SessionID string
}

const localPrincipal = "principal"

// errUnauthorized is answered 401 by the API and with a redirect to the
// login page by pages; errForbidden is answered 403.
var (
	errUnauthorized = errors.New("unauthorized")
	errForbidden    = errors.New("forbidden")
	errRateLimited  = errors.New("too many requests")
)

// allow returns the middleware that lets through only callers with the
// given access. Logged-in users' state-changing requests must also carry
// the session's CSRF token.
func (s *Server) allow(a access) fiber.Handler {
	switch a {
	case public:
		return func(c *fiber.Ctx) error { return c.Next() }
	case submitter:
		return s.requireSubmitter
	case metricsReader:
		return s.requireMetricsReader
	case anyUser:
		return s.requireUser(store.Roles...)
	case admin:
		return s.requireUser(store.RoleAdmin)
	case keyer:
		return s.requireUser(store.RoleEntry, store.RoleAdmin)
	case reader:
		return s.requireReader
	case readerUser:
		return s.requireReaderUser
	case device:
		return s.requireDevice
	case adminReader:
		return s.requireAdminReader
	case worker:
		return s.requireUser(store.RoleWorker)
	case adminWriter:
		return s.requireAdminWriter
	}
	panic("unknown access")
}

// sessionCookie holds a logged-in user's session id.
const sessionCookie = "palaute_session"

// session returns the request's live session, or nil.
func (s *Server) session(c *fiber.Ctx) (*store.Session, string, error) {
	id := strings.Clone(c.Cookies(sessionCookie))
	if id == "" {
		return nil, "", nil
	}
	sess, err := s.db.SessionByID(c.UserContext(), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, "", nil
	case err != nil:
		return nil, "", err
	}
	return &sess, id, nil
}

// requireUser admits a logged-in user of one of the roles. Pages send
// anyone else to the login page; the API answers 401.
func (s *Server) requireUser(roles ...store.Role) fiber.Handler {
	return func(c *fiber.Ctx) error {
		sess, id, err := s.session(c)
		if err != nil {
			return err
		}
		if sess == nil || !hasRole(sess.User.Role, roles) {
			return s.refuse(c)
		}
		if err := s.checkCSRF(c, sess); err != nil {
			return err
		}
		c.Locals(localPrincipal, principal{User: &sess.User, Session: sess, SessionID: id})
		return c.Next()
	}
}

func hasRole(r store.Role, roles []store.Role) bool {
	for _, x := range roles {
		if r == x {
			return true
		}
	}
	return false
}

// refuse answers an unauthorised request: 401 from the API, a redirect to
// the login page from pages.
func (s *Server) refuse(c *fiber.Ctx) error {
	if strings.HasPrefix(c.Path(), "/api/") {
		return errUnauthorized
	}
	next := ""
	if c.Method() == fiber.MethodGet {
		next = "?next=" + url.QueryEscape(c.OriginalURL())
	}
	return c.Redirect("/login"+next, fiber.StatusSeeOther)
}

// checkCSRF demands the session's synchronizer token on every request
// that can change state, and an Origin of this site when the browser
// sends one.
func (s *Server) checkCSRF(c *fiber.Ctx, sess *store.Session) error {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return nil
	}
	if !s.sameOrigin(c) {
		return errForbidden
	}
	token := c.Get("X-CSRF-Token")
	if token == "" {
		token = c.FormValue("_csrf")
	}
	if token == "" || subtle.ConstantTimeCompare([]byte(token), []byte(sess.CSRF)) != 1 {
		return errForbidden
	}
	return nil
}

// sameOrigin is false when the browser says the request comes from
// another site: by Sec-Fetch-Site where it sends that, else by Origin.
func (s *Server) sameOrigin(c *fiber.Ctx) bool {
	switch c.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return false
	}
	origin := c.Get(fiber.HeaderOrigin)
	if origin == "" {
		return true
	}
	scheme := "http"
	if s.secure(c) {
		scheme = "https"
	}
	return origin == scheme+"://"+string(c.Request().Host())
}

func (s *Server) requireSubmitter(c *fiber.Ctx) error {
	token := bearer(c)
	if token == "" {
		return s.requireCookieSubmitter(c)
	}
	ctx := c.UserContext()
	k, err := s.db.KioskByToken(ctx, token)
	switch {
	case err == nil && !k.Revoked:
		return s.admitSubmitter(c, principal{Channel: survey.ChannelKiosk, UnitID: k.UnitID, Limit: "kiosk:" + token})
	case err == nil:
		return errUnauthorized
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	card, _, err := s.db.CardByToken(ctx, token)
	switch {
	case err == nil:
		return s.admitSubmitter(c, principal{Channel: survey.ChannelWeb, UnitID: card.UnitID, Card: card.Code, CardToken: token, Limit: "card:" + token})
	case errors.Is(err, store.ErrNotFound):
		return errUnauthorized
	}
	return err
}

// requireCookieSubmitter admits a paired tablet by its cookie, or an entry
// or admin user keying in paper cards by their session. The request must
// be JSON: a cross-site form cannot send that without the browser asking
// first, and neither cookie is sent along by another site's page.
func (s *Server) requireCookieSubmitter(c *fiber.Ctx) error {
	if !strings.HasPrefix(c.Get(fiber.HeaderContentType), fiber.MIMEApplicationJSON) {
		return errUnauthorized
	}
	if token := strings.Clone(c.Cookies(kioskCookie)); token != "" {
		k, err := s.db.KioskByToken(c.UserContext(), token)
		switch {
		case err == nil && !k.Revoked:
			return s.admitSubmitter(c, principal{Channel: survey.ChannelKiosk, UnitID: k.UnitID, Limit: "kiosk:" + token})
		case err != nil && !errors.Is(err, store.ErrNotFound):
			return err
		}
	}
	sess, id, err := s.session(c)
	if err != nil {
		return err
	}
	if sess == nil || !hasRole(sess.User.Role, []store.Role{store.RoleEntry, store.RoleAdmin}) {
		return errUnauthorized
	}
	if err := s.checkCSRF(c, sess); err != nil {
		return err
	}
	return s.admitSubmitter(c, principal{Channel: survey.ChannelPaper, User: &sess.User, Session: sess, SessionID: id,
		Limit: "user:" + sess.User.Name})
}

// admitSubmitter lets a submitter through within its rate limit: each
// kiosk, card and user has its own, so tablets behind one shared address
// never hold each other up.
func (s *Server) admitSubmitter(c *fiber.Ctx, p principal) error {
	if s.submitLimit != nil && !s.submitLimit.allow(p.Limit, s.now()) {
		return errRateLimited
	}
	c.Locals(localPrincipal, p)
	return c.Next()
}

// requireMetricsReader admits a client whose address, as the trusted
// proxy rules give it, may scrape metrics, or an admin API token.
func (s *Server) requireMetricsReader(c *fiber.Ctx) error {
	if addr, err := netip.ParseAddr(s.clientAddr(c)); err == nil {
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
	return s.admitAdminToken(c, token)
}

// admitAdminToken lets the request through with an admin API token;
// any other token is errUnauthorized.
func (s *Server) admitAdminToken(c *fiber.Ctx, token string) error {
	t, err := s.apiToken(c, token)
	if err != nil {
		return err
	}
	if t.Role != store.RoleAdmin {
		return errUnauthorized
	}
	c.Locals(localPrincipal, principal{Token: &t})
	return c.Next()
}

// apiToken returns the live API token and notes the month it was used
// (one write a month a token); errUnauthorized for an unknown or revoked
// one. Every request reads the database, so a revocation made by any
// process holds for the next request.
func (s *Server) apiToken(c *fiber.Ctx, token string) (store.APIToken, error) {
	ctx := c.UserContext()
	t, err := s.db.APITokenByToken(ctx, token)
	if errors.Is(err, store.ErrNotFound) {
		return t, errUnauthorized
	}
	if err != nil {
		return t, err
	}
	if month := s.now().UTC().Format("2006-01"); t.LastUsed != month {
		if err := s.db.MarkAPITokenUsed(ctx, t.ID, month); err != nil {
			s.log.Warn("could not note an API token's use", "token", t.ID, "err", err)
		}
		t.LastUsed = month
	}
	return t, nil
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

// requireReader admits a quality or admin API token on GET, or else a
// logged-in quality or admin user. An API token may only read: on any
// other method it is refused with 403.
func (s *Server) requireReader(c *fiber.Ctx) error {
	if token := bearer(c); token != "" {
		if c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead {
			return errForbidden
		}
		t, err := s.apiToken(c, token)
		if err != nil {
			return err
		}
		c.Locals(localPrincipal, principal{Token: &t})
		return c.Next()
	}
	return s.requireUser(store.RoleQuality, store.RoleAdmin)(c)
}

// requireReaderUser admits a logged-in quality or admin user only; a
// request with an API token is refused with 403.
func (s *Server) requireReaderUser(c *fiber.Ctx) error {
	if bearer(c) != "" {
		return errForbidden
	}
	return s.requireUser(store.RoleQuality, store.RoleAdmin)(c)
}

// requireDevice admits a paired, unrevoked kiosk within its own rate
// limit. Its cookie counts only on a JSON request, which no other site's
// page can send without the browser asking first.
func (s *Server) requireDevice(c *fiber.Ctx) error {
	token := bearer(c)
	if token == "" && strings.HasPrefix(c.Get(fiber.HeaderContentType), fiber.MIMEApplicationJSON) {
		token = strings.Clone(c.Cookies(kioskCookie))
	}
	if token == "" {
		return errUnauthorized
	}
	k, err := s.db.KioskByToken(c.UserContext(), token)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return errUnauthorized
	case err != nil:
		return err
	case k.Revoked:
		return errUnauthorized
	}
	if !s.deviceLimit.allow(strconv.FormatInt(k.ID, 10), s.now()) {
		return errRateLimited
	}
	c.Locals(localPrincipal, principal{Channel: survey.ChannelKiosk, KioskID: k.ID, UnitID: k.UnitID, Limit: "kiosk:" + token})
	return c.Next()
}

// requireAdminWriter admits an admin API token, or else a logged-in
// admin.
func (s *Server) requireAdminWriter(c *fiber.Ctx) error {
	if token := bearer(c); token != "" {
		return s.admitAdminToken(c, token)
	}
	return s.requireUser(store.RoleAdmin)(c)
}

// requireAdminReader admits an admin API token on GET, or else a
// logged-in admin.
func (s *Server) requireAdminReader(c *fiber.Ctx) error {
	token := bearer(c)
	if token == "" {
		return s.requireUser(store.RoleAdmin)(c)
	}
	if c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead {
		return errForbidden
	}
	return s.admitAdminToken(c, token)
}
