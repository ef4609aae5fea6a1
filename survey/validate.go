package survey

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Problem is one thing wrong with an instrument definition: the field at
// fault as a path into its JSON ("items.3.text.sv", "scales.likert5.2.fi"),
// a stable code, and the value at fault where one helps.
type Problem struct {
	Field string `json:"field"`
	Code  string `json:"code"`
	// Item is the key of the item the field belongs to, if any.
	Item  string `json:"item,omitempty"`
	Value string `json:"value,omitempty"`
}

// Problems is every problem of a definition; as an error it reads in
// English, for files and logs.
type Problems []Problem

func (ps Problems) Error() string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Field
		if p.Item != "" {
			out[i] += " (item " + strconv.Quote(p.Item) + ")"
		}
		out[i] += ": " + problemText[p.Code]
		if p.Value != "" {
			out[i] += " (" + strconv.Quote(p.Value) + ")"
		}
	}
	return strings.Join(out, "; ")
}

// Codes of Problem.
const (
	ProblemRequired        = "required"
	ProblemKey             = "invalid_key"
	ProblemDuplicate       = "duplicate"
	ProblemUnknownType     = "unknown_type"
	ProblemUnknownGroup    = "unknown_group"
	ProblemUnknownLang     = "unknown_language"
	ProblemScaleLabels     = "scale_labels"
	ProblemOptions         = "options"
	ProblemNoOptions       = "options_not_allowed"
	ProblemDimension       = "dimension"
	ProblemOrdered         = "ordered"
	ProblemRole            = "role"
	ProblemWall            = "wall"
	ProblemCantSay         = "cant_say"
	ProblemShowIfItem      = "show_if_item"
	ProblemShowIfValue     = "show_if_value"
	ProblemPeriod          = "period"
	ProblemNoItems         = "no_items"
	ProblemVersion         = "version"
	ProblemTypeChanged     = "type_changed"
	ProblemKeyChanged      = "key_changed"
	ProblemSameScreen      = "same_screen"
	ProblemPeriodNotAnnual = "period_not_annual"
	ProblemType            = "invalid_type"
	ProblemUnknownField    = "unknown_field"
)

// ProblemCodes lists every Problem code, for catalogue checks.
var ProblemCodes = []string{
	ProblemRequired, ProblemKey, ProblemDuplicate, ProblemUnknownType, ProblemUnknownGroup,
	ProblemUnknownLang, ProblemScaleLabels, ProblemOptions, ProblemNoOptions, ProblemDimension,
	ProblemOrdered, ProblemRole, ProblemWall, ProblemCantSay, ProblemShowIfItem, ProblemShowIfValue,
	ProblemPeriod, ProblemNoItems, ProblemVersion, ProblemTypeChanged, ProblemKeyChanged,
	ProblemSameScreen, ProblemPeriodNotAnnual, ProblemType, ProblemUnknownField,
}

// problemText is each code in English.
var problemText = map[string]string{
	ProblemRequired:        "missing",
	ProblemKey:             "a key is lower-case letters, digits and _, starting with a letter, at most 32",
	ProblemDuplicate:       "defined twice",
	ProblemUnknownType:     "unknown type (known: " + strings.Join(Types, ", ") + ")",
	ProblemUnknownGroup:    "unknown group",
	ProblemUnknownLang:     "unknown language (known: fi, sv, en)",
	ProblemScaleLabels:     "the scale needs its labels: 5 for likert5 and rating5, the 2 ends for nps",
	ProblemOptions:         "a choice item needs at least two options",
	ProblemNoOptions:       "only choice items have options",
	ProblemDimension:       "dimension must be gender (a choice item), age (a year item) or client_time (a months item), each given once",
	ProblemOrdered:         "only choice items are ordered; scales and bands are ordered already",
	ProblemRole:            "role overall needs a five-point item, and only one item has it",
	ProblemWall:            "a wall sentence is for choice items, in every language, naming only the item's options as {key}",
	ProblemCantSay:         "only likert5 items allow cant_say",
	ProblemShowIfItem:      "show_if must name an earlier closed item",
	ProblemShowIfValue:     "show_if needs min or max within a numeric item's range, or in with the item's options",
	ProblemPeriod:          "period must be MM-DD..MM-DD, e.g. 04-01..04-30",
	ProblemNoItems:         "an instrument needs at least one item",
	ProblemVersion:         "version must be 1 or more",
	ProblemTypeChanged:     "an item keeps its type in every version; give a new question a new key",
	ProblemKeyChanged:      "the instrument's key cannot change",
	ProblemSameScreen:      "the first item has no item before it to share a screen with",
	ProblemPeriodNotAnnual: "only an annual survey has a period",
	ProblemType:            "a value of the wrong type",
	ProblemUnknownField:    "not a field of an instrument definition",
}

