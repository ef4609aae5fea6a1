package server_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"palaute/survey"
	"palaute/survey/printing/printtest"
	"palaute/survey/server"
	"palaute/survey/store"
)

// cardFeedback is the worker API's answer, as far as the tests read it.
type cardFeedback struct {
	Card     string `json:"card"`
	Released bool   `json:"released"`
	N        int    `json:"n"`
	Short    int    `json:"short"`
	Overall  *struct {
		Positive int `json:"positive_tenths"`
	} `json:"overall"`
	UnitOverall *struct {
		Positive int `json:"positive_tenths"`
	} `json:"unit_overall"`
	Months []struct {
		Month       int             `json:"month"`
		Released    bool            `json:"released"`
		N           int             `json:"n"`
		UnitOverall json.RawMessage `json:"unit_overall"`
	} `json:"months"`
	Texts []struct {
		Text string `json:"text"`
	} `json:"texts"`
}

// addCards adds cards of the palette's colours in units.
func (f *fixture) addCards(t *testing.T, cards map[string]string) {
	t.Helper()
	colours := []string{"#E69F00", "#009E73", "#CC79A7", "#D55E00"}
	i := 0
	for code, unit := range cards {
		col, _ := survey.PaletteColour(colours[i%len(colours)])
		if _, err := f.db.CreateCard(context.Background(), cardWith(code, col, unit)); err != nil {
			t.Fatal(err)
		}
		i++
	}
}

func (b *browserish) feedback(t *testing.T, query string) (int, cardFeedback) {
	t.Helper()
	resp, body := b.do(t, "GET", "/api/v1/me/feedback"+query, nil)
	var out cardFeedback
	if resp.StatusCode == 200 {
		if err := json.Unmarshal([]byte(body), &out); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
	}
	return resp.StatusCode, out
}

// A worker lands on /me, reads their own card, and is refused every other
// card (403 whether it exists or not), as a page, a summary, a print and
// through the API. Their unit's figures stand beside theirs only when the
// unit has at least the threshold of answers beyond their own, and never
// so as to tell a colleague's few answers.
func TestWorkerReadsOnlyTheirCard(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	f.addCards(t, map[string]string{"GREEN": "Perhepalvelut", "ORANGE": "Aikuissosiaalityö", "RED": "Aikuissosiaalityö"})
	f.seed(t, "2026-03-03", "BLUE", 5, 5, 4, 4, 3, 5)
	f.seed(t, "2026-03-05", "ORANGE", 3, 3, 3, 3, 3)
	f.seed(t, "2026-03-06", "RED", 4, 4, 4, 4, 4, 4, 4, 4, 4)

	b := f.browser()
	resp, csrf := b.login(t, "worker", "worker-password-123")
	if loc := resp.Header.Get("Location"); resp.StatusCode != 303 || loc != "/me" {
		t.Fatalf("login: %d to %q, want /me", resp.StatusCode, loc)
	}
	status, mine := b.feedback(t, "")
	if status != 200 || mine.Card != "BLUE" || !mine.Released || mine.N != 6 || mine.Overall == nil || mine.Overall.Positive != 8 {
		t.Fatalf("own card: %d %+v", status, mine)
	}
	// The unit holds BLUE's answers alone: beside them it adds nothing.
	if mine.UnitOverall != nil {
		t.Errorf("unit beside the card though it holds nothing else: %+v", mine.UnitOverall)
	}
	if r, page := b.do(t, "GET", "/me", nil); r.StatusCode != 200 || !strings.Contains(page, "Sininen") || strings.Contains(page, "Koko yksikkö") {
		t.Fatalf("/me: %d, or the unit's figure is on it", r.StatusCode)
	}
	// GREEN's two answers in the unit would be the unit less BLUE: BLUE is
	// hidden from everyone, the worker and the quality group alike.
	f.seed(t, "2026-03-04", "GREEN", 1, 2)
	if _, mine = b.feedback(t, ""); mine.Released || mine.UnitOverall != nil || len(mine.Months) != 0 {
		t.Errorf("BLUE shown beside GREEN's two answers in the unit: %+v", mine)
	}
	if _, body := f.do(t, "GET", "/api/v1/reports/summary?survey=visit&year=2026&card=BLUE", f.apiToken, ""); !strings.Contains(body, `"suppressed":true`) {
		t.Errorf("the quality group sees BLUE beside GREEN's two answers: %s", body)
	}
	for _, code := range []string{"GREEN", "green", "ORANGE", "NOSUCH"} {
		if status, _ := b.feedback(t, "?card="+code); status != 403 {
			t.Errorf("API for card %s: %d, want 403", code, status)
		}
		for _, path := range []string{"/me?card=", "/me/summary?card=", "/me/cards?card="} {
			if r, _ := b.do(t, "GET", path+code, nil); r.StatusCode != 403 {
				t.Errorf("%s%s: %d, want 403", path, code, r.StatusCode)
			}
		}
		if r, _ := b.do(t, "POST", "/me/cards", url.Values{"_csrf": {csrf}, "card": {code}, "count": {"8"}, "lang": {"fi"}}); r.StatusCode != 403 {
			t.Errorf("printing card %s: %d, want 403", code, r.StatusCode)
		}
	}
	// A worker reaches no report of the quality group, by card or not.
	for _, path := range []string{"/api/v1/reports/summary?survey=visit&year=2026&card=GREEN", "/api/v1/reports/texts?survey=visit&year=2026"} {
		if r, _ := b.do(t, "GET", path, nil); r.StatusCode != 401 {
			t.Errorf("%s as a worker: %d, want 401", path, r.StatusCode)
		}
	}
	if r, _ := b.do(t, "GET", "/reports/export.xlsx?survey=visit&year=2026", nil); r.StatusCode != 303 {
		t.Errorf("workbook as a worker: %d, want a redirect to the login", r.StatusCode)
	}

	// With GREEN's five more answers the unit may stand beside BLUE.
	f.seed(t, "2026-03-10", "GREEN", 4, 4, 5, 5, 3)
	_, mine = b.feedback(t, "")
	if mine.UnitOverall == nil || !mine.Released || mine.N != 6 {
		t.Fatalf("unit 13 answers, card 6: no unit beside: %+v", mine)
	}
	if r, page := b.do(t, "GET", "/me", nil); r.StatusCode != 200 || !strings.Contains(page, "Koko yksikkö (Perhepalvelut)") {
		t.Fatalf("/me lacks the unit's figure: %d", r.StatusCode)
	}
}

