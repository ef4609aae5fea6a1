package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Kiosk is a paired lobby device.
type Kiosk struct {
	ID      int64
	Name    string
	Unit    string
	UnitID  int64
	Revoked bool
}

// CreateKiosk registers a kiosk and returns its pairing token, which is
// shown once: only its hash is kept.
func (db *DB) CreateKiosk(ctx context.Context, name, unit string) (Kiosk, string, error) {
	token, _ := newSecret()
	k, err := db.AddKiosk(ctx, name, unit, token)
	return k, token, err
}

// AddKiosk registers a kiosk with a token chosen by the caller; the demo
// organisation uses it for a well-known pairing link.
func (db *DB) AddKiosk(ctx context.Context, name, unit, token string) (Kiosk, error) {
	k := Kiosk{Name: strings.TrimSpace(name), Unit: strings.TrimSpace(unit)}
	if k.Name == "" {
		return k, fmt.Errorf("%w: kiosk name is empty", ErrInvalid)
	}
	hash := HashSecret(token)
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return k, err
	}
	defer tx.Rollback()
	var unitID sql.NullInt64
	if k.Unit != "" {
		u, err := ensureUnit(ctx, tx, k.Unit, db.timestamp())
		if err != nil {
			return k, err
		}
		unitID = sql.NullInt64{Int64: u.ID, Valid: true}
		k.UnitID = u.ID
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO kiosks (name, unit_id, token_hash, created_at) VALUES (?, ?, ?, ?)",
		k.Name, unitID, hash, db.timestamp())
	if err != nil {
		return k, fmt.Errorf("insert kiosk: %w", err)
	}
	if k.ID, err = res.LastInsertId(); err != nil {
		return k, err
	}
	return k, tx.Commit()
}

// kioskTTL is how long a looked-up kiosk is remembered. Every submission
// authenticates its kiosk, so this saves a query per submission; a kiosk
// revoked by this process is forgotten at once, one revoked by another
// process (the command line) within the TTL.
const kioskTTL = 5 * time.Second

// kioskCache remembers kiosks by token hash.
type kioskCache struct {
	mu sync.Mutex
	m  map[string]cachedKiosk
}

type cachedKiosk struct {
	k       Kiosk
	expires time.Time
}

func (c *kioskCache) get(hash string, now time.Time) (Kiosk, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[hash]
	if !ok || now.After(e.expires) {
		return Kiosk{}, false
	}
	return e.k, true
}

func (c *kioskCache) put(hash string, k Kiosk, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= 4096 {
		c.m = map[string]cachedKiosk{}
	}
	c.m[hash] = cachedKiosk{k: k, expires: now.Add(kioskTTL)}
}

func (c *kioskCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m = nil
}

// KioskByToken returns the kiosk a pairing token belongs to, revoked or
// not; ErrNotFound if none does.
func (db *DB) KioskByToken(ctx context.Context, token string) (Kiosk, error) {
	hash := HashSecret(token)
	now := time.Now()
	if k, ok := db.kiosks.get(string(hash), now); ok {
		return k, nil
	}
	k, err := db.kioskByHash(ctx, hash)
	if err == nil {
		db.kiosks.put(string(hash), k, now)
	}
	return k, err
}

func (db *DB) kioskByHash(ctx context.Context, hash []byte) (Kiosk, error) {
	var k Kiosk
	row, err := db.readRow(ctx, `SELECT k.id, k.name, coalesce(u.name, ''), coalesce(k.unit_id, 0), k.revoked_at IS NOT NULL
		FROM kiosks k LEFT JOIN units u ON u.id = k.unit_id WHERE k.token_hash = ?`, hash)
	if err != nil {
		return k, err
	}
	err = row.Scan(&k.ID, &k.Name, &k.Unit, &k.UnitID, &k.Revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return k, fmt.Errorf("kiosk: %w", ErrNotFound)
	}
	return k, err
}

// Kiosks lists every kiosk.
func (db *DB) Kiosks(ctx context.Context) ([]Kiosk, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT k.id, k.name, coalesce(u.name, ''), coalesce(k.unit_id, 0), k.revoked_at IS NOT NULL
		FROM kiosks k LEFT JOIN units u ON u.id = k.unit_id ORDER BY k.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Kiosk
	for rows.Next() {
		var k Kiosk
		if err := rows.Scan(&k.ID, &k.Name, &k.Unit, &k.UnitID, &k.Revoked); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// RevokeKiosk stops a kiosk from submitting and forgets its state.
func (db *DB) RevokeKiosk(ctx context.Context, id int64) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "UPDATE kiosks SET revoked_at = ?, command = NULL WHERE id = ? AND revoked_at IS NULL", db.timestamp(), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("kiosk %d: %w", id, ErrNotFound)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM kiosk_state WHERE kiosk_id = ?", id); err != nil {
		return err
	}
	err = tx.Commit()
	db.kiosks.clear()
	return err
}
