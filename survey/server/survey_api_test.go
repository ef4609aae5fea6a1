package server_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"palaute/survey"
	"palaute/survey/store/storetest"
)

// definition returns the current definition of key from the API.
func definition(t *testing.T, f *fixture, key string) map[string]any {
	t.Helper()
	status, body := f.do(t, "GET", "/api/v1/surveys/"+key, "", "")
	if status != 200 {
		t.Fatalf("GET %s: %d %s", key, status, body)
	}
	var def map[string]any
	if err := json.Unmarshal([]byte(body), &def); err != nil {
		t.Fatal(err)
	}
	return def
}

func TestSurveyDefinitionRoundTrips(t *testing.T) {
	f := newFixture(t)
	status, body := f.do(t, "GET", "/api/v1/surveys/national", "", "")
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	// The answer is in the format of the instrument files: it reads back
	// as a valid instrument, equal to the one the server holds.
	in, err := survey.Parse([]byte(body))
	if err != nil {
		t.Fatalf("GET answer is not a definition: %v", err)
	}
	if in.Key != "national" || in.Version != 1 || len(in.Items) != 9 || in.Items[7].ShowIf == nil || !in.Items[1].CantSay {
		t.Fatalf("definition %+v", in)
	}
	if status, _ := f.do(t, "GET", "/api/v1/surveys/nope", "", ""); status != 404 {
		t.Fatalf("unknown survey: %d", status)
	}
}

func TestSurveyPublish(t *testing.T) {
	f := newFixture(t)
	def := definition(t, f, "national")
	items := def["items"].([]any)
	// Reorder, reword, and drop s6: every kept key stays, s6 stays in v1.
	items[1], items[2] = items[2], items[1]
	items[1].(map[string]any)["text"].(map[string]any)["fi"] = "Minua kohdeltiin hyvin."
	def["items"] = slices.Delete(items, 6, 7)
	body, _ := json.Marshal(def)

	for _, tt := range []struct {
		name, token string
		want        int
	}{{"anonymous", "", 401}, {"quality token", f.apiToken, 401}, {"kiosk", f.kioskToken, 401}, {"card token", f.cardTokens[0], 401}} {
		if status, out := f.do(t, "PUT", "/api/v1/surveys/national", tt.token, string(body)); status != tt.want {
			t.Errorf("%s: %d %s", tt.name, status, out)
		}
	}
	status, out := f.do(t, "PUT", "/api/v1/surveys/national", f.adminToken, string(body))
	if status != 201 || out != `{"key":"national","version":2}` {
		t.Fatalf("publish: %d %s", status, out)
	}
	v2 := f.db.Instruments().Current("national")
	if v2.Version != 2 || v2.Items[1].Key != "s2" || v2.Items[1].Text["fi"] != "Minua kohdeltiin hyvin." {
		t.Fatalf("v2 %+v", v2.Items[1])
	}
	if _, ok := v2.Item("s6"); ok {
		t.Fatal("s6 still asked")
	}
	if v1 := f.db.Instruments().Version("national", 1); v1 == nil || len(v1.Items) != 9 {
		t.Fatal("version 1 is gone")
	}
	// New answers are given in version 2; s6 is no longer an item.
	id := "70000000-0000-4000-8000-000000000001"
	if status, out := f.do(t, "POST", "/api/v1/responses", f.kioskToken, fmt.Sprintf(`{"id":%q,"survey":"national","lang":"fi","answers":{"nps":9,"good":"Hyvä","s6":4}}`, id)); status != 422 || !strings.Contains(out, `"answers.s6"`) {
		t.Fatalf("s6 after removal: %d %s", status, out)
	}
	if status, out := f.do(t, "POST", "/api/v1/responses", f.kioskToken, fmt.Sprintf(`{"id":%q,"survey":"national","lang":"fi","answers":{"nps":9,"good":"Hyvä"}}`, id)); status != 201 {
		t.Fatalf("answer v2: %d %s", status, out)
	}
	var version int
	if err := storetest.ReadValue(t.Context(), f.db, "SELECT version FROM responses WHERE uuid = ?", &version, id); err != nil || version != 2 {
		t.Fatalf("stored in version %d (%v)", version, err)
	}
	// The audit log names who published what.
	log, _ := f.db.AuditLog(t.Context(), 5)
	if len(log) == 0 || log[0].Action != "survey.publish" || !strings.Contains(log[0].Detail, "national version 2") || !strings.Contains(log[0].Actor, "Ylläpito") {
		t.Fatalf("audit %+v", log)
	}
}

func TestSurveyPublishRefusesWithEveryField(t *testing.T) {
	f := newFixture(t)
	def := definition(t, f, "national")
	items := def["items"].([]any)
	nps := items[0].(map[string]any)
	nps["type"] = "likert5"
	s1 := items[1].(map[string]any)
	delete(s1["text"].(map[string]any), "sv")
	body, _ := json.Marshal(def)
	status, out := f.do(t, "PUT", "/api/v1/surveys/national", f.adminToken, string(body), "Accept-Language", "sv")
	if status != 422 {
		t.Fatalf("%d %s", status, out)
	}
	var resp struct {
		Errors []struct{ Field, Code, Message string }
	}
	if err := json.Unmarshal([]byte(out), &resp); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range resp.Errors {
		got[e.Field+" "+e.Code] = e.Message
	}
	for field, words := range map[string][]string{
		"items.0.type type_changed":     {"Fråga 1 (nps)", "typ"},
		"items.1.text.sv required":      {"Fråga 2 (s1)", "på svenska", "saknas"},
		"items.7.show_if show_if_value": {"Fråga 8 (good)", "följdfrågans villkor"},
	} {
		msg, ok := got[field]
		if !ok {
			t.Errorf("no error %s in %v", field, got)
		}
		for _, w := range words {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: %q does not say %q", field, msg, w)
			}
		}
	}
	for _, bad := range []struct{ body, code string }{
		{`{"key":"national","colour":"red"}`, `"unknown_field"`},
		{`{"key":"national","items":"many"}`, `"invalid_type"`},
		{`{"key":"other","title":{"fi":"a","sv":"b","en":"c"}}`, `"key_changed"`},
		{`[1]`, `"malformed_json"`},
	} {
		if status, out := f.do(t, "PUT", "/api/v1/surveys/national", f.adminToken, bad.body); (status != 422 && status != 400) || !strings.Contains(out, bad.code) {
			t.Errorf("%s: %d %s", bad.body, status, out)
		}
	}
	if v := f.db.Instruments().Current("national").Version; v != 1 {
		t.Fatalf("a refused definition was published as version %d", v)
	}
}
