// Package intake reads responses that arrive in bulk: earlier years' results
// imported from CSV, checked like the API checks a submission.
package intake

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"palaute/survey"
)

// importNamespace makes imported rows' ids: the same row of the same file
// gets the same id, so importing a file twice stores nothing twice.
var importNamespace = uuid.MustParse("8a1f8f7e-5b0c-4f6a-9d55-3c2b1e0a7d64")

// Columns are the columns every import file starts with, in this order;
// the instrument's item keys follow.
var Columns = []string{"date", "lang", "card", "channel"}

// MaxErrors is how many problems an Import keeps to show; it counts them
// all.
const MaxErrors = 50

// ErrProblems means the file has problems (Import.Errors): nothing of it
// may be stored.
var ErrProblems = errors.New("the file has problems")

// RowError names the row (counting the header as row 1) and the field of
// one problem in an import file, with its code (a survey.FieldError code,
// or one of the file's own) and, for the file's own, what is wrong.
type RowError struct {
	Row    int
	Field  string
	Code   string
	Detail string
}

func (e RowError) Error() string {
	s := fmt.Sprintf("row %d, %s: %s", e.Row, e.Field, e.Code)
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s
}

// Codes of problems only a file can have.
const (
	CodeBadHeader = "bad_header"
	CodeBadLine   = "bad_line"
)

// Import is one import file being read. Its rows are read one at a time,
// so a file of any size takes little memory.
type Import struct {
	// Rows is how many data rows have been read.
	Rows int
	// Errors are the first MaxErrors problems; Problems counts them all.
	Errors   []RowError
	Problems int

	cr    *csv.Reader
	in    *survey.Instrument
	rules survey.Rules
	items []survey.Item // the item of each column after Columns
}

// Read starts reading an import file of the instrument: CSV with the
// header date,lang,card,channel,<item keys…>. Every row is checked with
// rules like a submission to the API; rules.Channel is normally empty, so
// each row names its own.
func Read(r io.Reader, in *survey.Instrument, rules survey.Rules) *Import {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	return &Import{cr: cr, in: in, rules: rules}
}

// problem notes one problem.
func (im *Import) problem(e RowError) {
	im.Problems++
	if len(im.Errors) < MaxErrors {
		im.Errors = append(im.Errors, e)
	}
}

// batchRows is how many rows a checker takes at a time.
const batchRows = 256

// batch is a run of rows on their way through the checkers.
type batch struct {
	first    int        // the row number of recs[0]
	recs     [][]string // as read
	out      []survey.Response
	problems []RowError
	done     chan struct{} // closed when checked
}

// Responses yields the rows' responses in the file's order until it finds
// a problem; from then on it checks the rest of the file, yielding
// nothing, and ends with ErrProblems. The file is to be stored all or
// nothing: a caller keeps nothing it was given before an error. A row's id
// comes from its content: identical rows share it, and the store numbers
// their repeats (store.Bulk.NumberRepeats).
//
// Rows are checked on every processor at once, a few hundred at a time;
// they are yielded in the file's order. The rules' Cards must be safe for
// concurrent use.
func (im *Import) Responses() iter.Seq2[survey.Response, error] {
	return func(yield func(survey.Response, error) bool) {
		if !im.header() {
			yield(survey.Response{}, ErrProblems)
			return
		}
		stop := make(chan struct{})
		defer close(stop)
		ordered := make(chan *batch, 2*runtime.GOMAXPROCS(0))
		work := make(chan *batch, 2*runtime.GOMAXPROCS(0))
		go im.read(ordered, work, stop)
		for range runtime.GOMAXPROCS(0) {
			go func() {
				for b := range work {
					im.check(b)
				}
			}()
		}
		for b := range ordered {
			<-b.done
			im.Rows += len(b.recs)
			for _, p := range b.problems {
				im.problem(p)
			}
			if im.Problems > 0 {
				continue
			}
			for _, r := range b.out {
				if !yield(r, nil) {
					return
				}
			}
		}
		if im.Problems > 0 {
			yield(survey.Response{}, ErrProblems)
		}
	}
}

