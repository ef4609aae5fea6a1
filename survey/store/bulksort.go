package store

import (
	"bufio"
	"bytes"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/google/uuid"

	"palaute/survey"
)

// A bulk record is one response of a SubmitAll call on its way to the
// database: SubmitAll sorts them by where they go in the tables, so that
// neighbours in the trees are written one after another, which SQLite does
// with a fraction of the page visits of random order.
//
// Its sort key is 32 bytes, compared as bytes: the row key the response
// would get as the first of its content (its day above a hash of a
// per-call salt and its id), its id, and its place in the call.
const sortKeySize = 32

type bulkRecord struct {
	key  [sortKeySize]byte
	r    survey.Response
	seq  int       // place in the call, from 1
	base uuid.UUID // r.ID
	row  int64     // the row key of the first occurrence
}

// runBytes is how much encoded response data a sorter keeps in memory
// before it writes a sorted run to a file.
var runBytes = 16 << 20

// sorter sorts bulk records of any number in bounded memory: up to
// runBytes of them are kept and sorted in memory, then written to a run
// file next to the database; the runs are merged at the end. The files
// hold answers, so each is removed from its folder as soon as it is made
// and lives on only as the open file: nothing of it is left after the
// import, even one that crashes.
type sorter struct {
	where string // the folder to make run files in
	buf   []byte
	recs  []span // records in buf
	runs  []*os.File
}

// span is one encoded record in the buffer: its sort key first.
type span struct{ off, end int }

func newSorter(where string) *sorter { return &sorter{where: where} }

func (s *sorter) add(rec *bulkRecord) error {
	if s.buf == nil {
		s.buf = make([]byte, 0, runBytes+64<<10)
	}
	start := len(s.buf)
	s.buf = appendRecord(s.buf, rec)
	s.recs = append(s.recs, span{start, len(s.buf)})
	if len(s.buf) >= runBytes {
		return s.spill()
	}
	return nil
}

func (s *sorter) sortBuffer() {
	slices.SortFunc(s.recs, func(a, b span) int {
		return bytes.Compare(s.buf[a.off:a.off+sortKeySize], s.buf[b.off:b.off+sortKeySize])
	})
}

// spill writes the buffer, sorted, as a run file.
func (s *sorter) spill() error {
	s.sortBuffer()
	f, err := os.CreateTemp(s.where, ".palaute-import-")
	if err != nil {
		return fmt.Errorf("sort responses: %w", err)
	}
	s.runs = append(s.runs, f)
	if err := os.Remove(f.Name()); err != nil {
		return fmt.Errorf("sort responses: %w", err)
	}
	w := bufio.NewWriterSize(f, 256<<10)
	var n [binary.MaxVarintLen64]byte
	for _, sp := range s.recs {
		w.Write(n[:binary.PutUvarint(n[:], uint64(sp.end-sp.off))])
		w.Write(s.buf[sp.off:sp.end])
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("sort responses: %w", err)
	}
	s.buf, s.recs = s.buf[:0], s.recs[:0]
	return nil
}

// close closes the run files, which frees them.
func (s *sorter) close() {
	for _, f := range s.runs {
		f.Close()
	}
}

// spilled reports whether the records did not fit in memory.
func (s *sorter) spilled() bool { return len(s.runs) > 0 }

// sorted calls fn with every record, in order of their sort keys, and
// then with nil.
func (s *sorter) sorted(fn func(*bulkRecord) error) error {
	if err := s.each(fn); err != nil {
		return err
	}
	return fn(nil)
}

func (s *sorter) each(fn func(*bulkRecord) error) error {
	if len(s.runs) == 0 {
		s.sortBuffer()
		for _, sp := range s.recs {
			rec, err := decodeRecord(s.buf[sp.off:sp.end])
			if err != nil {
				return err
			}
			if err := fn(rec); err != nil {
				return err
			}
		}
		return nil
	}
	if len(s.recs) > 0 {
		if err := s.spill(); err != nil {
			return err
		}
	}
	s.buf = nil
	m := &merge{}
	for _, f := range s.runs {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return fmt.Errorf("sort responses: %w", err)
		}
		r := &run{r: bufio.NewReaderSize(f, 64<<10)}
		if err := r.next(); err != nil {
			return err
		}
		if r.cur != nil {
			m.runs = append(m.runs, r)
		}
	}
	heap.Init(m)
	for m.Len() > 0 {
		r := m.runs[0]
		rec, err := decodeRecord(r.cur)
		if err != nil {
			return err
		}
		if err := fn(rec); err != nil {
			return err
		}
		if err := r.next(); err != nil {
			return err
		}
		if r.cur == nil {
			heap.Pop(m)
		} else {
			heap.Fix(m, 0)
		}
	}
	return nil
}

