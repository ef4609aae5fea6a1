package survey

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

//go:embed instruments/*.json
var builtin embed.FS

// Registry holds every loaded version of every instrument. It is safe
// for use by many goroutines; a published version joins it while the
// server runs. Instruments in it are never changed: a change is a new
// version.
type Registry struct {
	mu    sync.RWMutex
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
	for _, versions := range other.all() {
		for _, in := range versions {
			if r.Version(in.Key, in.Version) != nil {
				return fmt.Errorf("instrument %q version %d is defined twice", in.Key, in.Version)
			}
			r.Set(in)
		}
	}
	return nil
}

// Set adds one version of an instrument, in place of the same version if
// r has it: a version the organisation published is the one its responses
// were given in.
func (r *Registry) Set(in *Instrument) {
	r.mu.Lock()
	defer r.mu.Unlock()
	versions := slices.DeleteFunc(r.byKey[in.Key], func(old *Instrument) bool { return old.Version == in.Version })
	versions = append(versions, in)
	sort.Slice(versions, func(i, j int) bool { return versions[i].Version < versions[j].Version })
	r.byKey[in.Key] = versions
}

func (r *Registry) all() map[string][]*Instrument {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make(map[string][]*Instrument, len(r.byKey))
	for k, v := range r.byKey {
		out[k] = slices.Clone(v)
	}
	return out
}

func parseFile(fsys fs.FS, name string) (*Instrument, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	in, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path.Base(name), err)
	}
	return in, nil
}

// Current returns the newest version of the instrument, or nil.
func (r *Registry) Current(key string) *Instrument {
	r.mu.RLock()
	defer r.mu.RUnlock()
	versions := r.byKey[key]
	if len(versions) == 0 {
		return nil
	}
	return versions[len(versions)-1]
}

// Version returns one version of the instrument, or nil.
func (r *Registry) Version(key string, version int) *Instrument {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, in := range r.byKey[key] {
		if in.Version == version {
			return in
		}
	}
	return nil
}

// Versions returns every version of the instrument, oldest first.
func (r *Registry) Versions(key string) []*Instrument {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return slices.Clone(r.byKey[key])
}

// List returns the current version of every instrument, by key.
func (r *Registry) List() []*Instrument {
	r.mu.RLock()
	defer r.mu.RUnlock()
	keys := make([]string, 0, len(r.byKey))
	for k := range r.byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*Instrument, 0, len(keys))
	for _, k := range keys {
		versions := r.byKey[k]
		out = append(out, versions[len(versions)-1])
	}
	return out
}

// Parse reads one instrument definition and validates it.
func Parse(data []byte) (*Instrument, error) {
	in, err := DecodeInstrument(data)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	return in, nil
}

// ErrNotDefinition means the data is not one JSON object.
var ErrNotDefinition = errors.New("not a JSON object")

// DecodeInstrument reads one instrument definition without validating it. An
// unknown field or a value of the wrong type is a Problem naming the
// field; data that is not one JSON object is ErrNotDefinition.
func DecodeInstrument(data []byte) (*Instrument, error) {
	if !json.Valid(data) || !isObject(data) {
		return nil, ErrNotDefinition
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var in Instrument
	err := dec.Decode(&in)
	var te *json.UnmarshalTypeError
	switch {
	case err == nil:
		return &in, nil
	case errors.As(err, &te):
		return nil, Problems{{Field: te.Field, Code: ProblemType, Value: te.Value}}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		return nil, Problems{{Field: name, Code: ProblemUnknownField}}
	}
	return nil, err
}
