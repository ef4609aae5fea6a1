package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"palaute/survey/server"
)

// testClock is a clock a test moves by hand.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// newFleetFixture is a fixture whose server clock the test moves,
// starting on Wednesday 15 April 2026 at 9:30 UTC, the organisation's
// time zone.
func newFleetFixture(t *testing.T) (*fixture, *testClock) {
	t.Helper()
	tc := &testClock{now: clock()}
	f := newFixtureConfig(t, func(c *server.Config) { c.Now = tc.Now; c.KioskVersion = "v2" })
	return f, tc
}

// fleetJSON is GET /api/v1/kiosks as the test reads it.
type fleetJSON struct {
	Version string `json:"version"`
	Kiosks  []struct {
		ID       int64      `json:"id"`
		Name     string     `json:"name"`
		Unit     string     `json:"unit"`
		Status   string     `json:"status"`
		LastSeen *time.Time `json:"last_seen"`
		Outbox   *int       `json:"outbox"`
		LastSent *time.Time `json:"last_sent"`
		Online   *bool      `json:"online"`
		Version  string     `json:"version"`
		Current  bool       `json:"current_version"`
		Error    string     `json:"last_error"`
		Command  string     `json:"command"`
		Revoked  bool       `json:"revoked"`
		Hours    struct {
			Opens, Closes string
			Days          []int
		} `json:"opening_hours"`
	} `json:"kiosks"`
}

