package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"palaute/survey"
	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

func numbered(i int) survey.Response {
	return response(fmt.Sprintf("00000000-0000-4000-8000-%012d", i),
		survey.Answer{Item: "q2", Type: survey.TypeRating5, Num: int64(1 + i%5)},
		survey.Answer{Item: "q3", Type: survey.TypeText, Text: strings.Repeat("teksti ", 40)})
}

func TestGroupCommitBatchesConcurrentSubmissions(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	sizes := map[int]int{}
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{
		OnCommit: func(n int, _ time.Duration, err error) {
			mu.Lock()
			defer mu.Unlock()
			sizes[n]++
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const n = 400
	var wg sync.WaitGroup
	var created atomic.Int64
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := db.Submit(ctx, numbered(i), store.Source{})
			if err != nil {
				t.Error(err)
			}
			if ok {
				created.Add(1)
			}
		}()
	}
	wg.Wait()
	if created.Load() != n {
		t.Fatalf("%d created, want %d", created.Load(), n)
	}
	mu.Lock()
	defer mu.Unlock()
	commits, largest := 0, 0
	for size, c := range sizes {
		commits += c
		largest = max(largest, size)
	}
	if commits >= n || largest < 2 {
		t.Fatalf("%d submissions took %d commits (largest batch %d): no grouping", n, commits, largest)
	}
	counts, _ := db.CountResponses(ctx)
	if counts["visit"] != n {
		t.Fatalf("stored %d, want %d", counts["visit"], n)
	}
}

func TestBatchIsolatesOwnProblems(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	first := numbered(1)
	if _, err := db.Submit(ctx, first, store.Source{}); err != nil {
		t.Fatal(err)
	}
	conflicting := first
	conflicting.Hash = []byte("other")
	unknownCard := numbered(2)
	unknownCard.Card = "NOPE"
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i, r := range []survey.Response{conflicting, unknownCard, numbered(3)} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = db.Submit(ctx, r, store.Source{})
		}()
	}
	wg.Wait()
	if !errors.Is(errs[0], store.ErrConflict) || !errors.Is(errs[1], store.ErrNotFound) || errs[2] != nil {
		t.Fatalf("errors %v", errs)
	}
	counts, _ := db.CountResponses(ctx)
	if counts["visit"] != 2 {
		t.Fatalf("stored %d, want 2", counts["visit"])
	}
}

func TestFullDatabaseFailsCleanlyAndRecovers(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Submit(ctx, numbered(0), store.Source{}); err != nil {
		t.Fatal(err)
	}
	pages, err := storetest.PageCount(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	original, _ := storetest.LimitSize(ctx, db, 0)
	if _, err := storetest.LimitSize(ctx, db, pages); err != nil {
		t.Fatal(err)
	}
	failed := 0
	for i := 1; i <= 200; i++ {
		_, err := db.Submit(ctx, numbered(i), store.Source{})
		if err != nil {
			if !errors.Is(err, store.ErrUnavailable) || !strings.Contains(err.Error(), "full") {
				t.Fatalf("submission %d: %v, want ErrUnavailable (full)", i, err)
			}
			failed++
		}
	}
	if failed == 0 {
		t.Fatal("no submission failed on a full database")
	}
	counts, _ := db.CountResponses(ctx)
	stored := counts["visit"]
	// Nothing half-written: every stored response has its answers.
	var orphans int
	if err := storetest.ReadValue(ctx, db, `SELECT count(*) FROM responses r WHERE NOT EXISTS (SELECT 1 FROM answers a WHERE a.response_id = r.id)
		OR NOT EXISTS (SELECT 1 FROM texts x WHERE x.response_id = r.id)`, &orphans); err != nil || orphans != 0 {
		t.Fatalf("%d responses without their answers (%v)", orphans, err)
	}
	if _, err := storetest.LimitSize(ctx, db, original); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 200; i++ {
		if _, err := db.Submit(ctx, numbered(i), store.Source{}); err != nil {
			t.Fatalf("after space returned, submission %d: %v", i, err)
		}
	}
	counts, _ = db.CountResponses(ctx)
	if counts["visit"] != 201 || stored >= 201 {
		t.Fatalf("stored %d while full, %d after recovery; want fewer than 201, then 201", stored, counts["visit"])
	}
}

func TestCloseDrainsQueuedSubmissions(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const n = 300
	var wg sync.WaitGroup
	acked := make([]bool, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := db.Submit(ctx, numbered(i), store.Source{})
			switch {
			case err == nil:
				acked[i] = true
			case !errors.Is(err, store.ErrUnavailable):
				t.Errorf("submission %d: %v", i, err)
			}
		}()
	}
	time.Sleep(2 * time.Millisecond)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	db, err = store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i, ok := range acked {
		_, err := db.ResponseByID(ctx, numbered(i).ID)
		if ok && err != nil {
			t.Fatalf("acknowledged submission %d lost: %v", i, err)
		}
		if !ok && err == nil {
			t.Fatalf("refused submission %d was stored", i)
		}
	}
}
