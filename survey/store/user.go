package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"palaute/survey"
)

// User is a staff login.
type User struct {
	ID   int64
	Name string
	Role Role
	// Lang is the language the user chose for the staff pages, "" for
	// the browser's.
	Lang string
}

// CreateUser adds a login with an argon2id password hash. A worker is
// linked to the cards named by code, at least one; other roles to none.
func (db *DB) CreateUser(ctx context.Context, name string, role Role, password string, cards []string) (User, error) {
	u := User{Name: strings.TrimSpace(name), Role: role}
	if u.Name == "" {
		return u, fmt.Errorf("%w: user name is empty", ErrInvalid)
	}
	if _, err := ParseRole(string(role)); err != nil {
		return u, err
	}
	if err := checkCardsForRole(role, cards); err != nil {
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
	if err := linkCards(ctx, tx, u.ID, cards); err != nil {
		return u, err
	}
	return u, tx.Commit()
}

// Authenticate returns the user whose name and password match, or
// ErrNotFound.
func (db *DB) Authenticate(ctx context.Context, name, password string) (User, error) {
	var u User
	var hash string
	err := db.read.QueryRowContext(ctx, "SELECT id, name, role, lang, password_hash FROM users WHERE name = ? AND disabled_at IS NULL",
		strings.TrimSpace(name)).Scan(&u.ID, &u.Name, &u.Role, &u.Lang, &hash)
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

// Users lists every login, with the codes of a worker's cards.
func (db *DB) Users(ctx context.Context) ([]UserInfo, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT u.id, u.name, u.role, u.disabled_at IS NOT NULL,
		coalesce((SELECT group_concat(c.code, ' ') FROM (SELECT c.code FROM user_cards uc JOIN cards c ON c.id = uc.card_id
			WHERE uc.user_id = u.id ORDER BY c.code) c), '')
		FROM users u ORDER BY u.name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []UserInfo
	for rows.Next() {
		var u UserInfo
		var cards string
		if err := rows.Scan(&u.ID, &u.Name, &u.Role, &u.Disabled, &cards); err != nil {
			return nil, err
		}
		u.Cards = strings.Fields(cards)
		out = append(out, u)
	}
	return out, rows.Err()
}

// UserInfo is a login as the admin pages list it.
type UserInfo struct {
	User
	Disabled bool
	Cards    []string // a worker's cards, by code
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

// SetUserRole changes a user's role, and the cards a worker is linked
// to: at least one for a worker, none for other roles.
func (db *DB) SetUserRole(ctx context.Context, userID int64, role Role, cards []string) error {
	if _, err := ParseRole(string(role)); err != nil {
		return err
	}
	if err := checkCardsForRole(role, cards); err != nil {
		return err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "UPDATE users SET role = ? WHERE id = ?", string(role), userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("user %d: %w", userID, ErrNotFound)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM user_cards WHERE user_id = ?", userID); err != nil {
		return err
	}
	if err := linkCards(ctx, tx, userID, cards); err != nil {
		return err
	}
	return tx.Commit()
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

// SetUserLanguage keeps the language a user chose for the staff pages.
func (db *DB) SetUserLanguage(ctx context.Context, id int64, lang string) error {
	if !survey.ValidLanguage(lang) {
		return fmt.Errorf("%w: language %q", ErrInvalid, lang)
	}
	res, err := db.write.ExecContext(ctx, "UPDATE users SET lang = ? WHERE id = ?", lang, id)
	if err != nil {
		return fmt.Errorf("set language: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("user %d: %w", id, ErrNotFound)
	}
	return nil
}
