package store

import (
	"context"
	"fmt"
)

// scrub empties the write-ahead log after a deletion. With secure_delete
// the database file keeps no copy of what was deleted, but the log still
// holds the pages as they were until a checkpoint truncates it.
func (db *DB) scrub(ctx context.Context) error {
	if _, err := db.write.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return fmt.Errorf("checkpoint after deleting: %w", err)
	}
	return nil
}
