package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"palaute/kiosk"
	"palaute/report"
	"palaute/survey/store"
)

// addUsers creates one user per role, the worker with the fixture's BLUE
// card; each password is name-password-123.
func (f *fixture) addUsers(t *testing.T) {
	t.Helper()
	for _, u := range []struct {
		name  string
		role  store.Role
		cards []string
	}{{"admin", store.RoleAdmin, nil}, {"quality", store.RoleQuality, nil}, {"entry", store.RoleEntry, nil}, {"worker", store.RoleWorker, []string{"BLUE"}}} {
		if _, err := f.db.CreateUser(context.Background(), u.name, u.role, u.name+"-password-123", u.cards); err != nil {
			t.Fatal(err)
		}
	}
}

// browserish sends a request as a browser would, with cookies.
type browserish struct {
	f       *fixture
	cookies map[string]string
	header  map[string]string
}

func (f *fixture) browser() *browserish {
	return &browserish{f: f, cookies: map[string]string{}, header: map[string]string{}}
}

func (b *browserish) do(t *testing.T, method, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	if form == nil {
		return b.send(t, httptest.NewRequest(method, path, nil))
	}
	req := httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.send(t, req)
}

// doBody sends a body as it is; its type is for b.header to say.
func (b *browserish) doBody(t *testing.T, method, path, body string) (*http.Response, string) {
	t.Helper()
	return b.send(t, httptest.NewRequest(method, path, strings.NewReader(body)))
}

func (b *browserish) send(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	for k, v := range b.header {
		req.Header.Set(k, v)
	}
	for k, v := range b.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	resp, err := b.f.app.Test(req, 10000)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.MaxAge < 0 || c.Value == "" {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c.Value
		}
	}
	text, _ := io.ReadAll(resp.Body)
	return resp, string(text)
}

func hidden(t *testing.T, html, name string) string {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	if err != nil {
		t.Fatal(err)
	}
	v, _ := doc.Find(`input[name="` + name + `"]`).First().Attr("value")
	return v
}

// login signs in and returns the session's CSRF token.
func (b *browserish) login(t *testing.T, name, password string) (*http.Response, string) {
	t.Helper()
	_, page := b.do(t, "GET", "/login", nil)
	resp, _ := b.do(t, "POST", "/login", url.Values{"_csrf": {hidden(t, page, "_csrf")}, "name": {name}, "password": {password}})
	_, account := b.do(t, "GET", "/account", nil)
	return resp, hidden(t, account, "_csrf")
}

