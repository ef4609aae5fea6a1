package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps prepared statements by their SQL, so hot queries are
// parsed once rather than on every call: parsing is most of what a short
// INSERT costs SQLite.
type stmtCache struct {
	mu sync.Mutex
	db *sql.DB
	m  map[string]*sql.Stmt
}

func newStmtCache(db *sql.DB) *stmtCache { return &stmtCache{db: db, m: map[string]*sql.Stmt{}} }

func (c *stmtCache) get(ctx context.Context, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.m[query]; ok {
		return s, nil
	}
	s, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.m[query] = s
	return s, nil
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.m {
		s.Close()
	}
	c.m = map[string]*sql.Stmt{}
}

// lookup returns a statement prepared before, without preparing: the
// writer's one connection is busy inside a transaction, so preparing on
// the pool then would wait for it forever.
func (c *stmtCache) lookup(query string) (*sql.Stmt, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.m[query]
	return s, ok
}

// writeQueries are the statements of the submission path, prepared on the
// writer's connection when the database opens.
var writeQueries = []string{
	qResponseHash, qUseCardToken, qCardUnit, qInsertResponse, qInsertText, qInsertChoice, qInsertNum,
}

func (c *stmtCache) prepare(ctx context.Context, queries ...string) error {
	for _, q := range queries {
		if _, err := c.get(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// txExec runs a statement inside tx, prepared once if it is one of the
// writer's.
func (db *DB) txExec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	if s, ok := db.writeStmts.lookup(query); ok {
		return tx.StmtContext(ctx, s).ExecContext(ctx, args...)
	}
	return tx.ExecContext(ctx, query, args...)
}

// txQueryRow runs a single-row query inside tx, prepared once if it is one
// of the writer's.
func (db *DB) txQueryRow(ctx context.Context, tx *sql.Tx, query string, args ...any) *sql.Row {
	if s, ok := db.writeStmts.lookup(query); ok {
		return tx.StmtContext(ctx, s).QueryRowContext(ctx, args...)
	}
	return tx.QueryRowContext(ctx, query, args...)
}

// readRow runs a cached single-row query on the read pool.
func (db *DB) readRow(ctx context.Context, query string, args ...any) (*sql.Row, error) {
	s, err := db.readStmts.get(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryRowContext(ctx, args...), nil
}
