package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"palaute/kiosk"
	"palaute/survey"
	"palaute/survey/locale"
	"palaute/survey/metrics"
	"palaute/survey/server"
	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

// fixture is a server over a fresh database with one card, one kiosk and
// a clock stopped at 15 April 2026.
type fixture struct {
	app        *fiber.App
	db         *store.DB
	kioskToken string
	cardTokens []string
	cardChecks []string // the check codes printed under cardTokens
	apiToken   string
	adminToken string
	revoked    string
	logs       *strings.Builder
	seq        int
}

var clock = func() time.Time { return time.Date(2026, 4, 15, 9, 30, 0, 0, time.UTC) }

func newFixture(tb testing.TB) *fixture { return newFixtureWith(tb, kiosk.Settings{}) }

// newFixtureWith is newFixture with the given kiosk settings and trusted
// proxies.
func newFixtureWith(tb testing.TB, ks kiosk.Settings, proxies ...netip.Prefix) *fixture {
	tb.Helper()
	return newFixtureConfig(tb, func(c *server.Config) { c.Kiosk, c.TrustedProxies = ks, proxies })
}

// newFixtureConfig is newFixture with the server's configuration changed
// by adjust.
func newFixtureConfig(tb testing.TB, adjust func(*server.Config)) *fixture {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(tb.TempDir(), "palaute.db")
	met := metrics.New(path)
	db, err := store.Open(ctx, path, store.Options{Now: clock, OnCommit: met.Commit})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	cat, err := locale.Load()
	if err != nil {
		tb.Fatal(err)
	}
	card, err := db.CreateCard(ctx, store.Card{Code: "BLUE", Colour: "#0072B2", NameFi: "Sininen", NameSv: "Blå", NameEn: "Blue", Unit: "Perhepalvelut"})
	if err != nil {
		tb.Fatal(err)
	}
	_, kioskToken, err := db.CreateKiosk(ctx, "Aula", "Aikuissosiaalityö")
	if err != nil {
		tb.Fatal(err)
	}
	revokedKiosk, revoked, err := db.CreateKiosk(ctx, "Vanha", "")
	if err != nil {
		tb.Fatal(err)
	}
	if err := db.RevokeKiosk(ctx, revokedKiosk.ID); err != nil {
		tb.Fatal(err)
	}
	printed, err := db.CreateCardTokens(ctx, card.ID, 3)
	if err != nil {
		tb.Fatal(err)
	}
	var cardTokens, cardChecks []string
	for _, p := range printed {
		cardTokens, cardChecks = append(cardTokens, p.Token), append(cardChecks, p.Check)
	}
	_, apiToken, err := db.CreateAPIToken(ctx, "BI", store.RoleQuality)
	if err != nil {
		tb.Fatal(err)
	}
	_, adminToken, err := db.CreateAPIToken(ctx, "Ylläpito", store.RoleAdmin)
	if err != nil {
		tb.Fatal(err)
	}

	logs := &strings.Builder{}
	cfg := server.Config{
		DB: db, Catalog: cat, Now: clock, Location: time.UTC, Metrics: met,
		Logger:      slog.New(slog.NewTextHandler(logs, nil)),
		MetricsFrom: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")},
	}
	adjust(&cfg)
	app, err := server.New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return &fixture{app: app, db: db, kioskToken: kioskToken, cardTokens: cardTokens, cardChecks: cardChecks, apiToken: apiToken, adminToken: adminToken, revoked: revoked, logs: logs}
}

