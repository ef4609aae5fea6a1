package survey_test

import (
	"testing"

	"palaute/survey"
)

// BenchmarkDecodeCheck measures decoding and checking a full annual-survey
// response, the largest one clients send.
func BenchmarkDecodeCheck(b *testing.B) {
	body := []byte(`{"id":"6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b","survey":"satisfaction","lang":"fi","channel":"kiosk",
	"answers":{"gender":"female","birth_year":1973,"client_months":14,"q1":4,"q2":3,"q3":5,"q4":5,"q5":4,"q6":3,
	"q7":4,"q8":4,"q9":2,"q10":3,"q11":4,"q12":4,"free":"Kiitos avusta, toivoisin enemmän puhelinaikoja."}}`)
	r := rules(b, "kiosk")
	b.ReportAllocs()
	for b.Loop() {
		sub, err := survey.Decode(body)
		if err != nil {
			b.Fatal(err)
		}
		if _, errs := survey.Check(sub, r); errs != nil {
			b.Fatal(errs)
		}
	}
}
