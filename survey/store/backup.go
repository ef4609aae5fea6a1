package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the live database to out with VACUUM
// INTO (one read transaction, so writers carry on), checks the copy with
// PRAGMA integrity_check, and only then moves it into place.
func (db *DB) Backup(ctx context.Context, out string) error {
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s: %w", out, ErrExists)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o750); err != nil {
		return fmt.Errorf("create backup folder: %w", err)
	}
	tmp := out + ".partial"
	os.Remove(tmp)
	defer os.Remove(tmp)
	// A connection of its own: the read pool is query_only, and the writer
	// must stay free while the copy is made.
	conn, err := sql.Open("sqlite", "file:"+db.path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer conn.Close()
	// VACUUM INTO fills an empty file it is given: create it private.
	if err := createPrivate(tmp); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return fmt.Errorf("copy database: %w", err)
	}
	if err := IntegrityCheck(ctx, tmp); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}

// IntegrityCheck opens the database file at path read-only and runs
// PRAGMA integrity_check on it.
func IntegrityCheck(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err != nil {
		return err
	}
	conn, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer conn.Close()
	var result string
	if err := conn.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&result); err != nil {
		return fmt.Errorf("integrity check of %s: %w", path, err)
	}
	if result != "ok" {
		return fmt.Errorf("integrity check of %s: %w", path, errors.New(result))
	}
	return nil
}

// CountBackup returns how many responses the database file at path holds,
// read-only: a backup is counted as it was written, not the live file.
func CountBackup(ctx context.Context, path string) (int, error) {
	conn, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM responses").Scan(&n); err != nil {
		return 0, fmt.Errorf("count responses in %s: %w", path, err)
	}
	return n, nil
}
