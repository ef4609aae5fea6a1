package survey_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"palaute/survey"
)

func mustBuiltin(t testing.TB) *survey.Registry {
	t.Helper()
	reg, err := survey.Builtin()
	if err != nil {
		t.Fatalf("builtin instruments: %v", err)
	}
	return reg
}

func TestBuiltinInstrumentsComplete(t *testing.T) {
	reg := mustBuiltin(t)
	for _, key := range []string{"visit", "satisfaction"} {
		in := reg.Current(key)
		if in == nil {
			t.Fatalf("instrument %q missing", key)
		}
		for _, it := range in.Items {
			for _, lang := range survey.Languages {
				if strings.TrimSpace(it.Text[lang]) == "" {
					t.Errorf("%s.%s has no %s text", key, it.Key, lang)
				}
				for _, o := range it.Options {
					if strings.TrimSpace(o.Text[lang]) == "" {
						t.Errorf("%s.%s option %s has no %s text", key, it.Key, o.Key, lang)
					}
				}
				if it.Type == survey.TypeLikert5 || it.Type == survey.TypeRating5 {
					for i, label := range in.Scales[it.Type] {
						if label[lang] == "" {
							t.Errorf("%s scale %s label %d has no %s text", key, it.Type, i+1, lang)
						}
					}
				}
			}
		}
	}
}

func TestInstrumentShapes(t *testing.T) {
	reg := mustBuiltin(t)
	type shape struct{ key, typ, group string }
	tests := []struct {
		survey string
		items  []shape
	}{
		{"visit", []shape{
			{"q1", "choice", "visit"}, {"q2", "rating5", "visit"}, {"q2_text", "text", "visit"}, {"q3", "text", "visit"},
		}},
		{"satisfaction", []shape{
			{"gender", "choice", "background"}, {"birth_year", "year", "background"}, {"client_months", "months", "background"},
			{"q1", "likert5", "accessibility"}, {"q2", "likert5", "accessibility"}, {"q3", "likert5", "accessibility"},
			{"q4", "likert5", "interaction"}, {"q5", "likert5", "interaction"},
			{"q6", "likert5", "quality"}, {"q7", "likert5", "quality"}, {"q8", "likert5", "quality"},
			{"q9", "likert5", "quality"}, {"q10", "likert5", "quality"},
			{"q11", "likert5", "participation"}, {"q12", "rating5", "overall"}, {"free", "text", "free"},
		}},
	}
	for _, tt := range tests {
		in := reg.Current(tt.survey)
		if len(in.Items) != len(tt.items) {
			t.Fatalf("%s has %d items, want %d", tt.survey, len(in.Items), len(tt.items))
		}
		for i, want := range tt.items {
			got := in.Items[i]
			if got.Key != want.key || got.Type != want.typ || got.Group != want.group {
				t.Errorf("%s item %d = %s/%s/%s, want %s/%s/%s", tt.survey, i, got.Key, got.Type, got.Group, want.key, want.typ, want.group)
			}
		}
	}
	options := map[string][]string{
		"visit.q1":            {"yes", "partly", "no"},
		"satisfaction.gender": {"female", "male", "other", "no_answer"},
	}
	for path, want := range options {
		s, item, _ := strings.Cut(path, ".")
		it, _ := reg.Current(s).Item(item)
		var got []string
		for _, o := range it.Options {
			got = append(got, o.Key)
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s options = %v, want %v", path, got, want)
		}
	}
}

func TestSatisfactionHas13MultipleChoiceAnd3Open(t *testing.T) {
	in := mustBuiltin(t).Current("satisfaction")
	multiple, open := 0, 0
	for _, it := range in.Items {
		if it.MultipleChoice() {
			multiple++
		} else {
			open++
		}
	}
	if multiple != 13 || open != 3 {
		t.Fatalf("satisfaction has %d multiple-choice and %d open items, want 13 and 3", multiple, open)
	}
}