// protected are the routes that need a login, with the role each needs.
// TestAuthorisationWalk checks that every registered route is either
// here or public.
var protected = map[string]string{
	"POST /logout":                          "any",
	"GET /account":                          "any",
	"POST /account/password":                "any",
	"POST /account/language":                "any",
	"GET /me":                               "worker",
	"GET /me/summary":                       "worker",
	"GET /me/cards":                         "worker",
	"POST /me/cards":                        "worker",
	"GET /api/v1/me/feedback":               "worker",
	"GET /entry":                            "keyer",
	"POST /entry":                           "keyer",
	"GET /entry/:id/edit":                   "keyer",
	"POST /entry/:id":                       "keyer",
	"POST /entry/:id/delete":                "keyer",
	"GET /admin/survey-form":                "readerUser",
	"GET /admin/settings":                   "admin",
	"POST /admin/settings":                  "admin",
	"GET /admin/units":                      "admin",
	"POST /admin/units":                     "admin",
	"POST /admin/units/:id":                 "admin",
	"GET /admin/cards":                      "admin",
	"POST /admin/cards":                     "admin",
	"POST /admin/cards/:code":               "admin",
	"GET /admin/kiosks":                     "admin",
	"POST /admin/kiosks":                    "admin",
	"POST /admin/kiosks/:id/revoke":         "admin",
	"POST /admin/kiosks/:id/command":        "admin",
	"GET /admin/users":                      "admin",
	"POST /admin/users":                     "admin",
	"POST /admin/users/:id":                 "admin",
	"GET /admin/audit":                      "admin",
	"GET /admin/tokens":                     "admin",
	"POST /admin/tokens/:id/revoke":         "admin",
	"POST /admin/cards/:code/print":         "admin",
	"GET /admin/contacts":                   "admin",
	"GET /admin/contacts.csv":               "admin",
	"POST /admin/contacts/:id/delete":       "admin",
	"GET /metrics":                          "admin token",
	"GET /api/v1/reports/summary":           "reader",
	"GET /api/v1/reports/compare":           "reader",
	"GET /api/v1/reports/texts":             "reader",
	"GET /api/v1/reports/dimensions":        "reader",
	"GET /reports":                          "readerUser",
	"GET /reports/texts":                    "readerUser",
	"GET /reports/export.xlsx":              "reader",
	"GET /reports/raw.xlsx":                 "reader",
	"GET /reports/charts":                   "reader",
	"GET /reports/charts/:file":             "reader",
	"GET /reports/actions":                  "readerUser",
	"POST /reports/actions":                 "readerUser",
	"POST /reports/actions/:id/delete":      "readerUser",
	"POST /api/v1/responses":                "submitter",
	"POST /kiosk/contact":                   "submitter",
	"POST /kiosk/heartbeat":                 "device",
	"POST /kiosk/unpair":                    "device",
	"GET /api/v1/kiosks":                    "adminReader",
	"PUT /api/v1/surveys/:key":              "adminWriter",
	"GET /admin/surveys":                    "readerUser",
	"GET /admin/surveys/:key":               "readerUser",
	"POST /admin/surveys/:key":              "readerUser",
	"GET /admin/surveys/:key/preview/:view": "readerUser",
	"GET /reports/national.csv":             "reader",
}

var publicRoutes = map[string]bool{
	"GET /healthz": true, "GET /static/:file": true, "GET /kiosk": true, "GET /kiosk/pair": true,
	"GET /kiosk/sw.js": true, "GET /kiosk/manifest.webmanifest": true, "GET /login": true, "POST /login": true,
	"GET /api/v1/surveys": true, "GET /api/v1/surveys/:key": true, "GET /v/:token": true, "GET /poster": true, "GET /poster/sw.js": true,
}

func TestLoginSessionLogout(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	b := f.browser()
	b.cookies["palaute_session"] = "planted-by-someone-else"
	resp, csrf := b.login(t, "quality", "quality-password-123")
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/reports" {
		t.Fatalf("login: %d to %q, want the reports home", resp.StatusCode, resp.Header.Get("Location"))
	}
	cookie := ""
	for _, h := range resp.Header.Values("Set-Cookie") {
		if strings.HasPrefix(h, "palaute_session=") {
			cookie = h
		}
	}
	for _, want := range []string{"HttpOnly", "SameSite=Lax", "path=/"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("session cookie %q lacks %s", cookie, want)
		}
	}
	if strings.Contains(strings.ToLower(cookie), "secure") || strings.Contains(cookie, "planted") {
		t.Errorf("session cookie %q", cookie)
	}
	session := b.cookies["palaute_session"]
	if r, page := b.do(t, "GET", "/account", nil); r.StatusCode != 200 || !strings.Contains(page, `id="who">quality<`) {
		t.Fatalf("account page: %d", r.StatusCode)
	}
	if r, _ := b.do(t, "POST", "/logout", url.Values{"_csrf": {csrf}}); r.StatusCode != 303 {
		t.Fatalf("logout: %d", r.StatusCode)
	}
	// The old session id no longer works, even if someone kept it.
	b2 := f.browser()
	b2.cookies["palaute_session"] = session
	if r, _ := b2.do(t, "GET", "/account", nil); r.StatusCode != 303 {
		t.Fatalf("session after logout: %d", r.StatusCode)
	}
	if r, page := f.browser().do(t, "POST", "/login", url.Values{"name": {"quality"}, "password": {"wrong"}}); r.StatusCode != 403 {
		t.Fatalf("login without the form's token: %d %s", r.StatusCode, page)
	}
	b3 := f.browser()
	if r, _ := b3.login(t, "quality", "wrong password!"); r.StatusCode != 401 {
		t.Fatalf("wrong password: %d", r.StatusCode)
	}
}