var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)

// ValidKey reports whether s is a well-formed key of an instrument, group,
// item or option.
func ValidKey(s string) bool { return keyPattern.MatchString(s) }

// Validate checks that the definition is complete: well-formed keys, known
// types and groups, options for choice items, scale labels for scale
// items, follow-ups on earlier items, and every text in every language.
// It returns every problem, or nil.
func (in *Instrument) Validate() error {
	v := validator{in: in}
	v.check()
	if len(v.ps) == 0 {
		return nil
	}
	return v.ps
}

// ValidateNext checks in as the version to follow prev: besides Validate,
// the key is the same and no item key changes its type in any version.
func (in *Instrument) ValidateNext(versions []*Instrument) error {
	v := validator{in: in}
	v.check()
	for _, old := range versions {
		if old.Key != in.Key {
			v.fail("key", ProblemKeyChanged, in.Key)
		}
		for i, it := range in.Items {
			if was, ok := old.Item(it.Key); ok && was.Type != it.Type {
				v.fail(itemField(i, "type"), ProblemTypeChanged, it.Type)
			}
		}
	}
	if len(v.ps) == 0 {
		return nil
	}
	return v.ps
}

type validator struct {
	in *Instrument
	ps Problems
}

func (v *validator) fail(field, code, value string) {
	if slices.ContainsFunc(v.ps, func(p Problem) bool { return p.Field == field && p.Code == code }) {
		return
	}
	p := Problem{Field: field, Code: code, Value: value}
	var i int
	if _, err := fmt.Sscanf(field, "items.%d", &i); err == nil && i >= 0 && i < len(v.in.Items) {
		p.Item = v.in.Items[i].Key
	}
	v.ps = append(v.ps, p)
}

func itemField(i int, rest string) string {
	f := "items." + strconv.Itoa(i)
	if rest != "" {
		f += "." + rest
	}
	return f
}

// key checks that a key is well formed and not among seen, and adds it.
func (v *validator) key(field, key string, seen map[string]bool) {
	switch {
	case !ValidKey(key):
		v.fail(field, ProblemKey, key)
	case seen[key]:
		v.fail(field, ProblemDuplicate, key)
	}
	seen[key] = true
}

// text checks that t has every language and no other.
func (v *validator) text(field string, t Text) {
	for _, lang := range Languages {
		if strings.TrimSpace(t[lang]) == "" {
			v.fail(field+"."+lang, ProblemRequired, "")
		}
	}
	for lang := range t {
		if !ValidLanguage(lang) {
			v.fail(field+"."+lang, ProblemUnknownLang, lang)
		}
	}
}

func (v *validator) check() {
	in := v.in
	if !ValidKey(in.Key) {
		v.fail("key", ProblemKey, in.Key)
	}
	if in.Version < 1 {
		v.fail("version", ProblemVersion, strconv.Itoa(in.Version))
	}
	v.text("title", in.Title)
	if in.Intro != nil {
		v.text("intro", in.Intro)
	}
	if in.Period != "" {
		if _, err := ParsePeriod(in.Period); err != nil {
			v.fail("period", ProblemPeriod, in.Period)
		} else if !in.Annual {
			v.fail("period", ProblemPeriodNotAnnual, in.Period)
		}
	}
	groups := map[string]bool{}
	for i, g := range in.Groups {
		field := "groups." + strconv.Itoa(i)
		v.key(field+".key", g.Key, groups)
		v.text(field+".title", g.Title)
	}
	for _, scale := range sortedKeys(in.Scales) {
		labels := in.Scales[scale]
		want, ok := scaleLabels[scale]
		if !ok {
			v.fail("scales."+scale, ProblemUnknownType, scale)
			continue
		}
		if len(labels) != want {
			v.fail("scales."+scale, ProblemScaleLabels, scale)
		}
		for i, l := range labels {
			v.text("scales."+scale+"."+strconv.Itoa(i), l)
		}
	}
	if len(in.Items) == 0 {
		v.fail("items", ProblemNoItems, "")
	}
	seen, dims, overall := map[string]bool{}, map[string]bool{}, false
	for i, it := range in.Items {
		v.item(i, it, groups, seen, dims, &overall)
	}
}

// scaleLabels is how many labels each scale has: every point of the
// five-point scales, the two ends of nps.
var scaleLabels = map[string]int{TypeLikert5: 5, TypeRating5: 5, TypeNPS: 2}

