package survey

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// Channels a response can arrive through.
const (
	ChannelKiosk = "kiosk"
	ChannelPaper = "paper"
	ChannelWeb   = "web"
)

// Channels lists every channel.
var Channels = []string{ChannelKiosk, ChannelPaper, ChannelWeb}

// DateLayout is how a day is written in the API and the store.
const DateLayout = "2006-01-02"

// ErrMalformed means the body is not a JSON object at all.
var ErrMalformed = errors.New("body is not a JSON object")

// Submission is a response as a client sent it: decoded, not yet checked.
type Submission struct {
	ID      json.RawMessage
	Survey  json.RawMessage
	Lang    json.RawMessage
	Card    json.RawMessage
	Channel json.RawMessage
	Date    json.RawMessage
	Answers json.RawMessage
	unknown []string
	twice   []string // fields given more than once
}

// Response is a checked response, ready to store. It carries only what the
// privacy rules allow: the day, survey and version, language, channel,
// card and answers.
type Response struct {
	ID      string // canonical lower-case UUID chosen by the client
	Survey  string
	Version int
	Lang    string
	Channel string
	Card    string // card code, or empty
	Day     string // YYYY-MM-DD
	Answers []Answer
	// Hash identifies the submitted content, so that a resend of the
	// same id can be told apart from a different response reusing it.
	Hash []byte
}

// Answer is one answered item.
type Answer struct {
	Item   string
	Type   string
	Num    int64  // numeric items
	Choice string // choice items
	Text   string // text items
}

// FieldError names one bad field with a stable code; the message is looked
// up per language from the code.
type FieldError struct {
	Field string `json:"field"`
	Code  string `json:"code"`
}

// Error codes of FieldError.
const (
	CodeRequired        = "required"
	CodeInvalidType     = "invalid_type"
	CodeInvalidID       = "invalid_id"
	CodeUnknownField    = "unknown_field"
	CodeUnknownSurvey   = "unknown_survey"
	CodeUnknownItem     = "unknown_item"
	CodeUnknownOption   = "unknown_option"
	CodeUnknownCard     = "unknown_card"
	CodeUnknownLanguage = "unknown_language"
	CodeUnknownChannel  = "unknown_channel"
	CodeWrongChannel    = "wrong_channel"
	CodeWrongCard       = "wrong_card"
	CodeOutOfRange      = "out_of_range"
	CodeTooLong         = "too_long"
	CodeEmpty           = "empty"
	CodeDuplicateKey    = "duplicate_key"
	CodeRetiredCard     = "retired_card"
	CodeInvalidDate     = "invalid_date"
	CodeFutureDate      = "future_date"
	CodeDateNotAllowed  = "date_not_allowed"
	CodeTooSpecific     = "too_specific"
	CodeNotApplicable   = "not_applicable"
)

// Codes lists every FieldError code, for catalogue checks.
var Codes = []string{
	CodeRequired, CodeInvalidType, CodeInvalidID, CodeUnknownField,
	CodeUnknownSurvey, CodeUnknownItem, CodeUnknownOption, CodeUnknownCard,
	CodeUnknownLanguage, CodeUnknownChannel, CodeWrongChannel, CodeWrongCard,
	CodeOutOfRange, CodeTooLong, CodeEmpty, CodeDuplicateKey, CodeRetiredCard,
	CodeInvalidDate, CodeFutureDate, CodeDateNotAllowed, CodeNotApplicable,
}

// Decode parses a request body. It fails only when the body is not a JSON
// object; everything else, a field given twice included, is left for
// Check to report field by field.
func Decode(body []byte) (Submission, error) {
	if !json.Valid(body) {
		return Submission{}, ErrMalformed
	}
	fields, twice, ok := members(body)
	if !ok {
		return Submission{}, ErrMalformed
	}
	s := Submission{twice: twice}
	targets := map[string]*json.RawMessage{
		"id": &s.ID, "survey": &s.Survey, "lang": &s.Lang, "card": &s.Card,
		"channel": &s.Channel, "date": &s.Date, "answers": &s.Answers,
	}
	for _, m := range fields {
		if t, ok := targets[m.key]; ok {
			*t = m.value
		} else if !slices.Contains(s.unknown, m.key) {
			s.unknown = append(s.unknown, m.key)
		}
	}
	sort.Strings(s.unknown)
	return s, nil
}

// SurveyKey is the survey the submission names, or "".
func (s Submission) SurveyKey() string {
	var key string
	_ = json.Unmarshal(s.Survey, &key)
	return strings.TrimSpace(key)
}

// Rules are what Check needs to know beyond the body.
type Rules struct {
	Registry *Registry
	// Today is the server's date in the organisation's time zone.
	Today time.Time
	// Channel is the channel the credential submits through; empty allows
	// any channel (imports).
	Channel string
	// Card is set when the credential belongs to one card (web tokens).
	Card string
	// Cards tells what is known of a card code.
	Cards func(code string) CardState
}

