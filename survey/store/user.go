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
	if errors.Is(err, sql.ErrNoRows) {
		// An unknown or disabled name costs the same hash as a real one,
		// so the time taken does not tell which names exist.
		CheckPassword(dummyHash(), password)
		return User{}, fmt.Errorf("user or password: %w", ErrNotFound)
	}
	if err == nil && !CheckPassword(hash, password) {
		return User{}, fmt.Errorf("user or password: %w", ErrNotFound)
	}
	return u, err
}

// Users lists every login.
func (db *DB) Users(ctx context.Context) ([]UserInfo, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT id, name, role, disabled_at IS NOT NULL FROM users ORDER BY name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []UserInfo
	for rows.Next() {
		var u UserInfo
		if err := rows.Scan(&u.ID, &u.Name, &u.Role, &u.Disabled); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// UserInfo is a login as the admin pages list it.
type UserInfo struct {
	User
	Disabled bool
}

// SetPassword changes a user's password and ends their sessions.
func (db *DB) SetPassword(ctx context.Context, userID int64, password string) error {
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	res, err := db.write.ExecContext(ctx, "UPDATE users SET password_hash = ? WHERE id = ?", hash, userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("user %d: %w", userID, ErrNotFound)
	}
	return db.DeleteUserSessions(ctx, userID)
}

// SetUserRole changes a user's role.
func (db *DB) SetUserRole(ctx context.Context, userID int64, role Role) error {
	if _, err := ParseRole(string(role)); err != nil {
		return err
	}
	res, err := db.write.ExecContext(ctx, "UPDATE users SET role = ? WHERE id = ?", string(role), userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("user %d: %w", userID, ErrNotFound)
	}
	return nil
}

// SetUserDisabled disables or enables a login; disabling ends its
// sessions.
func (db *DB) SetUserDisabled(ctx context.Context, userID int64, disabled bool) error {
	var at any
	if disabled {
		at = db.timestamp()
	}
	res, err := db.write.ExecContext(ctx, "UPDATE users SET disabled_at = ? WHERE id = ?", at, userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("user %d: %w", userID, ErrNotFound)
	}
	if disabled {
		return db.DeleteUserSessions(ctx, userID)
	}
	return nil
}
