package server_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"palaute/survey"
	"palaute/survey/locale"
	"palaute/survey/store/storetest"
)

// TestReportsHomeShowsNPS: the reports home gives a 0–10 item's net
// promoter score as its headline with its change in points, a statement's
// can't-say share, and marks the one item whose wording differs between
// the versions the two years were answered in.
func TestReportsHomeShowsNPS(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	in := f.db.Instruments().Current("national")
	v2 := *in
	v2.Version = 2
	v2.Items = slices.Clone(in.Items)
	npsAt := slices.IndexFunc(v2.Items, func(it survey.Item) bool { return it.Type == survey.TypeNPS })
	v2.Items[npsAt].Text = survey.Text{"fi": "Suosittelisitko meitä?", "sv": "Skulle du rekommendera oss?", "en": "Would you recommend us?"}
	cat, _ := locale.Load()
	if _, err := f.db.Publish(t.Context(), &v2, "test"); err != nil {
		t.Fatal(err)
	}
	// 2024: +20 (5 promoters, 3 detractors of 10); 2025: +40 (6 and 2).
	var y2024, y2025 [][2]any
	for _, v := range []int{10, 10, 9, 8, 7, 6, 3, 0, 10, 9} {
		y2024 = append(y2024, [2]any{v, 4})
	}
	for i, v := range []int{10, 10, 10, 9, 9, 8, 7, 6, 5, 10} {
		s := any(5)
		if i < 2 {
			s = survey.CantSay
		}
		y2025 = append(y2025, [2]any{v, s})
	}
	f.nationalAnswers(t, "2024-03-05", "", y2024...)
	f.nationalAnswers(t, "2025-03-05", "", y2025...)
	for _, table := range []string{"responses", "rollups"} {
		if err := storetest.Exec(context.Background(), f.db, "UPDATE "+table+" SET version = 2 WHERE year = 2025 AND survey = 'national'"); err != nil {
			t.Fatal(err)
		}
	}
	b := f.browser()
	b.login(t, "quality", "quality-password-123")
	_, body := b.do(t, "GET", "/reports?survey=national&year=2025&lang=en", nil)
	d := doc(t, body)
	rows := map[string]*goquery.Selection{}
	d.Find("#reports-items tbody tr").Each(func(_ int, s *goquery.Selection) { rows[s.Find("th").Text()] = s })
	nps := rows[v2.Items[npsAt].Label("en")]
	if nps == nil {
		t.Fatalf("no row for the 0–10 item in %v", rows)
	}
	cells := nps.Find("td")
	if got := cells.Eq(0).Text(); !strings.Contains(got, "Net Promoter Score (NPS) +40") || !strings.Contains(got, "Promoters (9–10) 60 %") || !strings.Contains(got, "Detractors (0–6) 20 %") {
		t.Errorf("the 0–10 item's headline: %q", got)
	}
	if got := cells.Eq(2).Text(); !strings.HasPrefix(got, "+20") || !strings.Contains(got, "wording changed") {
		t.Errorf("the 0–10 item's change: %q", got)
	}
	statement := rows[in.Items[slices.IndexFunc(in.Items, func(it survey.Item) bool { return it.CantSay })].Label("en")]
	if statement == nil {
		t.Fatal("no row for the statement")
	}
	// 8 of 10 answered 5, 2 could not say: the mean and agree share are
	// of the 8, the can't-say share of all 10.
	if got := statement.Find("td").Eq(0).Text(); !strings.Contains(got, "5.00") || !strings.Contains(got, "(4–5): 100 %") || !strings.Contains(got, "Can't say 20 %") {
		t.Errorf("the statement's headline: %q", got)
	}
	if strings.Contains(statement.Text(), "wording changed") || d.Find(".wording-changed").Length() != 1 {
		t.Errorf("%d items marked as reworded, want the 0–10 item alone", d.Find(".wording-changed").Length())
	}
	if !strings.Contains(d.Find("p.note").Text(), cat.Get("en", "reports.cant_say_base")) {
		t.Error("the page does not say how can't-say counts")
	}
}

// TestPosterRecommend: the poster of a survey with a 0–10 item says how
// many in ten would recommend the service and its score, only for a
// released month, and follows the share by month; the default poster is
// still the visit card's.
func TestPosterRecommend(t *testing.T) {
	f := newFixture(t) // the clock stands at 15 April 2026: the poster shows March
	// March: 10 answers, 8 of them 9 or 10, one 0–6: NPS +70.
	var march, february [][2]any
	for _, v := range []int{10, 10, 9, 9, 10, 9, 10, 9, 8, 2} {
		march = append(march, [2]any{v, 4})
	}
	for _, v := range []int{10, 6, 7, 9, 5} {
		february = append(february, [2]any{v, 3})
	}
	f.nationalAnswers(t, "2026-03-10", "", march...)
	f.nationalAnswers(t, "2026-02-10", "", february...)
	f.nationalAnswers(t, "2026-04-02", "", [2]any{0, 1}, [2]any{0, 1}, [2]any{0, 1}, [2]any{0, 1}, [2]any{0, 1}) // not ended
	f.seed(t, "2026-03-10", "", 5, 4, 4, 5, 3)
	d := page(t, f.get(t, "/poster?survey=national&lang=en", ""))
	en := d.Find(`section[lang="en"]`).Text()
	for _, want := range []string{"8 in 10 clients would recommend our service", "Net Promoter Score (NPS) +70", "Would recommend, by month, in 10"} {
		if !strings.Contains(en, want) {
			t.Errorf("national poster lacks %q:\n%s", want, en)
		}
	}
	if got := d.Find(".trend svg rect").Length(); got != 2 || d.Find("svg.faces").Length() != 0 {
		t.Errorf("trend over %d months, %d faces charts: want February and March and no faces", got, d.Find("svg.faces").Length())
	}
	if fi := page(t, f.get(t, "/poster?survey=national&lang=fi", "")).Find(`section[lang="fi"]`).Text(); !strings.Contains(fi, "8 asiakasta 10:stä suosittelisi") {
		t.Errorf("Finnish national poster:\n%s", fi)
	}
	// A unit with too few answers says so, with no number.
	if txt := page(t, f.get(t, "/poster?survey=national&lang=en&unit=Perhepalvelut", "")).Find("main").Text(); strings.Contains(txt, "recommend") {
		t.Errorf("a unit without answers recommends: %s", txt)
	}
	// The default poster is the visit card's faces.
	if def := page(t, f.get(t, "/poster?lang=en", "")); def.Find("svg.faces").Length() != 1 || strings.Contains(def.Text(), "recommend") {
		t.Errorf("the default poster is not the visit card's:\n%s", def.Find("main").Text())
	}
}
