package server_test

import (
	"context"
	"fmt"
	"net/netip"
	"net/url"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"palaute/survey/server"
	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

// peakRSS resets the kernel's record of this process's peak resident
// memory and returns a function that reads the peak since, in bytes.
func peakRSS(t *testing.T) func() int64 {
	t.Helper()
	// Hand back what earlier tests left, so the peak is this test's.
	debug.FreeOSMemory()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Fatalf("reset the peak memory record: %v", err)
	}
	return func() int64 {
		status, err := os.ReadFile("/proc/self/status")
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(status), "\n") {
			if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
				if err != nil {
					t.Fatal(err)
				}
				return kb << 10
			}
		}
		t.Fatal("no VmHWM in /proc/self/status")
		return 0
	}
}

// 30 simultaneous wrong logins for one account: at most 10 passwords are
// checked, the rest are refused at once, and memory stays bounded because
// only two argon2id hashes (64 MiB each) run at a time.
func TestConcurrentLoginBurst(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	type attempt struct {
		b    *browserish
		csrf string
	}
	var attempts []attempt
	for range 30 {
		b := f.browser()
		_, page := b.do(t, "GET", "/login", nil)
		attempts = append(attempts, attempt{b, hidden(t, page, "_csrf")})
	}
	peak := peakRSS(t)
	t.Logf("resident memory before the burst: %d MiB", peak()>>20)
	statuses := make([]int, len(attempts))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, a := range attempts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			r, _ := a.b.do(t, "POST", "/login", url.Values{"_csrf": {a.csrf}, "name": {"admin"}, "password": {fmt.Sprintf("wrong password %d", i)}})
			statuses[i] = r.StatusCode
		}()
	}
	close(start)
	wg.Wait()
	rss := peak()
	checked := 0
	for i, s := range statuses {
		switch s {
		case 401:
			checked++
		case 429:
		default:
			t.Errorf("attempt %d: %d, want 401 or 429", i, s)
		}
	}
	failed := 0
	log, _ := f.db.AuditLog(context.Background(), 1000)
	for _, e := range log {
		if e.Action == "login.failed" {
			failed++
		}
	}
	if checked > 10 || failed > 10 {
		t.Errorf("%d answered 401 and %d failures logged, want at most 10 passwords checked", checked, failed)
	}
	if checked == 0 {
		t.Error("no password was checked at all")
	}
	t.Logf("peak resident memory during the burst: %d MiB", rss>>20)
	if rss > 300<<20 {
		t.Errorf("peak resident memory %d MiB, want under 300 MiB", rss>>20)
	}
}

// Once an address is locked out, further tries write one audit line, not
// one each, and a long name is cut.
func TestRefusedLoginsDoNotFloodTheAuditLog(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	for i := range 10 {
		f.browser().login(t, "admin", fmt.Sprintf("wrong %d", i))
	}
	long := strings.Repeat("a", 8000)
	for i := range 25 {
		if r, _ := f.browser().login(t, fmt.Sprintf("%s%d", long, i), "whatever password"); r.StatusCode != 429 {
			t.Fatalf("try %d after the lockout: %d", i, r.StatusCode)
		}
	}
	log, _ := f.db.AuditLog(context.Background(), 1000)
	refused := 0
	for _, e := range log {
		if e.Action == "login.refused" {
			refused++
		}
		if n := len([]rune(e.Actor)); n > 64 {
			t.Errorf("audit actor of %d characters", n)
		}
	}
	if refused != 1 {
		t.Fatalf("%d login.refused lines for one locked-out address, want 1", refused)
	}
}

func TestPasswordChangeIsLimitedLikeLogin(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	b := f.browser()
	_, csrf := b.login(t, "entry", "entry-password-123")
	form := func(current string) url.Values {
		return url.Values{"_csrf": {csrf}, "current": {current}, "new": {"a brand new password"}, "again": {"a brand new password"}}
	}
	for i := range 10 {
		if r, _ := b.do(t, "POST", "/account/password", form(fmt.Sprintf("guess %d", i))); r.StatusCode != 422 {
			t.Fatalf("wrong current password %d: %d", i+1, r.StatusCode)
		}
	}
	if r, _ := b.do(t, "POST", "/account/password", form("entry-password-123")); r.StatusCode != 429 {
		t.Fatalf("11th try, with the right password: %d, want 429", r.StatusCode)
	}
}

