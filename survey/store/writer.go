package store

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"palaute/survey"
)

// writer is the single writer with group commit, and the only way a
// response is stored. Submissions queue on a channel; the writer takes
// every one that is waiting and stores them in one transaction, answering
// each only after the commit, which with synchronous=FULL is durable.
// While one batch commits the next one gathers, so under load one fsync
// serves many submissions and a lone submission waits for nobody.
//
// There are no savepoints: what concerns one submission alone (a resend,
// a conflict, a used token, an unknown card) is decided for it before
// anything is written, and it is simply left out of the batch's INSERTs.
// Any failure of the database itself fails the whole batch, and nothing of
// it is stored. A bulk submission (SubmitAll) runs alone in its own
// transaction, in the same queue.
type writer struct {
	db       *DB
	jobs     chan job
	maxBatch int
	onCommit func(int, time.Duration, error)

	mu      sync.RWMutex // guards closed against sends on a closed channel
	closed  bool
	stopped chan struct{}

	log       *slog.Logger
	lastCheck time.Time
}

type job struct {
	r    survey.Response
	src  Source
	key  int64       // the row key chosen for it; 0 for a new random one
	seq  int         // its place in a SubmitAll call
	bulk *bulkJob    // set for SubmitAll; r and src are then unused
	res  chan result // buffered: the writer never blocks on a gone caller
}

type result struct {
	created bool
	err     error
}

func startWriter(db *DB, opts Options) *writer {
	w := &writer{db: db, jobs: make(chan job, 1024), maxBatch: opts.MaxBatch, onCommit: opts.OnCommit, stopped: make(chan struct{}), log: opts.Logger}
	if w.log == nil {
		w.log = slog.Default()
	}
	if w.maxBatch <= 0 {
		w.maxBatch = 256
	}
	go w.loop()
	return w
}

// Submit stores a checked response through the group-committing writer
// and reports whether it was new. It returns once the response's batch
// is durable: ErrConflict, ErrTokenUsed and ErrNotFound concern this
// response alone; ErrUnavailable means its batch could not be committed
// and nothing of it was stored.
func (db *DB) Submit(ctx context.Context, r survey.Response, src Source) (bool, error) {
	j := job{r: r, src: src, res: make(chan result, 1)}
	if !db.w.enqueue(ctx, j) {
		return false, fmt.Errorf("%w: the database is closing", ErrUnavailable)
	}
	select {
	case res := <-j.res:
		return res.created, res.err
	case <-ctx.Done():
		return false, ctx.Err()
	}
}

func (w *writer) enqueue(ctx context.Context, j job) bool {
	w.mu.RLock()
	defer w.mu.RUnlock()
	if w.closed {
		return false
	}
	select {
	case w.jobs <- j:
		return true
	case <-ctx.Done():
		return false
	}
}

// stop refuses new submissions, waits for the queued ones to be committed
// and ends the writer.
func (w *writer) stop() {
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.jobs)
	}
	w.mu.Unlock()
	<-w.stopped
}

func (w *writer) loop() {
	defer close(w.stopped)
	for first := range w.jobs {
		for next := &first; next != nil; {
			j := *next
			next = nil
			if j.bulk != nil {
				w.db.runBulk(j.bulk)
				w.maybeCheckpoint()
				continue
			}
			batch := []job{j}
		gather:
			for len(batch) < w.maxBatch {
				select {
				case j, ok := <-w.jobs:
					if !ok {
						break gather
					}
					if j.bulk != nil {
						// A bulk submission runs alone, after this batch.
						next = &j
						break gather
					}
					batch = append(batch, j)
				default:
					break gather
				}
			}
			w.commit(batch)
			w.maybeCheckpoint()
		}
	}
}

// commit stores one batch and answers every job in it.
func (w *writer) commit(batch []job) {
	start := time.Now()
	results, err := w.db.saveBatch(batch)
	if w.onCommit != nil {
		w.onCommit(len(batch), time.Since(start), err)
	}
	for i, j := range batch {
		if err != nil {
			j.res <- result{err: err}
			continue
		}
		j.res <- results[i]
	}
}

// saveBatch runs one transaction for the batch. A submission's own
// problem (conflict, used token, unknown card) is its result alone; any
// database failure fails the whole batch with ErrUnavailable, and nothing
// of it is stored.
func (db *DB) saveBatch(batch []job) ([]result, error) {
	ctx := context.Background() // a client that goes away must not spoil the batch
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w: begin: %v", ErrUnavailable, err)
	}
	defer tx.Rollback()
	results, err := db.saveMany(ctx, tx, batch)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("%w: commit: %v", ErrUnavailable, err)
	}
	return results, nil
}

// WALCheckpointBytes is the size past which the writer checkpoints the
// write-ahead log and truncates it. SQLite's own automatic checkpoint
// copies pages back but cannot restart the log while any reader still
// uses an old snapshot, so with report queries running back to back the
// log would grow without end.
const WALCheckpointBytes = 16 << 20

// maybeCheckpoint looks at the log's size at most every 100 ms and, when
// it is past WALCheckpointBytes, runs a TRUNCATE checkpoint: it waits
// (busy_timeout) for the readers of old snapshots to finish their query,
// copies the log into the database and empties it. New readers start on
// the newest snapshot, so the wait is one query long.
func (w *writer) maybeCheckpoint() {
	if time.Since(w.lastCheck) < 100*time.Millisecond {
		return
	}
	w.lastCheck = time.Now()
	fi, err := os.Stat(w.db.path + "-wal")
	if err != nil || fi.Size() < WALCheckpointBytes {
		return
	}
	var busy, logPages, checkpointed int
	err = w.db.write.QueryRow("PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logPages, &checkpointed)
	switch {
	case err != nil:
		w.log.Error("write-ahead log checkpoint failed", "wal_bytes", fi.Size(), "err", err)
	case busy != 0:
		w.log.Warn("write-ahead log checkpoint could not finish: readers kept old snapshots; retrying", "wal_bytes", fi.Size())
	}
}
