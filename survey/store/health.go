package store

import (
	"context"
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// WriteProbe proves that the database takes writes by rewriting one row
// through the writer's connection.
func (db *DB) WriteProbe(ctx context.Context) error {
	if _, err := db.write.ExecContext(ctx, "INSERT OR REPLACE INTO health_probe (id, at) VALUES (1, ?)", db.timestamp()); err != nil {
		return fmt.Errorf("%w: write probe: %v", ErrUnavailable, err)
	}
	return nil
}

// Unavailable reports whether err means the database cannot take the
// request now (read-only file, full disk, I/O error, locked, closing), so
// the client should try again later rather than see an internal error.
func Unavailable(err error) bool {
	if errors.Is(err, ErrUnavailable) {
		return true
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_BUSY,
		sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return true
	}
	return false
}