// next after login must stay on this site, however it is disguised.
func TestLoginRedirectStaysOnSite(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	for _, next := range []string{"/%09/evil.example/x", "//evil.example", "/\\evil.example", "/%2F%2Fevil.example",
		"/%5Cevil.example", "https://evil.example", "https:evil.example", "javascript:alert(1)", "/\r\nLocation:x", "evil.example"} {
		b := f.browser()
		_, page := b.do(t, "GET", "/login?next="+url.QueryEscape(next), nil)
		if v := hidden(t, page, "next"); v != "" {
			t.Errorf("login form keeps next %q as %q", next, v)
		}
		resp, _ := b.do(t, "POST", "/login", url.Values{"_csrf": {hidden(t, page, "_csrf")}, "name": {"quality"},
			"password": {"quality-password-123"}, "next": {next}})
		if loc := resp.Header.Get("Location"); loc != "/reports" {
			t.Errorf("next %q: redirected to %q, want the reports home", next, loc)
		}
	}
	b := f.browser()
	_, page := b.do(t, "GET", "/login", nil)
	resp, _ := b.do(t, "POST", "/login", url.Values{"_csrf": {hidden(t, page, "_csrf")}, "name": {"quality"},
		"password": {"quality-password-123"}, "next": {"/reports/charts?survey=visit&year=2026"}})
	if loc := resp.Header.Get("Location"); loc != "/reports/charts?survey=visit&year=2026" {
		t.Errorf("a same-site next: redirected to %q", loc)
	}
}

// A token revoked by another process (a second handle on the file, as
// 'palaute token revoke' opens) is refused within 5 seconds; the audit
// log names the token that exported.
func TestAPITokenRevocation(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	if status, body := f.do(t, "GET", "/api/v1/reports/summary?survey=visit&year=2026", f.apiToken, ""); status != 200 {
		t.Fatalf("summary with the token: %d %s", status, body)
	}
	if status, _ := f.do(t, "GET", "/reports/export.xlsx?survey=visit&year=2025", f.apiToken, ""); status != 200 {
		t.Fatalf("export with the token: %d", status)
	}
	tokens, err := f.db.APITokens(context.Background())
	if err != nil || len(tokens) != 2 || tokens[0].Name != "BI" || tokens[0].LastUsed != "2026-04" {
		t.Fatalf("tokens %+v %v", tokens, err)
	}
	log, _ := f.db.AuditSearch(context.Background(), store.AuditFilter{Action: "report.export", Limit: 5})
	if len(log) != 1 || log[0].Actor != `API token 1 "BI"` {
		t.Fatalf("export audit: %+v", log)
	}
	other, err := store.Open(context.Background(), f.db.Path(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.RevokeAPIToken(context.Background(), tokens[0].ID); err != nil {
		t.Fatal(err)
	}
	revokedAt := time.Now()
	for {
		status, _ := f.do(t, "GET", "/api/v1/reports/summary?survey=visit&year=2026", f.apiToken, "")
		if status == 401 {
			break
		}
		if time.Since(revokedAt) > 5*time.Second {
			t.Fatalf("revoked token still answers %d after 5 s", status)
		}
		time.Sleep(50 * time.Millisecond)
	}
	// The admin page lists and revokes.
	b := f.browser()
	_, csrf := b.login(t, "admin", "admin-password-123")
	_, page := b.do(t, "GET", "/admin/tokens", nil)
	if !strings.Contains(page, "Ylläpito") || !strings.Contains(page, "/admin/tokens/2/revoke") || strings.Contains(page, "/admin/tokens/1/revoke") {
		t.Fatalf("tokens page:\n%s", page)
	}
	if r, _ := b.do(t, "POST", "/admin/tokens/2/revoke", url.Values{"_csrf": {csrf}}); r.StatusCode != 200 {
		t.Fatalf("revoke on the page: %d", r.StatusCode)
	}
	if status, _ := f.do(t, "GET", "/metrics", f.adminToken, ""); status != 401 {
		t.Fatalf("metrics with a revoked admin token: %d", status)
	}
	log, _ = f.db.AuditSearch(context.Background(), store.AuditFilter{Action: "token.revoke", Limit: 5})
	if len(log) != 1 || log[0].Actor != "admin" || log[0].Detail != `API token 2 "Ylläpito"` {
		t.Fatalf("revoke audit: %+v", log)
	}
}

// A database that cannot take writes answers 503 on health, login,
// contact and entry, and an export whose audit line cannot be written is
// not sent.
func TestReadOnlyDatabaseAnswers503(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	quality := f.browser()
	quality.login(t, "quality", "quality-password-123")
	entry := f.browser()
	_, csrf := entry.login(t, "entry", "entry-password-123")
	if status, _ := f.do(t, "GET", "/healthz", "", ""); status != 200 {
		t.Fatalf("healthz: %d", status)
	}
	if err := storetest.Exec(context.Background(), f.db, "PRAGMA query_only = 1"); err != nil {
		t.Fatal(err)
	}
	if status, _ := f.do(t, "GET", "/healthz", "", ""); status != 503 {
		t.Errorf("healthz on a read-only database: %d, want 503", status)
	}
	if r, _ := f.browser().login(t, "admin", "admin-password-123"); r.StatusCode != 503 {
		t.Errorf("login: %d, want 503", r.StatusCode)
	}
	if status, _ := f.do(t, "POST", "/kiosk/contact", f.kioskToken, `{"lang":"fi","name":"Aino","contact":"040 123"}`); status != 503 {
		t.Errorf("contact: %d, want 503", status)
	}
	form := url.Values{"_csrf": {csrf}, "card": {"blue"}, "a-q1": {"2"}, "a-q2": {"3"}, "lang": {"fi"}, "date": {"2026-04-02"}}
	if r, _ := entry.do(t, "POST", "/entry", form); r.StatusCode != 503 {
		t.Errorf("paper entry: %d, want 503", r.StatusCode)
	}
	if r, body := quality.do(t, "GET", "/reports/export.xlsx?survey=visit&year=2025", nil); r.StatusCode != 503 || strings.HasPrefix(body, "PK") {
		t.Errorf("export without its audit line: %d", r.StatusCode)
	}
	if strings.Contains(f.logs.String(), "status=500") {
		t.Errorf("a 500 in the log:\n%s", f.logs.String())
	}
}

// --metrics-from judges the client's address as the trusted proxy gives
// it, not the proxy's own.
func TestMetricsFromBehindTrustedProxy(t *testing.T) {
	f := newFixtureConfig(t, func(c *server.Config) {
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("0.0.0.0/32")}
		c.MetricsFrom = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/24")}
	})
	if status, _ := f.do(t, "GET", "/metrics", "", "", "X-Forwarded-For", "198.51.100.7"); status != 401 {
		t.Errorf("a client outside --metrics-from behind the proxy: %d, want 401", status)
	}
	if status, _ := f.do(t, "GET", "/metrics", "", "", "X-Forwarded-For", "10.0.0.9"); status != 200 {
		t.Errorf("the scraper behind the proxy: %d, want 200", status)
	}
	g := newFixtureConfig(t, func(c *server.Config) { c.MetricsFrom = []netip.Prefix{netip.MustParsePrefix("0.0.0.0/32")} })
	if status, _ := g.do(t, "GET", "/metrics", "", "", "X-Forwarded-For", "198.51.100.7"); status != 200 {
		t.Errorf("a listed peer that is no proxy: %d, want 200", status)
	}
}

func TestEveryJSONResponseNamesItsCharset(t *testing.T) {
	f := newFixture(t)
	for _, tt := range []struct{ method, path, token, body string }{
		{"GET", "/api/v1/surveys", "", ""},
		{"GET", "/healthz", "", ""},
		{"GET", "/api/v1/reports/summary?survey=visit&year=2026", "", ""},
		{"GET", "/api/v1/reports/summary?survey=nope&year=2026", f.apiToken, ""},
		{"GET", "/api/v1/nowhere", "", ""},
		{"POST", "/api/v1/responses", f.kioskToken, "{"},
		{"POST", "/api/v1/responses", f.kioskToken, `{"id":"x"}`},
		{"POST", "/api/v1/responses", f.kioskToken, visit(id1, "")},
	} {
		req := f.browser()
		req.header["Content-Type"] = "application/json"
		if tt.token != "" {
			req.header["Authorization"] = "Bearer " + tt.token
		}
		resp, _ := req.doBody(t, tt.method, tt.path, tt.body)
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") || !strings.Contains(ct, "charset=utf-8") {
			t.Errorf("%s %s (%d): Content-Type %q", tt.method, tt.path, resp.StatusCode, ct)
		}
	}
}

