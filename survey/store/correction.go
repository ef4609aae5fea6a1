package store

import (
	"context"
	"fmt"

	"palaute/survey"
)

// DeletePaperResponse removes a keyed-in paper response, for an entry
// made by mistake. Responses from other channels cannot be deleted.
func (db *DB) DeletePaperResponse(ctx context.Context, id string) error {
	res, err := db.write.ExecContext(ctx, "DELETE FROM responses WHERE uuid = ? AND channel = 'paper'", id)
	if err != nil {
		return fmt.Errorf("delete response: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("paper response %s: %w", id, ErrNotFound)
	}
	return db.scrub(ctx)
}

// CorrectPaperResponse replaces a keyed-in paper response's card, day,
// language and answers, keeping its id.
func (db *DB) CorrectPaperResponse(ctx context.Context, r survey.Response) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var rowID int64
	if err := tx.QueryRowContext(ctx, "SELECT id FROM responses WHERE uuid = ? AND channel = 'paper'", r.ID).Scan(&rowID); err != nil {
		return fmt.Errorf("paper response %s: %w", r.ID, ErrNotFound)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM responses WHERE id = ?", rowID); err != nil {
		return err
	}
	results, err := db.saveMany(ctx, tx, []job{{r: r}})
	if err != nil {
		return err
	}
	if results[0].err != nil {
		return results[0].err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return db.scrub(ctx)
}
