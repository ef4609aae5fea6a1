package survey

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
)

//go:embed instruments/*.json
var builtin embed.FS

// Registry holds every loaded version of every instrument.
type Registry struct {
	byKey map[string][]*Instrument // ascending by version
}

// Builtin loads the instruments embedded in the binary.
func Builtin() (*Registry, error) {
	sub, err := fs.Sub(builtin, "instruments")
	if err != nil {
		return nil, err
	}
	return Load(sub)
}

// Load reads every *.json file at the top of fsys as an instrument
// definition and validates it. The error names the file and the item at
// fault.
func Load(fsys fs.FS) (*Registry, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no instrument definitions (*.json) found")
	}
	r := &Registry{byKey: map[string][]*Instrument{}}
	for _, name := range names {
		in, err := parseFile(fsys, name)
		if err != nil {
			return nil, err
		}
		if r.Version(in.Key, in.Version) != nil {
			return nil, fmt.Errorf("%s: instrument %q version %d is defined twice", name, in.Key, in.Version)
		}
		r.byKey[in.Key] = append(r.byKey[in.Key], in)
	}
	for _, versions := range r.byKey {
		sort.Slice(versions, func(i, j int) bool { return versions[i].Version < versions[j].Version })
	}
	return r, nil
}

// Merge adds the instruments of other to r; a version both define is an
// error.
func (r *Registry) Merge(other *Registry) error {
	for key, versions := range other.byKey {
		for _, in := range versions {
			if r.Version(key, in.Version) != nil {
				return fmt.Errorf("instrument %q version %d is defined twice", key, in.Version)
			}
			r.byKey[key] = append(r.byKey[key], in)
		}
		sort.Slice(r.byKey[key], func(i, j int) bool { return r.byKey[key][i].Version < r.byKey[key][j].Version })
	}
	return nil
}

func parseFile(fsys fs.FS, name string) (*Instrument, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var in Instrument
	if err := dec.Decode(&in); err != nil {
		return nil, fmt.Errorf("%s: %w", path.Base(name), err)
	}
	if err := in.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path.Base(name), err)
	}
	return &in, nil
}

// Current returns the newest version of the instrument, or nil.
func (r *Registry) Current(key string) *Instrument {
	versions := r.byKey[key]
	if len(versions) == 0 {
		return nil
	}
	return versions[len(versions)-1]
}

// Version returns one version of the instrument, or nil.
func (r *Registry) Version(key string, version int) *Instrument {
	for _, in := range r.byKey[key] {
		if in.Version == version {
			return in
		}
	}
	return nil
}

// Versions returns every version of the instrument, oldest first.
func (r *Registry) Versions(key string) []*Instrument { return slices.Clone(r.byKey[key]) }

// List returns the current version of every instrument, by key.
func (r *Registry) List() []*Instrument {
	keys := make([]string, 0, len(r.byKey))
	for k := range r.byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*Instrument, 0, len(keys))
	for _, k := range keys {
		out = append(out, r.Current(k))
	}
	return out
}

var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)

