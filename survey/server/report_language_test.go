package server_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"palaute/report"
	"palaute/survey"
	"palaute/survey/locale"
)

// rawKeys are the words a reader must never meet: survey, group, item and
// option keys, and band keys.
func rawKeys(t *testing.T) (words map[string]bool, bands []string) {
	reg, _ := survey.Builtin()
	words = map[string]bool{}
	for _, in := range reg.List() {
		words[in.Key] = true
		for _, g := range in.Groups {
			words[g.Key] = true
		}
		for _, it := range in.Items {
			words[it.Key] = true
			for _, o := range it.Options {
				words[o.Key] = true
			}
		}
	}
	words[survey.CantSay] = true
	for _, part := range report.NPSParts {
		words[part] = true
	}
	for _, b := range append(append([]survey.Band(nil), survey.AgeBands...), survey.ClientTimeBands...) {
		bands = append(bands, b.Key)
	}
	return words, bands
}

var wordPattern = regexp.MustCompile(`[\p{L}\p{N}_]+`)

// scanKeys reports every raw key in a text a reader sees.
func scanKeys(t *testing.T, where, text string) {
	t.Helper()
	words, bands := rawKeys(t)
	for _, w := range wordPattern.FindAllString(text, -1) {
		if words[w] {
			t.Errorf("%s: raw key %q in %q", where, w, excerpt(text, w))
		}
	}
	for _, b := range bands {
		if strings.Contains(text, b) {
			t.Errorf("%s: raw band key %q", where, b)
		}
	}
}

func excerpt(text, w string) string {
	i := strings.Index(text, w)
	lo, hi := max(0, i-40), min(len(text), i+40)
	return text[lo:hi]
}

// visibleText is a page's text as a reader sees it, without scripts, plus
// the words the charts draw: titles, legends, axes and series names.
func visibleText(t *testing.T, body string) string {
	d := doc(t, body)
	var chartWords []string
	d.Find(`script[type="application/json"]`).Each(func(_ int, s *goquery.Selection) {
		var opts map[string]any
		if err := json.Unmarshal([]byte(s.Text()), &opts); err != nil {
			t.Fatalf("chart options: %v", err)
		}
		chartWords = append(chartWords, chartStrings(opts["series"], opts["xAxis"], opts["legend"], opts["title"])...)
	})
	d.Find("script, style").Remove()
	var attrs []string
	d.Find("[aria-label], [title], [alt], option").Each(func(_ int, s *goquery.Selection) {
		for _, a := range []string{"aria-label", "title", "alt"} {
			if v, ok := s.Attr(a); ok {
				attrs = append(attrs, v)
			}
		}
	})
	return d.Find("body").Text() + "\n" + strings.Join(attrs, "\n") + "\n" + strings.Join(chartWords, "\n")
}

// chartStrings collects the names and data labels in chart options.
func chartStrings(vs ...any) []string {
	var out []string
	var walk func(v any, key string)
	walk = func(v any, key string) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(x, k)
			}
		case []any:
			for _, x := range v {
				walk(x, key)
			}
		case string:
			if key == "name" || key == "data" || key == "text" {
				out = append(out, v)
			}
		}
	}
	for _, v := range vs {
		walk(v, "")
	}
	return out
}

// TestReportsSpeakTheReadersLanguage reads the reports home, the charts,
// the open answers, the workbook, the raw rows and the CSVs' headers in
// Finnish and Swedish, of every survey the demo answers (the national
// one's 0–10 item and can't-say answers too), and finds no item, option,
// band or survey key, nor can't-say's or the score's parts' keys, and the
// visit card's choice question in every one.
func TestReportsSpeakTheReadersLanguage(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	f.saveDemo(t, 3)
	b := f.browser()
	b.login(t, "quality", "quality-password-123")
	reg, _ := survey.Builtin()
	q1, _ := reg.Current("visit").Item("q1")
	cat, _ := locale.Load()
	for _, lang := range []string{"fi", "sv"} {
		for _, key := range []string{"visit", "satisfaction", "national"} {
			where := key + " " + lang
			for _, page := range []string{"/reports?survey=" + key + "&year=2025", "/reports/charts?survey=" + key + "&year=2025", "/reports/texts?survey=" + key + "&year=2025"} {
				resp, body := b.do(t, "GET", page+"&lang="+lang, nil)
				if resp.StatusCode != 200 {
					t.Fatalf("%s %s: %d", where, page, resp.StatusCode)
				}
				text := visibleText(t, body)
				scanKeys(t, where+" "+page, text)
				if key == "visit" && !strings.Contains(page, "texts") && !strings.Contains(text, q1.Label(lang)) {
					t.Errorf("%s %s: the choice question %q is missing", where, page, q1.Label(lang))
				}
				// The national survey's score and can't-say are there, in words.
				if key == "national" && !strings.Contains(page, "texts") {
					for _, words := range []string{cat.Get(lang, "report.nps"), cat.Get(lang, "report.cant_say")} {
						if !strings.Contains(text, words) {
							t.Errorf("%s %s: %q is missing", where, page, words)
						}
					}
				}
			}
			for _, file := range []string{"/reports/export.xlsx", "/reports/raw.xlsx"} {
				resp, book := b.do(t, "GET", file+"?survey="+key+"&year=2025&lang="+lang, nil)
				if resp.StatusCode != 200 {
					t.Fatalf("%s %s: %d", where, file, resp.StatusCode)
				}
				x, err := excelize.OpenReader(bytes.NewReader([]byte(book)))
				if err != nil {
					t.Fatal(err)
				}
				var all []string
				for _, sheet := range x.GetSheetList() {
					all = append(all, sheet)
					rows, _ := x.GetRows(sheet)
					for _, row := range rows {
						all = append(all, row...)
					}
				}
				text := strings.Join(all, "\n")
				scanKeys(t, where+" "+file, text)
				if key == "visit" && file == "/reports/export.xlsx" {
					for _, sheet := range []string{map[string]string{"fi": "Yhteenveto", "sv": "Sammanfattning"}[lang], map[string]string{"fi": "Kuukausittain", "sv": "Per månad"}[lang]} {
						rows, _ := x.GetRows(sheet)
						found := false
						for _, row := range rows {
							found = found || len(row) > 0 && strings.HasPrefix(row[0], q1.Label(lang))
						}
						if !found {
							t.Errorf("%s: sheet %q has no row for the choice question", where, sheet)
						}
					}
				}
			}
			for _, path := range []string{"/api/v1/reports/summary?survey=" + key + "&year=2025&format=csv", "/api/v1/reports/compare?survey=" + key + "&years=2024,2025&format=csv",
				"/reports/national.csv?year=2025&survey=" + key} {
				_, body := b.do(t, "GET", path+"&lang="+lang, nil)
				rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
				if err != nil || len(rows) < 2 {
					t.Fatalf("%s: %v %d rows", path, err, len(rows))
				}
				scanKeys(t, where+" CSV header", strings.Join(rows[0], "\n"))
			}
		}
	}
}
