package store

import (
	"context"
	"fmt"
)

// Retention says how long personal data is kept, in months; 0 keeps it.
type Retention struct {
	TextMonths    int // free-text answers, by the day of their response
	ContactMonths int // panel contacts, by the month they came in
}

// ApplyRetention deletes free text and contacts older than their
// retention. With secure_delete the deleted text is overwritten, and the
// write-ahead log is checkpointed and emptied so no old copy stays there.
func (db *DB) ApplyRetention(ctx context.Context, r Retention) (texts, contacts int64, err error) {
	now := db.now()
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback()
	if r.TextMonths > 0 {
		cutoff := now.AddDate(0, -r.TextMonths, 0).Format("2006-01-02")
		res, err := tx.ExecContext(ctx, `DELETE FROM texts WHERE response_id IN (SELECT id FROM responses WHERE day < ?)`, cutoff)
		if err != nil {
			return 0, 0, fmt.Errorf("delete old free text: %w", err)
		}
		texts, _ = res.RowsAffected()
	}
	if r.ContactMonths > 0 {
		cutoff := now.AddDate(0, -r.ContactMonths, 0).Format("2006-01")
		res, err := tx.ExecContext(ctx, `DELETE FROM panel_contacts WHERE month < ?`, cutoff)
		if err != nil {
			return 0, 0, fmt.Errorf("delete old contacts: %w", err)
		}
		contacts, _ = res.RowsAffected()
	}
	if err := tx.Commit(); err != nil {
		return 0, 0, err
	}
	if texts+contacts > 0 {
		if err := db.scrub(ctx); err != nil {
			return texts, contacts, err
		}
	}
	return texts, contacts, nil
}
