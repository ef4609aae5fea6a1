package server_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"palaute/survey"
)

func TestPoster(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	// The clock stands at 15 April 2026: the poster shows March.
	f.seed(t, "2026-03-10", "BLUE", 5, 4, 4, 5, 3, 4) // BLUE belongs to Perhepalvelut
	f.seed(t, "2026-03-11", "", 2, 3, 3, 4, 5)        // no card, no unit
	f.seed(t, "2026-02-11", "", 5, 5, 4, 4, 1)        // February: the trend's first month
	f.seed(t, "2026-04-02", "", 1, 1, 1, 1, 1)        // April has not ended: never shown
	b := f.browser()
	_, csrf := b.login(t, "quality", "quality-password-123")
	resp, _ := b.do(t, "POST", "/reports/actions", url.Values{"_csrf": {csrf}, "month": {"2026-03"}, "unit": {"Perhepalvelut"},
		"text_fi": {"Avasimme iltavastaanoton torstaisin."}, "text_sv": {"Vi öppnade kvällsmottagning på torsdagar."},
		"text_en": {`<script>alert(1)</script> Evening hours on Thursdays.`}})
	if resp.StatusCode != 303 {
		t.Fatalf("add action: %d", resp.StatusCode)
	}
	d := page(t, f.get(t, "/poster?unit=Perhepalvelut", ""))
	fi := d.Find(`section[lang="fi"]`).Text()
	// 6 answers, 4 of them 4 or 5; every q1 answer "yes".
	for _, want := range []string{"Maaliskuussa 2026 palautetta antoi 6 asiakasta.", "8 asiakasta 10:stä antoi hyvän tai erittäin hyvän arvion.",
		"10 asiakasta 10:stä sanoi, että tapaaminen vastasi odotuksia, ja 0 sanoi, että osittain.", "maaliskuu 2026", "Avasimme iltavastaanoton"} {
		if !strings.Contains(fi, want) {
			t.Errorf("Finnish poster lacks %q:\n%s", want, fi)
		}
	}
	if sv := d.Find(`section[lang="sv"]`).Text(); !strings.Contains(sv, "I mars 2026 gav 6 klienter respons.") || !strings.Contains(sv, "Vi öppnade") {
		t.Errorf("Swedish poster:\n%s", sv)
	}
	if en := d.Find(`section[lang="en"]`).Text(); !strings.Contains(en, "In March 2026, 6 clients gave us feedback.") {
		t.Errorf("English poster:\n%s", en)
	}
	if n := d.Find(`svg.faces`).Length(); n != 1 {
		t.Errorf("every language on one sheet: %d faces charts, want one", n)
	}
	html, _ := d.Html()
	if strings.Contains(html, "<script>alert") {
		t.Fatal("an action's text runs as script on the poster")
	}
	// The whole organisation: 11 answers in March, 5 in February; the
	// trend follows both months, April is in no output.
	whole := page(t, f.get(t, "/poster?lang=en", ""))
	if txt := whole.Find(`section[lang="en"]`).Text(); !strings.Contains(txt, "11 clients") || strings.Contains(txt, "April") {
		t.Errorf("organisation poster: %s", txt)
	}
	if got := whole.Find(`.trend svg rect`).Length(); got != 2 {
		t.Errorf("trend over %d months, want February and March", got)
	}
	if whole.Find(`section`).Length() != 1 || whole.Find(`section[lang="en"] svg.faces text.name`).First().Text() != "Very good" {
		t.Error("lang=en: one English block with the faces named in English")
	}
	// A unit with too few answers says so, with no number at all.
	for _, lang := range survey.Languages {
		sec := page(t, f.get(t, "/poster?unit=Aikuissosiaalityö&view=wall", "")).Find(fmt.Sprintf(`section[lang=%q]`, lang))
		txt := sec.Find(".too-few").Text()
		if txt == "" || strings.ContainsAny(strings.ReplaceAll(txt, "2026", ""), "0123456789") || sec.Find("svg.faces").Length() > 0 {
			t.Errorf("%s, unit below the threshold: %q", lang, txt)
		}
	}
	// Only a known unit: a public page never prints what a stranger typed.
	for path, want := range map[string]int{
		"/poster?unit=%3Cb%3EKlikkaa+t%C3%A4st%C3%A4%3C%2Fb%3E": 404, "/poster?survey=satisfaction": 404, "/poster?survey=nope": 404,
		"/poster?lang=de": 400, "/poster?size=a5": 400, "/poster?view=tv": 400, "/poster?size=a3&lang=sv": 200, "/poster/sw.js": 200,
	} {
		if status, body := f.do(t, "GET", path, "", ""); status != want || strings.Contains(body, "Klikkaa") {
			t.Errorf("%s: %d, want %d", path, status, want)
		}
	}
}

// TestPosterAnnualSurvey: once the survey period has ended, the wall
// shows the annual survey's groups beside last year's, and nothing of a
// year that is too small.
func TestPosterAnnualSurvey(t *testing.T) {
	f := newFixture(t) // the survey period is April; the clock 15 April 2026
	seedAnnual := func(day string, n, value int) {
		for range n {
			f.seq++
			f.save(t, fmt.Sprintf(`{"id":"60000000-0000-4000-8000-%012d","survey":"satisfaction","lang":"sv","channel":"paper","date":%q,"answers":{"q1":%d,"q4":%d,"q12":%d}}`,
				f.seq, day, value, value, value))
		}
	}
	seedAnnual("2024-04-10", 6, 2)
	seedAnnual("2025-04-10", 4, 5)
	seedAnnual("2025-04-11", 2, 4)
	seedAnnual("2026-04-01", 9, 1) // this year's period has not ended
	sv := page(t, f.get(t, "/poster?lang=sv", "")).Find(".annual").Text()
	for _, want := range []string{"Klientnöjdhetsenkät 2025", "Tjänsternas tillgänglighet", "10 / 10", "2024: 0 / 10"} {
		if !strings.Contains(sv, want) {
			t.Errorf("annual survey lacks %q:\n%s", want, sv)
		}
	}
	if strings.Contains(sv, "Träffar") && !strings.Contains(sv, "10 / 10") {
		t.Errorf("a group with answers has no figure:\n%s", sv)
	}
	// A unit with no annual answers is too small, like one with a few:
	// the poster does not tell them apart.
	if got := page(t, f.get(t, "/poster?lang=fi&unit=Perhepalvelut", "")).Find(".annual").Text(); !strings.Contains(got, "liian vähän") || strings.Contains(got, "/ 10") {
		t.Errorf("a unit without annual answers: %s", got)
	}
}
