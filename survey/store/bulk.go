package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"path/filepath"
	"runtime/debug"
	"strconv"

	"github.com/google/uuid"

	"palaute/survey"
)

// Bulk says how SubmitAll treats the responses it is given.
type Bulk struct {
	// NumberRepeats stores every response given under an id that came
	// earlier in the same call as a response of its own: the n-th one
	// (n ≥ 2) under an id derived from the first and n. An import gives
	// each row the id of its content, so identical rows in one file are
	// kept as the first, second, … occurrence of that content, and the
	// same file imported again finds every one of them stored. Responses
	// given under one id must be of one content, as an import's are.
	NumberRepeats bool
	// Source applies to every response.
	Source Source
}

// BulkResult counts the responses of a SubmitAll call: New were stored,
// Existing were there already and stored nothing twice.
type BulkResult struct{ New, Existing int }

// bulkChunk is how many responses SubmitAll hands the batch code at a
// time: enough for its multi-row INSERTs to run at their largest.
const bulkChunk = 512

type bulkJob struct {
	ctx  context.Context
	rs   iter.Seq2[survey.Response, error]
	opts Bulk
	done chan bulkOutcome // buffered
}

type bulkOutcome struct {
	res BulkResult
	err error
}

// SubmitAll stores a stream of responses through the writer, in one
// transaction of their own: all or nothing, in bounded memory however
// many they are. The writer pulls them from rs on its own goroutine, so rs
// must not itself write to the database. The first error rs yields is
// returned and nothing is stored; so it is when a response conflicts with
// a stored one or names an unknown card.
func (db *DB) SubmitAll(ctx context.Context, rs iter.Seq2[survey.Response, error], opts Bulk) (BulkResult, error) {
	b := &bulkJob{ctx: ctx, rs: rs, opts: opts, done: make(chan bulkOutcome, 1)}
	if !db.w.enqueue(ctx, job{bulk: b}) {
		return BulkResult{}, fmt.Errorf("%w: the database is closing", ErrUnavailable)
	}
	select {
	case out := <-b.done:
		return out.res, out.err
	case <-ctx.Done():
		return BulkResult{}, ctx.Err()
	}
}

// runBulk stores one SubmitAll call and answers it.
func (db *DB) runBulk(b *bulkJob) {
	res, err := db.saveBulk(b)
	if err != nil {
		res = BulkResult{}
	}
	b.done <- bulkOutcome{res: res, err: err}
}

func (db *DB) saveBulk(b *bulkJob) (BulkResult, error) {
	ctx := b.ctx
	var res BulkResult
	// First every response is read, checked by the caller and sorted, in
	// bounded memory: a stream that fails stores nothing, and nothing
	// is written while it is still being read.
	st := newSorter(filepath.Dir(db.path))
	defer st.close()
	var salt [16]byte
	rand.Read(salt[:])
	seq := 0
	for r, err := range b.rs {
		if err != nil {
			return res, err
		}
		seq++
		rec := bulkRecord{r: r, seq: seq}
		if rec.base, err = uuid.Parse(r.ID); err != nil {
			return res, fmt.Errorf("%w: response %d: id %q is not a UUID", ErrInvalid, seq, r.ID)
		}
		rec.row = saltedRowID(r.Day, salt, rec.base)
		binary.BigEndian.PutUint64(rec.key[0:8], uint64(rec.row))
		copy(rec.key[8:24], rec.base[:])
		binary.BigEndian.PutUint64(rec.key[24:32], uint64(seq))
		if err := st.add(&rec); err != nil {
			return res, err
		}
	}
	// What a large read took goes back to the system before the write's
	// page cache grows (bulkCache), so the two never add up.
	if st.spilled() {
		debug.FreeOSMemory()
	}
	// The sorted responses are decoded and numbered on one goroutine
	// while this one writes them.
	chunks := make(chan []job, 2)
	stop := make(chan struct{})
	var sortErr error
	go func() {
		defer close(chunks)
		sortErr = st.sorted(numbered(b.opts, func(chunk []job) bool {
			select {
			case chunks <- chunk:
				return true
			case <-stop:
				return false
			}
		}))
	}()
	defer func() {
		close(stop)
		for range chunks {
		}
	}()
	err := db.bulkWrite(ctx, func(tx *writeTx) error {
		for chunk := range chunks {
			results, err := db.saveMany(ctx, tx, chunk)
			if err != nil {
				return fmt.Errorf("%w: %v", ErrUnavailable, err)
			}
			for i, r := range results {
				switch {
				case r.err != nil:
					return fmt.Errorf("response %d (%s): %w", chunk[i].seq, chunk[i].r.ID, r.err)
				case r.created:
					res.New++
				default:
					res.Existing++
				}
			}
		}
		// Every chunk has been written: the sort ended, well or not.
		return sortErr
	})
	return res, err
}

