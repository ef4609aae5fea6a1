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
	qUseCardToken, qCardUnit, qReplacedPaper, qPaperExists,
}

func (c *stmtCache) prepare(ctx context.Context, queries ...string) error {
	for _, q := range queries {
		if _, err := c.get(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// writeTx is a transaction on the writer's connection that binds each of
// the writer's prepared statements to itself once. database/sql keeps
// every statement bound to a transaction until the transaction ends, so
// binding one a call would grow without end in a long import.
type writeTx struct {
	*sql.Tx
	db    *DB
	bound map[string]*sql.Stmt
}

// beginWrite starts a transaction on the writer's connection.
func (db *DB) beginWrite(ctx context.Context) (*writeTx, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &writeTx{Tx: tx, db: db, bound: map[string]*sql.Stmt{}}, nil
}

// stmt returns the query's prepared statement bound to the transaction,
// or nil when it is not one of the writer's.
func (t *writeTx) stmt(ctx context.Context, query string) *sql.Stmt {
	if s, ok := t.bound[query]; ok {
		return s
	}
	s, ok := t.db.writeStmts.lookup(query)
	if !ok {
		return nil
	}
	s = t.StmtContext(ctx, s)
	t.bound[query] = s
	return s
}

// exec runs a statement inside the transaction, prepared once if it is one
// of the writer's.
func (t *writeTx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s := t.stmt(ctx, query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return t.ExecContext(ctx, query, args...)
}

// query runs a query inside the transaction, prepared once if it is one
// of the writer's.
func (t *writeTx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s := t.stmt(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return t.QueryContext(ctx, query, args...)
}

// queryRow runs a single-row query inside the transaction, prepared once
// if it is one of the writer's.
func (t *writeTx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if s := t.stmt(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return t.QueryRowContext(ctx, query, args...)
}

// readRow runs a cached single-row query on the read pool.
func (db *DB) readRow(ctx context.Context, query string, args ...any) (*sql.Row, error) {
	s, err := db.readStmts.get(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryRowContext(ctx, args...), nil
}
