package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/xuri/excelize/v2"

	"palaute/report"
	"palaute/survey"
	"palaute/survey/locale"
	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

// national is a throw-away database with the built-in instruments (and
// any extra versions), and a clock in June 2026.
type national struct {
	t   *testing.T
	db  *store.DB
	reg *survey.Registry
	in  *survey.Instrument
	src *report.Source
	seq int
}

func newNational(t *testing.T, extra ...*survey.Instrument) *national {
	t.Helper()
	reg, err := survey.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range extra {
		def, _ := json.Marshal(in)
		more, err := survey.Load(fstest.MapFS{in.Key + ".json": {Data: def}})
		if err != nil {
			t.Fatal(err)
		}
		if err := reg.Merge(more); err != nil {
			t.Fatal(err)
		}
	}
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "p.db"), store.Options{Instruments: reg})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := func() time.Time { return time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC) }
	return &national{t: t, db: db, reg: reg, in: reg.Version("national", 1), src: &report.Source{DB: db, Registry: reg, Now: now}}
}

// itemOf is the national instrument's first item that pick accepts.
func itemOf(t *testing.T, in *survey.Instrument, pick func(survey.Item) bool) survey.Item {
	t.Helper()
	i := slices.IndexFunc(in.Items, pick)
	if i < 0 {
		t.Fatal("no such item")
	}
	return in.Items[i]
}

func isNPS(it survey.Item) bool      { return it.Type == survey.TypeNPS }
func hasCantSay(it survey.Item) bool { return it.CantSay }

// save stores one response per answer to item, in the given version,
// on day; an answer is a number or survey.CantSay.
func (n *national) save(version int, day string, item survey.Item, answers ...any) {
	n.t.Helper()
	var rs []survey.Response
	for _, a := range answers {
		n.seq++
		ans := survey.Answer{Item: item.Key, Type: item.Type}
		switch a := a.(type) {
		case int:
			ans.Num = int64(a)
		case string:
			ans.Choice = a
		}
		rs = append(rs, survey.Response{ID: fmt.Sprintf("70000000-0000-4000-8000-%012d", n.seq), Survey: "national", Version: version,
			Lang: "fi", Channel: survey.ChannelKiosk, Day: day, Hash: []byte{byte(n.seq), byte(n.seq >> 8)}, Answers: []survey.Answer{ans}})
	}
	if _, err := storetest.Save(context.Background(), n.db, rs...); err != nil {
		n.t.Fatal(err)
	}
}

func (n *national) year(y int) *report.Year {
	n.t.Helper()
	yr, err := n.src.Load(context.Background(), "national", y, report.AllRows)
	if err != nil {
		n.t.Fatal(err)
	}
	return yr
}

// Ten answers worked by hand: 9–10 five times (promoters 50 %), 7–8
// twice (passives 20 %), 0–6 three times (detractors 30 %): NPS +20.
var npsYear1 = []any{10, 10, 9, 8, 7, 6, 3, 0, 10, 9}

// Ten more: promoters 2 (20 %), passives 3 (30 %), detractors 5 (50 %):
// NPS −30.
var npsYear2 = []any{10, 9, 8, 8, 7, 5, 4, 2, 1, 0}

func TestNPSByHand(t *testing.T) {
	n := newNational(t)
	item := itemOf(t, n.in, isNPS)
	n.save(1, "2025-03-04", item, npsYear1...)
	s, errs := n.year(2025).Summary(report.Filter{})
	if errs != nil || s.Suppressed {
		t.Fatal(errs, s.Suppressed)
	}
	fig := s.Items[item.Key]
	if fig.NPS == nil || *fig.NPS != 20 || *fig.Promoters != 50 || *fig.Passives != 20 || *fig.Detractors != 30 {
		t.Fatalf("NPS %v, parts %v %v %v; want +20, 50 / 20 / 30", fig.NPS, fig.Promoters, fig.Passives, fig.Detractors)
	}
	if fig.N != 10 || fig.Dist["10"] != 3 || fig.Dist["5"] != 0 || fig.Pct["9"] != 20 || len(fig.Dist) != 11 {
		t.Errorf("n %d dist %v pct %v", fig.N, fig.Dist, fig.Pct)
	}
	// 72 / 10: the mean of the answers stays beside the score.
	if fig.Mean == nil || math.Abs(*fig.Mean-7.2) > 1e-12 || fig.Agree != nil {
		t.Errorf("mean %v agree %v, want 7.2 and no agree share", fig.Mean, fig.Agree)
	}
	// The JSON carries the score under its own names.
	raw, _ := json.Marshal(fig)
	for _, want := range []string{`"nps":20`, `"promoters":50`, `"passives":20`, `"detractors":30`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("JSON %s lacks %s", raw, want)
		}
	}
	if raw, _ := json.Marshal(s.Items[itemOf(t, n.in, hasCantSay).Key]); strings.Contains(string(raw), "nps") {
		t.Errorf("a five-point item has NPS fields: %s", raw)
	}
}

