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
}

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
	t := APIToken{Name: strings.TrimSpace(name), Role: role}
	if t.Name == "" {
		return t, fmt.Errorf("%w: token name is empty", ErrInvalid)
	}
	if role != RoleQuality && role != RoleAdmin {
		return t, fmt.Errorf("%w: an API token's role must be quality or admin", ErrInvalid)
	}
	res, err := db.write.ExecContext(ctx, "INSERT INTO api_tokens (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)",
		t.Name, string(role), HashSecret(token), db.timestamp())
	if err != nil {
		return t, fmt.Errorf("insert API token: %w", err)
	}
	t.ID, err = res.LastInsertId()
	return t, err
}

// APITokenByToken returns the live token; ErrNotFound if it is unknown or
// revoked.
func (db *DB) APITokenByToken(ctx context.Context, token string) (APIToken, error) {
	var t APIToken
	err := db.read.QueryRowContext(ctx, "SELECT id, name, role FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL",
		HashSecret(token)).Scan(&t.ID, &t.Name, &t.Role)
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("API token: %w", ErrNotFound)
	}
	return t, err
}
