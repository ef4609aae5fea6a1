// Package intake reads responses that arrive in bulk: earlier years' results
// imported from CSV, checked like the API checks a submission.
package intake

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"palaute/survey"
)

// importNamespace makes imported rows' ids: the same row of the same file
// gets the same id, so importing a file twice stores nothing twice.
var importNamespace = uuid.MustParse("8a1f8f7e-5b0c-4f6a-9d55-3c2b1e0a7d64")

// RowError names the row (counting the header as row 1) and the field of
// one problem in an import file.
type RowError struct {
	Row   int
	Field string
	Code  string
}

func (e RowError) Error() string { return fmt.Sprintf("row %d, %s: %s", e.Row, e.Field, e.Code) }

// ReadImport reads earlier responses from CSV with the header
// date,lang,card,channel,<item keys…>, checking every row like the API
// does. It returns every row's response, or every problem found.
func ReadImport(r io.Reader, in *survey.Instrument, reg *survey.Registry, today time.Time, cardExists func(string) bool) ([]survey.Response, []RowError) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, []RowError{{Row: 1, Field: "header", Code: "missing: the first line must be date,lang,card,channel,<item keys>"}}
	}
	for i := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(header[i], "\ufeff"))
	}
	var errs []RowError
	for i, want := range []string{"date", "lang", "card", "channel"} {
		if i >= len(header) || header[i] != want {
			errs = append(errs, RowError{Row: 1, Field: "header", Code: "must start with date,lang,card,channel"})
			return nil, errs
		}
	}
	for _, key := range header[4:] {
		if _, ok := in.Item(key); !ok {
			errs = append(errs, RowError{Row: 1, Field: key, Code: survey.CodeUnknownItem})
		}
	}
	if errs != nil {
		return nil, errs
	}
	var out []survey.Response
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, RowError{Row: row, Field: "line", Code: "not valid CSV: " + err.Error()})
			break
		}
		if len(rec) != len(header) {
			errs = append(errs, RowError{Row: row, Field: "line", Code: fmt.Sprintf("has %d fields, the header %d", len(rec), len(header))})
			continue
		}
		answers := map[string]any{}
		for i, key := range header[4:] {
			v := strings.TrimSpace(rec[4+i])
			if v == "" {
				continue
			}
			it, _ := in.Item(key)
			if it.Numeric() {
				n, err := strconv.Atoi(v)
				if err != nil {
					errs = append(errs, RowError{Row: row, Field: "answers." + key, Code: survey.CodeInvalidType})
					continue
				}
				answers[key] = n
			} else {
				answers[key] = v
			}
		}
		id := uuid.NewSHA1(importNamespace, []byte(in.Key+"\n"+strings.Join(rec, "\x1f"))).String()
		body, _ := json.Marshal(map[string]any{"id": id, "survey": in.Key, "date": rec[0], "lang": rec[1], "card": rec[2],
			"channel": rec[3], "answers": answers})
		sub, err := survey.Decode(body)
		if err != nil {
			errs = append(errs, RowError{Row: row, Field: "line", Code: err.Error()})
			continue
		}
		resp, fields := survey.Check(sub, survey.Rules{Registry: reg, Today: today, CardExists: cardExists})
		for _, f := range fields {
			errs = append(errs, RowError{Row: row, Field: f.Field, Code: f.Code})
		}
		if fields == nil {
			out = append(out, resp)
		}
	}
	if errs != nil {
		return nil, errs
	}
	return out, nil
}
