package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"palaute/kiosk"
)

// Unit is a service unit, e.g. adult social work.
type Unit struct {
	ID   int64
	Name string
	// Hours are the unit's opening hours, when its kiosks are expected
	// to be heard from.
	Hours kiosk.Hours
}

// EnsureUnit returns the unit with the given name, creating it if needed.
func (db *DB) EnsureUnit(ctx context.Context, name string) (Unit, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Unit{}, fmt.Errorf("unit name is empty")
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return Unit{}, err
	}
	defer tx.Rollback()
	u, err := ensureUnit(ctx, tx, name, db.timestamp())
	if err != nil {
		return Unit{}, err
	}
	return u, tx.Commit()
}

func ensureUnit(ctx context.Context, tx *sql.Tx, name, now string) (Unit, error) {
	u := Unit{Name: name, Hours: kiosk.DefaultHours()}
	var opens, closes, days string
	err := tx.QueryRowContext(ctx, "SELECT id, opens, closes, days FROM units WHERE name = ?", name).Scan(&u.ID, &opens, &closes, &days)
	if err == nil {
		u.Hours, err = kiosk.ParseHours(opens, closes, days)
		return u, err
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return Unit{}, err
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO units (name, created_at) VALUES (?, ?)", name, now)
	if err != nil {
		return Unit{}, fmt.Errorf("insert unit: %w", err)
	}
	u.ID, err = res.LastInsertId()
	return u, err
}

// Units lists every unit by name.
func (db *DB) Units(ctx context.Context) ([]Unit, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT id, name, opens, closes, days FROM units ORDER BY name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Unit
	for rows.Next() {
		var u Unit
		var opens, closes, days string
		if err := rows.Scan(&u.ID, &u.Name, &opens, &closes, &days); err != nil {
			return nil, err
		}
		if u.Hours, err = kiosk.ParseHours(opens, closes, days); err != nil {
			return nil, fmt.Errorf("unit %d: %w", u.ID, err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// SetUnitHours changes a unit's opening hours.
func (db *DB) SetUnitHours(ctx context.Context, id int64, h kiosk.Hours) error {
	if _, err := kiosk.ParseHours(h.OpensAt(), h.ClosesAt(), h.DayDigits()); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	res, err := db.write.ExecContext(ctx, "UPDATE units SET opens = ?, closes = ?, days = ? WHERE id = ?",
		h.OpensAt(), h.ClosesAt(), h.DayDigits(), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("unit %d: %w", id, ErrNotFound)
	}
	return nil
}

// RenameUnit changes a unit's name.
func (db *DB) RenameUnit(ctx context.Context, id int64, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return fmt.Errorf("%w: unit name is empty", ErrInvalid)
	}
	res, err := db.write.ExecContext(ctx, "UPDATE units SET name = ? WHERE id = ?", name, id)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return fmt.Errorf("unit %s: %w", name, ErrExists)
		}
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("unit %d: %w", id, ErrNotFound)
	}
	return nil
}
