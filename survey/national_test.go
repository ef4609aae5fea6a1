package survey_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"palaute/survey"
)

func TestNPSBoundsAndTypes(t *testing.T) {
	tests := []struct {
		answer string
		code   string
	}{
		{`0`, ""}, {`10`, ""}, {`9`, ""}, {`7.0`, ""},
		{`11`, "out_of_range"}, {`-1`, "out_of_range"}, {`7.5`, "invalid_type"},
		{`"9"`, "invalid_type"}, {`true`, "invalid_type"}, {`"cant_say"`, "invalid_type"},
	}
	for _, tt := range tests {
		resp, errs := check(t, `{`+validID+`,"survey":"national","lang":"sv","answers":{"nps":`+tt.answer+`}}`, rules(t, "kiosk"))
		switch {
		case tt.code == "" && errs != nil:
			t.Errorf("nps %s: %v", tt.answer, errs)
		case tt.code == "" && (len(resp.Answers) != 1 || resp.Answers[0].Type != survey.TypeNPS):
			t.Errorf("nps %s stored as %+v", tt.answer, resp.Answers)
		case tt.code != "" && (len(errs) != 1 || errs[0] != survey.FieldError{Field: "answers.nps", Code: tt.code}):
			t.Errorf("nps %s: errors %v, want %s", tt.answer, errs, tt.code)
		}
	}
}

func TestShowIf(t *testing.T) {
	tests := []struct {
		answers string
		bad     []string
	}{
		{`{"nps":9,"good":"Ystävällinen"}`, nil},
		{`{"nps":10,"good":"x"}`, nil},
		{`{"nps":8,"improve":"x"}`, nil},
		{`{"nps":0,"improve":"x"}`, nil},
		{`{"nps":8,"good":"x"}`, []string{"answers.good"}},
		{`{"nps":9,"improve":"x"}`, []string{"answers.improve"}},
		{`{"good":"x"}`, []string{"answers.good"}},
		{`{"s1":5,"good":"x","improve":"y"}`, []string{"answers.good", "answers.improve"}},
		// A follow-up left empty is not an answer.
		{`{"nps":3,"good":"","improve":"Enemmän aikaa"}`, nil},
	}
	for _, tt := range tests {
		_, errs := check(t, `{`+validID+`,"survey":"national","lang":"fi","answers":`+tt.answers+`}`, rules(t, "kiosk"))
		var got []string
		for _, e := range errs {
			if e.Code != survey.CodeNotApplicable {
				t.Errorf("%s: unexpected %v", tt.answers, e)
			}
			got = append(got, e.Field)
		}
		if !slices.Equal(got, tt.bad) {
			t.Errorf("%s: not applicable %v, want %v", tt.answers, got, tt.bad)
		}
	}
}

func TestCantSay(t *testing.T) {
	resp, errs := check(t, `{`+validID+`,"survey":"national","lang":"fi","answers":{"s1":"cant_say","s2":4}}`, rules(t, "kiosk"))
	if errs != nil {
		t.Fatal(errs)
	}
	s1 := resp.Answers[0]
	if s1.Item != "s1" || s1.Choice != survey.CantSay || s1.Num != 0 {
		t.Fatalf("s1 stored as %+v", s1)
	}
	in := mustBuiltin(t).Current("national")
	it, _ := in.Item("s1")
	if v, ok := it.ValueOf(s1.Num, s1.Choice, 2026); !ok || v != survey.CantSay {
		t.Errorf("cant_say counts as %q %v", v, ok)
	}
	if vs := it.Values(); vs[len(vs)-1] != survey.CantSay || len(vs) != 6 {
		t.Errorf("values %v", vs)
	}
	// An item that does not allow it refuses it.
	_, errs = check(t, `{`+validID+`,"survey":"satisfaction","lang":"fi","answers":{"q1":"cant_say"}}`, rules(t, "kiosk"))
	if len(errs) != 1 || errs[0].Code != survey.CodeInvalidType {
		t.Fatalf("cant_say on q1: %v", errs)
	}
}

func TestNationalShape(t *testing.T) {
	in := mustBuiltin(t).Current("national")
	if in == nil {
		t.Fatal("national is not built in")
	}
	var keys []string
	for _, it := range in.Items {
		keys = append(keys, it.Key)
		if strings.HasPrefix(it.Key, "s") && (it.Type != survey.TypeLikert5 || !it.CantSay) {
			t.Errorf("%s: %s cant_say=%v", it.Key, it.Type, it.CantSay)
		}
	}
	if want := []string{"nps", "s1", "s2", "s3", "s4", "s5", "s6", "good", "improve"}; !slices.Equal(keys, want) {
		t.Fatalf("items %v, want %v", keys, want)
	}
	good, _ := in.Item("good")
	improve, _ := in.Item("improve")
	for v := 0; v <= 10; v++ {
		a := []survey.Answer{{Item: "nps", Type: survey.TypeNPS, Num: int64(v)}}
		if good.Applies(a) != (v >= 9) || improve.Applies(a) != (v <= 8) {
			t.Errorf("after %d: good %v, improve %v", v, good.Applies(a), improve.Applies(a))
		}
	}
}

func TestValidateNamesEveryField(t *testing.T) {
	in := *mustBuiltin(t).Current("national")
	in.Items = slices.Clone(in.Items)
	in.Items[1].Text = survey.Text{"fi": "Väite"}
	in.Items[2].CantSay = false
	in.Items[2].Type = "slider"
	min := 11
	in.Items[7].ShowIf = &survey.Condition{Item: "nps", Min: &min}
	in.Items[8].ShowIf = &survey.Condition{Item: "improve", Max: &min}
	in.Period = "04-31..05-01"
	err := in.Validate()
	var ps survey.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v", err)
	}
	want := []survey.Problem{
		{Field: "period", Code: survey.ProblemPeriod, Value: "04-31..05-01"},
		{Field: "items.1.text.sv", Code: survey.ProblemRequired, Item: "s1"},
		{Field: "items.1.text.en", Code: survey.ProblemRequired, Item: "s1"},
		{Field: "items.2.type", Code: survey.ProblemUnknownType, Item: "s2", Value: "slider"},
		{Field: "items.7.show_if", Code: survey.ProblemShowIfValue, Item: "good"},
		{Field: "items.8.show_if.item", Code: survey.ProblemShowIfItem, Item: "improve", Value: "improve"},
	}
	if !slices.Equal(ps, want) {
		t.Fatalf("problems\n%v\nwant\n%v", ps, want)
	}
	next := *mustBuiltin(t).Current("national")
	next.Version = 2
	next.Items = slices.Clone(next.Items)
	next.Items[0].Type = survey.TypeLikert5
	err = next.ValidateNext(mustBuiltin(t).Versions("national"))
	if !errors.As(err, &ps) || !slices.ContainsFunc(ps, func(p survey.Problem) bool { return p.Code == survey.ProblemTypeChanged && p.Item == "nps" }) {
		t.Fatalf("a changed type: %v", err)
	}
}