// Validate checks that the definition is complete: well-formed keys, known
// types and groups, options for choice items, scale labels for scale
// items, and every text in every language.
func (in *Instrument) Validate() error {
	if !keyPattern.MatchString(in.Key) {
		return fmt.Errorf("instrument key %q must be lower-case letters, digits and _", in.Key)
	}
	if in.Version < 1 {
		return fmt.Errorf("instrument %q: version must be 1 or more", in.Key)
	}
	if err := in.Title.complete(); err != nil {
		return fmt.Errorf("title: %w", err)
	}
	if in.Intro != nil {
		if err := in.Intro.complete(); err != nil {
			return fmt.Errorf("intro: %w", err)
		}
	}
	groups := map[string]bool{}
	for _, g := range in.Groups {
		if !keyPattern.MatchString(g.Key) || groups[g.Key] {
			return fmt.Errorf("group %q: key must be unique, lower-case letters, digits and _", g.Key)
		}
		groups[g.Key] = true
		if err := g.Title.complete(); err != nil {
			return fmt.Errorf("group %q: title: %w", g.Key, err)
		}
	}
	for scale, labels := range in.Scales {
		if scale != TypeLikert5 && scale != TypeRating5 {
			return fmt.Errorf("scale %q: only likert5 and rating5 have labels", scale)
		}
		if len(labels) != 5 {
			return fmt.Errorf("scale %q: needs 5 labels, has %d", scale, len(labels))
		}
		for i, l := range labels {
			if err := l.complete(); err != nil {
				return fmt.Errorf("scale %q label %d: %w", scale, i+1, err)
			}
		}
	}
	if len(in.Items) == 0 {
		return fmt.Errorf("instrument %q has no items", in.Key)
	}
	seen, dims, overall := map[string]bool{}, map[string]bool{}, false
	for _, it := range in.Items {
		if err := in.validateItem(it, groups, seen, dims); err != nil {
			return fmt.Errorf("item %q: %w", it.Key, err)
		}
		if err := in.validateRole(it, &overall); err != nil {
			return fmt.Errorf("item %q: %w", it.Key, err)
		}
	}
	return nil
}

// dimensionTypes is the item type each respondent dimension needs.
var dimensionTypes = map[string]string{"": "", DimensionGender: TypeChoice, DimensionAge: TypeYear, DimensionClientTime: TypeMonths}

func (in *Instrument) validateItem(it Item, groups, seen, dims map[string]bool) error {
	if !keyPattern.MatchString(it.Key) {
		return fmt.Errorf("key must be lower-case letters, digits and _")
	}
	if seen[it.Key] {
		return fmt.Errorf("defined twice")
	}
	seen[it.Key] = true
	switch it.Type {
	case TypeLikert5, TypeRating5:
		if len(in.Scales[it.Type]) != 5 {
			return fmt.Errorf("type %s needs the instrument's %q scale labels", it.Type, it.Type)
		}
	case TypeChoice:
		if len(it.Options) < 2 {
			return fmt.Errorf("a choice item needs at least two options")
		}
	case TypeYear, TypeMonths, TypeText:
	default:
		return fmt.Errorf("unknown type %q", it.Type)
	}
	if it.Type != TypeChoice && len(it.Options) > 0 {
		return fmt.Errorf("only choice items have options")
	}
	if want, ok := dimensionTypes[it.Dimension]; !ok || (it.Dimension != "" && want != it.Type) {
		return fmt.Errorf("dimension %q: must be gender (a choice item), age (a year item) or client_time (a months item)", it.Dimension)
	}
	if it.Dimension != "" && dims[it.Dimension] {
		return fmt.Errorf("dimension %q is given by two items", it.Dimension)
	}
	dims[it.Dimension] = it.Dimension != ""
	if !groups[it.Group] {
		return fmt.Errorf("unknown group %q", it.Group)
	}
	if err := it.Text.complete(); err != nil {
		return fmt.Errorf("text: %w", err)
	}
	if it.Short != nil {
		if err := it.Short.complete(); err != nil {
			return fmt.Errorf("short: %w", err)
		}
	}
	if it.Ordered && it.Type != TypeChoice {
		return fmt.Errorf("only choice items are ordered; scales and bands are ordered already")
	}
	options := map[string]bool{}
	for _, o := range it.Options {
		if !keyPattern.MatchString(o.Key) || options[o.Key] {
			return fmt.Errorf("option %q: key must be unique, lower-case letters, digits and _", o.Key)
		}
		options[o.Key] = true
		if err := o.Text.complete(); err != nil {
			return fmt.Errorf("option %q: %w", o.Key, err)
		}
	}
	return nil
}

// complete reports the first language the text lacks.
func (t Text) complete() error {
	for _, lang := range Languages {
		if t[lang] == "" {
			return fmt.Errorf("missing language %q", lang)
		}
	}
	for lang := range t {
		if !ValidLanguage(lang) {
			return fmt.Errorf("unknown language %q", lang)
		}
	}
	return nil
}
