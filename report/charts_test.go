package report_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"palaute/report"
	"palaute/survey"
	"palaute/survey/store/storetest"
)

// TestDashboardEscapesLabels: an organisation's own instrument may carry
// markup in a group title; ECharts draws tooltips as HTML, so every label
// reaches it escaped.
func TestDashboardEscapesLabels(t *testing.T) {
	ctx := context.Background()
	db := storetest.MustOpenDB(t, nil)
	in := &survey.Instrument{Key: "visit", Version: 1,
		Groups: []survey.Group{{Key: "visit", Title: survey.Text{"fi": `<img src=x onerror=alert(1)>`, "sv": "x", "en": "x"}}},
		Items:  []survey.Item{{Key: "q2", Type: survey.TypeRating5, Group: "visit", Text: survey.Text{"fi": `<b>bold</b>`, "sv": "x", "en": "x"}}},
		Title:  survey.Text{"fi": "x", "sv": "x", "en": "x"},
		Scales: map[string][]survey.Text{"rating5": {{"fi": "1", "sv": "1", "en": "1"}, {"fi": "2", "sv": "2", "en": "2"}, {"fi": "3", "sv": "3", "en": "3"},
			{"fi": "<i>4</i>", "sv": "4", "en": "4"}, {"fi": "5", "sv": "5", "en": "5"}}}}
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
	src := &report.Source{DB: db, Registry: reg}
	charts, err := src.LoadDashboard(ctx, "visit", 2025, "fi", func(k string) string { return k })
	if err != nil {
		t.Fatal(err)
	}
	all, _ := json.Marshal(charts)
	for _, raw := range []string{"<img", "<b>", "<i>"} {
		if strings.Contains(string(all), raw) {
			t.Errorf("chart options carry unescaped %q", raw)
		}
	}
	if !strings.Contains(string(all), "lt;img") {
		t.Error("the escaped group title is missing")
	}
}
