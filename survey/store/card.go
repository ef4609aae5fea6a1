package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"palaute/survey"
)

// Card is a worker's colour card.
type Card struct {
	ID      int64
	Code    string // upper-case letters and digits, unique
	Colour  string // #RRGGBB
	NameFi  string
	NameSv  string
	NameEn  string
	Worker  string // optional display name
	Unit    string // optional unit name
	UnitID  int64
	Retired bool
}

var (
	cardCodePattern = regexp.MustCompile(`^[A-Z0-9]{1,12}$`)
	colourPattern   = regexp.MustCompile(`^#[0-9A-F]{6}$`)
)

// ErrInvalid wraps every validation failure of administrative input.
var ErrInvalid = errors.New("invalid")

// NormaliseCard upper-cases the code and colour and checks both.
func NormaliseCard(c Card) (Card, error) {
	c.Code = strings.ToUpper(strings.TrimSpace(c.Code))
	c.Colour = strings.ToUpper(strings.TrimSpace(c.Colour))
	if c.Colour != "" && c.Colour[0] != '#' {
		c.Colour = "#" + c.Colour
	}
	if !cardCodePattern.MatchString(c.Code) {
		return c, fmt.Errorf("%w: card code %q must be 1–12 letters A–Z or digits", ErrInvalid, c.Code)
	}
	if !colourPattern.MatchString(c.Colour) {
		return c, fmt.Errorf("%w: colour %q must be a hex colour like #0072B2", ErrInvalid, c.Colour)
	}
	if strings.TrimSpace(c.NameFi) == "" || strings.TrimSpace(c.NameSv) == "" || strings.TrimSpace(c.NameEn) == "" {
		return c, fmt.Errorf("%w: card %s needs a colour name in fi, sv and en", ErrInvalid, c.Code)
	}
	return c, nil
}

// CreateCard adds a card, creating its unit if needed.
func (db *DB) CreateCard(ctx context.Context, c Card) (Card, error) {
	c, err := NormaliseCard(c)
	if err != nil {
		return c, err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return c, err
	}
	defer tx.Rollback()
	var exists int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM cards WHERE code = ?", c.Code).Scan(&exists); err != nil {
		return c, err
	}
	if exists > 0 {
		return c, fmt.Errorf("card %s: %w", c.Code, ErrExists)
	}
	var unitID sql.NullInt64
	if c.Unit != "" {
		u, err := ensureUnit(ctx, tx, c.Unit, db.timestamp())
		if err != nil {
			return c, err
		}
		unitID = sql.NullInt64{Int64: u.ID, Valid: true}
		c.UnitID = u.ID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO cards (code, colour, name_fi, name_sv, name_en, worker, unit_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Code, c.Colour, c.NameFi, c.NameSv, c.NameEn, c.Worker, unitID, db.timestamp())
	if err != nil {
		return c, fmt.Errorf("insert card: %w", err)
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return c, err
	}
	return c, tx.Commit()
}

const cardColumns = `c.id, c.code, c.colour, c.name_fi, c.name_sv, c.name_en, c.worker,
	coalesce(u.name, ''), coalesce(c.unit_id, 0), c.retired_at IS NOT NULL`

func scanCard(row interface{ Scan(...any) error }) (Card, error) {
	var c Card
	err := row.Scan(&c.ID, &c.Code, &c.Colour, &c.NameFi, &c.NameSv, &c.NameEn, &c.Worker, &c.Unit, &c.UnitID, &c.Retired)
	return c, err
}

// CardByCode returns the card with the code, retired or not.
func (db *DB) CardByCode(ctx context.Context, code string) (Card, error) {
	row, err := db.readRow(ctx, `SELECT `+cardColumns+` FROM cards c
		LEFT JOIN units u ON u.id = c.unit_id WHERE c.code = ?`, strings.ToUpper(code))
	if err != nil {
		return Card{}, err
	}
	c, err := scanCard(row)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("card %s: %w", code, ErrNotFound)
	}
	return c, err
}

// Cards lists every card by code.
func (db *DB) Cards(ctx context.Context) ([]Card, error) {
	return db.queryCards(ctx, `SELECT `+cardColumns+` FROM cards c
		LEFT JOIN units u ON u.id = c.unit_id ORDER BY c.code`)
}

// queryCards runs a query selecting cardColumns and returns its cards.
func (db *DB) queryCards(ctx context.Context, query string, args ...any) ([]Card, error) {
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Card
	for rows.Next() {
		c, err := scanCard(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// UpdateCard changes a card's colour, names, worker and unit; the code
// stays.
func (db *DB) UpdateCard(ctx context.Context, c Card) error {
	c, err := NormaliseCard(c)
	if err != nil {
		return err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var unitID sql.NullInt64
	if strings.TrimSpace(c.Unit) != "" {
		u, err := ensureUnit(ctx, tx, strings.TrimSpace(c.Unit), db.timestamp())
		if err != nil {
			return err
		}
		unitID = sql.NullInt64{Int64: u.ID, Valid: true}
	}
	res, err := tx.ExecContext(ctx, `UPDATE cards SET colour = ?, name_fi = ?, name_sv = ?, name_en = ?, worker = ?, unit_id = ? WHERE code = ?`,
		c.Colour, c.NameFi, c.NameSv, c.NameEn, c.Worker, unitID, c.Code)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("card %s: %w", c.Code, ErrNotFound)
	}
	return tx.Commit()
}

// SetCardRetired retires a card, or brings it back. A retired card keeps
// its responses and stays in reports; kiosks no longer offer it.
func (db *DB) SetCardRetired(ctx context.Context, code string, retired bool) error {
	var at any
	if retired {
		at = db.timestamp()
	}
	res, err := db.write.ExecContext(ctx, "UPDATE cards SET retired_at = ? WHERE code = ?", at, strings.ToUpper(code))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("card %s: %w", code, ErrNotFound)
	}
	return nil
}

// CardCheck returns a check for survey.Rules.Cards, and a function that
// reports the first database error the check met: a card that could not
// be looked up is not an unknown card. The check remembers what it has
// looked up, so an import of many rows asks once a card, and is safe for
// concurrent use.
func (db *DB) CardCheck(ctx context.Context) (state func(code string) survey.CardState, failed func() error) {
	var mu sync.Mutex
	var lookupErr error
	known := map[string]survey.CardState{}
	state = func(code string) survey.CardState {
		mu.Lock()
		defer mu.Unlock()
		if st, ok := known[code]; ok {
			return st
		}
		c, err := db.CardByCode(ctx, code)
		switch {
		case err == nil && c.Retired:
			known[code] = survey.CardRetired
		case err == nil:
			known[code] = survey.CardInUse
		case errors.Is(err, ErrNotFound):
			known[code] = survey.CardUnknown
		default:
			if lookupErr == nil {
				lookupErr = err
			}
			return survey.CardUnknown
		}
		return known[code]
	}
	return state, func() error {
		mu.Lock()
		defer mu.Unlock()
		return lookupErr
	}
}
