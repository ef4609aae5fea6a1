package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// CardToken is a one-time token as printed on a card: the token in the
// QR code, and the check code printed under it.
type CardToken struct {
	Token string
	Check string
}

// CheckAlphabet is what check codes are made of: upper-case letters and
// digits that cannot be taken for one another (no 0 and O, 1 and I, 2 and
// Z, 5 and S, 6 and G, 8 and B).
const CheckAlphabet = "ACDEFHJKLMNPQRTUVWXY34679"

// CheckLength is the length of a check code.
const CheckLength = 6

// CreateCardTokens records n one-time tokens for a card and returns them;
// each is printed once, as a QR code on one paper card, with its check
// code under it.
func (db *DB) CreateCardTokens(ctx context.Context, cardID int64, n int) ([]CardToken, error) {
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
func (db *DB) insertCardTokens(ctx context.Context, tx *sql.Tx, cardID int64, n int) ([]CardToken, error) {
	if n < 1 || n > 1000 {
		return nil, fmt.Errorf("%w: token count %d must be 1–1000", ErrInvalid, n)
	}
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO card_tokens (token_hash, card_id, created_at, check_code) VALUES (?, ?, ?, ?)")
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	tokens := make([]CardToken, n)
	for i := range tokens {
		token, hash := newSecret()
		// A code another unused token of the card has is drawn again.
		for try := 0; ; try++ {
			check := newCheckCode()
			_, err = stmt.ExecContext(ctx, hash, cardID, db.timestamp(), check)
			var se *sqlite.Error
			if errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE && try < 20 {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("insert card token: %w", err)
			}
			tokens[i] = CardToken{Token: token, Check: check}
			break
		}
	}
	return tokens, nil
}

func newCheckCode() string {
	b := make([]byte, CheckLength)
	rand.Read(b)
	for i := range b {
		// 250 is a multiple of the alphabet's 25: draw again above it,
		// so every character is as likely.
		for b[i] >= 250 {
			var one [1]byte
			rand.Read(one[:])
			b[i] = one[0]
		}
		b[i] = CheckAlphabet[int(b[i])%len(CheckAlphabet)]
	}
	return string(b)
}

// NormaliseCheck returns a typed check code in its stored form (upper
// case, without the space or dash it is printed with), and whether it is
// one.
func NormaliseCheck(s string) (string, bool) {
	s = strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(strings.TrimSpace(s)))
	if len(s) != CheckLength {
		return "", false
	}
	for _, r := range s {
		if !strings.ContainsRune(CheckAlphabet, r) {
			return "", false
		}
	}
	return s, true
}

// CardByToken returns the card a one-time token was printed for and
// whether the token has been used; ErrNotFound for an unknown token.
func (db *DB) CardByToken(ctx context.Context, token string) (Card, bool, error) {
	return db.cardByTokenHash(ctx, HashSecret(token))
}

func (db *DB) cardByTokenHash(ctx context.Context, hash []byte) (Card, bool, error) {
	var used bool
	var c Card
	row, err := db.readRow(ctx, `SELECT `+cardColumns+`, t.used FROM card_tokens t
		JOIN cards c ON c.id = t.card_id LEFT JOIN units u ON u.id = c.unit_id
		WHERE t.token_hash = ?`, hash)
	if err != nil {
		return c, false, err
	}
	err = row.Scan(&c.ID, &c.Code, &c.Colour, &c.NameFi, &c.NameSv, &c.NameEn, &c.Worker, &c.Unit, &c.UnitID, &c.Retired, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, fmt.Errorf("card token: %w", ErrNotFound)
	}
	return c, used, err
}

// ErrAmbiguous means a check code fits unused tokens of more than one
// card: the card's code tells them apart.
var ErrAmbiguous = errors.New("check code of more than one card")

// TokenByCheck finds the unused token a check code was printed with, of
// the card with the given code, or of any card when code is empty. It
// returns the token's stored form (for Source.CardTokenHash) and its card;
// ErrNotFound when no unused token has the code, ErrAmbiguous when
// several cards have one.
func (db *DB) TokenByCheck(ctx context.Context, cardCode, check string) ([]byte, Card, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT t.token_hash, c.code FROM card_tokens t JOIN cards c ON c.id = t.card_id
		WHERE t.check_code = ? AND t.used = 0 AND (? = '' OR c.code = ?)`, check, strings.ToUpper(cardCode), strings.ToUpper(cardCode))
	if err != nil {
		return nil, Card{}, err
	}
	defer rows.Close()
	var hash []byte
	var code string
	n := 0
	for rows.Next() {
		if err := rows.Scan(&hash, &code); err != nil {
			return nil, Card{}, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return nil, Card{}, err
	}
	switch {
	case n == 0:
		return nil, Card{}, fmt.Errorf("check code %s: %w", check, ErrNotFound)
	case n > 1:
		return nil, Card{}, fmt.Errorf("check code %s: %w", check, ErrAmbiguous)
	}
	c, _, err := db.cardByTokenHash(ctx, hash)
	return hash, c, err
}
