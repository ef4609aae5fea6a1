package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"palaute/survey/store"
)

// walBound is the most the write-ahead log may grow to while reports are
// read continuously: four times the size at which the writer forces a
// checkpoint (store.WALCheckpointBytes).
const walBound = 4 * store.WALCheckpointBytes

// TestWALStaysBoundedUnderReports writes continuously while four readers
// run yearly aggregations back to back, so that some reader always holds
// an old snapshot, and checks the WAL file never passes walBound.
// PALAUTE_SOAK_SECONDS lengthens it ('make soak').
func TestWALStaysBoundedUnderReports(t *testing.T) {
	seconds := 6
	if v, err := strconv.Atoi(os.Getenv("PALAUTE_SOAK_SECONDS")); err == nil && v > 0 {
		seconds = v
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "wal.db")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	runCtx, cancel := context.WithTimeout(ctx, time.Duration(seconds)*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	var mu sync.Mutex
	written, reads := 0, 0
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; runCtx.Err() == nil; i++ {
				r := numbered(w*10_000_000 + i)
				if _, err := db.Submit(ctx, r, store.Source{}); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				written++
				mu.Unlock()
			}
		}()
	}
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for runCtx.Err() == nil {
				if err := db.EachYearResponse(ctx, "visit", 2026, 12, false, func(*store.YearResponse) error { return nil }); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				reads++
				mu.Unlock()
			}
		}()
	}
	var peak int64
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for runCtx.Err() == nil {
		<-tick.C
		if fi, err := os.Stat(path + "-wal"); err == nil {
			peak = max(peak, fi.Size())
		}
	}
	wg.Wait()
	t.Logf("%d responses written, %d yearly reports read, peak WAL %.1f MiB (bound %d MiB)",
		written, reads, float64(peak)/(1<<20), walBound>>20)
	if peak > walBound {
		t.Fatalf("WAL grew to %d bytes, over the bound of %d", peak, walBound)
	}
	if reads < 10 || written < 100 {
		t.Fatalf("too little load to tell: %d reads, %d writes", reads, written)
	}
}
