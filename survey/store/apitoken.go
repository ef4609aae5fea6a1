package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// APIToken lets a reporting tool read reports.
type APIToken struct {
	ID   int64
	Name string
	Role Role
	// Created is when it was made (RFC 3339); LastUsed the month it was
	// last used (YYYY-MM), or "" if never; Revoked when it was revoked,
	// or "".
	Created  string
	LastUsed string
	Revoked  string
}

// Label names the token in the audit log: its id and name.
func (t APIToken) Label() string { return fmt.Sprintf("API token %d %q", t.ID, t.Name) }

// CreateAPIToken makes a token for the role (quality or admin) and returns
// it once; only its hash is kept.
func (db *DB) CreateAPIToken(ctx context.Context, name string, role Role) (APIToken, string, error) {
	token, _ := newSecret()
	t, err := db.AddAPIToken(ctx, name, role, token)
	return t, token, err
}

// AddAPIToken records a token chosen by the caller; the demo organisation
// uses it for a well-known report token.
func (db *DB) AddAPIToken(ctx context.Context, name string, role Role, token string) (APIToken, error) {
	t := APIToken{Name: strings.TrimSpace(name), Role: role, Created: db.timestamp()}
	if t.Name == "" {
		return t, fmt.Errorf("%w: token name is empty", ErrInvalid)
	}
	if role != RoleQuality && role != RoleAdmin {
		return t, fmt.Errorf("%w: an API token's role must be quality or admin", ErrInvalid)
	}
	res, err := db.write.ExecContext(ctx, "INSERT INTO api_tokens (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)",
		t.Name, string(role), HashSecret(token), t.Created)
	if err != nil {
		return t, fmt.Errorf("insert API token: %w", err)
	}
	t.ID, err = res.LastInsertId()
	return t, err
}

// APITokenByToken returns the live token; ErrNotFound if it is unknown or
// revoked. It reads the database every time, so a revocation by any
// process holds from its commit on.
func (db *DB) APITokenByToken(ctx context.Context, token string) (APIToken, error) {
	var t APIToken
	var used sql.NullString
	err := db.read.QueryRowContext(ctx, "SELECT id, name, role, created_at, last_used FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL",
		HashSecret(token)).Scan(&t.ID, &t.Name, &t.Role, &t.Created, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("API token: %w", ErrNotFound)
	}
	t.LastUsed = used.String
	return t, err
}

// MarkAPITokenUsed records that the token was used in month (YYYY-MM).
// Only the month is kept, so callers write at most once a month a token.
func (db *DB) MarkAPITokenUsed(ctx context.Context, id int64, month string) error {
	_, err := db.write.ExecContext(ctx, "UPDATE api_tokens SET last_used = ? WHERE id = ?", month, id)
	return err
}

// APITokens lists every token, revoked ones too, oldest first.
func (db *DB) APITokens(ctx context.Context) ([]APIToken, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT id, name, role, created_at, coalesce(last_used, ''), coalesce(revoked_at, '') FROM api_tokens ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []APIToken
	for rows.Next() {
		var t APIToken
		if err := rows.Scan(&t.ID, &t.Name, &t.Role, &t.Created, &t.LastUsed, &t.Revoked); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeAPIToken stops a token from working and returns it; ErrNotFound
// if there is no such token. Revoking a revoked token changes nothing.
func (db *DB) RevokeAPIToken(ctx context.Context, id int64) (APIToken, error) {
	if _, err := db.write.ExecContext(ctx, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", db.timestamp(), id); err != nil {
		return APIToken{}, fmt.Errorf("revoke API token: %w", err)
	}
	var t APIToken
	err := db.write.QueryRowContext(ctx, "SELECT id, name, role, created_at, coalesce(last_used, ''), coalesce(revoked_at, '') FROM api_tokens WHERE id = ?", id).
		Scan(&t.ID, &t.Name, &t.Role, &t.Created, &t.LastUsed, &t.Revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("API token %d: %w", id, ErrNotFound)
	}
	return t, err
}
