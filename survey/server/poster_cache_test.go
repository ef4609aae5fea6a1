package server

import (
	"context"
	"testing"
	"time"

	"palaute/report"
)

// TestPosterCache: a public stream of requests reads a wall once per
// wallFresh, and again on a new day.
func TestPosterCache(t *testing.T) {
	var pc posterCache
	reads := 0
	load := func(context.Context) (*report.Wall, error) { reads++; return &report.Wall{N: reads}, nil }
	at := time.Date(2026, 11, 30, 23, 45, 0, 0, time.UTC)
	k := wallKey{"visit", "", 2026}
	for i, step := range []struct {
		now   time.Time
		reads int
	}{
		{at, 1}, {at.Add(time.Minute), 1}, {at.Add(wallFresh), 2}, // stale
		{at.Add(wallFresh + time.Minute), 2}, {at.Add(wallFresh + 5*time.Minute), 3}, // a new day
	} {
		if _, err := pc.get(context.Background(), k, step.now, load); err != nil {
			t.Fatal(err)
		}
		if reads != step.reads {
			t.Errorf("request %d at %s: %d reads, want %d", i, step.now.Format("15:04"), reads, step.reads)
		}
	}
	if _, err := pc.get(context.Background(), wallKey{"visit", "Perhepalvelut", 2026}, at.Add(wallFresh+6*time.Minute), load); err != nil || reads != 4 {
		t.Errorf("another unit shares a wall: %d reads", reads)
	}
}
