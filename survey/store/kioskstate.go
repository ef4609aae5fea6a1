package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"palaute/kiosk"
)

// KioskHeartbeat is what a kiosk reports about itself. It never carries
// answers.
type KioskHeartbeat struct {
	Seen     time.Time // when the server heard it
	Version  string    // the kiosk app's version
	Outbox   int       // answers waiting on the tablet
	LastSent time.Time // the tablet's last successful send; zero if unknown
	Online   bool      // whether the tablet could send answers
	Error    string    // a new error since the last heartbeat, or ""
}

// KioskState is a kiosk's latest heartbeat as kept: times to the minute,
// and the last error with the time it was reported.
type KioskState struct {
	Seen, LastSent, ErrorAt time.Time
	Version                 string
	Outbox                  int
	Online                  bool
	Error                   string
}

// FleetKiosk is a kiosk as the fleet view shows it.
type FleetKiosk struct {
	Kiosk
	Hours   kiosk.Hours   // its unit's opening hours; the default without a unit
	Command kiosk.Command // waiting for its next heartbeat, or ""
	State   *KioskState   // nil until it is first heard from
}

// minute is how precisely kiosk times are kept.
func minute(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: t.UTC().Truncate(time.Minute).Format(time.RFC3339), Valid: true}
}

func parseMinute(s sql.NullString) time.Time {
	if !s.Valid {
		return time.Time{}
	}
	t, _ := time.Parse(time.RFC3339, s.String)
	return t
}

// RecordHeartbeat keeps a kiosk's latest state in place of the one
// before, and returns the command waiting for it. A reload is handed
// over once; an unpair stays until the kiosk confirms it. A revoked or
// unknown kiosk is ErrNotFound.
func (db *DB) RecordHeartbeat(ctx context.Context, kioskID int64, hb KioskHeartbeat) (kiosk.Command, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	var cmd string
	err = tx.QueryRowContext(ctx, "SELECT coalesce(command, '') FROM kiosks WHERE id = ? AND revoked_at IS NULL", kioskID).Scan(&cmd)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("kiosk %d: %w", kioskID, ErrNotFound)
	}
	if err != nil {
		return "", err
	}
	var errorAt sql.NullString
	if hb.Error != "" {
		errorAt = minute(hb.Seen)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO kiosk_state (kiosk_id, seen_at, version, outbox, last_sent, online, error, error_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (kiosk_id) DO UPDATE SET seen_at = excluded.seen_at, version = excluded.version, outbox = excluded.outbox,
			last_sent = coalesce(excluded.last_sent, kiosk_state.last_sent), online = excluded.online,
			error = CASE WHEN excluded.error <> '' THEN excluded.error ELSE kiosk_state.error END,
			error_at = CASE WHEN excluded.error <> '' THEN excluded.error_at ELSE kiosk_state.error_at END`,
		kioskID, minute(hb.Seen), hb.Version, hb.Outbox, minute(hb.LastSent), hb.Online, hb.Error, errorAt); err != nil {
		return "", fmt.Errorf("record heartbeat: %w", err)
	}
	if kiosk.Command(cmd) == kiosk.Reload {
		if _, err := tx.ExecContext(ctx, "UPDATE kiosks SET command = NULL WHERE id = ?", kioskID); err != nil {
			return "", err
		}
	}
	return kiosk.Command(cmd), tx.Commit()
}

// SetKioskCommand leaves a command for a kiosk's next heartbeat, in place
// of any before it.
func (db *DB) SetKioskCommand(ctx context.Context, id int64, cmd kiosk.Command) error {
	if cmd != kiosk.Reload && cmd != kiosk.Unpair {
		return fmt.Errorf("%w: unknown kiosk command %q", ErrInvalid, cmd)
	}
	res, err := db.write.ExecContext(ctx, "UPDATE kiosks SET command = ? WHERE id = ? AND revoked_at IS NULL", string(cmd), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("kiosk %d: %w", id, ErrNotFound)
	}
	return nil
}

// UnpairKiosk ends the pairing of a kiosk that was asked to unpair: its
// token stops working and its state is forgotten. Without the request it
// is ErrConflict.
func (db *DB) UnpairKiosk(ctx context.Context, id int64) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "UPDATE kiosks SET revoked_at = ?, command = NULL WHERE id = ? AND revoked_at IS NULL AND command = ?",
		db.timestamp(), id, string(kiosk.Unpair))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("kiosk %d was not asked to unpair: %w", id, ErrConflict)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM kiosk_state WHERE kiosk_id = ?", id); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	db.kiosks.clear()
	return nil
}

// KioskFleet lists every kiosk with its unit's opening hours, its waiting
// command and its latest state.
func (db *DB) KioskFleet(ctx context.Context) ([]FleetKiosk, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT k.id, k.name, coalesce(u.name, ''), coalesce(k.unit_id, 0), k.revoked_at IS NOT NULL,
			coalesce(u.opens, ''), coalesce(u.closes, ''), coalesce(u.days, ''), coalesce(k.command, ''),
			s.seen_at, coalesce(s.version, ''), coalesce(s.outbox, 0), s.last_sent, coalesce(s.online, 0), coalesce(s.error, ''), s.error_at
		FROM kiosks k LEFT JOIN units u ON u.id = k.unit_id LEFT JOIN kiosk_state s ON s.kiosk_id = k.id ORDER BY k.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FleetKiosk
	for rows.Next() {
		var f FleetKiosk
		var opens, closes, days, cmd string
		var seen, lastSent, errorAt sql.NullString
		var st KioskState
		if err := rows.Scan(&f.ID, &f.Name, &f.Unit, &f.UnitID, &f.Revoked, &opens, &closes, &days, &cmd,
			&seen, &st.Version, &st.Outbox, &lastSent, &st.Online, &st.Error, &errorAt); err != nil {
			return nil, err
		}
		f.Hours = kiosk.DefaultHours()
		if f.UnitID != 0 {
			if f.Hours, err = kiosk.ParseHours(opens, closes, days); err != nil {
				return nil, fmt.Errorf("unit %d: %w", f.UnitID, err)
			}
		}
		f.Command = kiosk.Command(cmd)
		if seen.Valid {
			st.Seen, st.LastSent, st.ErrorAt = parseMinute(seen), parseMinute(lastSent), parseMinute(errorAt)
			f.State = &st
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