func TestSecureCookieBehindTLSProxy(t *testing.T) {
	f := newFixtureWith(t, kiosk.Settings{}, netip.MustParsePrefix("0.0.0.0/32"))
	f.addUsers(t)
	b := f.browser()
	b.header["X-Forwarded-Proto"] = "https"
	b.header["X-Forwarded-For"] = "198.51.100.7"
	resp, _ := b.login(t, "entry", "entry-password-123")
	if !strings.Contains(strings.ToLower(strings.Join(resp.Header.Values("Set-Cookie"), "\n")), "; secure") {
		t.Fatalf("session cookie over https is not Secure: %v", resp.Header.Values("Set-Cookie"))
	}
	if resp.Header.Get("Strict-Transport-Security") == "" {
		t.Fatal("no HSTS over https")
	}
	if r, _ := f.browser().do(t, "GET", "/login", nil); r.Header.Get("Strict-Transport-Security") != "" {
		t.Fatal("HSTS over plain http")
	}
}

func TestCSRF(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	b := f.browser()
	_, csrf := b.login(t, "entry", "entry-password-123")
	form := func(token string) url.Values {
		return url.Values{"_csrf": {token}, "current": {"entry-password-123"}, "new": {"a brand new password"}, "again": {"a brand new password"}}
	}
	for _, tt := range []struct {
		name, token, origin string
		want                int
	}{
		{"no token", "", "", 403},
		{"wrong token", "forged", "", 403},
		{"right token from another site", csrf, "http://evil.example", 403},
		{"right token", csrf, "", 303},
	} {
		b.header["Origin"] = tt.origin
		if tt.origin == "" {
			delete(b.header, "Origin")
		}
		if r, _ := b.do(t, "POST", "/account/password", form(tt.token)); r.StatusCode != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, r.StatusCode, tt.want)
		}
	}
	// GET never changes state.
	if r, _ := b.do(t, "GET", "/account/password", nil); r.StatusCode != 404 && r.StatusCode != 405 {
		t.Errorf("GET on a form action: %d", r.StatusCode)
	}
}

func TestLoginRateLimits(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	b := f.browser()
	for i := range 10 {
		if r, _ := b.login(t, "admin", fmt.Sprintf("wrong %d", i)); r.StatusCode != 401 {
			t.Fatalf("failure %d: %d", i+1, r.StatusCode)
		}
	}
	// The 11th try is refused, even with the right password, and a forged
	// X-Forwarded-For from an untrusted peer changes nothing.
	b.header["X-Forwarded-For"] = "203.0.113.99"
	if r, _ := b.login(t, "admin", "admin-password-123"); r.StatusCode != 429 {
		t.Fatalf("11th login: %d, want 429", r.StatusCode)
	}
	// Per client too: this address has used up its failures for any account.
	if r, _ := f.browser().login(t, "quality", "quality-password-123"); r.StatusCode != 429 {
		t.Fatalf("other account from the same client: %d, want 429", r.StatusCode)
	}
}

