package intake

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"palaute/survey"
)

func rules(t *testing.T) survey.Rules {
	reg, err := survey.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return survey.Rules{Registry: reg, Today: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC),
		Cards: func(c string) survey.CardState {
			switch c {
			case "BLUE":
				return survey.CardInUse
			case "OLD":
				return survey.CardRetired
			}
			return survey.CardUnknown
		}}
}

// read imports a file of the satisfaction survey and returns what it
// yields and its end.
func read(t *testing.T, file string) ([]survey.Response, *Import, error) {
	t.Helper()
	r := rules(t)
	im := Read(strings.NewReader(file), r.Registry.Current("satisfaction"), r)
	var out []survey.Response
	for resp, err := range im.Responses() {
		if err != nil {
			return out, im, err
		}
		out = append(out, resp)
	}
	return out, im, nil
}

func TestReadImport(t *testing.T) {
	good := "\ufeffdate,lang,card,channel,gender,birth_year,q1,q12,free\n" +
		"2019-04-03,fi,,paper,female,1970,4,5,Kiitos\n" +
		"4.4.2019,sv,blue,paper,,,2,,\n" +
		"2019-04-05,fi,OLD,kiosk,,,3,,\n"
	rs, im, err := read(t, good)
	if err != nil || len(rs) != 3 || im.Rows != 3 {
		t.Fatalf("good file: %v %+v", err, im.Errors)
	}
	if rs[0].Day != "2019-04-03" || rs[1].Day != "2019-04-04" || rs[1].Card != "BLUE" || rs[1].Lang != "sv" || rs[2].Card != "OLD" {
		t.Fatalf("responses %+v", rs)
	}
	again, _, _ := read(t, good)
	if again[0].ID != rs[0].ID || again[1].ID != rs[1].ID {
		t.Fatal("the same row got another id on a second import")
	}
	bad := "date,lang,card,channel,q1,q2\n" +
		"2019-04-03,fi,,paper,4,9\n" +
		"2019-13-01,de,PINK,fax,x,\n" +
		"2019-04-05,fi,,paper,,\n" +
		"2019-04-05,fi,,paper,3\n" +
		"2019-04-06,fi,,paper,,\"\u0000 \"\n"
	rs, im, err = read(t, bad)
	if !errors.Is(err, ErrProblems) || len(rs) != 0 {
		t.Fatalf("bad file yielded %d responses and %v", len(rs), err)
	}
	want := []string{"row 2, answers.q2: out_of_range", "row 3, answers.q1: invalid_type", "row 3, lang: unknown_language",
		"row 3, channel: unknown_channel", "row 3, card: unknown_card", "row 3, date: invalid_date", "row 4, answers: empty",
		"row 5, line: bad_line (has 5 fields, the header 6)", "row 6, answers.q2: invalid_type"}
	var got []string
	for _, e := range im.Errors {
		got = append(got, e.Error())
	}
	for _, w := range want {
		if !strings.Contains(strings.Join(got, "\n"), w) {
			t.Errorf("errors lack %q:\n%s", w, strings.Join(got, "\n"))
		}
	}
	if im.Problems != len(im.Errors) || im.Rows != 5 {
		t.Errorf("%d problems, %d kept, %d rows", im.Problems, len(im.Errors), im.Rows)
	}
	for _, tt := range []struct{ file, field, code string }{
		{"when,lang\n", "header", CodeBadHeader},
		{"date,lang,card,channel,q99\n", "q99", survey.CodeUnknownItem},
		{"date,lang,card,channel,q1,q2,q1\n2019-04-03,fi,,paper,1,2,3\n", "q1", survey.CodeDuplicateKey},
		{"date,lang,card,channel,date,q1\n", "date", survey.CodeDuplicateKey},
	} {
		_, im, err := read(t, tt.file)
		if !errors.Is(err, ErrProblems) || len(im.Errors) != 1 || im.Errors[0].Row != 1 || im.Errors[0].Field != tt.field || im.Errors[0].Code != tt.code {
			t.Errorf("%q: %v %+v", tt.file, err, im.Errors)
		}
	}
}

// Rows are checked in parallel but yielded in the file's order, and
// problems are named by their own row however many there are.
func TestReadImportKeepsOrder(t *testing.T) {
	var b strings.Builder
	b.WriteString("date,lang,card,channel,q1\n")
	for i := range 3000 {
		v := 1 + i%5
		if i%1000 == 999 {
			v = 7
		}
		fmt.Fprintf(&b, "2019-04-%02d,fi,,paper,%d\n", 1+i%28, v)
	}
	rs, im, err := read(t, b.String())
	if !errors.Is(err, ErrProblems) || len(rs) >= 1000 {
		t.Fatalf("%d yielded, %v: nothing after the first problem may be", len(rs), err)
	}
	if im.Problems != 3 || im.Errors[0].Row != 1001 || im.Errors[1].Row != 2001 || im.Errors[2].Row != 3001 {
		t.Fatalf("problems %+v", im.Errors)
	}
	ok := strings.ReplaceAll(b.String(), ",7\n", ",5\n")
	rs, im, err = read(t, ok)
	if err != nil || len(rs) != 3000 || im.Rows != 3000 {
		t.Fatalf("%d yielded of %d rows: %v", len(rs), im.Rows, err)
	}
	for i, r := range rs {
		if want := fmt.Sprintf("2019-04-%02d", 1+i%28); r.Day != want {
			t.Fatalf("response %d is of %s, want %s", i, r.Day, want)
		}
	}
}

// A consumer that stops early stops the reading too.
func TestReadImportStopsEarly(t *testing.T) {
	var b strings.Builder
	b.WriteString("date,lang,card,channel,q1\n")
	for range 5000 {
		b.WriteString("2019-04-01,fi,,paper,3\n")
	}
	r := rules(t)
	im := Read(strings.NewReader(b.String()), r.Registry.Current("satisfaction"), r)
	n := 0
	for range im.Responses() {
		if n++; n == 10 {
			break
		}
	}
	if n != 10 {
		t.Fatalf("%d yielded", n)
	}
}
