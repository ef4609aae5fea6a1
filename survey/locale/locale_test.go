package locale_test

import (
	"testing"

	"palaute/survey"
	"palaute/survey/locale"
)

func TestEveryKeyInEveryLanguage(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	langs := c.Languages()
	if len(langs) != len(survey.Languages) {
		t.Fatalf("catalogues for %v, want %v", langs, survey.Languages)
	}
	all := map[string]bool{}
	for _, lang := range survey.Languages {
		for _, k := range c.Keys(lang) {
			all[k] = true
		}
	}
	for _, code := range survey.Codes {
		all["error."+code] = true
	}
	for key := range all {
		for _, lang := range survey.Languages {
			if !c.Has(lang, key) {
				t.Errorf("%s.json lacks %q", lang, key)
			} else if c.Get(lang, key) == "" {
				t.Errorf("%s.json has an empty %q", lang, key)
			}
		}
	}
}

func TestPick(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ header, want string }{
		{"", "fi"},
		{"sv-FI,sv;q=0.9", "sv"},
		{"de-DE, en;q=0.5", "en"},
		{"ru", "fi"},
	} {
		if got := c.Pick(tt.header); got != tt.want {
			t.Errorf("Pick(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}
