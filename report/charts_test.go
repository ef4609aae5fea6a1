package report_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"palaute/report"
	"palaute/survey"
	"palaute/survey/locale"
	"palaute/survey/store/storetest"
)

// TestDashboardLabelsOnce: an organisation's own instrument may carry
// markup or an ampersand in a title. Tooltips are drawn as text, so the
// options carry every label exactly as written: escaped once, by the
// page's JSON, never twice into "&amp;".
func TestDashboardLabelsOnce(t *testing.T) {
	ctx := context.Background()
	db := storetest.MustOpenDB(t, nil)
	in := &survey.Instrument{Key: "visit", Version: 1,
		Groups: []survey.Group{{Key: "visit", Title: survey.Text{"fi": `Palvelu & <img src=x onerror=alert(1)>`, "sv": "x", "en": "x"}}},
		Items:  []survey.Item{{Key: "q2", Type: survey.TypeRating5, Group: "visit", Text: survey.Text{"fi": `<b>bold</b>`, "sv": "x", "en": "x"}}},
		Title:  survey.Text{"fi": "x", "sv": "x", "en": "x"},
		Scales: map[string][]survey.Text{"rating5": {{"fi": "1", "sv": "1", "en": "1"}, {"fi": "2", "sv": "2", "en": "2"}, {"fi": "3", "sv": "3", "en": "3"},
			{"fi": "Hyvä & <i>4</i>", "sv": "4", "en": "4"}, {"fi": "5", "sv": "5", "en": "5"}}}}
	def, _ := json.Marshal(in)
	reg, err := survey.Load(fstest.MapFS{"visit.json": {Data: def}})
	if err != nil {
		t.Fatal(err)
	}
	var rs []survey.Response
	for i := range 6 {
		rs = append(rs, survey.Response{ID: fmt.Sprintf("80000000-0000-4000-8000-%012d", i), Survey: "visit", Version: 1, Lang: "fi",
			Channel: "kiosk", Day: "2025-05-05", Hash: []byte{byte(i)}, Answers: []survey.Answer{{Item: "q2", Type: survey.TypeRating5, Num: 4}}})
	}
	if _, err := storetest.Save(ctx, db, rs...); err != nil {
		t.Fatal(err)
	}
	cat, _ := locale.Load()
	src := &report.Source{DB: db, Registry: reg}
	d, err := src.LoadDashboard(ctx, "visit", 2025, report.Labels{Lang: "fi", Catalog: cat})
	if err != nil || d.Empty {
		t.Fatal(err, d.Empty)
	}
	all, _ := json.Marshal(d.Charts)
	var back any
	json.Unmarshal(all, &back)
	text := fmt.Sprint(back)
	for _, label := range []string{`Palvelu & <img src=x onerror=alert(1)>`, `<b>bold</b>`, `4 Hyvä & <i>4</i>`} {
		if !strings.Contains(text, label) {
			t.Errorf("label %q is not in the options as written", label)
		}
	}
	if strings.Contains(text, "&amp;") || strings.Contains(text, "&lt;") {
		t.Error("a label is escaped in the options, so the page would escape it twice")
	}
	for _, ch := range d.Charts {
		if tt, _ := ch.Options["tooltip"].(map[string]any); tt["renderMode"] != "richText" {
			t.Errorf("%s: tooltip %v is drawn as HTML, which needs inline styles", ch.Name, tt)
		}
	}
	if empty, _ := src.LoadDashboard(ctx, "visit", 2019, report.Labels{Lang: "fi", Catalog: cat}); !empty.Empty || len(empty.Charts) > 0 {
		t.Error("a year with no answers draws charts")
	}
}

// TestChartColoursAreNotCards: answer categories and series never take a
// worker card's colour, and scales run from red to blue.
func TestChartColoursAreNotCards(t *testing.T) {
	reg, _ := survey.Builtin()
	hex := regexp.MustCompile(`#[0-9A-Fa-f]{6}`)
	var used []string
	used = append(used, report.Diverging...)
	used = append(used, report.Sequential...)
	used = append(used, report.Categorical...)
	for _, in := range reg.List() {
		for _, it := range in.Items {
			if it.Type != survey.TypeText {
				used = append(used, report.ValueColours(it)...)
			}
		}
	}
	for _, c := range used {
		if !hex.MatchString(c) {
			t.Errorf("colour %q", c)
		}
		if _, ok := survey.PaletteColour(c); ok {
			t.Errorf("chart colour %s is a card colour", c)
		}
	}
	q1, _ := reg.Current("visit").Item("q1")
	if got := report.ValueColours(q1); got[0] != report.Diverging[4] || got[2] != report.Diverging[0] {
		t.Errorf("ordered yes/partly/no colours %v: yes should be the positive end, no the negative", got)
	}
}