// errStopped ends a sort whose chunks are no longer wanted.
var errStopped = errors.New("stopped")

// numbered turns sorted records into chunks of jobs for send, numbering
// repeated ids when opts say so; send reports whether to go on.
func numbered(opts Bulk, send func([]job) bool) func(*bulkRecord) error {
	chunk := make([]job, 0, bulkChunk)
	var prev uuid.UUID
	occurrence := 0
	return func(rec *bulkRecord) error {
		if rec == nil { // the end
			if len(chunk) > 0 && !send(chunk) {
				return errStopped
			}
			return nil
		}
		key := rec.row
		if opts.NumberRepeats {
			// Equal ids are next to each other in the sorted order.
			if occurrence > 0 && rec.base == prev {
				occurrence++
			} else {
				prev, occurrence = rec.base, 1
			}
			if occurrence > 1 {
				rec.r.ID = repeatID(rec.base, occurrence)
				key = key&^(1<<randomBits-1) | (key+int64(occurrence)-1)&(1<<randomBits-1)
			}
		}
		chunk = append(chunk, job{r: rec.r, src: opts.Source, key: key, seq: rec.seq})
		if len(chunk) < bulkChunk {
			return nil
		}
		if !send(chunk) {
			return errStopped
		}
		chunk = make([]job, 0, bulkChunk)
		return nil
	}
}

// saltedRowID is a response's row key made of its day and a hash of the
// call's salt and its id: random as newRowID's, so nothing of the order
// responses were given in is kept, but known before the row is written,
// so that rows can be written in the order of their keys.
func saltedRowID(day string, salt [16]byte, id uuid.UUID) int64 {
	h := sha256.Sum256(append(salt[:], id[:]...))
	random := int64(binary.BigEndian.Uint64(h[:8]) & (1<<randomBits - 1))
	return dayBits(day) | random
}

// bulkCache is the writer's page cache while it writes a SubmitAll call:
// the index of response ids takes new ids in no order, and a cache that
// holds much of it saves reading and writing its pages again and again.
const bulkCache = 24 << 20

// defaultCache is SQLite's default cache_size: 2,000 KiB.
const defaultCache = -2000

// bulkWrite runs fn in a transaction on a connection of its own with
// foreign-key checks off and a larger page cache (bulkCache). A bulk
// write inserts each response's answers right after the response, so the
// check, a lookup of the response for every answer, would only double
// the work. The checks are on again, and the cache back to its size,
// before the connection serves anyone else; or else it is closed.
func (db *DB) bulkWrite(ctx context.Context, fn func(*writeTx) error) error {
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	defer func() {
		var on int
		_, err := conn.ExecContext(context.Background(), "PRAGMA foreign_keys = ON")
		if err == nil {
			_, err = conn.ExecContext(context.Background(), "PRAGMA cache_size = "+strconv.Itoa(defaultCache))
		}
		if err == nil {
			err = conn.QueryRowContext(context.Background(), "PRAGMA foreign_keys").Scan(&on)
		}
		if err != nil || on != 1 {
			db.w.log.Error("foreign-key checks could not be turned on again; closing the connection", "err", err)
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = %d", -bulkCache>>10)); err != nil {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%w: begin: %v", ErrUnavailable, err)
	}
	tx := &writeTx{Tx: sqlTx, db: db, bound: map[string]*sql.Stmt{}}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%w: commit: %v", ErrUnavailable, err)
	}
	return nil
}

// repeatID is the id the n-th response given under id in one SubmitAll
// call with NumberRepeats is stored under.
func repeatID(id uuid.UUID, n int) string {
	return uuid.NewSHA1(id, []byte(strconv.Itoa(n))).String()
}

// All yields the responses of a slice, for SubmitAll.
func All(rs []survey.Response) iter.Seq2[survey.Response, error] {
	return func(yield func(survey.Response, error) bool) {
		for _, r := range rs {
			if !yield(r, nil) {
				return
			}
		}
	}
}
