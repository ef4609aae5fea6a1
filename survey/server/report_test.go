package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"palaute/report"
	"palaute/survey"
	"palaute/survey/demo"
	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

// seed stores visit responses with the given q2 ratings on a day, for a
// card ("" for none).
func (f *fixture) seed(t *testing.T, day, card string, ratings ...int) {
	t.Helper()
	var bodies []string
	for _, q2 := range ratings {
		f.seq++
		bodies = append(bodies, fmt.Sprintf(`{"id":"50000000-0000-4000-8000-%012d","survey":"visit","lang":"fi","channel":"paper","card":%q,"date":%q,"answers":{"q2":%d,"q1":"yes"}}`,
			f.seq, card, day, q2))
	}
	f.save(t, bodies...)
}

// save checks submissions as the API does and stores them.
func (f *fixture) save(t *testing.T, bodies ...string) {
	t.Helper()
	reg, _ := survey.Builtin()
	var rs []survey.Response
	for _, body := range bodies {
		sub, err := survey.Decode([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		r, errs := survey.Check(sub, survey.Rules{Registry: reg, Today: clock(), Cards: func(string) survey.CardState { return survey.CardInUse }})
		if errs != nil {
			t.Fatal(errs)
		}
		rs = append(rs, r)
	}
	if _, err := storetest.Save(context.Background(), f.db, rs...); err != nil {
		t.Fatal(err)
	}
}

// saveDemo stores the demo's answers up to the test clock's day; every
// cardEvery-th carries the BLUE card, the fixture's only one.
func (f *fixture) saveDemo(t *testing.T, cardEvery int) {
	t.Helper()
	reg, _ := survey.Builtin()
	rs, err := demo.Responses(reg, clock())
	if err != nil {
		t.Fatal(err)
	}
	for i := range rs {
		rs[i].Card = ""
		if i%cardEvery == 0 {
			rs[i].Card = "BLUE"
		}
	}
	if _, err := storetest.Save(context.Background(), f.db, rs...); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) report(t *testing.T, path string, out any) int {
	t.Helper()
	status, body := f.do(t, "GET", path, f.apiToken, "")
	if out != nil && status == 200 {
		if err := json.Unmarshal([]byte(body), out); err != nil {
			t.Fatalf("%s: %v\n%s", path, err, body)
		}
	}
	return status
}

type summary struct {
	Survey     string
	Year       int
	Month      *int
	N          *int
	Suppressed bool
	Items      map[string]struct {
		N    int
		Mean *float64
		SD   *float64
		NPS  *float64
		Dist map[string]int
		Pct  map[string]float64
	}
}

func TestSummaryHandComputed(t *testing.T) {
	f := newFixture(t)
	f.seed(t, "2025-03-10", "", 1, 2, 3, 4, 4, 5, 5)
	f.seed(t, "2025-04-10", "", 5, 5, 5, 5, 5)
	var s summary
	if status := f.report(t, "/api/v1/reports/summary?survey=visit&year=2025&month=3", &s); status != 200 {
		t.Fatalf("status %d", status)
	}
	q2 := s.Items["q2"]
	if s.Suppressed || *s.N != 7 || q2.N != 7 || *s.Month != 3 {
		t.Fatalf("summary %+v", s)
	}
	if math.Abs(*q2.Mean-24.0/7) > 1e-12 || math.Abs(*q2.SD-math.Sqrt(16.0/7)) > 1e-12 {
		t.Errorf("mean %v sd %v, want 24/7 and √(16/7)", *q2.Mean, *q2.SD)
	}
	if q2.Dist["4"] != 2 || q2.Dist["1"] != 1 || math.Abs(q2.Pct["5"]-200.0/7) > 1e-9 {
		t.Errorf("dist %v pct %v", q2.Dist, q2.Pct)
	}
	if s.Items["q1"].Dist["yes"] != 7 || s.Items["q1"].Pct["yes"] != 100 {
		t.Errorf("choice q1 %+v", s.Items["q1"])
	}
	if f.report(t, "/api/v1/reports/summary?survey=visit&year=2025", &s); *s.N != 12 || s.Month != nil {
		t.Errorf("whole year n %v month %v", *s.N, s.Month)
	}
	status, body := f.do(t, "GET", "/api/v1/reports/summary?survey=visit&year=2025&month=3&format=csv&lang=en", f.apiToken, "")
	if status != 200 || !strings.Contains(body, "Client feedback,2025,3,q2,The meeting,7,") {
		t.Errorf("CSV: %d\n%s", status, body)
	}
	for path, want := range map[string]int{
		"/api/v1/reports/summary?survey=nope&year=2025":           422,
		"/api/v1/reports/summary?survey=visit&year=abc":           422,
		"/api/v1/reports/summary?survey=visit&year=2025&month=13": 422,
		"/api/v1/reports/summary?survey=visit":                    422,
	} {
		if status, _ := f.do(t, "GET", path, f.apiToken, ""); status != want {
			t.Errorf("%s: %d, want %d", path, status, want)
		}
	}
	if status, _ := f.do(t, "GET", "/api/v1/reports/summary?survey=visit&year=2025", "", ""); status != 401 {
		t.Errorf("no credentials: %d", status)
	}
	if status, _ := f.do(t, "GET", "/api/v1/reports/summary?survey=visit&year=2025", f.kioskToken, ""); status != 401 {
		t.Errorf("kiosk token: %d", status)
	}
}

func TestSummaryThresholdAndDifferencing(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, c := range []string{"ORANGE", "GREEN"} {
		f.db.CreateCard(ctx, cardOf(c))
	}
	f.seed(t, "2025-03-10", "BLUE", 4, 4, 4, 4) // threshold − 1
	f.seed(t, "2025-03-10", "ORANGE", 3, 3, 3, 3, 3)
	f.seed(t, "2025-03-10", "GREEN", 5, 5, 5, 5, 5, 5, 5, 5, 5)
	var s summary
	f.report(t, "/api/v1/reports/summary?survey=visit&year=2025&card=BLUE", &s)
	if !s.Suppressed || s.N != nil || s.Items != nil {
		t.Fatalf("4 responses shown: %+v", s)
	}
	// ORANGE has exactly the threshold, but with BLUE hidden, the total
	// minus ORANGE and GREEN would give BLUE away: ORANGE is hidden too.
	f.report(t, "/api/v1/reports/summary?survey=visit&year=2025&card=ORANGE", &s)
	if !s.Suppressed {
		t.Fatalf("ORANGE shown, which reveals BLUE by subtraction: %+v", s)
	}
	f.report(t, "/api/v1/reports/summary?survey=visit&year=2025&card=GREEN", &s)
	if s.Suppressed || *s.N != 9 {
		t.Fatalf("GREEN: %+v", s)
	}
	// One more BLUE answer: at the threshold, both are shown.
	f.seed(t, "2025-03-11", "BLUE", 4)
	for _, c := range []string{"BLUE", "ORANGE"} {
		f.report(t, "/api/v1/reports/summary?survey=visit&year=2025&card="+c, &s)
		if s.Suppressed || *s.N != 5 {
			t.Errorf("%s at the threshold: %+v", c, s)
		}
	}
}

func TestCompareYears(t *testing.T) {
	f := newFixture(t)
	f.seed(t, "2024-04-10", "", 1, 2, 3, 2, 3, 2)
	f.seed(t, "2025-04-10", "", 4, 5, 4, 5, 5, 4)
	f.seed(t, "2026-04-10", "", 5, 5, 5)
	var out struct {
		Years []int
		Items map[string][]struct {
			Year        int
			N           *int
			Mean        *float64
			Suppressed  bool
			Change      *float64
			P           *float64
			Significant *bool
			Note        string
		}
	}
	if status := f.report(t, "/api/v1/reports/compare?survey=visit&years=2024,2025,2026&month=4", &out); status != 200 {
		t.Fatalf("status %d", status)
	}
	q2 := out.Items["q2"]
	if len(q2) != 3 || q2[0].Year != 2024 || q2[1].Year != 2025 {
		t.Fatalf("q2 %+v", q2)
	}
	_, wantP, _ := report.MannWhitney(map[int]int{1: 1, 2: 3, 3: 2}, map[int]int{4: 3, 5: 3})
	if q2[1].P == nil || math.Abs(*q2[1].P-wantP) > 1e-12 || !*q2[1].Significant || math.Abs(*q2[1].Change-(4.5-13.0/6)) > 1e-12 {
		t.Errorf("2025 against 2024: %+v (p want %v)", q2[1], wantP)
	}
	if !q2[2].Suppressed || *q2[2].Significant || q2[2].Note != "too few answers" {
		t.Errorf("2026 with 3 answers: %+v", q2[2])
	}
}

func cardOf(code string) store.Card {
	c, _ := survey.PaletteColour(map[string]string{"ORANGE": "#E69F00", "GREEN": "#009E73"}[code])
	return store.Card{Code: code, Colour: c.Hex, NameFi: c.Name["fi"], NameSv: c.Name["sv"], NameEn: c.Name["en"]}
}

func TestSummaryFiltersAndGroups(t *testing.T) {
	f := newFixture(t)
	var bodies []string
	for i := range 12 {
		gender := []string{"female", "male"}[i%2]
		bodies = append(bodies, fmt.Sprintf(`{"id":"70000000-0000-4000-8000-%012d","survey":"satisfaction","lang":%q,"channel":"paper","date":"2025-04-0%d",
			"answers":{"gender":%q,"birth_year":%d,"client_months":%d,"q1":%d,"q2":4,"q3":5,"q12":3}}`,
			i, []string{"fi", "sv"}[i%3/2], 1+i%9, gender, 1960+i*3, i*10, 1+i%5))
	}
	f.save(t, bodies...)
	var s summary
	f.report(t, "/api/v1/reports/summary?survey=satisfaction&year=2025&gender=female", &s)
	if s.Suppressed || *s.N != 6 {
		t.Fatalf("women: %+v", s)
	}
	var sv summary
	f.report(t, "/api/v1/reports/summary?survey=satisfaction&year=2025&language=sv", &sv)
	if !sv.Suppressed || sv.N != nil { // 4 answers in Swedish
		t.Fatalf("Swedish with 4 answers: %+v", sv)
	}
	// Born 1960 + 3i, in 2025 aged 65 − 3i: 65+ is i = 0 only: hidden.
	var old summary
	f.report(t, "/api/v1/reports/summary?survey=satisfaction&year=2025&age=65%2B", &old)
	if !old.Suppressed {
		t.Fatalf("one person aged 65+ shown: %+v", old)
	}
	// The lone 25–34 and 65+ add up to 2: the smallest shown band, 35–49,
	// is hidden with them, or the year minus the shown bands would give
	// them away.
	var mid summary
	f.report(t, "/api/v1/reports/summary?survey=satisfaction&year=2025&age=35-49", &mid)
	if !mid.Suppressed {
		t.Fatalf("aged 35–49 shown beside two hidden bands of 1: %+v", mid)
	}
	f.report(t, "/api/v1/reports/summary?survey=satisfaction&year=2025&age=50-64", &mid)
	if mid.Suppressed || *mid.N != 5 {
		t.Fatalf("aged 50–64: %+v", mid)
	}
	for path, want := range map[string]int{
		"/api/v1/reports/summary?survey=satisfaction&year=2025&age=old":           422,
		"/api/v1/reports/summary?survey=satisfaction&year=2025&gender=robot":      422,
		"/api/v1/reports/summary?survey=satisfaction&year=2025&client_time=6-23m": 200,
	} {
		if status, _ := f.do(t, "GET", path, f.apiToken, ""); status != want {
			t.Errorf("%s: %d, want %d", path, status, want)
		}
	}
	var g struct{ Groups map[string]float64 }
	f.report(t, "/api/v1/reports/summary?survey=satisfaction&year=2025", &g)
	// accessibility = mean of the means of q1 (1, 2, 3, 4, 5 cycling over
	// 12 answers: 33/12), q2 (4) and q3 (5).
	want := (33.0/12 + 4 + 5) / 3
	if math.Abs(g.Groups["accessibility"]-want) > 1e-9 || g.Groups["overall"] != 3 {
		t.Errorf("group means %v, accessibility want %v", g.Groups, want)
	}
	var texts struct{ Texts []struct{ Text string } }
	f.report(t, "/api/v1/reports/texts?survey=satisfaction&year=2025", &texts)
	if texts.Texts == nil {
		t.Error("texts listing missing")
	}
	status, csv := f.do(t, "GET", "/api/v1/reports/compare?survey=satisfaction&years=2024,2025&format=csv", f.apiToken, "")
	if status != 200 || !strings.Contains(csv, "Asiakastyytyväisyyskysely,q1,Aukioloajat,2025,12,") {
		t.Errorf("compare CSV: %d\n%s", status, csv)
	}
}

func TestCompareFlagsWordingChanges(t *testing.T) {
	f := newFixture(t)
	v1 := f.db.Instruments().Current("visit")
	v2 := *v1
	v2.Items = append([]survey.Item(nil), v1.Items...)
	for i, it := range v2.Items {
		if it.Key == "q2" {
			it.Text = survey.Text{"fi": "Miten tapaaminen sujui?", "sv": "Hur gick träffen?", "en": "How did the meeting go?"}
			v2.Items[i] = it
		}
	}
	if _, err := f.db.Publish(t.Context(), &v2, "test"); err != nil {
		t.Fatal(err)
	}
	f.seed(t, "2025-04-10", "", 4, 5, 4, 5, 4, 5)
	f.seed(t, "2024-04-10", "", 3, 4, 3, 4, 3, 4)
	// 2024 was answered in version 1, 2025 in version 2.
	for _, table := range []string{"responses", "rollups"} {
		if err := storetest.Exec(context.Background(), f.db, "UPDATE "+table+" SET version = 2 WHERE year = 2025"); err != nil {
			t.Fatal(err)
		}
	}
	var out struct {
		Items map[string][]struct {
			Year           int
			WordingChanged bool `json:"wording_changed"`
		}
	}
	f.report(t, "/api/v1/reports/compare?survey=visit&years=2024,2025", &out)
	if !out.Items["q2"][1].WordingChanged {
		t.Errorf("q2's new wording not flagged: %+v", out.Items["q2"])
	}
	if len(out.Items["q1"]) > 1 && out.Items["q1"][1].WordingChanged {
		t.Errorf("q1 flagged though its wording stayed")
	}
}
