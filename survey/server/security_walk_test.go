package server_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
)

// allowedBy names the identities each kind of protected route lets in.
// API tokens may use reader routes with GET only.
var allowedBy = map[string][]string{
	"any":         {"admin", "quality", "entry", "worker"},
	"worker":      {"worker"},
	"keyer":       {"admin", "entry"},
	"admin":       {"admin"},
	"reader":      {"admin", "quality", "quality token", "admin token"},
	"readerUser":  {"admin", "quality"},
	"admin token": {"admin token"},
	"submitter":   {"kiosk token", "card token", "kiosk cookie", "admin", "entry"},
	"device":      {"kiosk token", "kiosk cookie"},
	"adminReader": {"admin", "admin token"},
	"adminWriter": {"admin", "admin token"},
	"editor":      {"admin", "quality"},
}

// identity is one way of calling Palaute.
type identity struct {
	name   string
	b      *browserish
	csrf   string // the session's token, sent with every state change
	token  bool   // an API token
	bearer bool   // sends Authorization: Bearer
}

func (f *fixture) identities(t *testing.T) []identity {
	var ids []identity
	ids = append(ids, identity{name: "anonymous", b: f.browser()})
	for _, role := range []string{"admin", "quality", "entry", "worker"} {
		b := f.browser()
		_, csrf := b.login(t, role, role+"-password-123")
		ids = append(ids, identity{name: role, b: b, csrf: csrf})
	}
	bearer := func(name, token string, api bool) identity {
		b := f.browser()
		b.header["Authorization"] = "Bearer " + token
		return identity{name: name, b: b, token: api, bearer: true}
	}
	ids = append(ids, bearer("quality token", f.apiToken, true), bearer("admin token", f.adminToken, true),
		bearer("kiosk token", f.kioskToken, false), bearer("card token", f.cardTokens[0], false))
	cookie := f.browser()
	cookie.cookies["palaute_kiosk"] = f.kioskToken
	ids = append(ids, identity{name: "kiosk cookie", b: cookie})
	return ids
}

// TestAuthorisationWalk calls every registered route as every identity:
// anonymous, each role's session, both API tokens, a kiosk's token and
// cookie, and a card's one-time token. Each is let in exactly where the
// route's access says, refused with the expected status elsewhere, and
// nothing answers 500.
func TestAuthorisationWalk(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	ids := f.identities(t)
	routes := f.app.GetRoutes(true)
	// Logging out ends the session the later routes are called with.
	slices.SortStableFunc(routes, func(a, b fiber.Route) int {
		return boolInt(a.Path == "/logout") - boolInt(b.Path == "/logout")
	})
	seen := map[string]bool{}
	for _, r := range routes {
		key := r.Method + " " + r.Path
		if r.Method == "HEAD" || seen[key] {
			continue
		}
		seen[key] = true
		need, ok := protected[key]
		if !ok && !publicRoutes[key] {
			t.Errorf("route %s is neither public nor protected in this test: declare it", key)
			continue
		}
		path := strings.NewReplacer(":id", "99", ":code", "BLUE", ":file", "monthly.html", ":token", "unknown", ":key", "national").Replace(r.Path)
		api := strings.HasPrefix(path, "/api/") || path == "/metrics" || path == "/kiosk/contact" ||
			path == "/kiosk/heartbeat" || path == "/kiosk/unpair"
		for _, id := range ids {
			resp := call(t, id, r.Method, path, api)
			status, loc := resp.StatusCode, resp.Header.Get("Location")
			if status >= 500 {
				t.Errorf("%s as %s: %d", key, id.name, status)
				continue
			}
			if !ok {
				continue
			}
			toLogin := status == 303 && strings.HasPrefix(loc, "/login")
			allowed := slices.Contains(allowedBy[need], id.name) && !(id.token && r.Method != "GET" && need != "adminWriter")
			// Logging out is let in, and then sent to the login page.
			loggedOut := key == "POST /logout" && toLogin
			switch {
			case allowed && (status == 401 || status == 403 || (toLogin && !loggedOut)):
				t.Errorf("%s as %s: refused with %d %s, want it let in", key, id.name, status, loc)
			case allowed:
			case id.bearer && need == "readerUser", id.token && need == "reader":
				if status != 403 {
					t.Errorf("%s as %s: %d, want 403: a bearer token only reads reports", key, id.name, status)
				}
			case id.bearer && need == "reader":
				if status != 401 {
					t.Errorf("%s as %s: %d, want 401: not a report token", key, id.name, status)
				}
			case api && status != 401:
				t.Errorf("%s as %s: %d, want 401", key, id.name, status)
			case !api && !toLogin:
				t.Errorf("%s as %s: %d to %q, want a redirect to /login", key, id.name, status, loc)
			}
		}
	}
	for key := range protected {
		if !seen[key] {
			t.Errorf("protected route %s is not registered", key)
		}
	}
}

// call sends one request as id: JSON to the API, a form to pages, with
// the session's CSRF token where there is one.
func call(t *testing.T, id identity, method, path string, api bool) *http.Response {
	t.Helper()
	if api && method == "POST" {
		b := id.b
		b.header["Content-Type"] = "application/json"
		if id.csrf != "" {
			b.header["X-CSRF-Token"] = id.csrf
		}
		defer delete(b.header, "Content-Type")
		defer delete(b.header, "X-CSRF-Token")
		resp, _ := b.doBody(t, method, path, "{}")
		return resp
	}
	csrf := id.csrf
	if csrf == "" {
		csrf = "x"
	}
	resp, _ := id.b.do(t, method, path, url.Values{"_csrf": {csrf}})
	return resp
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
