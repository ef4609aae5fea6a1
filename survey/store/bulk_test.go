package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"palaute/survey"
	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

// row is an imported row: its id comes from its content alone.
func row(content int, day string) survey.Response {
	r := response(fmt.Sprintf("c0000000-0000-4000-8000-%012d", content),
		survey.Answer{Item: "q1", Type: survey.TypeChoice, Choice: "yes"},
		survey.Answer{Item: "q2", Type: survey.TypeRating5, Num: int64(1 + content%5)})
	r.Channel, r.Day = "paper", day
	return r
}

func submitAll(t *testing.T, db *store.DB, rs ...survey.Response) store.BulkResult {
	t.Helper()
	res, err := db.SubmitAll(context.Background(), store.All(rs), store.Bulk{NumberRepeats: true})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func count(t *testing.T, db *store.DB, query string) int {
	t.Helper()
	var n int
	if err := storetest.ReadValue(context.Background(), db, query, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Identical rows are responses of their own, once each, however often the
// file is imported; a later file adds only what it has more.
func TestSubmitAllNumbersRepeats(t *testing.T) {
	db := storetest.MustOpenDB(t, nil)
	same := row(1, "2025-04-02")
	first := []survey.Response{same, same, same, same, row(2, "2025-04-02")}
	if res := submitAll(t, db, first...); res.New != 5 || res.Existing != 0 {
		t.Fatalf("first import %+v, want 5 new", res)
	}
	if res := submitAll(t, db, first...); res.New != 0 || res.Existing != 5 {
		t.Fatalf("the same file again %+v, want 5 already there", res)
	}
	later := append(slices.Clone(first), same, row(3, "2025-04-03"))
	if res := submitAll(t, db, later...); res.New != 2 || res.Existing != 5 {
		t.Fatalf("a later file %+v, want 2 new and 5 already there", res)
	}
	if n := count(t, db, "SELECT count(*) FROM responses"); n != 7 {
		t.Fatalf("%d responses stored, want 7", n)
	}
	if n := count(t, db, "SELECT count(*) FROM answers"); n != 14 {
		t.Fatalf("%d answers stored, want 14", n)
	}
	// Repeats need not come together, nor within a few hundred rows.
	db2 := storetest.MustOpenDB(t, nil)
	var spread []survey.Response
	for i := range 1500 {
		spread = append(spread, row(i%7, fmt.Sprintf("2025-04-%02d", 1+i%7%28)))
	}
	if res := submitAll(t, db2, spread...); res.New != 1500 {
		t.Fatalf("1,500 rows of 7 contents: %+v", res)
	}
	if res := submitAll(t, db2, spread...); res.New != 0 || res.Existing != 1500 {
		t.Fatalf("again: %+v", res)
	}
}

// Without NumberRepeats the same id twice is a resend, as with Submit.
func TestSubmitAllResend(t *testing.T) {
	db := storetest.MustOpenDB(t, nil)
	r := row(1, "2025-04-02")
	res, err := db.SubmitAll(context.Background(), store.All([]survey.Response{r, r}), store.Bulk{})
	if err != nil || res.New != 1 || res.Existing != 1 {
		t.Fatalf("%+v %v", res, err)
	}
}

// Nothing is stored of a stream that fails, wherever it fails.
func TestSubmitAllAllOrNothing(t *testing.T) {
	db := storetest.MustOpenDB(t, nil)
	ctx := context.Background()
	stored := row(0, "2025-04-01")
	submitAll(t, db, stored)
	broken := errors.New("row 900 is broken")
	failing := func(yield func(survey.Response, error) bool) {
		for i := range 1000 {
			if i == 900 {
				yield(survey.Response{}, broken)
				return
			}
			if !yield(row(i+1, "2025-04-02"), nil) {
				return
			}
		}
	}
	if _, err := db.SubmitAll(ctx, failing, store.Bulk{NumberRepeats: true}); !errors.Is(err, broken) {
		t.Fatalf("err = %v, want the stream's", err)
	}
	conflict := stored
	conflict.Hash = []byte("other content under the same id")
	rs := []survey.Response{row(5000, "2025-04-03"), conflict, row(5001, "2025-04-03")}
	if _, err := db.SubmitAll(ctx, store.All(rs), store.Bulk{}); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("conflict: %v", err)
	}
	unknown := row(6000, "2025-04-03")
	unknown.Card = "NOPE"
	if _, err := db.SubmitAll(ctx, store.All([]survey.Response{row(6001, "2025-04-03"), unknown}), store.Bulk{}); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown card: %v", err)
	}
	if n := count(t, db, "SELECT count(*) FROM responses"); n != 1 {
		t.Fatalf("%d responses after failed imports, want the 1 from before", n)
	}
}

// A bulk write turns foreign-key checks off on its connection; they are on
// again afterwards, so deleting a response still deletes its answers.
func TestSubmitAllLeavesForeignKeysOn(t *testing.T) {
	db := storetest.MustOpenDB(t, nil)
	ctx := context.Background()
	r := row(1, "2025-04-02")
	submitAll(t, db, r)
	if err := db.DeletePaperResponse(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, "SELECT count(*) FROM answers"); n != 0 {
		t.Fatalf("%d answers left of a deleted response", n)
	}
	if err := storetest.Exec(ctx, db, "INSERT INTO answers (response_id, item, num) VALUES (42, 'q2', 1)"); err == nil {
		t.Fatal("an answer of no response was stored: foreign keys are off")
	}
}

// Many responses are sorted in runs on disk, next to the database, in
// files that have no name even while they are used.
func TestSubmitAllSortsOnDisk(t *testing.T) {
	defer store.SetRunBytes(4 << 10)()
	db := storetest.MustOpenDB(t, nil)
	var rs []survey.Response
	for i := range 3000 {
		c := i % 2000
		rs = append(rs, row(c, fmt.Sprintf("2025-%02d-%02d", 1+c%12, 1+c%28)))
	}
	nameless := func() {
		t.Helper()
		entries, _ := os.ReadDir(filepath.Dir(db.Path()))
		for _, e := range entries {
			if !strings.HasPrefix(e.Name(), "palaute.db") {
				t.Errorf("a file next to the database: %s", e.Name())
			}
		}
	}
	stream := func(yield func(survey.Response, error) bool) {
		for i, r := range rs {
			if i == 2500 {
				nameless() // many runs have been written by now
			}
			if !yield(r, nil) {
				return
			}
		}
	}
	res, err := db.SubmitAll(context.Background(), stream, store.Bulk{NumberRepeats: true})
	if err != nil || res.New != 3000 {
		t.Fatalf("%+v %v", res, err)
	}
	if n := count(t, db, "SELECT count(DISTINCT uuid) FROM responses"); n != 3000 {
		t.Fatalf("%d distinct ids", n)
	}
	nameless()
}

// A correction goes through the writer: it replaces the paper response
// with its id, and a refused one leaves it as it was.
func TestCorrectionReplacesOrLeavesAlone(t *testing.T) {
	db := storetest.MustOpenDB(t, nil)
	ctx := context.Background()
	r := row(1, "2025-04-02")
	submitAll(t, db, r)
	fixed := r
	fixed.Answers = []survey.Answer{{Item: "q2", Type: survey.TypeRating5, Num: 1}}
	fixed.Hash = []byte("corrected")
	if err := db.CorrectPaperResponse(ctx, fixed); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.ResponseByID(ctx, r.ID); got.Answers["q2"] != "1" || got.Answers["q1"] != "" {
		t.Fatalf("corrected %+v", got)
	}
	bad := fixed
	bad.Card = "NOPE"
	if err := db.CorrectPaperResponse(ctx, bad); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("correction naming an unknown card: %v", err)
	}
	if got, err := db.ResponseByID(ctx, r.ID); err != nil || got.Answers["q2"] != "1" {
		t.Fatalf("a refused correction changed the response: %+v %v", got, err)
	}
	other := row(99, "2025-04-02")
	if err := db.CorrectPaperResponse(ctx, other); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("correcting what is not there: %v", err)
	}
	if n := count(t, db, "SELECT count(*) FROM responses"); n != 1 {
		t.Fatalf("%d responses", n)
	}
}
