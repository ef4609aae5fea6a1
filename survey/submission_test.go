package survey_test

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"
	"time"

	"palaute/survey"
)

var today = time.Date(2026, 4, 15, 10, 0, 0, 0, time.UTC)

func rules(t testing.TB, channel string) survey.Rules {
	return survey.Rules{
		Registry: mustBuiltin(t),
		Today:    today,
		Channel:  channel,
		Cards: func(code string) survey.CardState {
			switch code {
			case "BLUE", "K7":
				return survey.CardInUse
			case "OLD":
				return survey.CardRetired
			}
			return survey.CardUnknown
		},
	}
}

const validID = `"id":"6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"`

func check(t testing.TB, body string, r survey.Rules) (survey.Response, []survey.FieldError) {
	t.Helper()
	sub, err := survey.Decode([]byte(body))
	if err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return survey.Check(sub, r)
}

func TestCheckCodes(t *testing.T) {
	long := strings.Repeat("ä", survey.MaxTextLength+1)
	tests := []struct {
		name    string
		channel string
		body    string
		want    []survey.FieldError
	}{
		{"missing id", "kiosk", `{"survey":"visit","lang":"fi","answers":{"q1":"yes"}}`,
			[]survey.FieldError{{Field: "id", Code: "required"}}},
		{"id not a UUID", "kiosk", `{"id":"abc","survey":"visit","lang":"fi","answers":{"q1":"yes"}}`,
			[]survey.FieldError{{Field: "id", Code: "invalid_id"}}},
		{"id of wrong type", "kiosk", `{"id":7,"survey":"visit","lang":"fi","answers":{"q1":"yes"}}`,
			[]survey.FieldError{{Field: "id", Code: "invalid_type"}}},
		{"unknown field", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","ip":"1.2.3.4","answers":{"q1":"yes"}}`,
			[]survey.FieldError{{Field: "ip", Code: "unknown_field"}}},
		{"unknown survey", "kiosk", `{` + validID + `,"survey":"poll","lang":"fi","answers":{"q1":"yes"}}`,
			[]survey.FieldError{{Field: "survey", Code: "unknown_survey"}}},
		{"unknown item", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","answers":{"q9":"yes"}}`,
			[]survey.FieldError{{Field: "answers.q9", Code: "unknown_item"}}},
		{"unknown option", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","answers":{"q1":"maybe"}}`,
			[]survey.FieldError{{Field: "answers.q1", Code: "unknown_option"}}},
		{"unknown card", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","card":"PINK","answers":{"q1":"yes"}}`,
			[]survey.FieldError{{Field: "card", Code: "unknown_card"}}},
		{"unknown language", "kiosk", `{` + validID + `,"survey":"visit","lang":"de","answers":{"q1":"yes"}}`,
			[]survey.FieldError{{Field: "lang", Code: "unknown_language"}}},
		{"unknown channel", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","channel":"fax","answers":{"q1":"yes"}}`,
			[]survey.FieldError{{Field: "channel", Code: "unknown_channel"}}},
		{"wrong channel", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","channel":"paper","answers":{"q1":"yes"}}`,
			[]survey.FieldError{{Field: "channel", Code: "wrong_channel"}}},
		{"rating out of range", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","answers":{"q2":6}}`,
			[]survey.FieldError{{Field: "answers.q2", Code: "out_of_range"}}},
		{"rating zero", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","answers":{"q2":0}}`,
			[]survey.FieldError{{Field: "answers.q2", Code: "out_of_range"}}},
		{"rating as text", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","answers":{"q2":"5"}}`,
			[]survey.FieldError{{Field: "answers.q2", Code: "invalid_type"}}},
		{"rating fractional", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","answers":{"q2":4.5}}`,
			[]survey.FieldError{{Field: "answers.q2", Code: "invalid_type"}}},
		{"birth year in future", "kiosk", `{` + validID + `,"survey":"satisfaction","lang":"fi","answers":{"birth_year":2027}}`,
			[]survey.FieldError{{Field: "answers.birth_year", Code: "out_of_range"}}},
		{"birth year too early", "kiosk", `{` + validID + `,"survey":"satisfaction","lang":"fi","answers":{"birth_year":1899}}`,
			[]survey.FieldError{{Field: "answers.birth_year", Code: "out_of_range"}}},
		{"negative months", "kiosk", `{` + validID + `,"survey":"satisfaction","lang":"fi","answers":{"client_months":-1}}`,
			[]survey.FieldError{{Field: "answers.client_months", Code: "out_of_range"}}},
		{"likert out of range", "kiosk", `{` + validID + `,"survey":"satisfaction","lang":"fi","answers":{"q11":9}}`,
			[]survey.FieldError{{Field: "answers.q11", Code: "out_of_range"}}},
		{"text too long", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","answers":{"q3":"` + long + `"}}`,
			[]survey.FieldError{{Field: "answers.q3", Code: "too_long"}}},
		{"no answers", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","answers":{}}`,
			[]survey.FieldError{{Field: "answers", Code: "empty"}}},
		{"only skipped answers", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","answers":{"q1":null,"q3":"  "}}`,
			[]survey.FieldError{{Field: "answers", Code: "empty"}}},
		{"answers missing", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi"}`,
			[]survey.FieldError{{Field: "answers", Code: "empty"}}},
		{"only a NUL", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","answers":{"q3":"\u0000"}}`,
			[]survey.FieldError{{Field: "answers", Code: "empty"}}},
		{"only white space and control characters", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","answers":{"q3":" \t\n\u0007\u200b ","q2_text":"\u0000\u0000"}}`,
			[]survey.FieldError{{Field: "answers", Code: "empty"}}},
		{"duplicate answer", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","answers":{"q2":"bad","q2":5}}`,
			[]survey.FieldError{{Field: "answers.q2", Code: "duplicate_key"}, {Field: "answers.q2", Code: "invalid_type"}}},
		{"duplicate field", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","lang":"sv","answers":{"q2":5}}`,
			[]survey.FieldError{{Field: "lang", Code: "duplicate_key"}}},
		{"retired card on a kiosk", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","card":"old","answers":{"q1":"yes"}}`,
			[]survey.FieldError{{Field: "card", Code: "retired_card"}}},
		{"answers not an object", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","answers":[1]}`,
			[]survey.FieldError{{Field: "answers", Code: "invalid_type"}}},
		{"bad date", "paper", `{` + validID + `,"survey":"visit","lang":"fi","date":"15.4.2026","answers":{"q1":"yes"}}`,
			[]survey.FieldError{{Field: "date", Code: "invalid_date"}}},
		{"future date", "paper", `{` + validID + `,"survey":"visit","lang":"fi","date":"2026-04-16","answers":{"q1":"yes"}}`,
			[]survey.FieldError{{Field: "date", Code: "future_date"}}},
		{"ancient date", "paper", `{` + validID + `,"survey":"visit","lang":"fi","date":"1999-12-31","answers":{"q1":"yes"}}`,
			[]survey.FieldError{{Field: "date", Code: "out_of_range"}}},
		{"date from a kiosk", "kiosk", `{` + validID + `,"survey":"visit","lang":"fi","date":"2026-04-01","answers":{"q1":"yes"}}`,
			[]survey.FieldError{{Field: "date", Code: "date_not_allowed"}}},
		{"import without channel", "", `{` + validID + `,"survey":"visit","lang":"fi","answers":{"q1":"yes"}}`,
			[]survey.FieldError{{Field: "channel", Code: "required"}}},
		{"follow-up whose condition is false", "kiosk", `{` + validID + `,"survey":"national","lang":"fi","answers":{"nps":3,"good":"Kaikki"}}`,
			[]survey.FieldError{{Field: "answers.good", Code: "not_applicable"}}},
		{"every bad field named", "kiosk", `{"id":"x","survey":"visit","lang":"xx","card":"NOPE","answers":{"q1":"maybe","q2":7,"zz":1}}`,
			[]survey.FieldError{
				{Field: "id", Code: "invalid_id"}, {Field: "lang", Code: "unknown_language"},
				{Field: "card", Code: "unknown_card"}, {Field: "answers.q1", Code: "unknown_option"},
				{Field: "answers.q2", Code: "out_of_range"}, {Field: "answers.zz", Code: "unknown_item"},
			}},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := check(t, tt.body, rules(t, tt.channel))
			if len(errs) != len(tt.want) {
				t.Fatalf("errors %v, want %v", errs, tt.want)
			}
			for i := range errs {
				if errs[i] != tt.want[i] {
					t.Errorf("error %d = %v, want %v", i, errs[i], tt.want[i])
				}
				seen[errs[i].Code] = true
			}
		})
	}
	for _, code := range survey.Codes {
		if !seen[code] && code != survey.CodeWrongCard {
			t.Errorf("no test case for code %q", code)
		}
	}
}

