package store

import (
	"context"
	"fmt"

	"palaute/survey"
)

// DeletePaperResponse removes a keyed-in paper response, for an entry
// made by mistake. Responses from other channels cannot be deleted.
func (db *DB) DeletePaperResponse(ctx context.Context, id string) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("delete response: %w", err)
	}
	defer tx.Rollback()
	// The rollups lose what the response counted, in the same transaction.
	delta := rollupDelta{}
	if err := db.count.addStored(ctx, tx, delta, -1, qStoredPaper, id); err != nil {
		return fmt.Errorf("delete response: %w", err)
	}
	res, err := tx.exec(ctx, qReplacedPaper, id)
	if err != nil {
		return fmt.Errorf("delete response: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("paper response %s: %w", id, ErrNotFound)
	}
	if err := delta.apply(ctx, tx); err != nil {
		return fmt.Errorf("delete response: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("delete response: commit: %w", err)
	}
	return db.scrub(ctx)
}

// CorrectPaperResponse replaces a keyed-in paper response's card, day,
// language and answers, keeping its id. It goes through the writer like
// any submission; ErrNotFound when no paper response has the id.
func (db *DB) CorrectPaperResponse(ctx context.Context, r survey.Response) error {
	if _, err := db.Submit(ctx, r, Source{Replace: true}); err != nil {
		return err
	}
	return db.scrub(ctx)
}
