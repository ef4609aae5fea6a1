package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// User is a staff login.
type User struct {
	ID   int64
	Name string
	Role Role
}

// CreateUser adds a login with an argon2id password hash.
func (db *DB) CreateUser(ctx context.Context, name string, role Role, password string) (User, error) {
	u := User{Name: strings.TrimSpace(name), Role: role}
	if u.Name == "" {
		return u, fmt.Errorf("%w: user name is empty", ErrInvalid)
	}
	if _, err := ParseRole(string(role)); err != nil {
		return u, err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return u, err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return u, err
	}
	defer tx.Rollback()
	var exists int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM users WHERE name = ?", u.Name).Scan(&exists); err != nil {
		return u, err
	}
	if exists > 0 {
		return u, fmt.Errorf("user %s: %w", u.Name, ErrExists)
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
		u.Name, string(role), hash, db.timestamp())
	if err != nil {
		return u, fmt.Errorf("insert user: %w", err)
	}
	if u.ID, err = res.LastInsertId(); err != nil {
		return u, err
	}
	return u, tx.Commit()
}

// Authenticate returns the user whose name and password match, or
// ErrNotFound.
func (db *DB) Authenticate(ctx context.Context, name, password string) (User, error) {
	var u User
	var hash string
	err := db.read.QueryRowContext(ctx, "SELECT id, name, role, password_hash FROM users WHERE name = ? AND disabled_at IS NULL",
		strings.TrimSpace(name)).Scan(&u.ID, &u.Name, &u.Role, &hash)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !CheckPassword(hash, password)) {
		return User{}, fmt.Errorf("user or password: %w", ErrNotFound)
	}
	return u, err
}