func TestCheckWrongCardForCardToken(t *testing.T) {
	r := rules(t, "web")
	r.Card = "K7"
	_, errs := check(t, `{`+validID+`,"survey":"visit","lang":"fi","card":"BLUE","answers":{"q1":"yes"}}`, r)
	if len(errs) != 1 || errs[0] != (survey.FieldError{Field: "card", Code: "wrong_card"}) {
		t.Fatalf("errors %v", errs)
	}
	resp, errs := check(t, `{`+validID+`,"survey":"visit","lang":"fi","answers":{"q1":"yes"}}`, r)
	if errs != nil || resp.Card != "K7" || resp.Channel != "web" {
		t.Fatalf("card token response %+v %v", resp, errs)
	}
}

func TestCheckValid(t *testing.T) {
	body := `{"id":"6F1C2A3B-4D5E-4F60-8A7B-9C0D1E2F3A4B","survey":"satisfaction","lang":"sv","card":"blue","channel":"paper","date":"2026-04-02",
		"answers":{"gender":"other","birth_year":1973,"client_months":14,"q1":1,"q12":5,"free":" Tack! ","q5":null}}`
	r, errs := check(t, body, rules(t, "paper"))
	if errs != nil {
		t.Fatalf("errors %v", errs)
	}
	if r.ID != "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b" || r.Card != "BLUE" || r.Day != "2026-04-02" || r.Version != 1 {
		t.Fatalf("response %+v", r)
	}
	var keys []string
	for _, a := range r.Answers {
		keys = append(keys, a.Item)
	}
	if strings.Join(keys, ",") != "gender,birth_year,client_months,q1,q12,free" {
		t.Fatalf("answers in order %v", keys)
	}
	if r.Answers[len(r.Answers)-1].Text != "Tack!" {
		t.Fatalf("text not trimmed: %q", r.Answers[len(r.Answers)-1].Text)
	}
	// Kiosk responses take the server's date.
	k, errs := check(t, `{`+validID+`,"survey":"visit","lang":"en","answers":{"q2":3}}`, rules(t, "kiosk"))
	if errs != nil || k.Day != "2026-04-15" || k.Channel != "kiosk" {
		t.Fatalf("kiosk response %+v %v", k, errs)
	}
}

