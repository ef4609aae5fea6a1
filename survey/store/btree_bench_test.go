package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"palaute/survey"
	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

// BenchmarkAnswersTree stores 200,000 annual-survey responses of 14
// answers each, day after day over a year, in batches as the group
// commit does, and reports the time per response and the size of the
// database: what keys that carry no arrival order within a day cost the
// answers B-tree.
func BenchmarkAnswersTree(b *testing.B) {
	const n, batch = 200_000, 256
	for b.Loop() {
		path := filepath.Join(b.TempDir(), "tree.db")
		db, err := store.Open(context.Background(), path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		rs := make([]survey.Response, 0, batch)
		for i := range n {
			r := survey.Response{ID: fmt.Sprintf("c0000000-0000-4000-8000-%012d", i), Survey: "satisfaction", Version: 1,
				Lang: "fi", Channel: "paper", Day: time.Date(2025, 1, 1+i*365/n, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), Hash: []byte{byte(i)}}
			r.Answers = append(r.Answers, survey.Answer{Item: "gender", Type: survey.TypeChoice, Choice: "female"})
			for q := 1; q <= 12; q++ {
				r.Answers = append(r.Answers, survey.Answer{Item: fmt.Sprintf("q%d", q), Type: survey.TypeLikert5, Num: int64(1 + i%5)})
			}
			r.Answers = append(r.Answers, survey.Answer{Item: "birth_year", Type: survey.TypeYear, Num: int64(1950 + i%50)})
			rs = append(rs, r)
			if len(rs) == batch || i == n-1 {
				if _, err := storetest.Save(context.Background(), db, rs...); err != nil {
					b.Fatal(err)
				}
				rs = rs[:0]
			}
		}
		took := time.Since(start)
		db.Close()
		fi, _ := os.Stat(path)
		b.ReportMetric(float64(took.Microseconds())/n, "µs/response")
		b.ReportMetric(float64(fi.Size())/1e6, "db-MB")
	}
}
