package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"palaute/survey"
)

// publishMu makes publishing one version at a time, so that two editors
// publishing at once get consecutive versions.
var publishMu sync.Mutex

// Instruments returns every instrument version the database counts
// responses by: the ones it was opened with and the ones published in it.
func (db *DB) Instruments() *survey.Registry { return db.reg }

// loadPublished adds the versions published in this database to the
// registry. They were checked when published, and are read as they were
// stored: a later release checking more strictly must not stop the
// responses given in them from being counted.
func (db *DB) loadPublished(ctx context.Context) error {
	rows, err := db.read.QueryContext(ctx, "SELECT survey, version, definition FROM instruments ORDER BY survey, version")
	if err != nil {
		return fmt.Errorf("read published instruments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key, def string
		var version int
		if err := rows.Scan(&key, &version, &def); err != nil {
			return err
		}
		var in survey.Instrument
		if err := json.Unmarshal([]byte(def), &in); err != nil || in.Key != key || in.Version != version {
			return fmt.Errorf("published instrument %s version %d cannot be read: %v", key, version, err)
		}
		db.reg.Set(&in)
	}
	return rows.Err()
}

// Publish stores in as the next version of its instrument, for every
// response from now on, and records who published it. It returns the
// published version; survey.Problems when the definition is not valid as
// the next version. in itself is not changed.
func (db *DB) Publish(ctx context.Context, in *survey.Instrument, by string) (*survey.Instrument, error) {
	publishMu.Lock()
	defer publishMu.Unlock()
	next := *in
	next.Version = 1
	versions := db.reg.Versions(in.Key)
	if len(versions) > 0 {
		next.Version = versions[len(versions)-1].Version + 1
	}
	if err := next.ValidateNext(versions); err != nil {
		return nil, err
	}
	def, err := json.Marshal(&next)
	if err != nil {
		return nil, err
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	now := db.timestamp()
	if _, err := tx.ExecContext(ctx, "INSERT INTO instruments (survey, version, definition, published_at, published_by) VALUES (?, ?, ?, ?, ?)",
		next.Key, next.Version, string(def), now, Clip(by, MaxAuditActor)); err != nil {
		return nil, fmt.Errorf("publish %s version %d: %w", next.Key, next.Version, err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM instrument_drafts WHERE survey = ?", next.Key); err != nil {
		return nil, err
	}
	if err := db.audit(ctx, tx, by, "survey.publish", fmt.Sprintf("%s version %d", next.Key, next.Version)); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	db.reg.Set(&next)
	return &next, nil
}

// Published says who published a version in this database and when; ok
// is false for a version that came with the program or its files.
func (db *DB) Published(ctx context.Context, key string, version int) (at, by string, ok bool, err error) {
	err = db.read.QueryRowContext(ctx, "SELECT published_at, published_by FROM instruments WHERE survey = ? AND version = ?", key, version).Scan(&at, &by)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", false, nil
	}
	return at, by, err == nil, err
}

// Draft is the next version of a survey as an editor left it.
type Draft struct {
	Definition []byte
	UpdatedAt  string
	UpdatedBy  string
}

// Draft returns a survey's draft, or ErrNotFound.
func (db *DB) Draft(ctx context.Context, key string) (Draft, error) {
	var d Draft
	var def string
	err := db.read.QueryRowContext(ctx, "SELECT definition, updated_at, updated_by FROM instrument_drafts WHERE survey = ?", key).Scan(&def, &d.UpdatedAt, &d.UpdatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return Draft{}, fmt.Errorf("draft of %s: %w", key, ErrNotFound)
	}
	d.Definition = []byte(def)
	return d, err
}

// SaveDraft keeps a survey's draft, in place of the one before.
func (db *DB) SaveDraft(ctx context.Context, key string, definition []byte, by string) error {
	_, err := db.write.ExecContext(ctx, `INSERT INTO instrument_drafts (survey, definition, updated_at, updated_by) VALUES (?, ?, ?, ?)
		ON CONFLICT (survey) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		key, string(definition), db.timestamp(), Clip(by, MaxAuditActor))
	if err != nil {
		return fmt.Errorf("save draft of %s: %w", key, err)
	}
	return nil
}

// DeleteDraft drops a survey's draft.
func (db *DB) DeleteDraft(ctx context.Context, key string) error {
	_, err := db.write.ExecContext(ctx, "DELETE FROM instrument_drafts WHERE survey = ?", key)
	return err
}

// UnitSurveys returns the instruments a unit's kiosks offer, by key; none
// means the default.
func (db *DB) UnitSurveys(ctx context.Context, unitID int64) ([]string, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT survey FROM unit_surveys WHERE unit_id = ? ORDER BY survey", unitID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// SetUnitSurveys chooses the instruments a unit's kiosks offer; an empty
// list returns the unit to the default. Every key must be an instrument.
func (db *DB) SetUnitSurveys(ctx context.Context, unitID int64, keys []string) error {
	for _, k := range keys {
		if db.reg.Current(k) == nil {
			return fmt.Errorf("%w: no survey %q", ErrInvalid, k)
		}
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM units WHERE id = ?", unitID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("unit %d: %w", unitID, ErrNotFound)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM unit_surveys WHERE unit_id = ?", unitID); err != nil {
		return err
	}
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO unit_surveys (unit_id, survey) VALUES (?, ?)", unitID, k); err != nil {
			return err
		}
	}
	return tx.Commit()
}
