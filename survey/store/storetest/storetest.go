// Package storetest opens throw-away databases for tests.
package storetest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"palaute/survey/store"
)

// MustOpenDB opens a fresh database in the test's temporary folder, with
// the given clock (nil for the real one), and closes it when the test ends.
func MustOpenDB(tb testing.TB, now func() time.Time) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), filepath.Join(tb.TempDir(), "palaute.db"), store.Options{Now: now})
	if err != nil {
		tb.Fatalf("open database: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}
