package server_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
)

func TestPaperEntryCorrectAndDelete(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	b := f.browser()
	_, csrf := b.login(t, "entry", "entry-password-123")
	form := url.Values{"_csrf": {csrf}, "card": {"blue"}, "q1": {"2"}, "q2": {"3"}, "q3": {"Enemmän aikaa"}, "lang": {"fi"}, "date": {"2026-04-02"}}
	resp, _ := b.do(t, "POST", "/entry", form)
	if resp.StatusCode != 303 {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	loc, _ := url.Parse(resp.Header.Get("Location"))
	id := loc.Query().Get("batch")
	r, err := f.db.ResponseByID(context.Background(), id)
	if err != nil || r.Channel != "paper" || r.Card != "BLUE" || r.Answers["q1"] != "partly" || r.Day != "2026-04-02" {
		t.Fatalf("stored %+v %v", r, err)
	}
	for _, tt := range []struct {
		name  string
		field string
		value string
		want  string
	}{
		{"digit out of range", "q2", "7", "1–5"},
		{"q1 not a digit", "q1", "x", "1 yes"},
		{"future date", "date", "2030-01-01", "future"},
		{"unknown card", "card", "PINK", "Unknown card"},
		{"unknown token", "token", "nope", "Unknown QR token"},
	} {
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set(tt.field, tt.value)
		b.header["Accept-Language"] = "en"
		resp, page := b.do(t, "POST", "/entry", bad)
		if resp.StatusCode != 422 || !strings.Contains(page, tt.want) {
			t.Errorf("%s: %d, page lacks %q", tt.name, resp.StatusCode, tt.want)
		}
	}
	form.Set("q2", "5")
	if resp, _ := b.do(t, "POST", "/entry/"+id+"?batch="+id, form); resp.StatusCode != 303 {
		t.Fatalf("correct: %d", resp.StatusCode)
	}
	if r, _ := f.db.ResponseByID(context.Background(), id); r.Answers["q2"] != "5" || r.Channel != "paper" {
		t.Fatalf("corrected %+v", r)
	}
	if resp, _ := b.do(t, "POST", "/entry/"+id+"/delete", url.Values{"_csrf": {csrf}, "batch": {id}}); resp.StatusCode != 303 {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	if _, err := f.db.ResponseByID(context.Background(), id); err == nil {
		t.Fatal("deleted entry still stored")
	}
	// A kiosk's answer cannot be deleted from the paper entry page.
	f.do(t, "POST", "/api/v1/responses", f.kioskToken, visit(id2, ""))
	if resp, _ := b.do(t, "POST", "/entry/"+id2+"/delete", url.Values{"_csrf": {csrf}}); resp.StatusCode != 404 {
		t.Fatalf("deleting a kiosk answer: %d", resp.StatusCode)
	}
	log, _ := f.db.AuditLog(context.Background(), 20)
	var who []string
	for _, e := range log {
		if strings.HasPrefix(e.Action, "paper.") {
			who = append(who, e.Actor+" "+e.Action+" "+e.Detail)
		}
	}
	if len(who) != 2 || !strings.Contains(strings.Join(who, "|"), "entry paper.correct response "+id) || !strings.Contains(strings.Join(who, "|"), "entry paper.delete response "+id) {
		t.Fatalf("audit of corrections: %v", who)
	}
}