func (f *fixture) fleet(t *testing.T) fleetJSON {
	t.Helper()
	status, body := f.do(t, "GET", "/api/v1/kiosks", f.adminToken, "")
	if status != 200 {
		t.Fatalf("GET /api/v1/kiosks: %d %s", status, body)
	}
	var out fleetJSON
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// statusOf is one kiosk's status in the fleet, by name.
func (fl fleetJSON) statusOf(name string) string {
	for _, k := range fl.Kiosks {
		if k.Name == name {
			return k.Status
		}
	}
	return "absent"
}

// beat sends a heartbeat with the kiosk's token and returns the status
// and the answer.
func (f *fixture) beat(t *testing.T, token, body string) (int, map[string]string) {
	t.Helper()
	status, text := f.do(t, "POST", "/kiosk/heartbeat", token, body)
	var answer map[string]string
	if status == 200 {
		if err := json.Unmarshal([]byte(text), &answer); err != nil {
			t.Fatalf("heartbeat answer %q: %v", text, err)
		}
	}
	return status, answer
}

const heartbeatV1 = `{"version":"v1","outbox":0,"online":true}`

// TestHeartbeatTurnsKioskLateThenSilent moves the server's clock past a
// kiosk's heartbeat: ok, late after 15 minutes, silent after an hour of
// its unit's opening hours, asleep once the unit has closed, and silent
// again when the unit's hours say it is open round the clock.
func TestHeartbeatTurnsKioskLateThenSilent(t *testing.T) {
	f, tc := newFleetFixture(t)
	start := tc.Now()
	if got := f.fleet(t).statusOf("Aula"); got != "new" {
		t.Fatalf("before any heartbeat: %s", got)
	}
	status, answer := f.beat(t, f.kioskToken, `{"version":"v1","outbox":2,"last_sent":"2026-04-15T09:12:34Z","online":false,"error":"TypeError: x is null"}`)
	if status != 200 || answer["version"] != "v2" || answer["command"] != "" {
		t.Fatalf("heartbeat: %d %v", status, answer)
	}
	fl := f.fleet(t)
	k := fl.Kiosks[0]
	if fl.Version != "v2" || k.Name != "Aula" || k.Status != "ok" || k.Unit != "Aikuissosiaalityö" || *k.Outbox != 2 || *k.Online ||
		!k.LastSeen.Equal(start) || !k.LastSent.Equal(time.Date(2026, 4, 15, 9, 12, 0, 0, time.UTC)) ||
		k.Version != "v1" || k.Current || k.Error != "TypeError: x is null" || k.Hours.Opens != "08:00" || fmt.Sprint(k.Hours.Days) != "[1 2 3 4 5]" {
		t.Fatalf("fleet after a heartbeat: %+v", fl)
	}
	// Another kiosk reports at 10:00 and stays fresh below.
	_, other, err := f.db.CreateKiosk(context.Background(), "Käytävä", "Aikuissosiaalityö")
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		at   time.Duration
		want string
	}{
		{15 * time.Minute, "ok"},
		{16 * time.Minute, "late"},
		{60 * time.Minute, "late"},
		{61 * time.Minute, "silent"},
		{7*time.Hour + 30*time.Minute, "asleep"}, // 17:00, closed
	}
	for _, st := range steps {
		tc.set(start.Add(st.at))
		if st.at > 30*time.Minute {
			f.beat(t, other, heartbeatV1)
		}
		fl := f.fleet(t)
		if got := fl.statusOf("Aula"); got != st.want {
			t.Errorf("%v after the heartbeat: %s, want %s", st.at, got, st.want)
		}
		if st.want == "silent" && fl.Kiosks[0].Name != "Aula" {
			t.Errorf("the silent kiosk is not at the top: %+v", fl.Kiosks)
		}
	}
	// The metrics say the same, for an alerting setup to page on.
	status, metrics := f.do(t, "GET", "/metrics", f.adminToken, "")
	for _, want := range []string{`palaute_kiosk_last_seen_seconds{kiosk="1",name="Aula"} 27000`, `palaute_kiosk_outbox{kiosk="1",name="Aula"} 2`,
		`palaute_kiosk_outbox{kiosk="3",name="Käytävä"} 0`} {
		if status != 200 || !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(metrics, `kiosk="2"`) {
		t.Error("metrics show a revoked kiosk")
	}
	// Open round the clock: at 17:00 it is silent after all.
	f.addUsers(t)
	b := f.browser()
	_, csrf := b.login(t, "admin", "admin-password-123")
	units, _ := f.db.Units(context.Background())
	var unitID int64
	for _, u := range units {
		if u.Name == "Aikuissosiaalityö" {
			unitID = u.ID
		}
	}
	form := url.Values{"_csrf": {csrf}, "name": {"Aikuissosiaalityö"}, "hours": {"1"}, "opens": {"00:00"}, "closes": {"24:00"},
		"day": {"1", "2", "3", "4", "5", "6", "7"}}
	if r, _ := b.do(t, "POST", fmt.Sprintf("/admin/units/%d", unitID), form); r.StatusCode != 200 {
		t.Fatalf("set opening hours: %d", r.StatusCode)
	}
	if got := f.fleet(t).statusOf("Aula"); got != "silent" {
		t.Errorf("17:00 with the unit open round the clock: %s", got)
	}
	form.Set("opens", "09:00")
	form.Set("closes", "07:00")
	if r, _ := b.do(t, "POST", fmt.Sprintf("/admin/units/%d", unitID), form); r.StatusCode != 422 {
		t.Errorf("closing before opening: %d", r.StatusCode)
	}
	// The fleet view: the silent kiosk first, in red, with words.
	_, html := b.do(t, "GET", "/admin/kiosks", nil)
	rows := doc(t, html).Find("#kiosks tbody tr")
	if rows.Length() != 3 {
		t.Fatalf("%d kiosk rows, want 3", rows.Length())
	}
	first := rows.First()
	if cls, _ := first.Attr("class"); !strings.Contains(cls, "status-silent") || !strings.Contains(first.Find(".badge").Text(), "Hiljaa") ||
		!strings.Contains(first.Text(), "Aula") || !strings.Contains(first.Find(".last-error").Text(), "TypeError: x is null") {
		t.Errorf("first row %q: %s", cls, first.Text())
	}
	if last, _ := rows.Last().Attr("data-status"); last != "revoked" {
		t.Errorf("the revoked kiosk is not last: %s", last)
	}
}

// TestHeartbeatCarriesNoAnswers: a heartbeat has its fields and nothing
// else; it names no kiosk but its sender; errors are cut and cleaned; it
// is refused to everyone but a paired kiosk, and limited per kiosk.
func TestHeartbeatCarriesNoAnswers(t *testing.T) {
	f, _ := newFleetFixture(t)
	_, other, err := f.db.CreateKiosk(context.Background(), "Käytävä", "")
	if err != nil {
		t.Fatal(err)
	}
	bad := []struct {
		body   string
		status int
	}{
		{`{"version":"v1","outbox":0,"online":true,"answers":{"q3":"Kotona on vaikeaa"}}`, 422},
		{`{"version":"v1","outbox":0,"online":true,"kiosk":3}`, 422},
		{`{"version":"v1","outbox":-1,"online":true}`, 422},
		{`{"version":"","outbox":0,"online":true}`, 422},
		{`{"version":"<b>","outbox":0,"online":true}`, 422},
		{`{"version":"v1","outbox":0,"last_sent":"yesterday","online":true}`, 422},
		{`{"version":"v1","outbox":"many","online":true}`, 422},
		{`{"version":`, 400},
		{``, 400},
		{`{"version":"v1","outbox":0,"online":true,"error":"` + strings.Repeat("x", 3000) + `"}`, 413},
	}
	for _, tt := range bad {
		if status, _ := f.beat(t, f.kioskToken, tt.body); status != tt.status {
			t.Errorf("%s: %d, want %d", tt.body, status, tt.status)
		}
	}
	if fl := f.fleet(t); fl.statusOf("Käytävä") != "new" || fl.statusOf("Aula") != "new" {
		t.Fatalf("a refused heartbeat left a state: %+v", fl)
	}
	// A long error with a line break and control characters is cut to
	// its first line, cleaned and shortened.
	long := "Error: " + strings.Repeat("x", 300) + "\u202e\u0007\nsecond line"
	body, _ := json.Marshal(map[string]any{"version": "v1", "outbox": 0, "online": true, "error": long})
	if status, _ := f.beat(t, f.kioskToken, string(body)); status != 200 {
		t.Fatalf("long error: %d", status)
	}
	got := f.fleet(t)
	var kept string
	for _, k := range got.Kiosks {
		if k.Name == "Aula" {
			kept = k.Error
		} else if k.LastSeen != nil {
			t.Errorf("kiosk %s got Aula's heartbeat", k.Name)
		}
	}
	if n := len([]rune(kept)); n != 201 || strings.Contains(kept, "second") || strings.ContainsAny(kept, "\u202e\u0007\n") || !strings.HasSuffix(kept, "…") {
		t.Errorf("kept error of %d characters: %q", n, kept)
	}
	// A later heartbeat without an error keeps the last one.
	f.beat(t, f.kioskToken, heartbeatV1)
	if k := f.fleet(t).Kiosks; !strings.HasPrefix(k[0].Error+k[1].Error, "Error: xxx") {
		t.Errorf("the last error was forgotten: %+v", k)
	}
	// Nobody else may report, as any kiosk.
	for _, who := range []struct{ name, token string }{{"anonymous", ""}, {"revoked kiosk", f.revoked}, {"card token", f.cardTokens[0]},
		{"quality token", f.apiToken}, {"admin token", f.adminToken}, {"made-up token", "x"}} {
		if status, _ := f.beat(t, who.token, heartbeatV1); status != 401 {
			t.Errorf("heartbeat as %s: %d, want 401", who.name, status)
		}
	}
	// The paired cookie counts only with a JSON body.
	req := httptest.NewRequest("POST", "/kiosk/heartbeat", strings.NewReader(heartbeatV1))
	req.Header.Set("Content-Type", "text/plain")
	req.AddCookie(&http.Cookie{Name: "palaute_kiosk", Value: other})
	if resp, err := f.app.Test(req, 10000); err != nil || resp.StatusCode != 401 {
		t.Errorf("cookie with a form content type: %v %v", resp.StatusCode, err)
	}
	// Nothing of a heartbeat reaches the log but its route.
	if strings.Contains(f.logs.String(), "xxxx") || strings.Contains(f.logs.String(), "Kotona") {
		t.Errorf("the log holds a heartbeat's content: %s", f.logs.String())
	}
	// A flood is limited per kiosk; another kiosk is not held up.
	limited := false
	for range 40 {
		if status, _ := f.beat(t, f.kioskToken, heartbeatV1); status == 429 {
			limited = true
			break
		}
	}
	if !limited {
		t.Error("40 heartbeats at once were all taken")
	}
	if status, _ := f.beat(t, other, heartbeatV1); status != 200 {
		t.Errorf("another kiosk during the flood: %d", status)
	}
}

// TestFleetOnlyForAdmins: the fleet API takes an admin session or admin
// token, nobody else.
func TestFleetOnlyForAdmins(t *testing.T) {
	f, _ := newFleetFixture(t)
	for _, who := range []struct{ name, token string }{{"anonymous", ""}, {"quality token", f.apiToken}, {"kiosk token", f.kioskToken}, {"card token", f.cardTokens[0]}} {
		if status, _ := f.do(t, "GET", "/api/v1/kiosks", who.token, ""); status != 401 {
			t.Errorf("fleet as %s: %d, want 401", who.name, status)
		}
	}
	f.addUsers(t)
	for _, role := range []string{"quality", "entry"} {
		b := f.browser()
		b.login(t, role, role+"-password-123")
		if r, _ := b.do(t, "GET", "/api/v1/kiosks", nil); r.StatusCode != 401 {
			t.Errorf("fleet as %s: %d, want 401", role, r.StatusCode)
		}
		if r, _ := b.do(t, "GET", "/admin/kiosks", nil); r.StatusCode != 303 {
			t.Errorf("fleet view as %s: %d, want a redirect to the login page", role, r.StatusCode)
		}
	}
	b := f.browser()
	b.login(t, "admin", "admin-password-123")
	if r, _ := b.do(t, "GET", "/api/v1/kiosks", nil); r.StatusCode != 200 {
		t.Errorf("fleet as admin: %d", r.StatusCode)
	}
}

// TestFleetViewEscapesErrors: an error message is the tablet's words and
// shown as text, never as markup.
func TestFleetViewEscapesErrors(t *testing.T) {
	f, _ := newFleetFixture(t)
	body, _ := json.Marshal(map[string]any{"version": "v1", "outbox": 0, "online": true, "error": `<img src=x onerror=alert(1)><script>alert(2)</script>`})
	if status, _ := f.beat(t, f.kioskToken, string(body)); status != 200 {
		t.Fatalf("heartbeat: %d", status)
	}
	f.addUsers(t)
	b := f.browser()
	b.login(t, "admin", "admin-password-123")
	_, html := b.do(t, "GET", "/admin/kiosks", nil)
	if strings.Contains(html, "<img src=x") || strings.Contains(html, "<script>alert") || !strings.Contains(html, "&lt;script&gt;alert(2)") {
		t.Fatalf("error shown as markup: %s", regexp.MustCompile(`(?s)<td class="last-error">.*?</td>`).FindString(html))
	}
}

// TestKioskCommandsOverHTTP: an admin's reload reaches the kiosk once;
// an unpair stays until the kiosk confirms it, which ends its pairing
// and clears its cookie.
func TestKioskCommandsOverHTTP(t *testing.T) {
	f, _ := newFleetFixture(t)
	f.addUsers(t)
	b := f.browser()
	_, csrf := b.login(t, "admin", "admin-password-123")
	command := func(id, cmd string) int {
		t.Helper()
		r, _ := b.do(t, "POST", "/admin/kiosks/"+id+"/command", url.Values{"_csrf": {csrf}, "command": {cmd}})
		return r.StatusCode
	}
	// A forged form, without the session's token, changes nothing.
	if r, _ := b.do(t, "POST", "/admin/kiosks/1/command", url.Values{"command": {"unpair"}}); r.StatusCode != 403 {
		t.Errorf("command without the form's token: %d", r.StatusCode)
	}
	if status := command("1", "format"); status != 422 {
		t.Errorf("unknown command: %d", status)
	}
	if status := command("99", "reload"); status != 404 {
		t.Errorf("unknown kiosk: %d", status)
	}
	if status := command("2", "reload"); status != 404 {
		t.Errorf("revoked kiosk: %d", status)
	}
	if status := command("1", "reload"); status != 200 {
		t.Fatalf("reload: %d", status)
	}
	if f.fleet(t).Kiosks[0].Command != "reload" {
		t.Error("the fleet does not show the waiting reload")
	}
	if _, answer := f.beat(t, f.kioskToken, heartbeatV1); answer["command"] != "reload" {
		t.Fatalf("heartbeat after reload: %v", answer)
	}
	if _, answer := f.beat(t, f.kioskToken, heartbeatV1); answer["command"] != "" {
		t.Fatalf("reload handed over twice: %v", answer)
	}
	// Unpairing unasked is refused.
	if status, _ := f.do(t, "POST", "/kiosk/unpair", f.kioskToken, "{}"); status != 409 {
		t.Fatalf("unpair unasked: %d", status)
	}
	if status := command("1", "unpair"); status != 200 {
		t.Fatalf("unpair: %d", status)
	}
	for range 2 {
		if _, answer := f.beat(t, f.kioskToken, heartbeatV1); answer["command"] != "unpair" {
			t.Fatalf("heartbeat after unpair: %v", answer)
		}
	}
	req := httptest.NewRequest("POST", "/kiosk/unpair", strings.NewReader("{}"))
	req.Header.Set("Content-Type", "application/json")
	req.AddCookie(&http.Cookie{Name: "palaute_kiosk", Value: f.kioskToken})
	resp, err := f.app.Test(req, 10000)
	if err != nil || resp.StatusCode != 204 {
		t.Fatalf("unpair confirmed: %v %v", resp.StatusCode, err)
	}
	if c := resp.Header.Get("Set-Cookie"); !strings.HasPrefix(c, "palaute_kiosk=;") || !strings.Contains(c, "HttpOnly") {
		t.Errorf("cookie not cleared: %q", c)
	}
	if status, _ := f.beat(t, f.kioskToken, heartbeatV1); status != 401 {
		t.Errorf("heartbeat after unpairing: %d", status)
	}
	if status, _ := f.do(t, "POST", "/api/v1/responses", f.kioskToken, visit(id1, "")); status != 401 {
		t.Errorf("answer after unpairing: %d", status)
	}
	for _, k := range f.fleet(t).Kiosks {
		if k.Name == "Aula" && (k.Status != "revoked" || k.LastSeen != nil || k.Command != "") {
			t.Errorf("fleet after unpairing: %+v", k)
		}
	}
	log, _ := f.db.AuditLog(context.Background(), 20)
	actions := ""
	for _, e := range log {
		actions += e.Action + " "
	}
	for _, want := range []string{"kiosk.reload", "kiosk.unpair", "kiosk.unpaired"} {
		if !strings.Contains(actions, want) {
			t.Errorf("audit log lacks %s: %s", want, actions)
		}
	}
}