// TestNPSTestByHand: +20 (n 10) then −30 (n 10). Var = (p + d − (p −
// d)²)/n: 2024 (0.5 + 0.3 − 0.04)/10 = 0.076, 2025 (0.2 + 0.5 − 0.09)/10
// = 0.061; z = −0.5/√0.137 = −1.35086, two-sided p = 0.176741.
func TestNPSTestByHand(t *testing.T) {
	z, p, ok := report.CompareNPS(counts(npsYear1), counts(npsYear2))
	if !ok || math.Abs(z-(-1.350858067)) > 1e-8 || math.Abs(p-0.1767409029) > 1e-8 {
		t.Fatalf("z %v p %v ok %v, want −1.350858 and 0.176741", z, p, ok)
	}
	n := newNational(t)
	item := itemOf(t, n.in, isNPS)
	n.save(1, "2024-05-02", item, npsYear1...)
	n.save(1, "2025-05-02", item, npsYear2...)
	n.save(1, "2023-05-02", item, 10, 10, 9, 0) // below the threshold
	figs, errs := report.Compare(n.reg, []*report.Year{n.year(2023), n.year(2024), n.year(2025)}, report.Filter{})
	if errs != nil {
		t.Fatal(errs)
	}
	row := figs[item.Key]
	cur := row[2]
	if cur.Test != report.NPSTest || cur.P == nil || math.Abs(*cur.P-p) > 1e-12 || *cur.Significant {
		t.Fatalf("2025 against 2024: %+v", cur)
	}
	if cur.Change == nil || *cur.Change != -50 {
		t.Errorf("change %v, want −50 points", cur.Change)
	}
	// 2023 is hidden: no test, never significant.
	if prev := row[1]; prev.P != nil || prev.Significant == nil || *prev.Significant || prev.Test != report.NPSTest {
		t.Errorf("2024 against a hidden 2023: %+v", prev)
	}
	// The same change with ten times the answers is significant.
	big := func(a []any) map[int]int {
		out := counts(a)
		for v := range out {
			out[v] *= 10
		}
		return out
	}
	if _, p, _ := report.CompareNPS(big(npsYear1), big(npsYear2)); p >= 0.05 {
		t.Errorf("a 50-point change over 100 answers a year: p %v", p)
	}
	// Every answer a promoter both years: nothing varies, nothing to test.
	if _, _, ok := report.CompareNPS(map[int]int{10: 6}, map[int]int{9: 7}); ok {
		t.Error("tested two scores with no variance")
	}
}

func counts(answers []any) map[int]int {
	out := map[int]int{}
	for _, a := range answers {
		out[a.(int)]++
	}
	return out
}

// TestCantSayLeftOutOfFigures: 5, 5, 4, 4, 2 and three can't-say. The
// mean of the five on the scale is 4 (with can't-say as a sixth point it
// would be 4.75, as nothing 2.5); SD √1.5; agree 4 of 5; can't-say is
// 3/8 of the item's answers. A year with the same answers on the scale
// and more can't-say is the same to the test.
func TestCantSayLeftOutOfFigures(t *testing.T) {
	n := newNational(t)
	item := itemOf(t, n.in, hasCantSay)
	n.save(1, "2025-02-03", item, 5, 5, 4, 4, 2, survey.CantSay, survey.CantSay, survey.CantSay)
	n.save(1, "2024-02-03", item, 5, 5, 4, 4, 2)
	y := n.year(2025)
	s, _ := y.Summary(report.Filter{})
	fig := s.Items[item.Key]
	if fig.N != 8 || fig.ScaleN == nil || *fig.ScaleN != 5 {
		t.Fatalf("n %d scale n %v, want 8 and 5", fig.N, fig.ScaleN)
	}
	if math.Abs(*fig.Mean-4) > 1e-12 || math.Abs(*fig.SD-math.Sqrt(1.5)) > 1e-12 || math.Abs(*fig.Agree-0.8) > 1e-12 {
		t.Errorf("mean %v sd %v agree %v, want 4, √1.5, 0.8", *fig.Mean, *fig.SD, *fig.Agree)
	}
	if fig.Dist[survey.CantSay] != 3 || fig.Pct[survey.CantSay] != 37.5 || fig.Pct["5"] != 25 {
		t.Errorf("dist %v pct %v", fig.Dist, fig.Pct)
	}
	if g := s.Groups[item.Group]; math.Abs(g-4) > 1e-12 {
		t.Errorf("group mean %v, want 4 from the one item answered", g)
	}
	figs, _ := report.Compare(n.reg, []*report.Year{n.year(2024), y}, report.Filter{})
	cur := figs[item.Key][1]
	if cur.Test != report.RankTest || cur.P == nil || *cur.P != 1 || *cur.Change != 0 {
		t.Errorf("the same answers on the scale: test %s p %v change %v, want Mann–Whitney p 1 change 0", cur.Test, cur.P, cur.Change)
	}
	cat, _ := locale.Load()
	if l := (report.Labels{Lang: "sv", Catalog: cat}); l.Value(n.in, item, survey.CantSay) != "Kan inte säga" {
		t.Errorf("can't-say in Swedish: %q", l.Value(n.in, item, survey.CantSay))
	}
	// Each of the item's values has a colour of its own kind.
	colours := report.ValueColours(item)
	if len(colours) != len(item.Values()) || colours[5] != report.CantSayColour || slices.Contains(report.Diverging, report.CantSayColour) {
		t.Errorf("colours %v", colours)
	}
}

