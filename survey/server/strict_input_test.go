package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"palaute/survey/store/storetest"
)

// A response with nothing in it, or a field given twice, is refused with
// its code, and nothing is stored.
func TestStrictInput(t *testing.T) {
	f := newFixture(t)
	for _, tt := range []struct{ name, body, code, field string }{
		{"a NUL only", `{"id":"` + id1 + `","survey":"visit","lang":"fi","answers":{"q3":"\u0000"}}`, "empty", "answers"},
		{"white space and control characters", `{"id":"` + id1 + `","survey":"visit","lang":"fi","answers":{"q3":" \t\u0007\u200b","q2_text":"\n"}}`, "empty", "answers"},
		{"an answer twice", `{"id":"` + id1 + `","survey":"visit","lang":"fi","answers":{"q2":"bad","q2":5}}`, "duplicate_key", "answers.q2"},
		{"the same answer twice", `{"id":"` + id1 + `","survey":"visit","lang":"fi","answers":{"q2":5,"q2":5}}`, "duplicate_key", "answers.q2"},
		{"a field twice", `{"id":"` + id1 + `","id":"` + id2 + `","survey":"visit","lang":"fi","answers":{"q2":5}}`, "duplicate_key", "id"},
	} {
		status, body := f.do(t, "POST", "/api/v1/responses", f.kioskToken, tt.body)
		if status != 422 || !strings.Contains(body, `"code":"`+tt.code+`"`) || !strings.Contains(body, `"field":"`+tt.field+`"`) {
			t.Errorf("%s: %d %s", tt.name, status, body)
		}
	}
	var n int
	if err := storetest.ReadValue(context.Background(), f.db, "SELECT count(*) FROM responses", &n); err != nil || n != 0 {
		t.Fatalf("%d responses stored from refused bodies (%v)", n, err)
	}
}

// A printed card's token answers the visit card only, once, and sends no
// contact once it has.
func TestCardTokenLimits(t *testing.T) {
	f := newFixture(t)
	annual := `{"id":"` + id1 + `","survey":"satisfaction","lang":"fi","answers":{"q12":5}}`
	if status, body := f.do(t, "POST", "/api/v1/responses", f.cardTokens[0], annual); status != 403 || !strings.Contains(body, `"code":"other_survey"`) {
		t.Fatalf("card token answering the annual survey: %d %s", status, body)
	}
	if _, used, _ := f.db.CardByToken(context.Background(), f.cardTokens[0]); used {
		t.Fatal("a refused answer used the token up")
	}
	contact := `{"lang":"fi","name":"Aino","contact":"040 123"}`
	if status, body := f.do(t, "POST", "/kiosk/contact", f.cardTokens[0], contact); status != 204 {
		t.Fatalf("contact with an unused card token: %d %s", status, body)
	}
	if status, body := f.do(t, "POST", "/api/v1/responses", f.cardTokens[0], visit(id2, "")); status != 201 {
		t.Fatalf("card token answering its card: %d %s", status, body)
	}
	for range 2 {
		if status, body := f.do(t, "POST", "/kiosk/contact", f.cardTokens[0], contact); status != 409 || !strings.Contains(body, "jo vastattu") {
			t.Fatalf("contact with a used card token: %d %s", status, body)
		}
	}
	if list, _ := f.db.Contacts(context.Background()); len(list) != 1 {
		t.Fatalf("%d contacts stored, want the one sent before the card was answered", len(list))
	}
}

// A retired card is no longer offered on kiosks, so a kiosk answer naming
// it is refused; the paper cards and printed tokens handed out before it
// was retired still count.
func TestRetiredCard(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	ctx := context.Background()
	if err := f.db.SetCardRetired(ctx, "BLUE", true); err != nil {
		t.Fatal(err)
	}
	if status, body := f.do(t, "POST", "/api/v1/responses", f.kioskToken, visit(id1, `,"card":"BLUE"`)); status != 422 || !strings.Contains(body, `"code":"retired_card"`) {
		t.Fatalf("kiosk answer naming a retired card: %d %s", status, body)
	}
	if status, body := f.do(t, "POST", "/api/v1/responses", f.cardTokens[0], visit(id2, "")); status != 201 {
		t.Fatalf("printed token of a retired card: %d %s", status, body)
	}
	b := f.browser()
	_, csrf := b.login(t, "entry", "entry-password-123")
	req := httptest.NewRequest("POST", "/api/v1/responses", strings.NewReader(visit(id3, `,"card":"BLUE","date":"2026-04-10"`)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", csrf)
	req.AddCookie(&http.Cookie{Name: "palaute_session", Value: b.cookies["palaute_session"]})
	resp, err := f.app.Test(req, 10000)
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("paper card of a retired card: %v %v", resp.StatusCode, err)
	}
	if r, _ := b.do(t, "POST", "/entry", url.Values{"_csrf": {csrf}, "card": {"blue"}, "a-q1": {"1"}}); r.StatusCode != 303 {
		t.Fatalf("keying in a retired card's paper card: %d", r.StatusCode)
	}
	// The annual survey has no card on its form, and takes none.
	r, _ := b.do(t, "POST", "/entry", url.Values{"_csrf": {csrf}, "survey": {"satisfaction"}, "card": {"BLUE"}, "token": {f.cardTokens[1]}, "a-q1": {"4"}})
	loc, _ := url.Parse(r.Header.Get("Location"))
	if stored, err := f.db.ResponseByID(ctx, loc.Query().Get("batch")); err != nil || stored.Card != "" || stored.Survey != "satisfaction" {
		t.Fatalf("annual form posted with a card: %+v %v", stored, err)
	}
	if _, used, _ := f.db.CardByToken(ctx, f.cardTokens[1]); used {
		t.Fatal("an annual form used a card's token up")
	}
	counts, _ := f.db.CountResponses(ctx)
	if counts["visit"] != 3 {
		t.Fatalf("%d visit answers stored, want 3", counts["visit"])
	}
}