// ScaleLabels is how many labels the instrument's scale of an item type
// has; 0 for a type without a scale.
func ScaleLabels(typ string) int { return scaleLabels[typ] }

// dimensionTypes is the item type each respondent dimension needs.
var dimensionTypes = map[string]string{DimensionGender: TypeChoice, DimensionAge: TypeYear, DimensionClientTime: TypeMonths}

func (v *validator) item(i int, it Item, groups, seen, dims map[string]bool, overall *bool) {
	in := v.in
	f := func(rest string) string { return itemField(i, rest) }
	v.key(f("key"), it.Key, seen)
	switch it.Type {
	case TypeLikert5, TypeRating5, TypeNPS:
		if len(in.Scales[it.Type]) != scaleLabels[it.Type] {
			v.fail(f("type"), ProblemScaleLabels, it.Type)
		}
	case TypeChoice:
		if len(it.Options) < 2 {
			v.fail(f("options"), ProblemOptions, "")
		}
	case TypeYear, TypeMonths, TypeText:
	default:
		v.fail(f("type"), ProblemUnknownType, it.Type)
	}
	if it.Type != TypeChoice && len(it.Options) > 0 {
		v.fail(f("options"), ProblemNoOptions, "")
	}
	if it.Dimension != "" {
		if want, ok := dimensionTypes[it.Dimension]; !ok || want != it.Type || dims[it.Dimension] {
			v.fail(f("dimension"), ProblemDimension, it.Dimension)
		}
		dims[it.Dimension] = true
	}
	if !groups[it.Group] {
		v.fail(f("group"), ProblemUnknownGroup, it.Group)
	}
	v.text(f("text"), it.Text)
	if it.Short != nil {
		v.text(f("short"), it.Short)
	}
	if it.Ordered && it.Type != TypeChoice {
		v.fail(f("ordered"), ProblemOrdered, "")
	}
	if it.CantSay && it.Type != TypeLikert5 {
		v.fail(f("cant_say"), ProblemCantSay, "")
	}
	if it.SameScreen && i == 0 {
		v.fail(f("same_screen"), ProblemSameScreen, "")
	}
	options := map[string]bool{}
	for j, o := range it.Options {
		of := f("options." + strconv.Itoa(j))
		v.key(of+".key", o.Key, options)
		v.text(of+".text", o.Text)
	}
	switch it.Role {
	case "":
	case RoleOverall:
		if !it.Scale() || *overall {
			v.fail(f("role"), ProblemRole, it.Role)
		}
		*overall = true
	default:
		v.fail(f("role"), ProblemRole, it.Role)
	}
	if it.Wall != nil {
		if it.Type != TypeChoice {
			v.fail(f("wall"), ProblemWall, "")
		}
		v.text(f("wall"), it.Wall)
		for _, lang := range sortedKeys(it.Wall) {
			for _, m := range wallPlaceholder.FindAllStringSubmatch(it.Wall[lang], -1) {
				if !it.HasOption(m[1]) {
					v.fail(f("wall."+lang), ProblemWall, "{"+m[1]+"}")
				}
			}
		}
	}
	if it.ShowIf != nil {
		v.showIf(i, *it.ShowIf)
	}
}

// showIf checks that a follow-up's condition names an earlier closed item
// and values that item can take.
func (v *validator) showIf(i int, c Condition) {
	f := itemField(i, "show_if")
	at := slices.IndexFunc(v.in.Items[:i], func(it Item) bool { return it.Key == c.Item })
	if at < 0 || !v.in.Items[at].MultipleChoice() {
		v.fail(f+".item", ProblemShowIfItem, c.Item)
		return
	}
	on := v.in.Items[at]
	if on.Type == TypeChoice {
		if len(c.In) == 0 || c.Min != nil || c.Max != nil {
			v.fail(f+".in", ProblemShowIfValue, "")
		}
		for _, k := range c.In {
			if !on.HasOption(k) {
				v.fail(f+".in", ProblemShowIfValue, k)
			}
		}
		return
	}
	lo, hi := on.Range(0)
	bad := len(c.In) > 0 || (c.Min == nil && c.Max == nil)
	for _, b := range []*int{c.Min, c.Max} {
		if b != nil && (int64(*b) < lo || int64(*b) > hi) {
			bad = true
		}
	}
	if c.Min != nil && c.Max != nil && *c.Min > *c.Max {
		bad = true
	}
	if bad {
		v.fail(f, ProblemShowIfValue, "")
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