// TestWordingChangedAcrossVersions: version 2 of the national survey asks
// one statement in other Swedish words and changes only another's short
// label. Answers of 2024 were given in version 1, of 2025 in version 2:
// the comparison flags the first, in JSON, CSV and the workbook, and not
// the second.
func TestWordingChangedAcrossVersions(t *testing.T) {
	builtin, _ := survey.Builtin()
	v2 := *builtin.Version("national", 1)
	v2.Version = 2
	v2.Items = slices.Clone(v2.Items)
	changed, relabelled := -1, -1
	for i, it := range v2.Items {
		if it.Type != survey.TypeLikert5 {
			continue
		}
		switch {
		case changed < 0:
			changed = i
			it.Text = survey.Text{"fi": it.Text["fi"], "sv": it.Text["sv"] + " Alltid.", "en": it.Text["en"]}
		case relabelled < 0:
			relabelled = i
			it.Short = survey.Text{"fi": "Uusi nimi", "sv": "Nytt namn", "en": "New name"}
		}
		v2.Items[i] = it
	}
	n := newNational(t, &v2)
	for _, i := range []int{changed, relabelled} {
		n.save(1, "2024-03-05", v2.Items[i], 4, 5, 4, 5, 3, 4)
		n.save(2, "2025-03-05", v2.Items[i], 5, 5, 4, 5, 3, 4)
	}
	years := []*report.Year{n.year(2024), n.year(2025)}
	figs, _ := report.Compare(n.reg, years, report.Filter{})
	if !figs[v2.Items[changed].Key][1].WordingChanged || figs[v2.Items[changed].Key][0].WordingChanged {
		t.Errorf("the reworded item: %+v", figs[v2.Items[changed].Key])
	}
	if figs[v2.Items[relabelled].Key][1].WordingChanged {
		t.Error("a new short label flagged as new wording")
	}
	cat, _ := locale.Load()
	l := report.Labels{Lang: "en", Catalog: cat}
	var buf bytes.Buffer
	if err := report.CompareCSV(&buf, false, l, n.in, years[0].ClosedItems(), figs); err != nil {
		t.Fatal(err)
	}
	rows, _ := csv.NewReader(&buf).ReadAll()
	col := slices.Index(rows[0], "Wording changed")
	for _, r := range rows[1:] {
		want := r[1] == v2.Items[changed].Key && r[3] == "2025"
		if col < 0 || (r[col] == "true") != want {
			t.Errorf("CSV row %v: wording changed column %d", r, col)
		}
	}
	// The workbook's comparison sheet marks the item with a note naming
	// the years; no other item.
	wb, err := n.src.LoadWorkbook(context.Background(), "national", 2025, "en", cat)
	if err != nil {
		t.Fatal(err)
	}
	var book bytes.Buffer
	if err := wb.Write(&book); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&book)
	if err != nil {
		t.Fatal(err)
	}
	sheet, _ := x.GetRows("Comparison")
	marked := map[string]bool{}
	for _, r := range sheet[1:] {
		if len(r) > 0 && slices.Contains(r, "changed") {
			marked[r[0]] = true
		}
	}
	label := l.Item(v2.Items[changed]) + " (mean)"
	if len(marked) != 1 || !marked[label] {
		t.Errorf("marked rows %v, want %q alone", marked, label)
	}
	comments, _ := x.GetComments("Comparison")
	if len(comments) != 1 || !strings.Contains(comments[0].Paragraph[0].Text, "2024–2025") {
		t.Errorf("comments %+v", comments)
	}
}
