package store

import (
	"context"
	"fmt"
)

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	At     string
	Actor  string
	Action string
	Detail string
}

// Audit records who did what. The log can only grow.
func (db *DB) Audit(ctx context.Context, actor, action, detail string) error {
	if _, err := db.write.ExecContext(ctx, "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)",
		db.timestamp(), actor, action, detail); err != nil {
		return fmt.Errorf("write audit log: %w", err)
	}
	return nil
}

// AuditLog returns the newest entries first, at most limit.
func (db *DB) AuditLog(ctx context.Context, limit int) ([]AuditEntry, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT ?", limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.At, &e.Actor, &e.Action, &e.Detail); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
