package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Unit is a service unit, e.g. adult social work.
type Unit struct {
	ID   int64
	Name string
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
	u := Unit{Name: name}
	err := tx.QueryRowContext(ctx, "SELECT id FROM units WHERE name = ?", name).Scan(&u.ID)
	if err == nil {
		return u, nil
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
	rows, err := db.read.QueryContext(ctx, "SELECT id, name FROM units ORDER BY name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Unit
	for rows.Next() {
		var u Unit
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
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
