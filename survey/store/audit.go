package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID     int64
	At     string
	Actor  string
	Action string
	Detail string
}

// Longest actor and detail the log keeps, in characters: a name typed
// into the login form can be anything, and must not fill the log.
const (
	MaxAuditActor  = 64
	MaxAuditDetail = 500
)

// Clip cuts s to at most n characters, marking a cut with "…".
func Clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// Audit records who did what. The log can only grow.
func (db *DB) Audit(ctx context.Context, actor, action, detail string) error {
	return db.audit(ctx, db.write, actor, action, detail)
}

// audit writes an audit line through ex: the write connection, or a
// transaction whose change the line records.
func (db *DB) audit(ctx context.Context, ex interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, actor, action, detail string) error {
	if _, err := ex.ExecContext(ctx, "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)",
		db.timestamp(), Clip(actor, MaxAuditActor), action, Clip(detail, MaxAuditDetail)); err != nil {
		return fmt.Errorf("write audit log: %w", err)
	}
	return nil
}

// AuditLog returns the newest entries first, at most limit.
func (db *DB) AuditLog(ctx context.Context, limit int) ([]AuditEntry, error) {
	return db.AuditSearch(ctx, AuditFilter{Limit: limit})
}

// AuditFilter picks entries of the audit log; empty fields pick all.
type AuditFilter struct {
	Actor  string // exactly this actor
	Action string // exactly this action
	Month  string // YYYY-MM, in UTC
	Before int64  // only entries older than this id (the next page)
	Limit  int
}

// AuditSearch returns the entries the filter picks, newest first.
func (db *DB) AuditSearch(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	var where []string
	var args []any
	if f.Actor != "" {
		where, args = append(where, "actor = ?"), append(args, f.Actor)
	}
	if f.Action != "" {
		where, args = append(where, "action = ?"), append(args, f.Action)
	}
	if f.Month != "" {
		start, err := time.Parse("2006-01", f.Month)
		if err != nil {
			return nil, fmt.Errorf("%w: month %q is not YYYY-MM", ErrInvalid, f.Month)
		}
		where = append(where, "at >= ? AND at < ?")
		args = append(args, start.Format(time.RFC3339), start.AddDate(0, 1, 0).Format(time.RFC3339))
	}
	if f.Before > 0 {
		where, args = append(where, "id < ?"), append(args, f.Before)
	}
	q := "SELECT id, at, actor, action, detail FROM audit_log"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := db.read.QueryContext(ctx, q+" ORDER BY id DESC LIMIT ?", append(args, max(f.Limit, 1))...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.Actor, &e.Action, &e.Detail); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
