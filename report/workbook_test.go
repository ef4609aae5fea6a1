package report_test

import (
	"archive/zip"
	"bytes"
	"context"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"palaute/report"
	"palaute/survey"
	"palaute/survey/demo"
	"palaute/survey/locale"
	"palaute/survey/store/storetest"
)

func TestWorkbookReadBack(t *testing.T) {
	ctx := context.Background()
	db := storetest.MustOpenDB(t, nil)
	reg, _ := survey.Builtin()
	cat, _ := locale.Load()
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	if _, err := demo.Fill(ctx, db, reg, now); err != nil {
		t.Fatal(err)
	}
	payload := `=HYPERLINK("http://evil.example","click")`
	sub, _ := survey.Decode([]byte(`{"id":"60000000-0000-4000-8000-000000000001","survey":"satisfaction","lang":"fi","channel":"paper","date":"2025-04-30","answers":{"free":` + strconv.Quote(payload) + `,"q1":5}}`))
	r, errs := survey.Check(sub, survey.Rules{Registry: reg, Today: now})
	if errs != nil {
		t.Fatal(errs)
	}
	if _, err := storetest.Save(ctx, db, r); err != nil {
		t.Fatal(err)
	}
	in := reg.Current("satisfaction")
	src := &report.Source{DB: db, Registry: reg, Now: func() time.Time { return now }}
	wb, err := src.LoadWorkbook(ctx, in.Key, 2025, "en", cat)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Read me", "Summary", "Monthly", "Comparison", "Distributions", "Background", "Free text"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	var n int
	storetest.ReadValue(ctx, db, "SELECT count(*) FROM responses WHERE survey = 'satisfaction' AND year = 2025", &n)
	if v, _ := f.GetCellValue("Summary", "B2"); v != strconv.Itoa(n) {
		t.Errorf("Summary n %q, want %d", v, n)
	}
	// q1's mean is the hand-checked mean of its stored answers.
	var mean float64
	storetest.ReadValue(ctx, db, `SELECT avg(a.num) FROM answers a JOIN responses r ON r.id = a.response_id
		WHERE r.survey = 'satisfaction' AND r.year = 2025 AND a.item = 'q1'`, &mean)
	if v, _ := f.GetCellValue("Summary", "A7"); v != "Opening hours" {
		t.Fatalf("Summary A7 %q, want q1's label", v)
	}
	raw, _ := f.GetCellValue("Summary", "D7", excelize.Options{RawCellValue: true})
	got, _ := strconv.ParseFloat(raw, 64)
	if math.Abs(got-mean) > 1e-9 {
		t.Errorf("Summary q1 mean %v, SQL says %v", got, mean)
	}
	rw, err := src.LoadRaw(ctx, in.Key, 2025, "en", cat)
	if err != nil {
		t.Fatal(err)
	}
	var rawBuf bytes.Buffer
	if err := rw.Write(&rawBuf); err != nil {
		t.Fatal(err)
	}
	rf, err := excelize.OpenReader(&rawBuf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := rf.GetRows("Raw data")
	if len(rows) != n+1 {
		t.Errorf("raw data has %d rows, want %d and a header", len(rows), n)
	}
	// The formula payload is text, not a formula.
	texts, _ := f.GetRows("Free text")
	found := false
	for i, row := range texts {
		if len(row) > 2 && row[2] == payload {
			found = true
			if formula, _ := f.GetCellFormula("Free text", "C"+strconv.Itoa(i+1)); formula != "" {
				t.Errorf("payload became the formula %q", formula)
			}
		}
	}
	if !found {
		t.Error("payload not in the free-text sheet as text")
	}
	// Native charts on Summary and Monthly.
	z, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	charts := 0
	for _, file := range z.File {
		if strings.HasPrefix(file.Name, "xl/charts/chart") {
			charts++
		}
	}
	if charts != 2 {
		t.Errorf("%d chart parts, want 2", charts)
	}
	// Every card shown in the raw data has at least the threshold of rows.
	perCard := map[string]int{}
	for _, row := range rows[1:] {
		if len(row) > 3 && row[3] != "" {
			perCard[row[3]]++
		}
	}
	for c, k := range perCard {
		if k < 5 {
			t.Errorf("raw data shows card %s with %d rows", c, k)
		}
	}
	if pane, _ := f.GetPanes("Summary"); !pane.Freeze {
		t.Error("Summary header is not frozen")
	}
}
