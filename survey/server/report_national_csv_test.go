package server_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"palaute/survey"
	"palaute/survey/store"
)

// nationalAnswers stores national-survey answers on a day with a card
// ("" for none): each a 0–10 answer and a statement's answer, a number or
// can't-say.
func (f *fixture) nationalAnswers(t *testing.T, day, card string, answers ...[2]any) {
	t.Helper()
	reg, _ := survey.Builtin()
	in := reg.Current("national")
	nps := in.Items[slices.IndexFunc(in.Items, func(it survey.Item) bool { return it.Type == survey.TypeNPS })]
	statement := in.Items[slices.IndexFunc(in.Items, func(it survey.Item) bool { return it.CantSay })]
	var bodies []string
	for _, a := range answers {
		f.seq++
		s := fmt.Sprint(a[1])
		if a[1] == survey.CantSay {
			s = strconv.Quote(survey.CantSay)
		}
		bodies = append(bodies, fmt.Sprintf(`{"id":"52000000-0000-4000-8000-%012d","survey":"national","lang":"fi","channel":"paper","card":%q,"date":%q,"answers":{%q:%d,%q:%s}}`,
			f.seq, card, day, nps.Key, a[0], statement.Key, s))
	}
	f.save(t, bodies...)
}

// TestNationalCSVReadBack reads the national export back and finds every
// row equal to the summary of its survey, month and unit, and a row for
// every figure the summary shows, none for one it hides: a unit whose
// month has too few answers is absent, and another with it, so that the
// month less its shown units tells no one's answers.
func TestNationalCSVReadBack(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for code, unit := range map[string]string{"GREEN": "Aikuissosiaalityö", "ORANGE": "Kotihoito"} {
		if _, err := f.db.CreateCard(ctx, store.Card{Code: code, Colour: "#009E73", NameFi: "x", NameSv: "x", NameEn: "x", Unit: unit}); err != nil {
			t.Fatal(err)
		}
	}
	// March: Perhepalvelut 7, Aikuissosiaalityö 2 (too few) and Kotihoito
	// 4 (too few): together the hidden units are enough to show
	// Perhepalvelut.
	f.nationalAnswers(t, "2025-03-03", "BLUE", [2]any{10, 5}, [2]any{9, 4}, [2]any{8, survey.CantSay}, [2]any{6, 2}, [2]any{10, 5}, [2]any{3, 3}, [2]any{9, 4})
	f.nationalAnswers(t, "2025-03-04", "GREEN", [2]any{0, 1}, [2]any{10, 5})
	f.nationalAnswers(t, "2025-03-05", "ORANGE", [2]any{7, 4}, [2]any{9, 5}, [2]any{5, 2}, [2]any{9, survey.CantSay})
	// May: Perhepalvelut alone, and answers of no unit.
	f.nationalAnswers(t, "2025-05-06", "BLUE", [2]any{10, 5}, [2]any{9, 5}, [2]any{9, 4}, [2]any{4, 2}, [2]any{8, 4}, [2]any{10, survey.CantSay})
	f.nationalAnswers(t, "2025-05-07", "", [2]any{2, 1}, [2]any{6, 3}, [2]any{9, 4}, [2]any{7, 3}, [2]any{10, 5}, [2]any{8, 4})
	f.seed(t, "2025-05-08", "BLUE", 4, 5, 3, 4, 5) // the visit card has a five-point item too
	units := []string{"", "Aikuissosiaalityö", "Kotihoito", "Perhepalvelut"}
	for _, excel := range []bool{false, true} {
		path := "/reports/national.csv?year=2025&lang=en"
		if excel {
			path += "&excel=1"
		}
		status, body := f.do(t, "GET", path, f.apiToken, "")
		if status != 200 {
			t.Fatalf("%s: %d %s", path, status, body)
		}
		r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
		number := strconv.ParseFloat
		if excel {
			r.Comma = ';'
			number = func(s string, bits int) (float64, error) {
				return strconv.ParseFloat(strings.Replace(s, ",", ".", 1), bits)
			}
		}
		rows, err := r.ReadAll()
		if err != nil || len(rows) < 2 {
			t.Fatalf("%s: %v, %d rows", path, err, len(rows))
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		for _, h := range []string{"Survey code", "Unit", "Month", "Question code", "n", "Net Promoter Score (NPS)", "Mean", "0", "10", "Can't say"} {
			if _, ok := col[h]; !ok {
				t.Fatalf("%s: no column %q in %v", path, h, rows[0])
			}
		}
		type figure struct{ survey, unit, month string }
		seen := map[figure]bool{}
		for _, row := range rows[1:] {
			fig := figure{row[col["Survey code"]], row[col["Unit"]], row[col["Month"]]}
			seen[fig] = true
			q := url.Values{"survey": {fig.survey}, "year": {"2025"}, "month": {fig.month}}
			if fig.unit != "" {
				q.Set("unit", fig.unit)
			}
			var s summary
			f.report(t, "/api/v1/reports/summary?"+q.Encode(), &s)
			want, ok := s.Items[row[col["Question code"]]]
			if s.Suppressed || !ok {
				t.Errorf("%s: row %v for a figure the summary hides", path, row)
				continue
			}
			if row[col["n"]] != strconv.Itoa(want.N) {
				t.Errorf("%s: %v n, summary %d", path, row, want.N)
			}
			for _, v := range []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", survey.CantSay} {
				name := v
				if v == survey.CantSay {
					name = "Can't say"
				}
				count := ""
				if c, ok := want.Dist[v]; ok {
					count = strconv.Itoa(c)
				}
				if got := row[col[name]]; got != count {
					t.Errorf("%s: %v count of %s %q, summary %v", path, row, v, got, want.Dist)
				}
			}
			for name, w := range map[string]*float64{"Net Promoter Score (NPS)": want.NPS, "Mean": want.Mean} {
				got := row[col[name]]
				if name == "Mean" && want.NPS != nil {
					w = nil // a 0–10 item's row carries its score, not its mean
				}
				if w == nil {
					if got != "" {
						t.Errorf("%s: %v has %s %q", path, row, name, got)
					}
					continue
				}
				if v, err := number(got, 64); err != nil || math.Abs(v-*w) > 1e-9 {
					t.Errorf("%s: %v %s %q, summary %v", path, row, name, got, *w)
				}
			}
		}
		for _, key := range []string{"national", "visit"} {
			for m := 1; m <= 12; m++ {
				for _, unit := range units {
					q := url.Values{"survey": {key}, "year": {"2025"}, "month": {strconv.Itoa(m)}}
					if unit != "" {
						q.Set("unit", unit)
					}
					var s summary
					f.report(t, "/api/v1/reports/summary?"+q.Encode(), &s)
					shown := !s.Suppressed && s.N != nil && *s.N > 0
					if got := seen[figure{key, unit, strconv.Itoa(m)}]; got != shown {
						t.Errorf("%s: %s month %d unit %q: rows %v, summary shown %v", path, key, m, unit, got, shown)
					}
				}
			}
		}
		if seen[figure{"national", "Aikuissosiaalityö", "3"}] || seen[figure{"national", "Kotihoito", "3"}] ||
			!seen[figure{"national", "Perhepalvelut", "3"}] || !seen[figure{"national", "Perhepalvelut", "5"}] || !seen[figure{"national", "", "5"}] {
			t.Errorf("%s: figures %v", path, seen)
		}
	}
	for path, want := range map[string]int{"/reports/national.csv": 422, "/reports/national.csv?year=20x5": 422,
		"/reports/national.csv?year=2025&survey=nope": 422, "/reports/national.csv?year=2025&survey=national": 200} {
		if status, _ := f.do(t, "GET", path, f.apiToken, ""); status != want {
			t.Errorf("%s: %d, want %d", path, status, want)
		}
	}
	if status, _ := f.do(t, "GET", "/reports/national.csv?year=2025", "", ""); status == 200 {
		t.Error("the national export without credentials")
	}
}
