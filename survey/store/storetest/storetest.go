// Package storetest opens throw-away databases for tests, stores test
// responses the way production does (through Submit and SubmitAll), and
// looks inside a database with plain SQL: what the store's API never
// offers.
package storetest

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"palaute/survey"
	"palaute/survey/store"
	"palaute/survey/store/internal/conns"
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

// Save stores checked responses through the writer, all in one
// transaction, and returns how many were new.
func Save(ctx context.Context, db *store.DB, rs ...survey.Response) (int, error) {
	res, err := db.SubmitAll(ctx, store.All(rs), store.Bulk{})
	if err != nil {
		return 0, err
	}
	return res.New, nil
}

// ReadValue runs a single-value query on a read connection.
func ReadValue(ctx context.Context, db *store.DB, query string, dest any, args ...any) error {
	_, read := conns.Of(db)
	return read.QueryRowContext(ctx, query, args...).Scan(dest)
}

// Rows returns the first column of every row of a query, as text.
func Rows(ctx context.Context, db *store.DB, query string, args ...any) ([]string, error) {
	_, read := conns.Of(db)
	rows, err := read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Columns lists a table's columns in order.
func Columns(ctx context.Context, db *store.DB, table string) ([]string, error) {
	return Rows(ctx, db, "SELECT name FROM pragma_table_info(?) ORDER BY cid", table)
}

// Exec runs a statement on the writer's connection, to prove what the
// schema refuses or to break the database on purpose.
func Exec(ctx context.Context, db *store.DB, query string) error {
	write, _ := conns.Of(db)
	_, err := write.ExecContext(ctx, query)
	return err
}

var pragmaName = regexp.MustCompile(`^[a-z_]+$`)

// Pragma reads one PRAGMA's value on a read connection.
func Pragma(ctx context.Context, db *store.DB, name string, dest any) error {
	if !pragmaName.MatchString(name) {
		return fmt.Errorf("bad pragma name %q", name)
	}
	_, read := conns.Of(db)
	return read.QueryRowContext(ctx, "PRAGMA "+name).Scan(dest)
}

// LimitSize caps the database file at maxPages pages of the writer's
// connection (PRAGMA max_page_count); 0 reads the current cap. Writes past
// the cap fail as on a full disk, and succeed again once it is raised.
func LimitSize(ctx context.Context, db *store.DB, maxPages int64) (int64, error) {
	q := "PRAGMA max_page_count"
	if maxPages > 0 {
		q += "=" + strconv.FormatInt(maxPages, 10)
	}
	write, _ := conns.Of(db)
	var n int64
	err := write.QueryRowContext(ctx, q).Scan(&n)
	return n, err
}

// PageCount returns the number of pages in the database file.
func PageCount(ctx context.Context, db *store.DB) (int64, error) {
	_, read := conns.Of(db)
	var n int64
	err := read.QueryRowContext(ctx, "PRAGMA page_count").Scan(&n)
	return n, err
}
