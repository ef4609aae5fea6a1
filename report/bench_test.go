package report_test

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"palaute/report"
	"palaute/survey"
	"palaute/survey/locale"
	"palaute/survey/store"
)

// benchDB opens (building it the first time) a database of n satisfaction
// responses spread over five years, kept under test-output/ between runs.
// The report benchmarks run only under 'make bench-report'.
func benchDB(b *testing.B, n int) *store.DB {
	b.Helper()
	if os.Getenv("PALAUTE_BENCH_REPORT") == "" {
		b.Skip("run with 'make bench-report' (builds a database of a million responses)")
	}
	ctx := context.Background()
	path := filepath.Join("..", "test-output", fmt.Sprintf("bench-%d.db", n))
	_, statErr := os.Stat(path)
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if statErr == nil {
		return db
	}
	reg, _ := survey.Builtin()
	in := reg.Current("satisfaction")
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Now()
	batch := make([]survey.Response, 0, 10000)
	for i := range n {
		year := 2021 + i%5
		r := survey.Response{ID: fmt.Sprintf("b0000000-0000-4000-8000-%012d", i), Survey: "satisfaction", Version: in.Version,
			Lang: "fi", Channel: "paper", Day: fmt.Sprintf("%d-04-%02d", year, 1+rng.IntN(30)), Hash: []byte{byte(i)}}
		r.Answers = append(r.Answers, survey.Answer{Item: "gender", Type: survey.TypeChoice, Choice: []string{"female", "male", "other", "no_answer"}[rng.IntN(4)]},
			survey.Answer{Item: "birth_year", Type: survey.TypeYear, Num: int64(1940 + rng.IntN(65))})
		for q := 1; q <= 11; q++ {
			r.Answers = append(r.Answers, survey.Answer{Item: fmt.Sprintf("q%d", q), Type: survey.TypeLikert5, Num: int64(1 + rng.IntN(5))})
		}
		r.Answers = append(r.Answers, survey.Answer{Item: "q12", Type: survey.TypeRating5, Num: int64(1 + rng.IntN(5))})
		batch = append(batch, r)
		if len(batch) == cap(batch) || i == n-1 {
			if _, err := db.SaveResponses(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	b.Logf("built %d responses in %v", n, time.Since(start))
	return db
}

// BenchmarkYearlySummary compares the report's yearly figures with the
// equivalent hand-written GROUP BY on the same database of a million
// responses; the target is at most twice its time.
func BenchmarkYearlySummary(b *testing.B) {
	db := benchDB(b, 1_000_000)
	ctx := context.Background()
	reg, _ := survey.Builtin()
	in := reg.Current("satisfaction")
	b.Run("report", func(b *testing.B) {
		for b.Loop() {
			f := store.Filter{Survey: "satisfaction", Year: 2024}
			if _, err := db.CountFiltered(ctx, f); err != nil {
				b.Fatal(err)
			}
			counts, err := db.CountAnswers(ctx, f)
			if err != nil {
				b.Fatal(err)
			}
			if figs := report.Items(in, counts); figs["q1"].N == 0 {
				b.Fatal("no figures")
			}
		}
	})
	b.Run("sql", func(b *testing.B) {
		for b.Loop() {
			rows, err := db.RawRowsForTest(ctx, `SELECT a.item || '=' || count(*) FROM responses r JOIN answers a ON a.response_id = r.id
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
	db := benchDB(b, 1_000_000)
	reg, _ := survey.Builtin()
	cat, _ := locale.Load()
	wb := report.Workbook{DB: db, Survey: reg.Current("satisfaction"), Year: 2024, Lang: "fi", Catalog: cat, Threshold: 5}
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
		if err := wb.Write(context.Background(), io.Discard); err != nil {
			b.Fatal(err)
		}
		close(done)
		b.ReportMetric(float64(peak.Load())/1e6, "peak-heap-MB")
	}
}
