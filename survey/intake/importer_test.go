package intake

import (
	"strings"
	"testing"
	"time"

	"palaute/survey"
)

func TestReadImport(t *testing.T) {
	reg, _ := survey.Builtin()
	in := reg.Current("satisfaction")
	today := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	cards := func(c string) bool { return c == "BLUE" }
	good := "date,lang,card,channel,gender,birth_year,q1,q12,free\n" +
		"2019-04-03,fi,,paper,female,1970,4,5,Kiitos\n" +
		"2019-04-04,sv,BLUE,paper,,,2,,\n"
	rs, errs := ReadImport(strings.NewReader(good), in, reg, today, cards)
	if errs != nil || len(rs) != 2 || rs[0].Day != "2019-04-03" || rs[1].Card != "BLUE" || rs[1].Lang != "sv" {
		t.Fatalf("good file: %v %+v", errs, rs)
	}
	again, _ := ReadImport(strings.NewReader(good), in, reg, today, cards)
	if again[0].ID != rs[0].ID {
		t.Fatal("the same row got another id on a second import")
	}
	bad := "date,lang,card,channel,q1,q2\n" +
		"2019-04-03,fi,,paper,4,9\n" +
		"2019-13-01,de,PINK,fax,x,\n" +
		"2019-04-05,fi,,paper,,\n"
	_, errs = ReadImport(strings.NewReader(bad), in, reg, today, cards)
	want := []string{"row 2, answers.q2: out_of_range", "row 3, answers.q1: invalid_type", "row 3, lang: unknown_language",
		"row 3, channel: unknown_channel", "row 3, card: unknown_card", "row 3, date: invalid_date", "row 4, answers: no_answers"}
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	for _, w := range want {
		if !strings.Contains(strings.Join(got, "\n"), w) {
			t.Errorf("errors lack %q:\n%s", w, strings.Join(got, "\n"))
		}
	}
	if _, errs := ReadImport(strings.NewReader("when,lang\n"), in, reg, today, cards); len(errs) != 1 || errs[0].Row != 1 {
		t.Errorf("bad header: %v", errs)
	}
	if _, errs := ReadImport(strings.NewReader("date,lang,card,channel,q99\n"), in, reg, today, cards); len(errs) != 1 || errs[0].Field != "q99" {
		t.Errorf("unknown item in header: %v", errs)
	}
}
