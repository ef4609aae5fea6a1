package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// ErrLimit means a daily limit has been reached; ErrNoSuchCard that a
// card named for a login does not exist (it is also ErrNotFound).
var (
	ErrLimit      = errors.New("daily limit reached")
	ErrNoSuchCard = fmt.Errorf("no such card: %w", ErrNotFound)
)

// checkCardsForRole demands at least one card of a worker, and none of
// any other role.
func checkCardsForRole(role Role, cards []string) error {
	switch {
	case role == RoleWorker && len(cards) == 0:
		return fmt.Errorf("%w: a worker needs at least one card", ErrInvalid)
	case role != RoleWorker && len(cards) > 0:
		return fmt.Errorf("%w: only a worker is linked to cards, not role %s", ErrInvalid, role)
	}
	return nil
}

// linkCards links a user to cards by code; an unknown code is
// ErrNotFound naming it.
func linkCards(ctx context.Context, tx *sql.Tx, userID int64, codes []string) error {
	for _, code := range codes {
		code = strings.ToUpper(strings.TrimSpace(code))
		var cardID int64
		err := tx.QueryRowContext(ctx, "SELECT id FROM cards WHERE code = ?", code).Scan(&cardID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("card %s: %w", code, ErrNoSuchCard)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO user_cards (user_id, card_id) VALUES (?, ?)", userID, cardID); err != nil {
			return fmt.Errorf("link card %s: %w", code, err)
		}
	}
	return nil
}

// UserCards returns the cards a user is linked to, by code.
func (db *DB) UserCards(ctx context.Context, userID int64) ([]Card, error) {
	return db.queryCards(ctx, `SELECT `+cardColumns+` FROM user_cards uc
		JOIN cards c ON c.id = uc.card_id LEFT JOIN units u ON u.id = c.unit_id
		WHERE uc.user_id = ? ORDER BY c.code`, userID)
}

// qPrinted counts the cards a user has printed on a day.
const qPrinted = "SELECT coalesce(sum(cards), 0) FROM worker_prints WHERE user_id = ? AND day = ?"

// PrintedToday is how many cards a user has printed on day (YYYY-MM-DD).
func (db *DB) PrintedToday(ctx context.Context, userID int64, day string) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, qPrinted, userID, day).Scan(&n)
	return n, err
}

// CreateWorkerCardTokens records n one-time tokens for a card a worker
// prints on day, counting them against the worker's daily limit: when
// they would pass it, nothing is recorded and the error is ErrLimit.
func (db *DB) CreateWorkerCardTokens(ctx context.Context, userID, cardID int64, n int, day string, limit int) ([]CardToken, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var printed int
	if err := tx.QueryRowContext(ctx, qPrinted, userID, day).Scan(&printed); err != nil {
		return nil, err
	}
	if printed+n > limit {
		return nil, fmt.Errorf("%d printed today, %d more asked, %d a day allowed: %w", printed, n, limit, ErrLimit)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO worker_prints (user_id, day, cards) VALUES (?, ?, ?)
		ON CONFLICT (user_id, day) DO UPDATE SET cards = cards + excluded.cards`, userID, day, n); err != nil {
		return nil, err
	}
	tokens, err := db.insertCardTokens(ctx, tx, cardID, n)
	if err != nil {
		return nil, err
	}
	return tokens, tx.Commit()
}
