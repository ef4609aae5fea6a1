// Package store keeps Palaute's data in SQLite: one write connection for
// every change and a pool of read connections for everything else.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"palaute/survey"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Sentinel errors; the HTTP layer maps them to status codes in one place.
var (
	ErrNotFound  = errors.New("not found")
	ErrConflict  = errors.New("conflict")
	ErrTokenUsed = errors.New("token already used")
	ErrExists    = errors.New("already exists")
	// ErrUnavailable means the database cannot take writes now (disk
	// full, read-only file, closing); the client should try again later.
	ErrUnavailable = errors.New("database unavailable for writing")
)

// DB is Palaute's database.
type DB struct {
	write *sql.DB // exactly one connection: SQLite has one writer anyway
	read  *sql.DB
	path  string
	now   func() time.Time
	w     *writer
	count *counter // counts responses into rollups
	reg   *survey.Registry

	writeStmts *stmtCache
	readStmts  *stmtCache
	kiosks     kioskCache
}

// Options tune a database; the zero value is ready to use.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// OnCommit, when set, is told of every group commit: how many
	// submissions it held, how long it took and whether it failed.
	OnCommit func(size int, took time.Duration, err error)
	// MaxBatch caps the submissions in one group commit; 256 when 0.
	MaxBatch int
	// Logger receives the store's own warnings; slog.Default() when nil.
	Logger *slog.Logger
	// Instruments are every instrument version responses are given in:
	// they say how a response is counted in the rollups. The built-in
	// instruments when nil.
	Instruments *survey.Registry
}

// Open opens (creating if needed) the database file at path, brings its
// schema up to date and starts the single writer.
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	reg := opts.Instruments
	if reg == nil {
		var err error
		if reg, err = survey.Builtin(); err != nil {
			return nil, fmt.Errorf("built-in instruments: %w", err)
		}
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("create database folder: %w", err)
		}
	}
	if err := createPrivate(path); err != nil {
		return nil, err
	}
	write, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	read, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		write.Close()
		return nil, err
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	db := &DB{write: write, read: read, path: path, now: now, count: newCounter(reg), reg: reg,
		writeStmts: newStmtCache(write), readStmts: newStmtCache(read)}
	if err := db.migrate(ctx); err != nil {
		db.read.Close()
		db.write.Close()
		return nil, err
	}
	if err := db.loadPublished(ctx); err != nil {
		db.read.Close()
		db.write.Close()
		return nil, err
	}
	if err := db.writeStmts.prepare(ctx, slices.Concat(writeQueries, batchQueries(), rollupQueries())...); err != nil {
		db.read.Close()
		db.write.Close()
		return nil, fmt.Errorf("prepare statements: %w", err)
	}
	db.w = startWriter(db, opts)
	// SQLite gives the -wal and -shm files the mode of the database, but
	// files left by an older version may be wider: narrow them too.
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Chmod(path+suffix, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
			db.Close()
			return nil, fmt.Errorf("restrict database file: %w", err)
		}
	}
	return db, nil
}

// createPrivate creates an empty file only its owner can read, unless
// one is already there; it holds answers, contacts and token hashes.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	return f.Close()
}

// dsn builds a connection string with the pragmas every connection needs:
// a busy timeout first, then WAL, full sync on commit and foreign keys.
// Write transactions take the lock at BEGIN, so two writers never deadlock
// on an upgrade from read to write.
func dsn(path string, write bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(1)")
	// Deleted content (free text past its retention, removed contacts) is
	// overwritten, not just unlinked, so it leaves no trace in the file.
	q.Add("_pragma", "secure_delete(1)")
	if write {
		q.Set("_txlock", "immediate")
		// A statement of many rows inside a transaction keeps a journal
		// of its own, to undo just itself; in memory it costs no writes.
		q.Add("_pragma", "temp_store(MEMORY)")
	} else {
		q.Add("_pragma", "query_only(1)")
		// Reports read much of the file: map it rather than copy each
		// page through a small per-connection cache.
		q.Add("_pragma", "mmap_size(1073741824)")
		q.Add("_pragma", "cache_size(-16000)")
	}
	return "file:" + path + "?" + q.Encode()
}

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// Close lets the writer commit what it has been given, then closes both
// pools. Submissions after Close fail with ErrUnavailable.
func (db *DB) Close() error {
	db.w.stop()
	db.writeStmts.close()
	db.readStmts.close()
	return errors.Join(db.read.Close(), db.write.Close())
}

// Ping checks that the database answers a query.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	if err := db.read.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("ping database: %w", err)
	}
	return nil
}

// migrate applies, in order, each embedded migration not yet recorded in
// schema_migrations, each in its own transaction with its record.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		if err := db.applyMigration(ctx, name); err != nil {
			return fmt.Errorf("migration %s: %w", filepath.Base(name), err)
		}
	}
	return nil
}

func (db *DB) applyMigration(ctx context.Context, name string) error {
	base := filepath.Base(name)
	num, _, ok := strings.Cut(base, "_")
	version, err := strconv.Atoi(num)
	if !ok || err != nil {
		return fmt.Errorf("file name must start with a number and _")
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations WHERE version = ?", version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := fs.ReadFile(migrations, name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if fill := afterMigration[version]; fill != nil {
		if err := fill(ctx, db, tx); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
		version, base, db.timestamp()); err != nil {
		return err
	}
	return tx.Commit()
}

// afterMigration fills in, in a migration's transaction, what its plain
// SQL cannot: the rollups of the responses already stored are counted
// with the instruments.
var afterMigration = map[int]func(context.Context, *DB, *writeTx) error{
	10: func(ctx context.Context, db *DB, tx *writeTx) error {
		_, err := db.rebuildRollups(ctx, tx)
		return err
	},
}

// Migrations returns the names of the applied migrations, in order.
func (db *DB) Migrations(ctx context.Context) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT name FROM schema_migrations ORDER BY version")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

// timestamp is the time records of administrative rows (cards, tokens,
// users) carry. Responses never get one: they keep only their day.
func (db *DB) timestamp() string { return db.now().UTC().Format(time.RFC3339) }