func TestAuditPageFiltersAndPages(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	ctx := context.Background()
	for i := range 450 {
		f.db.Audit(ctx, "robot", "card.save", fmt.Sprintf("card %d", i))
	}
	b := f.browser()
	b.login(t, "admin", "admin-password-123")
	_, page := b.do(t, "GET", "/admin/audit?who=robot&what=card.save&month=2026-04", nil)
	rows := strings.Count(page, "<td>card.save</td>")
	if rows != 200 || strings.Contains(page, "<td>login</td>") {
		t.Fatalf("first page: %d rows", rows)
	}
	seen := rows
	for strings.Contains(page, `id="audit-older"`) {
		i := strings.Index(page, `href="/admin/audit?`)
		href := page[i+6 : i+strings.Index(page[i+6:], `"`)+6]
		_, page = b.do(t, "GET", strings.ReplaceAll(href, "&amp;", "&"), nil)
		seen += strings.Count(page, "<td>card.save</td>")
	}
	if seen != 450 {
		t.Fatalf("pages held %d entries, want 450", seen)
	}
	if _, page := b.do(t, "GET", "/admin/audit?month=2026-03", nil); strings.Contains(page, "<td>robot</td>") {
		t.Fatal("a March filter shows April's entries")
	}
	if r, _ := b.do(t, "GET", "/admin/audit?month=huhtikuu", nil); r.StatusCode != 422 {
		t.Fatalf("bad month: %d", r.StatusCode)
	}
}