// Nothing of a card below the threshold is shown: no figure, no text, no
// count; only how many more answers are needed.
func TestWorkerBelowThreshold(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	f.save(t, `{"id":"60000000-0000-4000-8000-000000000001","survey":"visit","lang":"fi","channel":"paper","card":"BLUE","date":"2026-03-02","answers":{"q1":"yes","q2":5,"q3":"SECRET-FEW-TEXT"}}`)
	f.seed(t, "2026-03-03", "BLUE", 4, 4)
	b := f.browser()
	b.login(t, "worker", "worker-password-123")
	status, mine := b.feedback(t, "")
	if status != 200 || mine.Released || mine.N != 0 || mine.Short != 2 || mine.Overall != nil || len(mine.Months) != 0 || len(mine.Texts) != 0 {
		t.Fatalf("card of 3 answers: %d %+v", status, mine)
	}
	for _, path := range []string{"/me", "/me/summary", "/api/v1/me/feedback"} {
		r, page := b.do(t, "GET", path, nil)
		if r.StatusCode != 200 || strings.Contains(page, "SECRET-FEW-TEXT") {
			t.Fatalf("%s: %d, or the text is on it", path, r.StatusCode)
		}
		if path == "/api/v1/me/feedback" {
			continue
		}
		doc, _ := goquery.NewDocumentFromReader(strings.NewReader(page))
		short := doc.Find("#me-short").Text()
		if !strings.Contains(short, "vielä 2 lisää") || doc.Find("svg.faces").Length() != 0 {
			t.Errorf("%s: %q, or faces drawn", path, short)
		}
		if strings.Contains(doc.Find("main").Text(), "3 vastausta") {
			t.Errorf("%s tells the count below the threshold", path)
		}
	}
}