// A retired card's paper cards and printed tokens were handed out before
// it was retired: they still count.
func TestCheckRetiredCardOnPaperAndWeb(t *testing.T) {
	for _, channel := range []string{"paper", "web", ""} {
		body := `{` + validID + `,"survey":"visit","lang":"fi","card":"OLD","channel":"paper","answers":{"q1":"yes"}}`
		if channel == "web" {
			body = `{` + validID + `,"survey":"visit","lang":"fi","card":"OLD","answers":{"q1":"yes"}}`
		}
		r, errs := check(t, body, rules(t, channel))
		if errs != nil || r.Card != "OLD" {
			t.Errorf("channel %q: %+v %v", channel, r, errs)
		}
	}
}

// Text keeps what the client wrote, less control characters.
func TestCheckCleansText(t *testing.T) {
	r, errs := check(t, `{`+validID+`,"survey":"visit","lang":"fi","answers":{"q3":" Ilta\u0000aikoja\u0007\nkiitos "}}`, rules(t, "kiosk"))
	if errs != nil || r.Answers[0].Text != "Iltaaikoja\nkiitos" {
		t.Fatalf("%+v %v", r.Answers, errs)
	}
}

func TestHashIgnoresKeyOrderButNotContent(t *testing.T) {
	a, _ := check(t, `{`+validID+`,"survey":"visit","lang":"fi","answers":{"q1":"yes","q2":4}}`, rules(t, "kiosk"))
	b, _ := check(t, `{"answers":{"q2":4,"q1":"yes"},"lang":"fi","survey":"visit",`+validID+`}`, rules(t, "kiosk"))
	c, _ := check(t, `{`+validID+`,"survey":"visit","lang":"fi","answers":{"q1":"yes","q2":5}}`, rules(t, "kiosk"))
	later := rules(t, "kiosk")
	later.Today = today.AddDate(0, 0, 9)
	d, _ := check(t, `{`+validID+`,"survey":"visit","lang":"fi","answers":{"q1":"yes","q2":4}}`, later)
	if !bytes.Equal(a.Hash, b.Hash) || !bytes.Equal(a.Hash, d.Hash) {
		t.Fatal("same response hashes differently")
	}
	if bytes.Equal(a.Hash, c.Hash) {
		t.Fatal("different answers hash the same")
	}
}

