package store

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
)

var pragmaName = regexp.MustCompile(`^[a-z_]+$`)

// ReadPragma reads one PRAGMA's value on a read connection.
func (db *DB) ReadPragma(ctx context.Context, name string, dest any) error {
	if !pragmaName.MatchString(name) {
		return fmt.Errorf("bad pragma name %q", name)
	}
	return db.read.QueryRowContext(ctx, "PRAGMA "+name).Scan(dest)
}

// ReadValue runs a single-value query on a read connection; for checks and
// tests.
func (db *DB) ReadValue(ctx context.Context, query string, dest any, args ...any) error {
	return db.read.QueryRowContext(ctx, query, args...).Scan(dest)
}

// IsEmpty reports whether the database holds no organisation yet: no
// units, cards, kiosks, users or responses.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM units) + (SELECT count(*) FROM cards)
		+ (SELECT count(*) FROM kiosks) + (SELECT count(*) FROM users) + (SELECT count(*) FROM responses)`).Scan(&n)
	return n == 0, err
}

// LimitSize caps the database file at maxPages pages of the writer's
// connection (PRAGMA max_page_count); 0 reads the current cap. Writes past
// the cap fail as on a full disk, and succeed again once it is raised.
func (db *DB) LimitSize(ctx context.Context, maxPages int64) (int64, error) {
	q := "PRAGMA max_page_count"
	if maxPages > 0 {
		q += "=" + strconv.FormatInt(maxPages, 10)
	}
	var n int64
	err := db.write.QueryRowContext(ctx, q).Scan(&n)
	return n, err
}

// PageCount returns the number of pages in the database file.
func (db *DB) PageCount(ctx context.Context) (int64, error) {
	var n int64
	err := db.read.QueryRowContext(ctx, "PRAGMA page_count").Scan(&n)
	return n, err
}

// ExecForTest runs a statement on the writer; tests use it to prove what
// the schema refuses.
func (db *DB) ExecForTest(ctx context.Context, query string) error {
	_, err := db.write.ExecContext(ctx, query)
	return err
}

// ColumnsForTest lists a table's columns in order.
func (db *DB) ColumnsForTest(ctx context.Context, table string) ([]string, error) {
	return db.RawRowsForTest(ctx, "SELECT name FROM pragma_table_info(?) ORDER BY cid", table)
}

// RawRowsForTest returns the first column of every row of a query.
func (db *DB) RawRowsForTest(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, query, args...)
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