// CardState is what Check knows of a card code.
type CardState int

// Card states. A retired card is no longer offered on kiosks, so a kiosk
// answer naming it is refused; paper cards and printed tokens handed out
// before it was retired still count.
const (
	CardUnknown CardState = iota
	CardInUse
	CardRetired
)

// dateAllowed reports whether the channel may carry its own date.
func (r Rules) dateAllowed() bool { return r.Channel == "" || r.Channel == ChannelPaper }

// MessageLang returns the submission's language if it is a valid one, for
// choosing the language of error messages, or "".
func (s Submission) MessageLang() string {
	var lang string
	if json.Unmarshal(s.Lang, &lang) == nil && ValidLanguage(lang) {
		return lang
	}
	return ""
}

// Check validates the submission against the rules and returns the
// response to store, or every field that is wrong.
func Check(s Submission, rules Rules) (Response, []FieldError) {
	c := checker{rules: rules}
	var r Response
	for _, name := range s.twice {
		c.fail(name, CodeDuplicateKey)
	}
	for _, name := range s.unknown {
		c.fail(name, CodeUnknownField)
	}
	if id, ok := c.str("id", s.ID, true); ok {
		u, err := uuid.Parse(id)
		if err != nil || len(id) != 36 {
			c.fail("id", CodeInvalidID)
		} else {
			r.ID = u.String()
		}
	}
	var in *Instrument
	if key, ok := c.str("survey", s.Survey, true); ok {
		if in = rules.Registry.Current(key); in == nil {
			c.fail("survey", CodeUnknownSurvey)
		} else {
			r.Survey, r.Version = in.Key, in.Version
		}
	}
	if lang, ok := c.str("lang", s.Lang, true); ok {
		if !ValidLanguage(lang) {
			c.fail("lang", CodeUnknownLanguage)
		} else {
			r.Lang = lang
		}
	}
	r.Channel = c.channel(s.Channel)
	r.Card = c.card(s.Card)
	r.Day = c.day(s.Date)
	if in != nil {
		r.Answers = c.answers(in, s.Answers)
	} else if len(s.Answers) > 0 && !isNull(s.Answers) && !isObject(s.Answers) {
		c.fail("answers", CodeInvalidType)
	}
	if len(c.errs) > 0 {
		return Response{}, c.errs
	}
	r.Hash = hash(r, s.Date)
	return r, nil
}

type checker struct {
	rules Rules
	errs  []FieldError
}

func (c *checker) fail(field, code string) {
	c.errs = append(c.errs, FieldError{Field: field, Code: code})
}

// str reads an optional or required string field; empty counts as absent.
func (c *checker) str(field string, raw json.RawMessage, required bool) (string, bool) {
	if len(raw) == 0 || isNull(raw) {
		if required {
			c.fail(field, CodeRequired)
		}
		return "", false
	}
	v, ok := jsonString(raw)
	if !ok {
		c.fail(field, CodeInvalidType)
		return "", false
	}
	v = strings.TrimSpace(v)
	if v == "" {
		if required {
			c.fail(field, CodeRequired)
		}
		return "", false
	}
	return v, true
}

func (c *checker) channel(raw json.RawMessage) string {
	ch, ok := c.str("channel", raw, false)
	switch {
	case !ok:
		if c.rules.Channel == "" {
			c.fail("channel", CodeRequired)
		}
		return c.rules.Channel
	case !isChannel(ch):
		c.fail("channel", CodeUnknownChannel)
	case c.rules.Channel != "" && ch != c.rules.Channel:
		c.fail("channel", CodeWrongChannel)
	}
	return ch
}

func isChannel(ch string) bool {
	for _, c := range Channels {
		if c == ch {
			return true
		}
	}
	return false
}

func (c *checker) card(raw json.RawMessage) string {
	code, ok := c.str("card", raw, false)
	if !ok {
		return c.rules.Card
	}
	code = strings.ToUpper(code)
	if c.rules.Card != "" && code != c.rules.Card {
		c.fail("card", CodeWrongCard)
		return code
	}
	state := CardUnknown
	if c.rules.Cards != nil {
		state = c.rules.Cards(code)
	}
	switch {
	case state == CardUnknown:
		c.fail("card", CodeUnknownCard)
	case state == CardRetired && c.rules.Channel == ChannelKiosk:
		c.fail("card", CodeRetiredCard)
	}
	return code
}

func (c *checker) day(raw json.RawMessage) string {
	today := c.rules.Today.Format(DateLayout)
	date, ok := c.str("date", raw, false)
	if !ok {
		return today
	}
	if !c.rules.dateAllowed() {
		c.fail("date", CodeDateNotAllowed)
		return today
	}
	d, err := time.Parse(DateLayout, date)
	if err != nil {
		c.fail("date", CodeInvalidDate)
		return today
	}
	if d.Format(DateLayout) > today {
		c.fail("date", CodeFutureDate)
		return today
	}
	if d.Year() < 2000 {
		c.fail("date", CodeOutOfRange)
	}
	return d.Format(DateLayout)
}

