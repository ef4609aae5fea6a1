package report_test

import (
	"context"
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

// BenchmarkYearlySummary compares the report's yearly figures with the
// equivalent hand-written GROUP BY on the same database of a million
// responses; the target is at most twice its time.
func BenchmarkYearlySummary(b *testing.B) {
	db := report.BenchDB(b, 1_000_000)
	ctx := context.Background()
	reg, _ := survey.Builtin()
	src := &report.Source{DB: db, Registry: reg}
	for _, tc := range []struct {
		name   string
		filter report.Filter
	}{{"report-year", report.Filter{}}, {"report-month", report.Filter{Month: 4}}} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				y, err := src.Load(ctx, "satisfaction", 2024, false)
				if err != nil {
					b.Fatal(err)
				}
				if s, _ := y.Summary(tc.filter); s.Suppressed || s.Items["q1"].N == 0 {
					b.Fatal("no figures")
				}
			}
		})
	}
	b.Run("sql", func(b *testing.B) {
		for b.Loop() {
			rows, err := storetest.Rows(ctx, db, `SELECT a.item || '=' || count(*) FROM responses r JOIN answers a ON a.response_id = r.id
				WHERE r.survey = 'satisfaction' AND r.year = 2024 GROUP BY a.item, a.num, a.choice`)
			if err != nil || len(rows) == 0 {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkWorkbook writes the yearly workbook with raw data for 200,000
// responses and reports the peak heap; the targets are 30 s and 300 MB.
func BenchmarkWorkbook(b *testing.B) {
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
		wb, err := src.LoadWorkbook(context.Background(), "satisfaction", 2024, "fi", cat)
		if err != nil {
			b.Fatal(err)
		}
		if err := wb.Write(io.Discard); err != nil {
			b.Fatal(err)
		}
		close(done)
		b.ReportMetric(float64(peak.Load())/1e6, "peak-heap-MB")
	}
}
