// Package survey holds Palaute's instruments as data and the rules that
// decide whether a submitted response is valid.
package survey

import (
	"slices"
	"strings"
)

// Languages are the languages every instrument text must exist in, in the
// order they are offered to clients.
var Languages = []string{"fi", "sv", "en"}

// ValidLanguage reports whether lang is one of Languages.
func ValidLanguage(lang string) bool { return slices.Contains(Languages, lang) }

// Item types, as named in the product contract.
const (
	TypeLikert5 = "likert5" // 1–5, strongly disagree … strongly agree
	TypeRating5 = "rating5" // 1–5 smiley faces
	TypeChoice  = "choice"  // one of the item's option keys
	TypeYear    = "year"    // four-digit year, 1900 … current year
	TypeMonths  = "months"  // non-negative whole months
	TypeText    = "text"    // free text, at most MaxTextLength characters
	TypeNPS     = "nps"     // 0–10, how likely the client would recommend the service
)

// Types lists every item type.
var Types = []string{TypeLikert5, TypeRating5, TypeNPS, TypeChoice, TypeYear, TypeMonths, TypeText}

// CantSay is the answer of a five-point agreement item that allows it:
// the client cannot say. It is stored and counted as its own share, and
// left out of means, SDs and tests.
const CantSay = "cant_say"

// CardSurvey is the instrument printed on worker cards, which a card's
// one-time token answers, and the one kiosks start with.
const CardSurvey = "visit"

// MaxTextLength is the longest free-text answer, in characters.
const MaxTextLength = 2000

// MaxMonths caps the months item at a century: anything longer is a typo.
const MaxMonths = 1200

// MinYear is the earliest birth year accepted.
const MinYear = 1900

// Text is one wording in every language, keyed by language code.
type Text map[string]string

// Instrument is one version of a questionnaire.
type Instrument struct {
	Key     string            `json:"key"`
	Version int               `json:"version"`
	Title   Text              `json:"title"`
	Intro   Text              `json:"intro,omitempty"`
	Groups  []Group           `json:"groups"`
	Scales  map[string][]Text `json:"scales,omitempty"`
	Items   []Item            `json:"items"`
	// Annual marks a survey run once a year, in the organisation's survey
	// period, so that years compare; others run all year.
	Annual bool `json:"annual,omitempty"`
	// Period is when an annual survey runs each year, MM-DD..MM-DD; the
	// organisation's survey period without it.
	Period string `json:"period,omitempty"`
}

// Group gathers items that are reported together.
type Group struct {
	Key   string `json:"key"`
	Title Text   `json:"title"`
}

// Item is one question.
type Item struct {
	Key   string `json:"key"`
	Type  string `json:"type"`
	Group string `json:"group"`
	Text  Text   `json:"text"`
	// Short is the item's name where reports have little room: axes,
	// legends, sheet rows. Reports fall back to Text without it.
	Short   Text     `json:"short,omitempty"`
	Options []Option `json:"options,omitempty"`
	// Ordered says a choice item's options run from the most positive to
	// the least in their order, so reports test it by rank, not as
	// unordered categories, and colour it like a scale.
	Ordered bool `json:"ordered,omitempty"`
	// Dimension marks a background item that reports break responses
	// down by: DimensionGender, DimensionAge or DimensionClientTime.
	Dimension string `json:"dimension,omitempty"`
	// Role gives the item a part in the outputs: RoleOverall marks the
	// headline item.
	Role string `json:"role,omitempty"`
	// CantSay lets a likert5 item be answered "can't say" (CantSay).
	CantSay bool `json:"cant_say,omitempty"`
	// ShowIf asks the item only when an earlier answer meets it.
	ShowIf *Condition `json:"show_if,omitempty"`
	// SameScreen shows the item on the same screen as the one before it,
	// as a comment on it.
	SameScreen bool `json:"same_screen,omitempty"`
	// Wall is how the lobby poster states a choice item's result, in one
	// plain sentence per language; {option} stands for that option's share
	// in tenths ("7" of 10).
	Wall Text `json:"wall,omitempty"`
}

// Label is the item's short name in lang, or its full text without one.
func (it Item) Label(lang string) string {
	if it.Short[lang] != "" {
		return it.Short[lang]
	}
	return it.Text[lang]
}

// Wording is what a client reads of the item, in every language: its
// question and, for a choice item, its options' texts. Two versions word
// an item alike when their wordings are equal; the short label is the
// reports' own name for the item and does not count.
func (it Item) Wording() string {
	var b strings.Builder
	texts := []Text{it.Text}
	for _, o := range it.Options {
		texts = append(texts, o.Text)
	}
	for _, t := range texts {
		for _, lang := range Languages {
			b.WriteString(t[lang])
			b.WriteByte(0)
		}
		b.WriteByte(1)
	}
	return b.String()
}

// Ranked says an item's values are in order, so that reports compare them
// by rank: five-point scales, bands and ordered choices.
func (it Item) Ranked() bool {
	switch it.Type {
	case TypeChoice:
		return it.Ordered
	case TypeText:
		return false
	}
	return true
}

// Option is one answer of a choice item.
type Option struct {
	Key  string `json:"key"`
	Text Text   `json:"text"`
}

// Item returns the item with the given key.
func (in *Instrument) Item(key string) (Item, bool) {
	for _, it := range in.Items {
		if it.Key == key {
			return it, true
		}
	}
	return Item{}, false
}

// HasOption reports whether key is one of the item's options.
func (it Item) HasOption(key string) bool {
	return slices.ContainsFunc(it.Options, func(o Option) bool { return o.Key == key })
}

// MultipleChoice reports whether the item is answered by picking from a
// fixed set (options or a five-point scale) rather than written in.
func (it Item) MultipleChoice() bool {
	switch it.Type {
	case TypeChoice, TypeLikert5, TypeRating5, TypeNPS:
		return true
	}
	return false
}

// Range is the lowest and highest whole number a numeric item takes,
// a year item's in the given current year.
func (it Item) Range(thisYear int) (lo, hi int64) {
	switch it.Type {
	case TypeNPS:
		return 0, 10
	case TypeYear:
		return MinYear, int64(thisYear)
	case TypeMonths:
		return 0, MaxMonths
	}
	return 1, 5
}

// Numeric reports whether the item's answer is a whole number.
func (it Item) Numeric() bool {
	switch it.Type {
	case TypeLikert5, TypeRating5, TypeNPS, TypeYear, TypeMonths:
		return true
	}
	return false
}