func (c *checker) answers(in *Instrument, raw json.RawMessage) []Answer {
	if len(raw) == 0 || isNull(raw) {
		c.fail("answers", CodeEmpty)
		return nil
	}
	fields, twice, ok := members(raw)
	if !ok {
		c.fail("answers", CodeInvalidType)
		return nil
	}
	for _, k := range twice {
		c.fail("answers."+k, CodeDuplicateKey)
	}
	slices.SortStableFunc(fields, func(a, b member) int { return strings.Compare(a.key, b.key) })
	out := make([]Answer, 0, len(fields))
	order := make([]int, 0, len(fields)) // each answer's place in the instrument
	for i, m := range fields {
		if i > 0 && fields[i-1].key == m.key {
			continue
		}
		field := "answers." + m.key
		at := slices.IndexFunc(in.Items, func(it Item) bool { return it.Key == m.key })
		if at < 0 {
			c.fail(field, CodeUnknownItem)
			continue
		}
		if a, ok := c.answer(field, in.Items[at], m.value); ok {
			out = append(out, a)
			order = append(order, at)
		}
	}
	// A follow-up answered when its condition does not hold was never
	// asked.
	for i, a := range out {
		if !in.Items[order[i]].Applies(out) {
			c.fail("answers."+a.Item, CodeNotApplicable)
		}
	}
	if len(c.errs) == 0 && len(out) == 0 {
		c.fail("answers", CodeEmpty)
	}
	// Keep the instrument's order, so the stored layout is stable.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && order[j] < order[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	return out
}

// answer checks one value. Null, and a string with nothing in it but
// white space and control characters, leave the item unanswered.
func (c *checker) answer(field string, it Item, raw json.RawMessage) (Answer, bool) {
	if isNull(raw) || string(raw) == `""` {
		return Answer{}, false
	}
	a := Answer{Item: it.Key, Type: it.Type}
	if it.CantSay && string(bytes.TrimSpace(raw)) == `"`+CantSay+`"` {
		a.Choice = CantSay
		return a, true
	}
	if it.Numeric() {
		n, ok := wholeNumber(raw)
		if !ok {
			c.fail(field, CodeInvalidType)
			return a, false
		}
		if lo, hi := it.Range(c.rules.Today.Year()); n < lo || n > hi {
			c.fail(field, CodeOutOfRange)
			return a, false
		}
		a.Num = n
		return a, true
	}
	s, ok := jsonString(raw)
	if !ok {
		c.fail(field, CodeInvalidType)
		return a, false
	}
	s = cleanText(s)
	if !hasContent(s) {
		return a, false
	}
	if it.Type == TypeChoice {
		if !it.HasOption(s) {
			c.fail(field, CodeUnknownOption)
			return a, false
		}
		a.Choice = s
		return a, true
	}
	if utf8.RuneCountInString(s) > MaxTextLength {
		c.fail(field, CodeTooLong)
		return a, false
	}
	a.Text = s
	return a, true
}

// wholeNumber accepts a JSON number with no fractional part.
func wholeNumber(raw json.RawMessage) (int64, bool) {
	if len(raw) > 0 && len(raw) < 16 && strings.Trim(string(raw[1:]), "0123456789") == "" &&
		(raw[0] == '-' && len(raw) > 1 || raw[0] >= '0' && raw[0] <= '9') {
		n, err := strconv.ParseInt(string(raw), 10, 64)
		return n, err == nil
	}
	var f float64
	if err := json.Unmarshal(raw, &f); err != nil {
		return 0, false
	}
	if f != math.Trunc(f) || math.Abs(f) > 1e15 {
		return 0, false
	}
	return int64(f), true
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

func isObject(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) > 0 && t[0] == '{'
}

// hash digests what the client said, in a canonical form: resending the
// same response with keys in another order is still the same response.
// The server's date is left out, since a kiosk may resend days later.
func hash(r Response, date json.RawMessage) []byte {
	clientDate, _ := jsonString(date)
	b := make([]byte, 0, 256)
	for _, s := range []string{r.Survey, r.Lang, r.Channel, r.Card, strings.TrimSpace(clientDate)} {
		b = append(strconv.AppendQuote(b, s), '\n')
	}
	// Each line as fmt's "%q=%d|%q|%q\n" writes it, which is what the
	// stored hashes were made with.
	for _, a := range r.Answers {
		b = append(strconv.AppendQuote(b, a.Item), '=')
		b = append(strconv.AppendInt(b, a.Num, 10), '|')
		b = append(strconv.AppendQuote(b, a.Choice), '|')
		b = append(strconv.AppendQuote(b, a.Text), '\n')
	}
	sum := sha256.Sum256(b)
	return sum[:]
}