func TestDecodeRejectsNonObjects(t *testing.T) {
	for _, body := range []string{``, `[]`, `null`, `"x"`, `{"a":1} {"b":2}`, `{`, `{"a":1,}`, `{"a" 1}`, `{"a":tru}`, `{"a":"x}`, `{"a":[1}`} {
		if _, err := survey.Decode([]byte(body)); err == nil {
			t.Errorf("Decode(%q) accepted", body)
		}
	}
}

// The hash is what fmt's %q and %d make of each line, as it was when
// the first responses were stored: a resend of one of them must still
// be recognised.
func TestHashIsStable(t *testing.T) {
	body := `{` + validID + `,"survey":"satisfaction","lang":"sv","channel":"paper","card":"BLUE","date":" 2026-04-02 ",
		"answers":{"gender":"other","birth_year":1973,"q1":4.0,"free":"\"Tack\" – ärligt\n\\sagt 🙂"}}`
	r, errs := check(t, body, rules(t, ""))
	if errs != nil {
		t.Fatal(errs)
	}
	h := sha256.New()
	fmt.Fprintf(h, "%q\n%q\n%q\n%q\n%q\n", r.Survey, r.Lang, r.Channel, r.Card, "2026-04-02")
	for _, a := range r.Answers {
		fmt.Fprintf(h, "%q=%d|%q|%q\n", a.Item, a.Num, a.Choice, a.Text)
	}
	if !bytes.Equal(h.Sum(nil), r.Hash) {
		t.Fatal("the hash is not made as the stored ones were")
	}
}

func TestDecodeFieldsAndValues(t *testing.T) {
	sub, err := survey.Decode([]byte(" {\"id\" : \"6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b\",\n\"survey\":\"visit\",\"lang\":\"f\\u0069\"," +
		`"x":{"a":[1,{"b":"}"}]},"answers":{"q3":"a,b}","q2":4},"y":[],"x":null} `))
	if err != nil {
		t.Fatal(err)
	}
	_, errs := survey.Check(sub, rules(t, "kiosk"))
	want := []survey.FieldError{{Field: "x", Code: "duplicate_key"}, {Field: "x", Code: "unknown_field"}, {Field: "y", Code: "unknown_field"}}
	if fmt.Sprint(errs) != fmt.Sprint(want) {
		t.Fatalf("errors %v, want %v", errs, want)
	}
}