// run reads one run file a record at a time.
type run struct {
	r   *bufio.Reader
	cur []byte // the current record; nil at the end
}

func (r *run) next() error {
	n, err := binary.ReadUvarint(r.r)
	if err == io.EOF {
		r.cur = nil
		return nil
	}
	if err != nil {
		return fmt.Errorf("sort responses: %w", err)
	}
	if uint64(cap(r.cur)) < n {
		r.cur = make([]byte, n)
	}
	r.cur = r.cur[:n]
	if _, err := io.ReadFull(r.r, r.cur); err != nil {
		return fmt.Errorf("sort responses: %w", err)
	}
	return nil
}

// merge is a heap of runs by their current record's sort key.
type merge struct{ runs []*run }

func (m *merge) Len() int { return len(m.runs) }
func (m *merge) Less(i, j int) bool {
	return bytes.Compare(m.runs[i].cur[:sortKeySize], m.runs[j].cur[:sortKeySize]) < 0
}
func (m *merge) Swap(i, j int) { m.runs[i], m.runs[j] = m.runs[j], m.runs[i] }
func (m *merge) Push(x any)    { m.runs = append(m.runs, x.(*run)) }
func (m *merge) Pop() any {
	x := m.runs[len(m.runs)-1]
	m.runs = m.runs[:len(m.runs)-1]
	return x
}

// appendRecord encodes a record: its sort key, then the response.
func appendRecord(b []byte, rec *bulkRecord) []byte {
	b = append(b, rec.key[:]...)
	r := &rec.r
	b = appendBytes(b, r.Hash)
	for _, s := range []string{r.Survey, r.Lang, r.Channel, r.Card, r.Day} {
		b = appendBytes(b, []byte(s))
	}
	b = binary.AppendUvarint(b, uint64(r.Version))
	b = binary.AppendUvarint(b, uint64(len(r.Answers)))
	for _, a := range r.Answers {
		for _, s := range []string{a.Item, a.Type, a.Choice, a.Text} {
			b = appendBytes(b, []byte(s))
		}
		b = binary.AppendVarint(b, a.Num)
	}
	return b
}

func appendBytes(b, s []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decodeRecord reads what appendRecord wrote.
func decodeRecord(b []byte) (*bulkRecord, error) {
	if len(b) < sortKeySize {
		return nil, errCorruptRun
	}
	rec := &bulkRecord{}
	copy(rec.key[:], b)
	rec.row = int64(binary.BigEndian.Uint64(b[0:8]))
	copy(rec.base[:], b[8:24])
	rec.seq = int(binary.BigEndian.Uint64(b[24:32]))
	d := decoder{b: b[sortKeySize:]}
	r := &rec.r
	r.ID = rec.base.String()
	r.Hash = slices.Clone(d.bytes())
	for _, s := range []*string{&r.Survey, &r.Lang, &r.Channel, &r.Card, &r.Day} {
		*s = d.str()
	}
	r.Version = int(d.uvarint())
	n := d.uvarint()
	if n > 1<<16 {
		return nil, errCorruptRun
	}
	r.Answers = make([]survey.Answer, n)
	for i := range r.Answers {
		a := &r.Answers[i]
		for _, s := range []*string{&a.Item, &a.Type, &a.Choice, &a.Text} {
			*s = d.str()
		}
		a.Num = d.varint()
	}
	if d.bad {
		return nil, errCorruptRun
	}
	return rec, nil
}

var errCorruptRun = errors.New("sort responses: a run file is corrupt")

type decoder struct {
	b   []byte
	bad bool
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if d.bad || n > uint64(len(d.b)) {
		d.bad = true
		return nil
	}
	s := d.b[:n]
	d.b = d.b[n:]
	return s
}

func (d *decoder) str() string { return string(d.bytes()) }