func TestLoginRateLimitPerAccountBehindProxy(t *testing.T) {
	f := newFixtureWith(t, kiosk.Settings{}, netip.MustParsePrefix("0.0.0.0/32"))
	f.addUsers(t)
	for i := range 10 {
		b := f.browser()
		b.header["X-Forwarded-For"] = fmt.Sprintf("198.51.100.%d", i+1)
		b.login(t, "admin", "wrong password")
	}
	b := f.browser()
	b.header["X-Forwarded-For"] = "198.51.100.200"
	if r, _ := b.login(t, "admin", "admin-password-123"); r.StatusCode != 429 {
		t.Fatalf("account after 10 failures from 10 addresses: %d, want 429", r.StatusCode)
	}
	// Another client behind the same proxy is not locked out of its own account.
	if r, _ := b.login(t, "quality", "quality-password-123"); r.StatusCode != 303 {
		t.Fatalf("other account, other client: %d", r.StatusCode)
	}
}

func TestSubmissionLimitIsPerKiosk(t *testing.T) {
	f := newFixture(t)
	_, other, err := f.db.CreateKiosk(context.Background(), "Toinen aula", "")
	if err != nil {
		t.Fatal(err)
	}
	limited := 0
	for i := range 620 {
		status, _ := f.do(t, "POST", "/api/v1/responses", f.kioskToken, visit(fmt.Sprintf("00000000-0000-4000-8000-%012d", i), ""))
		if status == 429 {
			limited++
		}
	}
	if limited == 0 {
		t.Fatal("a kiosk sending 620 answers at once was never limited")
	}
	// Both tablets share one address (NAT): the other is not held up.
	if status, body := f.do(t, "POST", "/api/v1/responses", other, visit("10000000-0000-4000-8000-000000000001", "")); status != 201 {
		t.Fatalf("other kiosk behind the same address: %d %s", status, body)
	}
}

func TestSecurityHeaders(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/login", "/kiosk", "/api/v1/surveys", "/healthz", "/nowhere"} {
		r, _ := f.browser().do(t, "GET", path, nil)
		h := r.Header
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "same-origin" {
			t.Errorf("%s: headers %v", path, h)
		}
		if ct := h.Get("Content-Type"); (strings.HasPrefix(ct, "text/") || strings.Contains(ct, "json")) && !strings.Contains(ct, "charset=utf-8") {
			t.Errorf("%s: content type %q without charset", path, ct)
		}
	}
}

func TestPanelContactsApartAndSafe(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	payloads := []string{`<script>alert("x")</script>`, `=HYPERLINK("http://evil.example","click")`, `@SUM(1+1)`}
	for _, p := range payloads {
		req := httptest.NewRequest("POST", "/kiosk/contact", strings.NewReader(fmt.Sprintf(`{"lang":"fi","name":%q,"contact":%q}`, p, p)))
		req.Header.Set("Content-Type", "application/json")
		req.AddCookie(&http.Cookie{Name: "palaute_kiosk", Value: f.kioskToken})
		resp, err := f.app.Test(req, 10000)
		if err != nil || resp.StatusCode != 204 {
			t.Fatalf("contact: %v %v", resp.StatusCode, err)
		}
	}
	if status, _ := f.do(t, "POST", "/kiosk/contact", f.kioskToken, `{"lang":"fi","name":"x","contact":""}`); status != 422 {
		t.Fatalf("empty contact: %d", status)
	}
	b := f.browser()
	_, csrf := b.login(t, "admin", "admin-password-123")
	_, page := b.do(t, "GET", "/admin/contacts", nil)
	if strings.Contains(page, `<script>alert`) {
		t.Fatal("a contact's name runs as script on the admin page")
	}
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(page))
	names := doc.Find("td.contact-name").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
	if len(names) != 3 {
		t.Fatalf("contacts page lists %v", names)
	}
	_, csv := b.do(t, "GET", "/admin/contacts.csv", nil)
	for _, p := range payloads[1:] {
		if !strings.Contains(csv, report.SafeCell(p)) && !strings.Contains(csv, strings.ReplaceAll(report.SafeCell(p), `"`, `""`)) {
			t.Errorf("CSV does not neutralise %q:\n%s", p, csv)
		}
	}
	id, _ := doc.Find(`form[action$="/delete"]`).First().Attr("action")
	if r, _ := b.do(t, "POST", id, url.Values{"_csrf": {csrf}}); r.StatusCode != 303 {
		t.Fatalf("delete contact: %d", r.StatusCode)
	}
	if left, _ := f.db.Contacts(context.Background()); len(left) != 2 {
		t.Fatalf("%d contacts after deleting one", len(left))
	}
	log, _ := f.db.AuditLog(context.Background(), 50)
	actions := map[string]bool{}
	for _, e := range log {
		actions[e.Action] = true
	}
	for _, want := range []string{"login", "contacts.export", "contacts.delete"} {
		if !actions[want] {
			t.Errorf("audit log lacks %s: %+v", want, log)
		}
	}
}

