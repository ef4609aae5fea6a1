package report

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"palaute/survey"
	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

// BenchDB opens (building it the first time) a database of n satisfaction
// responses spread over five years, kept under test-output/ between runs.
// The report benchmarks run only under 'make bench-report'.
func BenchDB(b *testing.B, n int) *store.DB {
	b.Helper()
	if os.Getenv("PALAUTE_BENCH_REPORT") == "" {
		b.Skip("run with 'make bench-report' (builds a database of a million responses)")
	}
	ctx := context.Background()
	path := filepath.Join("..", "test-output", fmt.Sprintf("bench-rollups-%d.db", n))
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
			if _, err := storetest.Save(ctx, db, batch...); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	b.Logf("built %d responses in %v", n, time.Since(start))
	return db
}

// BenchmarkProtect measures what the disclosure rules cost on a year of
// 200,000 responses: every figure's breakdowns protected, as each report
// request does after reading the year.
func BenchmarkProtect(b *testing.B) {
	db := BenchDB(b, 1_000_000)
	reg, _ := survey.Builtin()
	src := &Source{DB: db, Registry: reg}
	y, err := src.Load(context.Background(), "satisfaction", 2024, NoRows)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(y.keys)), "figures")
	for b.Loop() {
		y.protect()
	}
}
