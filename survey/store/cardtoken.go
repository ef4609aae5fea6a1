package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// CreateCardTokens records n one-time tokens for a card and returns them;
// each is printed once, as a QR code on one paper card.
func (db *DB) CreateCardTokens(ctx context.Context, cardID int64, n int) ([]string, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	tokens, err := db.insertCardTokens(ctx, tx, cardID, n)
	if err != nil {
		return nil, err
	}
	return tokens, tx.Commit()
}

// insertCardTokens records n new tokens for a card in tx.
func (db *DB) insertCardTokens(ctx context.Context, tx *sql.Tx, cardID int64, n int) ([]string, error) {
	if n < 1 || n > 1000 {
		return nil, fmt.Errorf("%w: token count %d must be 1–1000", ErrInvalid, n)
	}
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO card_tokens (token_hash, card_id, created_at) VALUES (?, ?, ?)")
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	tokens := make([]string, n)
	for i := range tokens {
		token, hash := newSecret()
		if _, err := stmt.ExecContext(ctx, hash, cardID, db.timestamp()); err != nil {
			return nil, fmt.Errorf("insert card token: %w", err)
		}
		tokens[i] = token
	}
	return tokens, nil
}

// CardByToken returns the card a one-time token was printed for and
// whether the token has been used; ErrNotFound for an unknown token.
func (db *DB) CardByToken(ctx context.Context, token string) (Card, bool, error) {
	var used bool
	var c Card
	row, err := db.readRow(ctx, `SELECT `+cardColumns+`, t.used FROM card_tokens t
		JOIN cards c ON c.id = t.card_id LEFT JOIN units u ON u.id = c.unit_id
		WHERE t.token_hash = ?`, HashSecret(token))
	if err != nil {
		return c, false, err
	}
	err = row.Scan(&c.ID, &c.Code, &c.Colour, &c.NameFi, &c.NameSv, &c.NameEn, &c.Worker, &c.Unit, &c.UnitID, &c.Retired, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, fmt.Errorf("card token: %w", ErrNotFound)
	}
	return c, used, err
}
