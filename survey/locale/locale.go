// Package locale translates message keys into the client's language from
// one flat JSON catalogue per language.
package locale

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"palaute/assets"
)

// Default is the language used when the client's is unknown.
const Default = "fi"

// Catalog holds the messages of every language.
type Catalog struct {
	messages map[string]map[string]string // lang → key → text
}

// Load reads the embedded catalogues.
func Load() (*Catalog, error) { return LoadFS(assets.Locales, "locale") }

// LoadFS reads every <lang>.json in dir of fsys.
func LoadFS(fsys fs.FS, dir string) (*Catalog, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read message catalogues: %w", err)
	}
	c := &Catalog{messages: map[string]map[string]string{}}
	for _, e := range entries {
		lang, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok {
			continue
		}
		data, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("message catalogue %s: %w", e.Name(), err)
		}
		c.messages[lang] = m
	}
	if _, ok := c.messages[Default]; !ok {
		return nil, fmt.Errorf("message catalogue %s.json is missing", Default)
	}
	return c, nil
}

// Languages returns the languages that have a catalogue.
func (c *Catalog) Languages() []string {
	out := make([]string, 0, len(c.messages))
	for l := range c.messages {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// Keys returns every key of one language's catalogue.
func (c *Catalog) Keys(lang string) []string {
	out := make([]string, 0, len(c.messages[lang]))
	for k := range c.messages[lang] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Has reports whether lang's catalogue has key.
func (c *Catalog) Has(lang, key string) bool {
	_, ok := c.messages[lang][key]
	return ok
}

// Prefixed returns every message of lang whose key starts with prefix,
// for handing a screen's texts to its script.
func (c *Catalog) Prefixed(lang, prefix string) map[string]string {
	out := map[string]string{}
	for k, v := range c.messages[lang] {
		if strings.HasPrefix(k, prefix) {
			out[k] = v
		}
	}
	return out
}

// Get returns the message for key in lang, falling back to the default
// language and finally to the key itself.
func (c *Catalog) Get(lang, key string) string {
	if m, ok := c.messages[lang][key]; ok {
		return m
	}
	if m, ok := c.messages[Default][key]; ok {
		return m
	}
	return key
}

// Pick chooses the first supported language from an Accept-Language
// header, or Default.
func (c *Catalog) Pick(acceptLanguage string) string {
	for _, part := range strings.Split(acceptLanguage, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if _, ok := c.messages[base]; ok {
			return base
		}
	}
	return Default
}