func TestAdminManagesUsers(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	b := f.browser()
	_, csrf := b.login(t, "admin", "admin-password-123")
	if r, page := b.do(t, "POST", "/admin/users", url.Values{"_csrf": {csrf}, "name": {"liisa"}, "role": {"entry"}, "password": {"short"}}); r.StatusCode != 422 || !strings.Contains(page, "12") {
		t.Fatalf("short password: %d", r.StatusCode)
	}
	if r, _ := b.do(t, "POST", "/admin/users", url.Values{"_csrf": {csrf}, "name": {"liisa"}, "role": {"entry"}, "password": {"liisan salasana 1"}}); r.StatusCode != 200 {
		t.Fatalf("add user: %d", r.StatusCode)
	}
	users, _ := f.db.Users(context.Background())
	var liisa store.UserInfo
	for _, u := range users {
		if u.Name == "liisa" {
			liisa = u
		}
	}
	path := fmt.Sprintf("/admin/users/%d", liisa.ID)
	if r, _ := b.do(t, "POST", path, url.Values{"_csrf": {csrf}, "do": {"role"}, "role": {"quality"}}); r.StatusCode != 200 {
		t.Fatalf("change role: %d", r.StatusCode)
	}
	lb := f.browser()
	if r, _ := lb.login(t, "liisa", "liisan salasana 1"); r.StatusCode != 303 {
		t.Fatalf("new user login: %d", r.StatusCode)
	}
	if r, _ := b.do(t, "POST", path, url.Values{"_csrf": {csrf}, "do": {"disable"}}); r.StatusCode != 200 {
		t.Fatalf("disable: %d", r.StatusCode)
	}
	if r, _ := lb.do(t, "GET", "/account", nil); r.StatusCode != 303 {
		t.Fatalf("disabled user's session still works: %d", r.StatusCode)
	}
	log, _ := f.db.AuditLog(context.Background(), 50)
	var lines []string
	for _, e := range log {
		lines = append(lines, e.Actor+" "+e.Action+" "+e.Detail)
	}
	joined := strings.Join(lines, "\n")
	for _, want := range []string{"admin user.create liisa (entry)", "role quality", "disabled"} {
		if !strings.Contains(joined, want) {
			t.Errorf("audit log lacks %q:\n%s", want, joined)
		}
	}
}

func TestPaperEntryBySession(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	b := f.browser()
	_, csrf := b.login(t, "entry", "entry-password-123")
	send := func(token string) int {
		req := httptest.NewRequest("POST", "/api/v1/responses", strings.NewReader(visit(id1, `,"card":"BLUE","date":"2026-04-10"`)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-CSRF-Token", token)
		req.AddCookie(&http.Cookie{Name: "palaute_session", Value: b.cookies["palaute_session"]})
		resp, err := f.app.Test(req, 10000)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if status := send(""); status != 403 {
		t.Fatalf("paper entry without CSRF token: %d", status)
	}
	if status := send(csrf); status != 201 {
		t.Fatalf("paper entry: %d", status)
	}
	r, _ := f.db.ResponseByID(context.Background(), id1)
	if r.Channel != "paper" || r.Day != "2026-04-10" {
		t.Fatalf("stored %+v", r)
	}
}
