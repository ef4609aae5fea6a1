package server_test

import (
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
)

// TestSummaryCSVMatchesJSON reads both CSV flavours back and finds every
// count and share of the JSON summary in them, the choice item's too; the
// Excel flavour has a byte-order mark, semicolons and decimal commas.
func TestSummaryCSVMatchesJSON(t *testing.T) {
	f := newFixture(t)
	var bodies []string
	for i, q1 := range []string{"yes", "yes", "partly", "no", "yes", "partly", "yes", "no", "yes", "yes", "partly"} {
		bodies = append(bodies, fmt.Sprintf(`{"id":"51000000-0000-4000-8000-%012d","survey":"visit","lang":"fi","channel":"paper","date":"2025-03-%02d","answers":{"q1":%q,"q2":%d}}`,
			i, 1+i, q1, 1+i%5))
	}
	f.save(t, bodies...)
	var s summary
	if f.report(t, "/api/v1/reports/summary?survey=visit&year=2025", &s); s.Suppressed {
		t.Fatal("the year is hidden")
	}
	for _, excel := range []bool{false, true} {
		path := "/api/v1/reports/summary?survey=visit&year=2025&format=csv&lang=sv"
		if excel {
			path += "&excel=1"
		}
		status, body := f.do(t, "GET", path, f.apiToken, "")
		if status != 200 {
			t.Fatalf("%s: %d", path, status)
		}
		r := csv.NewReader(strings.NewReader(body))
		number := func(s string) float64 {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("%s: %q is not a number with a decimal point", path, s)
			}
			return v
		}
		if excel {
			if !strings.HasPrefix(body, "\ufeff") {
				t.Errorf("%s: no byte-order mark", path)
			}
			r = csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
			r.Comma = ';'
			plain := number
			number = func(s string) float64 {
				if strings.Contains(s, ".") {
					t.Errorf("%s: %q has a decimal point", path, s)
				}
				return plain(strings.Replace(s, ",", ".", 1))
			}
		}
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if got := strings.Join(rows[0], "|"); got != "Enkät|År|Månad|Frågans kod|Fråga|n|Medelvärde|Standardavvikelse|Svarets kod|Svar|Antal|Andel av frågans svar %|Rekommendationsindex (NPS)|Förespråkare (9–10) %|Passiva (7–8) %|Kritiker (0–6) %|Dold (anonymitet)" {
			t.Errorf("%s: header %s", path, got)
		}
		seen := map[string]bool{}
		for _, row := range rows[1:] {
			item, value := row[3], row[8]
			want := s.Items[item]
			if int(number(row[5])) != want.N || int(number(row[10])) != want.Dist[value] || math.Abs(number(row[11])-want.Pct[value]) > 1e-9 {
				t.Errorf("%s: %v, JSON has n %d, count %d, share %v", path, row, want.N, want.Dist[value], want.Pct[value])
			}
			if want.Mean != nil && math.Abs(number(row[6])-*want.Mean) > 1e-12 {
				t.Errorf("%s: mean %s, JSON %v", path, row[6], *want.Mean)
			}
			seen[item+"="+value] = true
		}
		for item, fig := range s.Items {
			for value := range fig.Dist {
				if !seen[item+"="+value] {
					t.Errorf("%s: no row for %s = %s", path, item, value)
				}
			}
		}
		if !seen["q1=partly"] || rows[1][9] == "" {
			t.Errorf("%s: the choice item's answers are missing or unlabelled", path)
		}
	}
}