// A worker's print is the admin's sheet with fresh tokens: eight
// distinct, decodable, unused, logged, and counted against the day's
// limit.
func TestWorkerPrintsTheirCards(t *testing.T) {
	f := newFixtureConfig(t, func(c *server.Config) { c.WorkerPrintLimit = 12 })
	f.addUsers(t)
	b := f.browser()
	_, csrf := b.login(t, "worker", "worker-password-123")
	if r, page := b.do(t, "GET", "/me/cards", nil); r.StatusCode != 200 || !strings.Contains(page, "vielä 12 korttia") {
		t.Fatalf("print form: %d", r.StatusCode)
	}
	r, sheet := b.do(t, "POST", "/me/cards", url.Values{"_csrf": {csrf}, "card": {"BLUE"}, "count": {"8"}, "lang": {"sv"}})
	if r.StatusCode != 200 {
		t.Fatalf("print: %d %s", r.StatusCode, sheet)
	}
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(sheet))
	seen := map[string]bool{}
	doc.Find("img.qr").Each(func(i int, img *goquery.Selection) {
		src, _ := img.Attr("src")
		link := printtest.DecodeQR(t, src)
		token, ok := strings.CutPrefix(link, "http://example.com/v/")
		if !ok {
			t.Fatalf("QR opens %q", link)
		}
		card, used, err := f.db.CardByToken(context.Background(), token)
		if err != nil || used || card.Code != "BLUE" {
			t.Errorf("token %d: card %s used %v: %v", i, card.Code, used, err)
		}
		seen[token] = true
	})
	if len(seen) != 8 || !strings.Contains(doc.Text(), "Blå") {
		t.Fatalf("%d distinct tokens on the sheet, want 8 Swedish cards", len(seen))
	}
	log, _ := f.db.AuditSearch(context.Background(), store.AuditFilter{Actor: "worker", Action: "cards.print"})
	if len(log) != 1 || !strings.Contains(log[0].Detail, "8 cards BLUE (sv)") {
		t.Fatalf("audit log: %+v", log)
	}
	// Eight more would pass the day's twelve: refused, nothing printed.
	r, page := b.do(t, "POST", "/me/cards", url.Values{"_csrf": {csrf}, "card": {"BLUE"}, "count": {"8"}, "lang": {"fi"}})
	if r.StatusCode != 429 || !strings.Contains(page, "vielä 4") {
		t.Fatalf("past the limit: %d", r.StatusCode)
	}
	var workerID int64
	users, _ := f.db.Users(context.Background())
	for _, u := range users {
		if u.Role == store.RoleWorker {
			workerID = u.ID
		}
	}
	if n, _ := f.db.PrintedToday(context.Background(), workerID, "2026-04-15"); n != 8 {
		t.Fatalf("printed today = %d, want 8", n)
	}
	for _, bad := range []url.Values{{"count": {"0"}, "lang": {"fi"}}, {"count": {"x"}, "lang": {"fi"}}, {"count": {"2"}, "lang": {"en"}}} {
		bad.Set("_csrf", csrf)
		bad.Set("card", "BLUE")
		if r, _ := b.do(t, "POST", "/me/cards", bad); r.StatusCode != 422 {
			t.Errorf("%v: %d, want 422", bad, r.StatusCode)
		}
	}
	// Without the session's CSRF token nothing is printed.
	if r, _ := b.do(t, "POST", "/me/cards", url.Values{"card": {"BLUE"}, "count": {"1"}, "lang": {"fi"}}); r.StatusCode != 403 {
		t.Errorf("print without CSRF: %d", r.StatusCode)
	}
}

// The admin adds a worker on /admin/users with their cards; a worker
// without a card, or with one that does not exist, is refused.
func TestAdminAddsWorker(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	b := f.browser()
	_, csrf := b.login(t, "admin", "admin-password-123")
	add := func(name, cards string) int {
		r, _ := b.do(t, "POST", "/admin/users", url.Values{"_csrf": {csrf}, "name": {name}, "role": {"worker"}, "cards": {cards}, "password": {"aino-password-123"}})
		return r.StatusCode
	}
	if s := add("aino", ""); s != 422 {
		t.Errorf("worker without a card: %d", s)
	}
	if s := add("aino", "BLUE, NOSUCH"); s != 422 {
		t.Errorf("worker with an unknown card: %d", s)
	}
	if s := add("aino", "blue"); s != 200 {
		t.Fatalf("worker with BLUE: %d", s)
	}
	w := f.browser()
	if r, _ := w.login(t, "aino", "aino-password-123"); r.Header.Get("Location") != "/me" {
		t.Fatalf("aino lands on %q", r.Header.Get("Location"))
	}
	if status, mine := w.feedback(t, ""); status != 200 || mine.Card != "BLUE" {
		t.Fatalf("aino's feedback: %d %+v", status, mine)
	}
	if r, _ := b.do(t, "POST", "/admin/users", url.Values{"_csrf": {csrf}, "name": {"leena"}, "role": {"quality"}, "cards": {"BLUE"}, "password": {"leena-password-123"}}); r.StatusCode != 422 {
		t.Errorf("quality user with a card: %d", r.StatusCode)
	}

}
