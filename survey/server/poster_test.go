package server_test

import (
	"net/url"
	"strings"
	"testing"
)

func TestPoster(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	// The clock stands at 15 April 2026: the poster shows March.
	f.seed(t, "2026-03-10", "BLUE", 5, 4, 4, 5, 3, 4) // BLUE belongs to Perhepalvelut
	f.seed(t, "2026-03-11", "", 2, 3, 3, 4, 5)        // no card, no unit
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
	for _, want := range []string{"6 asiakasta", "100 % sanoi", "4,2 / 5", "Avasimme iltavastaanoton"} {
		if !strings.Contains(fi, want) {
			t.Errorf("Finnish poster lacks %q:\n%s", want, fi)
		}
	}
	if !strings.Contains(d.Find(`section[lang="sv"]`).Text(), "Vi öppnade") || !strings.Contains(d.Find(`section[lang="en"]`).Text(), "6 clients") {
		t.Error("poster lacks Swedish or English")
	}
	html, _ := d.Html()
	if strings.Contains(html, "<script>alert") {
		t.Fatal("an action's text runs as script on the poster")
	}
	// The whole organisation: 11 answers, shown; a unit with too few: hidden.
	if txt := page(t, f.get(t, "/poster", "")).Find(`section[lang="en"]`).Text(); !strings.Contains(txt, "11 clients") {
		t.Errorf("organisation poster: %s", txt)
	}
	if txt := page(t, f.get(t, "/poster?unit=Aikuissosiaalityö&view=wall", "")).Find(`section[lang="en"]`).Text(); !strings.Contains(txt, "so few answered") || strings.Contains(txt, "clients told") {
		t.Errorf("unit below the threshold: %s", txt)
	}
	// Only a known unit: a public page never prints what a stranger typed.
	if status, _ := f.do(t, "GET", "/poster?unit=%3Cb%3EKlikkaa+t%C3%A4st%C3%A4%3C%2Fb%3E", "", ""); status != 404 {
		t.Errorf("unknown unit: %d, want 404", status)
	}
}