// read reads the rows in batches and hands each to the checkers and, in
// order, to Responses; a line that is not CSV ends the file.
func (im *Import) read(ordered, work chan<- *batch, stop <-chan struct{}) {
	defer close(ordered)
	defer close(work)
	row := 2
	for {
		b := &batch{first: row, done: make(chan struct{})}
		var err error
		for len(b.recs) < batchRows {
			var rec []string
			if rec, err = im.cr.Read(); err != nil {
				break
			}
			b.recs = append(b.recs, slices.Clone(rec))
		}
		row += len(b.recs)
		if err != nil && err != io.EOF {
			b.problems = append(b.problems, RowError{Row: row, Field: "line", Code: CodeBadLine, Detail: "not valid CSV: " + err.Error()})
		}
		select {
		case ordered <- b:
		case <-stop:
			return
		}
		select {
		case work <- b:
		case <-stop:
			return
		}
		if err != nil {
			return
		}
	}
}

// check checks a batch's rows.
func (im *Import) check(b *batch) {
	defer close(b.done)
	var problems []RowError
	for i, rec := range b.recs {
		r, errs := im.row(b.first+i, rec)
		if errs != nil {
			problems = append(problems, errs...)
		} else {
			b.out = append(b.out, r)
		}
	}
	// A line that is not CSV was found after the rows before it.
	b.problems = append(problems, b.problems...)
}

// header reads and checks the first line.
func (im *Import) header() bool {
	rec, err := im.cr.Read()
	if err != nil {
		im.problem(RowError{Row: 1, Field: "header", Code: CodeBadHeader, Detail: "the first line must be " + strings.Join(Columns, ",") + ",<item keys>"})
		return false
	}
	header := slices.Clone(rec)
	for i := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(header[i], "\ufeff"))
	}
	if len(header) < len(Columns) || !slices.Equal(header[:len(Columns)], Columns) {
		im.problem(RowError{Row: 1, Field: "header", Code: CodeBadHeader, Detail: "must start with " + strings.Join(Columns, ",")})
		return false
	}
	seen := map[string]bool{}
	for i, key := range header {
		if seen[key] {
			im.problem(RowError{Row: 1, Field: key, Code: survey.CodeDuplicateKey, Detail: "the column " + key + " is there twice"})
			continue
		}
		seen[key] = true
		if i < len(Columns) {
			continue
		}
		it, ok := im.in.Item(key)
		if !ok {
			im.problem(RowError{Row: 1, Field: key, Code: survey.CodeUnknownItem})
		}
		im.items = append(im.items, it)
	}
	return im.Problems == 0
}

// row checks one data row and returns its response, or its problems.
func (im *Import) row(row int, rec []string) (survey.Response, []RowError) {
	want := len(Columns) + len(im.items)
	if len(rec) != want {
		return survey.Response{}, []RowError{{Row: row, Field: "line", Code: CodeBadLine, Detail: fmt.Sprintf("has %d fields, the header %d", len(rec), want)}}
	}
	var problems []RowError
	answers := []byte{'{'}
	for i, it := range im.items {
		v := strings.TrimSpace(rec[len(Columns)+i])
		if v == "" {
			continue
		}
		if len(answers) > 1 {
			answers = append(answers, ',')
		}
		answers = appendJSONString(answers, it.Key)
		answers = append(answers, ':')
		if !it.Numeric() {
			answers = appendJSONString(answers, v)
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			problems = append(problems, RowError{Row: row, Field: "answers." + it.Key, Code: survey.CodeInvalidType})
			answers = append(answers, "null"...)
			continue
		}
		answers = strconv.AppendInt(answers, n, 10)
	}
	answers = append(answers, '}')
	id := uuid.NewSHA1(importNamespace, []byte(im.in.Key+"\n"+strings.Join(rec, "\x1f")))
	date := rec[0]
	if day, ok := survey.ParseDay(date); ok {
		date = day
	}
	sub := survey.Submission{
		ID: quoted(id.String()), Survey: quoted(im.in.Key), Date: quoted(date), Lang: quoted(rec[1]),
		Card: quoted(rec[2]), Channel: quoted(rec[3]), Answers: answers,
	}
	r, fields := survey.Check(sub, im.rules)
	for _, f := range fields {
		if f.Code == survey.CodeEmpty && problems != nil {
			continue // the row's answers were refused, not missing
		}
		problems = append(problems, RowError{Row: row, Field: f.Field, Code: f.Code})
	}
	return r, problems
}

func quoted(s string) json.RawMessage { return appendJSONString(nil, s) }

// appendJSONString appends s as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	if isPlain(s) {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	q, _ := json.Marshal(s)
	return append(b, q...)
}

// isPlain reports whether s needs no escaping in JSON.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
			return false
		}
	}
	return true
}
