package server_test

import (
	"encoding/json"
	"strings"
	"testing"

	"palaute/survey/server"
)

// FuzzResponseCreate sends arbitrary bodies to the submission API. On any
// input it must not panic or answer 5xx, must answer one of the statuses
// of the contract, and a 422 must name at least one field error.
// 'make fuzz' runs it with the fuzzer; 'make test' runs the seeds.
func FuzzResponseCreate(f *testing.F) {
	seeds := []string{
		visit(id1, ""),
		visit(id2, `,"card":"BLUE"`),
		`{"id":"` + id3 + `","survey":"satisfaction","lang":"sv","answers":{"gender":"other","birth_year":1973,"client_months":14,"q1":5,"q12":1,"free":"=HYPERLINK(\"x\")"}}`,
		`{"id":"` + id3 + `","survey":"satisfaction","lang":"en","answers":{"birth_year":1e308,"client_months":-0.5,"q3":"5"}}`,
		`{"id":"` + id3 + `","survey":"visit","lang":"fi","answers":{"q3":"<script>alert(1)</script>","q2":null}}`,
		`{"id":"` + id3 + `","survey":"visit","lang":"fi","date":"2026-02-30","answers":{"q1":"yes"}}`,
		`{"id":null,"survey":[],"lang":{},"answers":"x"}`,
		`{"answers":{"q1":{"nested":[1,2,{"deep":true}]}}}`,
		`{"id":"` + id1 + `","survey":"visit","lang":"fi","answers":{"q1":"yes"},"id":"dup"}`,
		`{}`, `[]`, `null`, `0`, ``, `{"`, "\x00\xff", `{"id":"\ud800"}`,
	}
	for _, s := range seeds {
		f.Add(s)
	}
	// The fuzzer sends thousands of bodies a second from one kiosk: the
	// submission limit, which has its own test, is off.
	fx := newFixtureConfig(f, func(c *server.Config) { c.SubmitRate = -1 })
	allowed := map[int]bool{200: true, 201: true, 400: true, 409: true, 413: true, 422: true}
	f.Fuzz(func(t *testing.T, body string) {
		status, resp := fx.do(t, "POST", "/api/v1/responses", fx.kioskToken, body)
		if !allowed[status] {
			t.Fatalf("status %d for %q: %s", status, body, resp)
		}
		var out struct {
			ID     string
			Errors []struct{ Field, Code, Message string }
		}
		if err := json.Unmarshal([]byte(resp), &out); err != nil {
			t.Fatalf("answer is not JSON: %q", resp)
		}
		switch {
		case status == 200 || status == 201:
			if len(out.ID) != 36 || strings.ToLower(out.ID) != out.ID {
				t.Fatalf("status %d without a canonical id: %s", status, resp)
			}
		case len(out.Errors) == 0 || out.Errors[0].Code == "" || out.Errors[0].Message == "":
			t.Fatalf("status %d without an explained error: %s", status, resp)
		}
	})
}