const goodDef = `{"key":"mini","version":1,"title":{"fi":"a","sv":"b","en":"c"},
 "groups":[{"key":"g","title":{"fi":"a","sv":"b","en":"c"}}],
 "items":[{"key":"q1","type":"choice","group":"g","text":{"fi":"a","sv":"b","en":"c"},
  "options":[{"key":"a","text":{"fi":"a","sv":"b","en":"c"}},{"key":"b","text":{"fi":"a","sv":"b","en":"c"}}]}]}`

func TestBrokenDefinitionNamesFileAndItem(t *testing.T) {
	tests := []struct {
		name, def string
		want      []string
	}{
		{"missing sv text", strings.Replace(goodDef, `"text":{"fi":"a","sv":"b","en":"c"},
  "options"`, `"text":{"fi":"a","en":"c"},
  "options"`, 1), []string{"mini.v1.json", `item "q1"`, "text.sv"}},
		{"unknown type", strings.Replace(goodDef, `"type":"choice"`, `"type":"slider"`, 1), []string{"mini.v1.json", `item "q1"`, "slider"}},
		{"unknown group", strings.Replace(goodDef, `"group":"g"`, `"group":"nope"`, 1), []string{`item "q1"`, "nope"}},
		{"option without text", strings.Replace(goodDef, `{"key":"b","text":{"fi":"a","sv":"b","en":"c"}}`, `{"key":"b","text":{"fi":"a"}}`, 1), []string{`item "q1"`, "options.1.text.sv"}},
		{"likert without scale", strings.Replace(goodDef, `"type":"choice"`, `"type":"likert5"`, 1), []string{`item "q1"`, "likert5"}},
		{"not JSON", `{"key":`, []string{"mini.v1.json"}},
		{"unknown role", strings.Replace(goodDef, `"type":"choice"`, `"type":"choice","role":"headline"`, 1), []string{`item "q1"`, "headline"}},
		{"overall on a choice", strings.Replace(goodDef, `"type":"choice"`, `"type":"choice","role":"overall"`, 1), []string{`item "q1"`, "five-point"}},
		{"wall sentence naming no option", strings.Replace(goodDef, `"type":"choice"`, `"type":"choice","wall":{"fi":"{a} / 10","sv":"{x} av 10","en":"{a} in 10"}`, 1), []string{`item "q1"`, "{x}"}},
		{"wall sentence in one language", strings.Replace(goodDef, `"type":"choice"`, `"type":"choice","wall":{"fi":"{a} / 10"}`, 1), []string{`item "q1"`, "wall"}},
		{"unknown field", strings.Replace(goodDef, `"version":1`, `"version":1,"colour":"red"`, 1), []string{"mini.v1.json", "colour"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := survey.Load(fstest.MapFS{"mini.v1.json": {Data: []byte(tt.def)}})
			if err == nil {
				t.Fatal("broken definition loaded")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %s", err, w)
				}
			}
		})
	}
	if _, err := survey.Load(fstest.MapFS{"mini.v1.json": {Data: []byte(goodDef)}}); err != nil {
		t.Fatalf("good definition: %v", err)
	}
}

func TestVersions(t *testing.T) {
	v2 := strings.Replace(goodDef, `"version":1`, `"version":2`, 1)
	reg, err := survey.Load(fstest.MapFS{
		"mini.v1.json": {Data: []byte(goodDef)},
		"mini.v2.json": {Data: []byte(v2)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := reg.Current("mini").Version; got != 2 {
		t.Fatalf("current version %d, want 2", got)
	}
	if reg.Version("mini", 1) == nil || len(reg.Versions("mini")) != 2 {
		t.Fatal("older version not kept")
	}
	_, err = survey.Load(fstest.MapFS{"a.json": {Data: []byte(goodDef)}, "b.json": {Data: []byte(goodDef)}})
	if err == nil || !strings.Contains(err.Error(), "defined twice") {
		t.Fatalf("duplicate version: %v", err)
	}
}