// do sends one request and returns the status and body.
func (f *fixture) do(tb testing.TB, method, path, token, body string, header ...string) (int, string) {
	tb.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := f.app.Test(req, 10000)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func visit(id, extra string) string {
	return fmt.Sprintf(`{"id":%q,"survey":"visit","lang":"fi"%s,"answers":{"q1":"yes","q2":5,"q3":"Enemmän iltavastaanottoja"}}`, id, extra)
}

const (
	id1 = "11111111-2222-4333-8444-555555555555"
	id2 = "21111111-2222-4333-8444-555555555555"
	id3 = "31111111-2222-4333-8444-555555555555"
)

func TestStatusCodes(t *testing.T) {
	f := newFixture(t)
	big := `{"id":"` + id3 + `","survey":"visit","lang":"fi","answers":{"q3":"` + strings.Repeat("x", server.MaxBodyBytes) + `"}}`
	tests := []struct {
		name, method, path, token, body string
		want                            int
		wantIn                          string
	}{
		{"health", "GET", "/healthz", "", "", 200, `"ok"`},
		{"surveys", "GET", "/api/v1/surveys", "", "", 200, `"satisfaction"`},
		{"no credentials", "POST", "/api/v1/responses", "", visit(id1, ""), 401, `"unauthorized"`},
		{"wrong token", "POST", "/api/v1/responses", "nope", visit(id1, ""), 401, `"unauthorized"`},
		{"revoked kiosk", "POST", "/api/v1/responses", f.revoked, visit(id1, ""), 401, `"unauthorized"`},
		{"report token cannot submit", "POST", "/api/v1/responses", f.apiToken, visit(id1, ""), 401, `"unauthorized"`},
		{"created", "POST", "/api/v1/responses", f.kioskToken, visit(id1, ""), 201, `{"id":"` + id1 + `"}`},
		{"resend", "POST", "/api/v1/responses", f.kioskToken, visit(id1, ""), 200, `{"id":"` + id1 + `"}`},
		{"resend in upper case", "POST", "/api/v1/responses", f.kioskToken, visit(strings.ToUpper(id1), ""), 200, id1},
		{"same id, other body", "POST", "/api/v1/responses", f.kioskToken, visit(id1, `,"card":"BLUE"`), 409, `"conflict"`},
		{"invalid", "POST", "/api/v1/responses", f.kioskToken, `{"id":"` + id2 + `","survey":"visit","lang":"fi","answers":{"q2":9}}`, 422, `"answers.q2"`},
		{"malformed JSON", "POST", "/api/v1/responses", f.kioskToken, `{"id":`, 400, `"malformed_json"`},
		{"too large", "POST", "/api/v1/responses", f.kioskToken, big, 413, ``},
		{"card token", "POST", "/api/v1/responses", f.cardTokens[0], visit(id2, ""), 201, id2},
		{"card token resend", "POST", "/api/v1/responses", f.cardTokens[0], visit(id2, ""), 200, id2},
		{"card token used again", "POST", "/api/v1/responses", f.cardTokens[0], visit(id3, ""), 409, `"token_used"`},
		{"unknown route", "GET", "/api/v1/nothing", "", "", 404, `"not_found"`},
		{"wrong method", "GET", "/api/v1/responses", "", "", 405, `"method_not_allowed"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := f.do(t, tt.method, tt.path, tt.token, tt.body)
			if status != tt.want {
				t.Fatalf("status %d, want %d; body %s", status, tt.want, body)
			}
			if !strings.Contains(body, tt.wantIn) {
				t.Fatalf("body %s lacks %s", body, tt.wantIn)
			}
		})
	}
	counts, _ := f.db.CountResponses(context.Background())
	if counts["visit"] != 2 {
		t.Fatalf("stored %d visit responses, want 2", counts["visit"])
	}
}

func TestStoredRowsKeepChannelCardAndUnit(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if status, body := f.do(t, "POST", "/api/v1/responses", f.kioskToken, visit(id1, "")); status != 201 {
		t.Fatalf("kiosk: %d %s", status, body)
	}
	if status, body := f.do(t, "POST", "/api/v1/responses", f.cardTokens[1], visit(id2, "")); status != 201 {
		t.Fatalf("card: %d %s", status, body)
	}
	k, _ := f.db.ResponseByID(ctx, id1)
	if k.Channel != "kiosk" || k.Unit != "Aikuissosiaalityö" || k.Card != "" || k.Day != "2026-04-15" {
		t.Errorf("kiosk row %+v", k)
	}
	w, _ := f.db.ResponseByID(ctx, id2)
	if w.Channel != "web" || w.Card != "BLUE" || w.Unit != "Perhepalvelut" {
		t.Errorf("web row %+v", w)
	}
	if w.Answers["q3"] != "Enemmän iltavastaanottoja" || w.Answers["q2"] != "5" {
		t.Errorf("web answers %+v", w.Answers)
	}
}

func TestValidationMessagesInRequestLanguage(t *testing.T) {
	f := newFixture(t)
	tests := []struct{ lang, want string }{
		{"sv", "Värdet ligger utanför"},
		{"en", "outside the allowed range"},
		{"fi", "sallitun alueen ulkopuolella"},
	}
	for _, tt := range tests {
		body := `{"id":"` + id2 + `","survey":"visit","lang":"` + tt.lang + `","answers":{"q2":0,"q1":"kanske"}}`
		status, resp := f.do(t, "POST", "/api/v1/responses", f.kioskToken, body)
		if status != 422 {
			t.Fatalf("%s: status %d", tt.lang, status)
		}
		var out struct {
			Errors []struct{ Field, Code, Message string }
		}
		if err := json.Unmarshal([]byte(resp), &out); err != nil {
			t.Fatal(err)
		}
		if len(out.Errors) != 2 || out.Errors[0].Field != "answers.q1" || out.Errors[1].Code != "out_of_range" {
			t.Fatalf("%s: errors %+v", tt.lang, out.Errors)
		}
		if !strings.Contains(out.Errors[1].Message, tt.want) {
			t.Errorf("%s: message %q lacks %q", tt.lang, out.Errors[1].Message, tt.want)
		}
	}
	// Without a valid lang, Accept-Language decides.
	status, resp := f.do(t, "POST", "/api/v1/responses", "", visit(id1, ""), "Accept-Language", "sv-FI")
	if status != 401 || !strings.Contains(resp, "Koden saknas") {
		t.Fatalf("401 in Swedish: %d %s", status, resp)
	}
}

func TestSurveysListsDefinitions(t *testing.T) {
	f := newFixture(t)
	_, body := f.do(t, "GET", "/api/v1/surveys", "", "")
	var out struct {
		Surveys []survey.Instrument
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Surveys) != 3 || out.Surveys[0].Key != "national" || out.Surveys[1].Key != "satisfaction" || out.Surveys[2].Key != "visit" {
		t.Fatalf("surveys %+v", out.Surveys)
	}
	q1, ok := out.Surveys[2].Item("q1")
	if !ok || len(q1.Options) != 3 || q1.Text["sv"] == "" || out.Surveys[2].Version != 1 {
		t.Fatalf("visit q1 %+v", q1)
	}
}

func TestLogsCarryNoAnswersOrTokens(t *testing.T) {
	f := newFixture(t)
	f.do(t, "POST", "/api/v1/responses", f.cardTokens[2], visit(id1, ""))
	f.do(t, "POST", "/api/v1/responses", f.kioskToken, `{"id":"`+id2+`","survey":"visit","lang":"fi","answers":{"q3":"salainen vastaus","q2":8}}`)
	logs := f.logs.String()
	for _, secret := range []string{"iltavastaanottoja", "salainen", f.cardTokens[2], f.kioskToken} {
		if strings.Contains(logs, secret) {
			t.Errorf("log carries %q:\n%s", secret, logs)
		}
	}
	// No line per answer: its time would tie the log to the answers.
	f.do(t, "GET", "/v/"+f.cardTokens[1], "", "")
	f.do(t, "GET", "/healthz", "", "")
	logs = f.logs.String()
	for _, route := range []string{"route=/api/v1/responses", "route=/v/"} {
		if strings.Contains(logs, route) {
			t.Errorf("log has a line per answer (%s):\n%s", route, logs)
		}
	}
	if !strings.Contains(logs, "route=/healthz") {
		t.Errorf("no request line for other routes:\n%s", logs)
	}
	_, metrics := f.do(t, "GET", "/metrics", f.adminToken, "")
	if !strings.Contains(metrics, `palaute_http_request_seconds_count{method="POST",route="/api/v1/responses",status="201"} 1`) {
		t.Errorf("/metrics does not count the answers:\n%s", metrics)
	}
}

func TestConcurrentSameID(t *testing.T) {
	f := newFixture(t)
	const n = 32
	statuses := make(chan int, n)
	start := make(chan struct{})
	for range n {
		go func() {
			<-start
			req := httptest.NewRequest("POST", "/api/v1/responses", strings.NewReader(visit(id1, "")))
			req.Header.Set("Authorization", "Bearer "+f.kioskToken)
			resp, err := f.app.Test(req, 30000)
			if err != nil {
				statuses <- 0
				return
			}
			resp.Body.Close()
			statuses <- resp.StatusCode
		}()
	}
	close(start)
	count := map[int]int{}
	for range n {
		count[<-statuses]++
	}
	if count[http.StatusCreated] != 1 || count[http.StatusOK] != n-1 {
		t.Fatalf("statuses %v, want one 201 and %d 200", count, n-1)
	}
	var rows int
	if err := storetest.ReadValue(context.Background(), f.db, "SELECT count(*) FROM responses WHERE uuid = ?", &rows, id1); err != nil || rows != 1 {
		t.Fatalf("%d rows for the id (%v), want 1", rows, err)
	}
}

func TestDatabaseDownHidesDetails(t *testing.T) {
	f := newFixture(t)
	f.db.Close()
	status, body := f.do(t, "GET", "/healthz", "", "")
	if status != 503 || !strings.Contains(body, "unavailable") {
		t.Fatalf("healthz with the database closed: %d %s", status, body)
	}
	status, body = f.do(t, "POST", "/api/v1/responses", f.kioskToken, visit(id1, ""), "Accept-Language", "en")
	if status != 500 || !strings.Contains(body, `"internal"`) {
		t.Fatalf("submit with the database closed: %d %s", status, body)
	}
	if strings.Contains(strings.ToLower(body), "sql") || strings.Contains(body, "closed") {
		t.Fatalf("internal details reach the client: %s", body)
	}
	if !strings.Contains(f.logs.String(), "level=ERROR") {
		t.Fatalf("failure not logged:\n%s", f.logs.String())
	}
}

func TestFullDatabaseAnswers503ThenRecovers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	pages, _ := storetest.PageCount(ctx, f.db)
	original, _ := storetest.LimitSize(ctx, f.db, 0)
	if _, err := storetest.LimitSize(ctx, f.db, pages); err != nil {
		t.Fatal(err)
	}
	var status int
	var body string
	for i := range 100 {
		id := fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
		if status, body = f.do(t, "POST", "/api/v1/responses", f.kioskToken, visit(id, "")); status == 503 {
			break
		}
	}
	if status != 503 || !strings.Contains(body, `"unavailable"`) {
		t.Fatalf("full database: %d %s", status, body)
	}
	if !strings.Contains(f.logs.String(), "database cannot take writes") {
		t.Fatalf("no clear log line:\n%s", f.logs.String())
	}
	if _, err := storetest.LimitSize(ctx, f.db, original); err != nil {
		t.Fatal(err)
	}
	if status, body := f.do(t, "POST", "/api/v1/responses", f.kioskToken, visit("00000000-0000-4000-8000-999999999999", "")); status != 201 {
		t.Fatalf("after space returned: %d %s", status, body)
	}
}

func TestMetrics(t *testing.T) {
	f := newFixture(t)
	f.do(t, "POST", "/api/v1/responses", f.kioskToken, visit(id1, ""))
	f.do(t, "POST", "/api/v1/responses", f.kioskToken, visit(id1, ""))
	f.do(t, "POST", "/api/v1/responses", "", visit(id2, ""))
	for _, tt := range []struct {
		name, token string
		header      []string
		want        int
	}{
		{"anonymous", "", nil, 401},
		{"quality token", f.apiToken, nil, 401},
		{"kiosk token", f.kioskToken, nil, 401},
		{"admin token", f.adminToken, nil, 200},
	} {
		if status, _ := f.do(t, "GET", "/metrics", tt.token, "", tt.header...); status != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, status, tt.want)
		}
	}
	_, body := f.do(t, "GET", "/metrics", f.adminToken, "")
	for _, want := range []string{
		`palaute_submissions_total{channel="kiosk",status="201"} 1`,
		`palaute_submissions_total{channel="kiosk",status="200"} 1`,
		`palaute_submissions_total{channel="none",status="401"} 1`,
		`palaute_submission_resends_total 1`,
		`palaute_commit_batch_size_count 2`,
		`palaute_http_request_seconds_count{method="POST",route="/api/v1/responses",status="201"} 1`,
		`palaute_db_size_bytes`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s\n%s", want, grepLines(body, "palaute_http_request_seconds_count"))
		}
	}
	if strings.Contains(body, "iltavastaanottoja") || strings.Contains(body, f.kioskToken) {
		t.Error("metrics carry an answer or a token")
	}
}

func TestMetricsFromConfiguredAddress(t *testing.T) {
	f := newFixture(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go f.app.Listener(ln)
	defer f.app.Shutdown()
	resp, err := http.Get("http://" + ln.Addr().String() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("scrape from a configured address: status %d", resp.StatusCode)
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
