package report_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"palaute/report"
	"palaute/survey"
	"palaute/survey/locale"
	"palaute/survey/store/storetest"
)

// BenchmarkReports times what the report routes read and compute (the
// summary of a year and of a month, a comparison of three years, the
// charts) against a hand-written GROUP BY of one year's answers on the
// same database of a million responses, in the same run, and prints each
// one's ratio to it; the target is at most 0.05, for the workbook 0.5.
func BenchmarkReports(b *testing.B) {
	db := report.BenchDB(b, 1_000_000)
	ctx := context.Background()
	reg, _ := survey.Builtin()
	src := &report.Source{DB: db, Registry: reg}
	cat, _ := locale.Load()
	summary := func(f report.Filter) func() error {
		return func() error {
			y, err := src.Load(ctx, "satisfaction", 2024, report.NoRows)
			if err != nil {
				return err
			}
			if s, _ := y.Summary(f); s.Suppressed || s.Items["q1"].N == 0 {
				return errors.New("no figures")
			}
			return nil
		}
	}
	cases := []struct {
		name string
		run  func() error
	}{
		{"sql", func() error {
			rows, err := storetest.Rows(ctx, db, `SELECT a.item || '=' || count(*) FROM responses r JOIN answers a ON a.response_id = r.id
				WHERE r.survey = 'satisfaction' AND r.year = 2024 GROUP BY a.item, a.num, a.choice`)
			if err == nil && len(rows) == 0 {
				err = errors.New("no rows")
			}
			return err
		}},
		{"summary-year", summary(report.Filter{})},
		{"summary-month", summary(report.Filter{Month: 4})},
		{"compare-3-years", func() error {
			var years []*report.Year
			for yr := 2022; yr <= 2024; yr++ {
				y, err := src.Load(ctx, "satisfaction", yr, report.NoRows)
				if err != nil {
					return err
				}
				years = append(years, y)
			}
			if items, errs := report.Compare(reg, years, report.Filter{}); errs != nil || len(items["q1"]) != 3 {
				return fmt.Errorf("no comparison: %v", errs)
			}
			return nil
		}},
		{"reports-home", func() error {
			if _, err := db.SurveyYears(ctx, "satisfaction"); err != nil {
				return err
			}
			h, _, err := src.LoadHome(ctx, "satisfaction", 2024, report.Filter{})
			if err == nil && len(h.Items["q1"]) != 2 {
				err = errors.New("no home figures")
			}
			return err
		}},
		{"charts", func() error {
			d, err := src.LoadDashboard(ctx, "satisfaction", 2024, report.Labels{Lang: "fi", Catalog: cat})
			if err == nil && len(d.Charts) == 0 {
				err = errors.New("no charts")
			}
			return err
		}},
		{"workbook", func() error {
			wb, err := src.LoadWorkbook(ctx, "satisfaction", 2024, "fi", cat)
			if err != nil {
				return err
			}
			return wb.Write(io.Discard)
		}},
	}
	took := map[string]time.Duration{}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			n, start := 0, time.Now()
			for b.Loop() {
				if err := tc.run(); err != nil {
					b.Fatal(err)
				}
				n++
			}
			took[tc.name] = time.Since(start) / time.Duration(n)
			if tc.name != "sql" && took["sql"] > 0 {
				b.ReportMetric(float64(took[tc.name])/float64(took["sql"]), "x-sql")
			}
		})
	}
	if took["sql"] == 0 {
		return
	}
	fmt.Printf("\n1,000,000 responses (5 years x 200,000), one run\n%-16s %12s %s\n", "request", "time", "against the SQL GROUP BY of one year")
	for _, tc := range cases {
		fmt.Printf("%-16s %12v %.4fx\n", tc.name, took[tc.name].Round(10*time.Microsecond), float64(took[tc.name])/float64(took["sql"]))
	}
}

// BenchmarkRawRows streams a year of 200,000 responses' raw rows and
// reports the peak heap; the target is 150 MB.
func BenchmarkRawRows(b *testing.B) {
	db := report.BenchDB(b, 1_000_000)
	reg, _ := survey.Builtin()
	cat, _ := locale.Load()
	src := &report.Source{DB: db, Registry: reg}
	for b.Loop() {
		runtime.GC()
		var peak atomic.Uint64
		done := make(chan struct{})
		go func() {
			var m runtime.MemStats
			for {
				runtime.ReadMemStats(&m)
				if m.HeapAlloc > peak.Load() {
					peak.Store(m.HeapAlloc)
				}
				select {
				case <-done:
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
		}()
		raw, err := src.LoadRaw(context.Background(), "satisfaction", 2024, "fi", cat)
		if err != nil {
			b.Fatal(err)
		}
		if err := raw.Write(io.Discard); err != nil {
			b.Fatal(err)
		}
		close(done)
		b.ReportMetric(float64(peak.Load())/1e6, "peak-heap-MB")
	}
}
