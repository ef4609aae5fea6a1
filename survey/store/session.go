package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"time"
)

// SessionIdle is how long a session lives without use.
const SessionIdle = 30 * time.Minute

// Session is a logged-in user's server-side session.
type Session struct {
	User User
	// CSRF is the synchronizer token every form of the session carries.
	CSRF string
}

// CreateSession starts a session for the user and returns its id, which
// goes in the cookie; only its hash is kept.
func (db *DB) CreateSession(ctx context.Context, u User) (string, Session, error) {
	id, hash := newSecret()
	csrf := randomToken()
	_, err := db.write.ExecContext(ctx, "INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen) VALUES (?, ?, ?, ?, ?)",
		hash, u.ID, csrf, db.timestamp(), db.now().Unix())
	if err != nil {
		return "", Session{}, fmt.Errorf("insert session: %w", err)
	}
	return id, Session{User: u, CSRF: csrf}, nil
}

// SessionByID returns the live session with the id and marks it used;
// ErrNotFound when it is unknown, idle too long or its user disabled.
func (db *DB) SessionByID(ctx context.Context, id string) (Session, error) {
	var s Session
	var lastSeen int64
	hash := HashSecret(id)
	err := db.read.QueryRowContext(ctx, `SELECT u.id, u.name, u.role, u.lang, s.csrf, s.last_seen FROM sessions s
		JOIN users u ON u.id = s.user_id WHERE s.id_hash = ? AND u.disabled_at IS NULL`, hash).
		Scan(&s.User.ID, &s.User.Name, &s.User.Role, &s.User.Lang, &s.CSRF, &lastSeen)
	if errors.Is(err, sql.ErrNoRows) {
		return s, fmt.Errorf("session: %w", ErrNotFound)
	}
	if err != nil {
		return s, err
	}
	now := db.now().Unix()
	if now-lastSeen > int64(SessionIdle/time.Second) {
		db.write.ExecContext(ctx, "DELETE FROM sessions WHERE id_hash = ?", hash)
		return Session{}, fmt.Errorf("session idle: %w", ErrNotFound)
	}
	// Mark use at most once a minute: a write per request is not needed.
	if now-lastSeen >= 60 {
		if _, err := db.write.ExecContext(ctx, "UPDATE sessions SET last_seen = ? WHERE id_hash = ?", now, hash); err != nil {
			return s, err
		}
	}
	return s, nil
}

// DeleteSession ends a session on the server.
func (db *DB) DeleteSession(ctx context.Context, id string) error {
	_, err := db.write.ExecContext(ctx, "DELETE FROM sessions WHERE id_hash = ?", HashSecret(id))
	return err
}

// DeleteUserSessions ends every session of a user (password change,
// disabling).
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64) error {
	_, err := db.write.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = ?", userID)
	return err
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
