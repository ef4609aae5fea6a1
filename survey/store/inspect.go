package store

import (
	"context"
	"database/sql"

	"palaute/survey/store/internal/conns"
)

// Tests reach the connections through storetest, never through the API.
func init() {
	conns.Of = func(db any) (*sql.DB, *sql.DB) { d := db.(*DB); return d.write, d.read }
}

// IsEmpty reports whether the database holds no organisation yet: no
// units, cards, kiosks, users or responses.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM units) + (SELECT count(*) FROM cards)
		+ (SELECT count(*) FROM kiosks) + (SELECT count(*) FROM users) + (SELECT count(*) FROM responses)`).Scan(&n)
	return n == 0, err
}
