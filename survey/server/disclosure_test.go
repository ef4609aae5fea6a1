package server_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"palaute/report"
	"palaute/survey"
	"palaute/survey/locale"
	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

// The attacker's database: a lone respondent and a lone card answer
// planted among ordinary ones, a tiny year, and an answer of the month
// that is still open (the test clock stands at 15 April 2026).
const (
	loneBirthYear = 1950
	loneDay       = "2025-04-17"
	loneText      = "LONE-RESPONDENT-TEXT"
	openText      = "OPEN-MONTH-TEXT"
	threshold     = report.DefaultThreshold
)

func (f *fixture) plant(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	for _, c := range []struct{ code, colour, unit string }{{"C1", "#E69F00", "Aikuissosiaalityö"}, {"C2", "#009E73", "Aikuissosiaalityö"}, {"C3", "#CC79A7", ""}} {
		col, _ := survey.PaletteColour(c.colour)
		if _, err := f.db.CreateCard(ctx, cardWith(c.code, col, c.unit)); err != nil {
			t.Fatal(err)
		}
	}
	reg, _ := survey.Builtin()
	var rs []survey.Response
	add := func(body string) {
		t.Helper()
		sub, err := survey.Decode([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		r, errs := survey.Check(sub, survey.Rules{Registry: reg, Today: clock(), Cards: func(string) survey.CardState { return survey.CardInUse }})
		if errs != nil {
			t.Fatalf("%v: %s", errs, body)
		}
		rs = append(rs, r)
	}
	seq := 0
	id := func() string { seq++; return fmt.Sprintf("a0000000-0000-4000-8000-%012d", seq) }
	satisfaction := func(day, lang, gender string, born, months, score int, text string) {
		answers := fmt.Sprintf(`"gender":%q,"birth_year":%d,"client_months":%d`, gender, born, months)
		for q := 1; q <= 11; q++ {
			answers += fmt.Sprintf(`,"q%d":%d`, q, score)
		}
		answers += fmt.Sprintf(`,"q12":%d`, score)
		if text != "" {
			answers += fmt.Sprintf(`,"free":%q`, text)
		}
		add(fmt.Sprintf(`{"id":%q,"survey":"satisfaction","lang":%q,"channel":"paper","date":%q,"answers":{%s}}`, id(), lang, day, answers))
	}
	// 2025: 26 ordinary answers and the lone respondent, the only
	// "other", answering in Swedish in April, born in 1950.
	genders := []string{"female", "male", "no_answer"}
	for i := range 26 {
		gender := genders[i%3]
		if i >= 24 {
			gender = "female"
		}
		lang := "fi"
		if i%7 == 3 {
			lang = "sv"
		}
		day := fmt.Sprintf("2025-%02d-%02d", 3+i%3, 1+i%27)
		satisfaction(day, lang, gender, 1960+i, 2+i*5, 2+i%4, fmt.Sprintf("ordinary text %d", i))
	}
	satisfaction(loneDay, "sv", "other", loneBirthYear, 3, 1, loneText)
	// 2024: two answers only.
	satisfaction("2024-04-02", "fi", "female", 1970, 12, 4, "early text 1")
	satisfaction("2024-04-03", "fi", "male", 1971, 12, 5, "early text 2")
	// 2026: January to March, and one answer of April, still open.
	for i := range 12 {
		satisfaction(fmt.Sprintf("2026-%02d-10", 1+i%3), "fi", genders[i%2], 1980+i, 30, 3+i%3, "")
	}
	satisfaction("2026-04-10", "fi", "female", 1990, 30, 5, openText)
	// Visit cards of 2025: C1 has nine March answers and one April answer.
	visit := func(day, card, lang, q1 string, q2 int, text string) {
		c := ""
		if card != "" {
			c = fmt.Sprintf(`"card":%q,`, card)
		}
		add(fmt.Sprintf(`{"id":%q,"survey":"visit","lang":%q,"channel":"paper",%s"date":%q,"answers":{"q1":%q,"q2":%d,"q3":%q}}`,
			id(), lang, c, day, q1, q2, text))
	}
	for i := range 9 {
		visit(fmt.Sprintf("2025-03-%02d", 2+i), "C1", "fi", "yes", 4+i%2, fmt.Sprintf("C1 March %d", i))
	}
	visit("2025-04-08", "C1", "fi", "no", 1, "C1-APRIL-TEXT")
	for i := range 12 {
		visit(fmt.Sprintf("2025-%02d-11", 3+i%4), "C2", []string{"fi", "sv"}[i%2], "partly", 3+i%3, "")
		visit(fmt.Sprintf("2025-%02d-12", 3+i%4), "", "fi", "yes", 5, fmt.Sprintf("no card %d", i))
	}
	for i := range 7 {
		visit(fmt.Sprintf("2025-05-%02d", 2+i), "BLUE", "en", "yes", 4, "")
	}
	visit("2025-06-01", "C3", "fi", "yes", 5, "")
	if _, err := storetest.Save(ctx, f.db, rs...); err != nil {
		t.Fatal(err)
	}
}

func cardWith(code string, c survey.Colour, unit string) store.Card {
	return store.Card{Code: code, Colour: c.Hex, NameFi: c.Name["fi"], NameSv: c.Name["sv"], NameEn: c.Name["en"], Unit: unit}
}

// figure is what the attacker learned of one request.
type figure struct {
	query    url.Values
	released bool
	n        int
	texts    []string
}

// filters enumerates every request a report route allows for a survey:
// the year and each month, alone and with each organisational and each
// respondent value, and every allowed pair of them, hidden values too.
func filters(in *survey.Instrument) []url.Values {
	org := []url.Values{{}}
	for _, c := range []string{"C1", "C2", "C3", "BLUE", "NOSUCH"} {
		org = append(org, url.Values{"card": {c}})
	}
	for _, u := range []string{"Aikuissosiaalityö", "Perhepalvelut"} {
		org = append(org, url.Values{"unit": {u}})
	}
	for _, ch := range survey.Channels {
		org = append(org, url.Values{"channel": {ch}})
	}
	resp := []url.Values{{}}
	for _, l := range survey.Languages {
		resp = append(resp, url.Values{"language": {l}})
	}
	for _, it := range in.Items {
		name := map[string]string{survey.DimensionGender: "gender", survey.DimensionAge: "age", survey.DimensionClientTime: "client_time"}[it.Dimension]
		for _, v := range it.Values() {
			if name != "" {
				resp = append(resp, url.Values{name: {v}})
			}
		}
	}
	var out []url.Values
	for m := 0; m <= 12; m++ {
		for _, o := range org {
			for _, r := range resp {
				q := url.Values{}
				if m > 0 {
					q.Set("month", strconv.Itoa(m))
				}
				for _, src := range []url.Values{o, r} {
					for k, v := range src {
						q[k] = v
					}
				}
				out = append(out, q)
			}
		}
	}
	return out
}

var (
	exactDay  = regexp.MustCompile(`\d{4}-\d{2}-\d{2}|\b\d{1,2}\.\d{1,2}\.\d{4}\b`)
	birthYear = regexp.MustCompile(`(^|[^0-9.])` + strconv.Itoa(loneBirthYear) + `([^0-9.]|$)`)
)

// leaks lists what an output must never carry: a planted exact birth
// year, a day, the open month's answer.
func leaks(t *testing.T, where, body string) {
	t.Helper()
	if birthYear.MatchString(body) {
		t.Errorf("%s carries the exact birth year %d", where, loneBirthYear)
	}
	if d := exactDay.FindString(body); d != "" {
		t.Errorf("%s carries a day: %s", where, d)
	}
	if strings.Contains(body, openText) {
		t.Errorf("%s carries an answer of a month that has not ended", where)
	}
}

func TestDisclosureAttack(t *testing.T) {
	f := newFixture(t)
	f.plant(t)
	reg, _ := survey.Builtin()
	requests, subtractions := 0, 0
	get := func(path string) (int, string) {
		requests++
		return f.do(t, "GET", path, f.apiToken, "")
	}
	for _, sy := range []struct {
		survey string
		year   int
	}{{"satisfaction", 2024}, {"satisfaction", 2025}, {"satisfaction", 2026}, {"visit", 2025}} {
		in := reg.Current(sy.survey)
		base := fmt.Sprintf("survey=%s&year=%d", sy.survey, sy.year)
		figs := map[string]*figure{}
		for _, q := range filters(in) {
			qs := base
			if len(q) > 0 {
				qs += "&" + q.Encode()
			}
			status, body := get("/api/v1/reports/summary?" + qs)
			if status != 200 {
				t.Fatalf("%s: %d %s", qs, status, body)
			}
			leaks(t, qs, body)
			var s summary
			json.Unmarshal([]byte(body), &s)
			fig := &figure{query: q, released: !s.Suppressed}
			if fig.released {
				fig.n = *s.N
				if fig.n < threshold {
					t.Errorf("%s: a figure of %d responses", qs, fig.n)
				}
			} else if s.N != nil || s.Items != nil {
				t.Errorf("%s: suppressed with figures: %s", qs, body)
			}
			status, body = get("/api/v1/reports/texts?" + qs)
			if status != 200 {
				t.Fatalf("texts %s: %d", qs, status)
			}
			leaks(t, "texts "+qs, body)
			var texts struct {
				Suppressed bool
				Texts      []struct {
					Month int
					Text  string
				}
			}
			json.Unmarshal([]byte(body), &texts)
			if texts.Suppressed != !fig.released {
				t.Errorf("texts %s: suppressed %v, the figure's %v", qs, texts.Suppressed, !fig.released)
			}
			for _, x := range texts.Texts {
				fig.texts = append(fig.texts, x.Text)
				if x.Month != 0 && q.Get("month") == "" {
					// The label must be a released figure's month.
					mq := url.Values{}
					for k, v := range q {
						mq[k] = v
					}
					mq.Set("month", strconv.Itoa(x.Month))
					defer func(key string) {
						if g := figs[key]; g == nil || !g.released {
							t.Errorf("texts %s: a text labelled with month %d, whose figure is hidden", qs, x.Month)
						}
					}(mq.Encode())
				}
			}
			figs[q.Encode()] = fig
			if q.Get("month") == "" {
				status, body = get("/api/v1/reports/summary?format=csv&" + qs)
				leaks(t, "CSV "+qs, body)
				if status != 200 {
					t.Errorf("CSV %s: %d", qs, status)
				}
				rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
				if err != nil {
					t.Fatalf("CSV %s: %v", qs, err)
				}
				for _, cells := range rows[1:] {
					// n, mean, sd, value key and label, count and share
					if !fig.released && strings.Join(cells[5:len(cells)-1], "") != "" {
						t.Errorf("CSV %s: figures of a hidden figure: %v", qs, cells)
					}
				}
				status, body = get("/api/v1/reports/compare?years=2024,2025,2026&" + strings.Replace(qs, fmt.Sprintf("&year=%d", sy.year), "", 1))
				if status != 200 {
					t.Errorf("compare %s: %d", qs, status)
				}
				leaks(t, "compare "+qs, body)
				var cmp struct {
					Items map[string][]report.YearFigures
				}
				json.Unmarshal([]byte(body), &cmp)
				for item, row := range cmp.Items {
					for _, yf := range row {
						if yf.Year == sy.year && yf.N != nil && !fig.released {
							t.Errorf("compare %s: %s %d shown where the summary is hidden", qs, item, yf.Year)
						}
					}
				}
			}
		}
		subtractions += checkSubtractions(t, sy.survey, sy.year, figs)
		for _, lang := range survey.Languages {
			status, body := get(fmt.Sprintf("/reports/export.xlsx?%s&lang=%s", base, lang))
			if status != 200 {
				t.Fatalf("workbook: %d", status)
			}
			where := fmt.Sprintf("%s %d %s", sy.survey, sy.year, lang)
			checkWorkbook(t, where, lang, []byte(body), figs)
			status, body = get(fmt.Sprintf("/reports/raw.xlsx?%s&lang=%s", base, lang))
			if status != 200 {
				t.Fatalf("raw rows: %d", status)
			}
			checkWorkbook(t, where+" raw rows", lang, []byte(body), figs)
		}
		status, body := get("/reports/charts?" + base)
		if status != 200 {
			t.Fatalf("charts: %d", status)
		}
		leaks(t, "charts "+base, body)
		for _, name := range []string{"monthly", "years", "distribution", "cards"} {
			status, body := get("/reports/charts/" + name + ".html?" + base)
			if status == 200 {
				leaks(t, "chart "+name+" "+base, body)
			}
		}
	}
	t.Logf("%d requests enumerated, %d subtractions tried", requests, subtractions)
}

// checkSubtractions tries every subtraction of released figures: each
// figure minus its released parts along one dimension, minus one part
// alone, and the figures narrowed by two or three dimensions added and
// subtracted. None may leave fewer responses than the threshold, and no
// list of texts minus others may leave texts of such a group.
func checkSubtractions(t *testing.T, surveyKey string, year int, figs map[string]*figure) int {
	t.Helper()
	tried := 0
	dims := []string{"month", "card", "unit", "channel", "language", "gender", "age", "client_time"}
	for _, p := range figs {
		if !p.released {
			continue
		}
		for _, d := range dims {
			if p.query.Get(d) != "" {
				continue
			}
			rest, texts := p.n, map[string]bool{}
			for _, x := range p.texts {
				texts[x] = true
			}
			for _, c := range figs {
				if !c.released || c.query.Get(d) == "" || !sameExcept(c.query, p.query, d) {
					continue
				}
				tried++
				if diff := p.n - c.n; diff > 0 && diff < threshold {
					t.Errorf("%s %d: %v minus %v leaves %d", surveyKey, year, p.query, c.query, diff)
				}
				rest -= c.n
				for _, x := range c.texts {
					delete(texts, x)
				}
			}
			tried++
			if rest > 0 && rest < threshold {
				t.Errorf("%s %d: %v minus its released parts by %s leaves %d responses", surveyKey, year, p.query, d, rest)
			}
			if len(texts) > 0 && rest < threshold {
				t.Errorf("%s %d: %v's texts minus its parts' by %s isolate %d texts of %d responses", surveyKey, year, p.query, d, len(texts), rest)
			}
		}
	}
	// Inclusion and exclusion: a figure narrowed by a set of values, its
	// wider figures, and the widest one.
	for _, k := range figs {
		if !k.released {
			continue
		}
		var fixed []string
		for _, d := range dims {
			if k.query.Get(d) != "" {
				fixed = append(fixed, d)
			}
		}
		for set := 1; set < 1<<len(fixed); set++ {
			if set&(set-1) == 0 {
				continue
			}
			outside, known := 0, true
			for sub := 0; sub < 1<<len(fixed) && known; sub++ {
				if sub&^set != 0 {
					continue
				}
				q := url.Values{}
				odd := false
				for i, d := range fixed {
					if set&(1<<i) == 0 || sub&(1<<i) != 0 {
						q.Set(d, k.query.Get(d))
						odd = odd != (sub&(1<<i) != 0)
					}
				}
				g := figs[q.Encode()]
				known = g != nil && g.released
				if known && odd {
					outside -= g.n
				} else if known {
					outside += g.n
				}
			}
			if known {
				tried++
				if outside > 0 && outside < threshold {
					t.Errorf("%s %d: the responses outside %v add up to %d", surveyKey, year, k.query, outside)
				}
			}
		}
	}
	return tried
}

func sameExcept(a, b url.Values, d string) bool {
	for _, k := range []string{"month", "card", "unit", "channel", "language", "gender", "age", "client_time"} {
		if k != d && a.Get(k) != b.Get(k) {
			return false
		}
	}
	return true
}

// checkWorkbook reads every sheet: no planted birth year, day or open
// month anywhere; counts only of released figures; raw rows k-anonymous,
// without free text, and none for a hidden year.
func checkWorkbook(t *testing.T, where, lang string, data []byte, figs map[string]*figure) {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := locale.Load()
	year := figs[""]
	for _, sheet := range x.GetSheetList() {
		rows, _ := x.GetRows(sheet)
		var all strings.Builder
		for _, r := range rows {
			all.WriteString(strings.Join(r, "\t") + "\n")
		}
		leaks(t, where+" sheet "+sheet, all.String())
		switch sheet {
		case cat.Get(lang, "xlsx.free_text"):
			if !year.released && len(rows) > 1 {
				t.Errorf("%s: %d free texts of a hidden year", where, len(rows)-1)
			}
		case cat.Get(lang, "xlsx.raw"):
			if !year.released && len(rows) > 1 {
				t.Errorf("%s: %d raw rows of a hidden year", where, len(rows)-1)
			}
			combos := map[string]int{}
			for _, r := range rows[min(1, len(rows)):] {
				attrs := append(r, make([]string, 8)...)[:8]
				combos[strings.Join(attrs, "|")]++
				if strings.Contains(strings.Join(r, " "), "TEXT") {
					t.Errorf("%s: free text on the raw sheet", where)
				}
			}
			for c, n := range combos {
				if n < threshold {
					t.Errorf("%s: raw combination %q has %d rows", where, c, n)
				}
			}
		case cat.Get(lang, "xlsx.per_card"):
			for _, r := range rows[1:] {
				if len(r) > 1 {
					if n, err := strconv.Atoi(r[1]); err == nil {
						if g := figs[url.Values{"card": {r[0]}}.Encode()]; g == nil || !g.released || g.n != n {
							t.Errorf("%s: card %s shows %d, not a released figure", where, r[0], n)
						}
					}
				}
			}
		case cat.Get(lang, "xlsx.background"):
			var shown []string
			for _, r := range rows[1:] {
				if len(r) > 1 {
					if n, err := strconv.Atoi(r[1]); err == nil && n > 0 {
						shown = append(shown, r[0])
					}
				}
			}
			sort.Strings(shown)
			for _, label := range shown {
				if strings.Contains(label, ": Muu") || strings.Contains(label, ": Annat") || strings.Contains(label, ": Other") {
					t.Errorf("%s: the lone gender shown: %s", where, label)
				}
			}
		}
	}
}
