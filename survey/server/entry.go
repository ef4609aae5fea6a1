package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"palaute/survey/printing"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"palaute/report"
	"palaute/survey"
	"palaute/survey/store"
)

// The paper data-entry page keys in any instrument a paper form exists
// for: the visit card, and the annual surveys. Its fields come from the
// instrument, one per item in order, typed for the keyboard: a digit for
// a choice or a five-point item, four digits for a year, years and months
// for a time, text for text. Then the card's language, the day it was
// received and, for the visit card, its QR code as a scanner types it.

// entryForm is the paper data-entry page's state.
type entryForm struct {
	Action     string
	Survey     string // the instrument's key
	Surveys    []entryChoice
	Legend     []string // what the digits of the five-point scales mean
	Fields     []entryField
	Errors     []string
	Columns    []string
	Batch      []entryRow
	BatchValue string // ids of this batch, comma-separated
	Query      string // survey, batch and what carries over, for links
}

// entryChoice is one instrument the page can key in.
type entryChoice struct {
	Key, Title, Href string
	Current          bool
}

// entryField is one input of the form, in tab order.
type entryField struct {
	ID, Label, Hint, Value, Placeholder string
	MaxLength                           int
	Numeric                             bool
	Invalid                             bool
	Focus                               bool // where the keyboard starts
}

// entryRow is one keyed-in card of the batch, as labels.
type entryRow struct {
	ID    string
	Cells []string
}

// Fields of the form that are not items.
const (
	fieldCard  = "card"
	fieldLang  = "lang"
	fieldDate  = "date"
	fieldToken = "token"
	itemPrefix = "a-"
	monthsPart = "-m" // the months of a months item; its years have no suffix
)

// entrySurveys are the instruments paper answers can be keyed in for:
// every one, the card survey first.
func (s *Server) entrySurveys() []*survey.Instrument {
	return cardSurveyFirst(s.reg.List())
}

// cardSurveyFirst puts the card survey first, keeping the others' order.
func cardSurveyFirst(list []*survey.Instrument) []*survey.Instrument {
	slices.SortStableFunc(list, func(a, b *survey.Instrument) int {
		switch {
		case a.Key == b.Key:
			return 0
		case a.Key == survey.CardSurvey:
			return -1
		case b.Key == survey.CardSurvey:
			return 1
		}
		return 0
	})
	return list
}

// entrySurvey is the instrument the request keys in: ?survey= or the
// form's survey field, the visit card when neither names one.
func (s *Server) entrySurvey(key string) (*survey.Instrument, error) {
	if key == "" {
		key = survey.CardSurvey
	}
	for _, in := range s.entrySurveys() {
		if in.Key == key {
			return in, nil
		}
	}
	return nil, fiber.ErrNotFound
}

// hasCards reports whether the instrument is answered on worker cards.
func hasCards(in *survey.Instrument) bool { return in.Key == survey.CardSurvey }

// itemID is the input of an item.
func itemID(key string) string { return itemPrefix + key }

// numbered gives a survey's scale items the numbers its printed form gives
// them; worker cards number nothing.
func numbered(in *survey.Instrument) map[string]int {
	if hasCards(in) {
		return map[string]int{}
	}
	return printing.Numbers(in)
}

// itemLabel is an item's question as the form shows it.
func itemLabel(in *survey.Instrument, it survey.Item, lang string) string {
	if n, ok := numbered(in)[it.Key]; ok {
		return fmt.Sprintf("%d. %s", n, it.Text[lang])
	}
	return it.Text[lang]
}

// fields lays out the form for the instrument with the values given.
func (s *Server) fields(p page, in *survey.Instrument, values map[string]string) []entryField {
	var out []entryField
	if hasCards(in) {
		out = append(out, entryField{ID: fieldCard, Label: p.T("entry.card"), Placeholder: p.T("entry.card_placeholder"), MaxLength: 12})
	}
	labels := report.Labels{Lang: p.Lang, Catalog: p.cat}
	for _, it := range in.Items {
		f := entryField{ID: itemID(it.Key), Label: itemLabel(in, it, p.Lang)}
		switch it.Type {
		case survey.TypeChoice:
			var opts []string
			for i, o := range it.Options {
				opts = append(opts, fmt.Sprintf("%d %s", i+1, o.Text[p.Lang]))
			}
			f.Hint, f.MaxLength, f.Numeric = strings.Join(opts, " · "), 2, true
		case survey.TypeLikert5, survey.TypeRating5:
			f.Hint, f.MaxLength, f.Numeric = "1–5", 1, true
			if _, ok := numbered(in)[it.Key]; !ok {
				f.Hint = scaleHint(in, it.Type, p.Lang)
			}
			if it.CantSay {
				f.Hint += " · 0 " + labels.CantSay()
			}
		case survey.TypeNPS:
			f.Hint, f.MaxLength, f.Numeric = "0–10", 2, true
			if ends := in.Scales[it.Type]; len(ends) == 2 {
				f.Hint = fmt.Sprintf("0 %s … 10 %s", ends[0][p.Lang], ends[1][p.Lang])
			}
		case survey.TypeYear:
			f.Hint, f.MaxLength, f.Numeric, f.Placeholder = p.T("entry.year_hint"), 4, true, p.T("entry.year_placeholder")
		case survey.TypeMonths:
			f.Hint, f.MaxLength, f.Numeric = p.T("entry.years"), 3, true
			out = append(out, f)
			f = entryField{ID: itemID(it.Key) + monthsPart, Label: it.Text[p.Lang], Hint: p.T("entry.months"), MaxLength: 3, Numeric: true}
		default:
			f.MaxLength = survey.MaxTextLength
		}
		if it.ShowIf != nil {
			f.Hint = strings.TrimPrefix(f.Hint+" · ", " · ") + labels.Condition(in, it, numbered(in)[it.ShowIf.Item])
		}
		out = append(out, f)
	}
	out = append(out,
		entryField{ID: fieldLang, Label: p.T("entry.lang"), Hint: "fi · sv · en", MaxLength: 2},
		entryField{ID: fieldDate, Label: p.T("entry.date"), Placeholder: p.T("entry.date_placeholder"), MaxLength: 10})
	if hasCards(in) {
		out = append(out, entryField{ID: fieldToken, Label: p.T("entry.token"), Hint: p.T("entry.token_hint"), MaxLength: 300})
	}
	for i := range out {
		out[i].Value = values[out[i].ID]
	}
	return out
}

// batchIDs reads the batch's ids from the form or the query.
func batchIDs(c *fiber.Ctx) []string {
	raw := c.FormValue("batch", c.Query("batch"))
	var ids []string
	for _, id := range strings.Split(raw, ",") {
		if u, err := uuid.Parse(strings.TrimSpace(id)); err == nil {
			ids = append(ids, u.String())
		}
	}
	return ids
}

// entryError is one problem of a keyed-in card: the input it concerns and
// what to do, in plain words.
type entryError struct {
	Field   string
	Message string
}

// renderEntry draws the data-entry page with the batch so far. The first
// input with a problem takes the focus, its text selected, so that typing
// replaces it.
func (s *Server) renderEntry(c *fiber.Ctx, status int, action string, in *survey.Instrument, values map[string]string, errs []entryError, ids []string) error {
	p := s.staffPage(c, "entry.title")
	f := entryForm{Action: action, Survey: in.Key, BatchValue: strings.Join(ids, ","), Fields: s.fields(p, in, values)}
	q := url.Values{"survey": {in.Key}}
	if len(ids) > 0 {
		q.Set("batch", f.BatchValue)
	}
	f.Query = q.Encode()
	for _, other := range s.entrySurveys() {
		f.Surveys = append(f.Surveys, entryChoice{Key: other.Key, Title: other.Title[p.Lang], Href: "/entry?survey=" + url.QueryEscape(other.Key), Current: other.Key == in.Key})
	}
	// The numbered statements' scales, as the printed form heads them.
	nums := numbered(in)
	for _, scale := range []string{survey.TypeLikert5, survey.TypeRating5} {
		var which []int
		for _, it := range in.Items {
			if n, ok := nums[it.Key]; ok && it.Type == scale {
				which = append(which, n)
			}
		}
		if len(which) > 0 {
			f.Legend = append(f.Legend, span(which)+": "+scaleHint(in, scale, p.Lang))
		}
	}
	bad := map[string]bool{}
	for _, e := range errs {
		f.Errors = append(f.Errors, e.Message)
		bad[e.Field] = true
	}
	focus := 0
	for i := len(f.Fields) - 1; i >= 0; i-- {
		if f.Fields[i].Invalid = bad[f.Fields[i].ID]; f.Fields[i].Invalid {
			focus = i
		}
	}
	f.Fields[focus].Focus = true
	if hasCards(in) {
		f.Columns = append(f.Columns, p.T("entry.card_short"))
	}
	for _, it := range in.Items {
		if it.Type == survey.TypeText {
			continue
		}
		if n, ok := nums[it.Key]; ok {
			f.Columns = append(f.Columns, fmt.Sprintf("%d.", n))
		} else {
			f.Columns = append(f.Columns, it.Text[p.Lang])
		}
	}
	for i := len(ids) - 1; i >= 0; i-- {
		r, err := s.db.ResponseByID(c.UserContext(), ids[i])
		if errors.Is(err, store.ErrNotFound) || (err == nil && r.Survey != in.Key) {
			continue
		}
		if err != nil {
			return err
		}
		row := entryRow{ID: r.ID}
		if hasCards(in) {
			row.Cells = append(row.Cells, r.Card)
		}
		for _, it := range in.Items {
			switch _, isNumbered := nums[it.Key]; {
			case it.Type == survey.TypeText:
			case isNumbered && r.Answers[it.Key] != "" && r.Answers[it.Key] != survey.CantSay:
				// A numbered statement's digit, as ticked on the form.
				row.Cells = append(row.Cells, r.Answers[it.Key])
			default:
				row.Cells = append(row.Cells, answerLabel(in, it, r.Answers[it.Key], p))
			}
		}
		f.Batch = append(f.Batch, row)
	}
	p.Data = f
	return s.renderStaff(c, status, "entry.html", p)
}

// scaleHint says what a five-point scale's ends mean.
func scaleHint(in *survey.Instrument, scale, lang string) string {
	labels := in.Scales[scale]
	if len(labels) != 5 {
		return "1–5"
	}
	return fmt.Sprintf("1 %s … 5 %s", labels[0][lang], labels[4][lang])
}

// span writes item numbers as 1–11, or 12 alone.
func span(ns []int) string {
	if len(ns) == 1 {
		return strconv.Itoa(ns[0])
	}
	return fmt.Sprintf("%d–%d", ns[0], ns[len(ns)-1])
}

// problem writes what is wrong with a field: its label, then what to do.
func problem(label, msg string) string {
	return strings.TrimSuffix(label, ".") + " – " + msg
}

// answerLabel writes a stored answer as the page's language says it.
func answerLabel(in *survey.Instrument, it survey.Item, v string, p page) string {
	if v == "" {
		return "–"
	}
	switch it.Type {
	case survey.TypeChoice, survey.TypeLikert5, survey.TypeRating5, survey.TypeNPS:
		return report.Labels{Lang: p.Lang, Catalog: p.cat}.Value(in, it, v)
	case survey.TypeMonths:
		if n, err := strconv.Atoi(v); err == nil {
			return fmt.Sprintf("%d %s %d %s", n/12, p.T("entry.years_short"), n%12, p.T("entry.months_short"))
		}
	}
	return v
}

// formValues reads the form's inputs, trimmed.
func formValues(c *fiber.Ctx, in *survey.Instrument) map[string]string {
	values := map[string]string{}
	ids := []string{fieldCard, fieldLang, fieldDate, fieldToken}
	for _, it := range in.Items {
		ids = append(ids, itemID(it.Key))
		if it.Type == survey.TypeMonths {
			ids = append(ids, itemID(it.Key)+monthsPart)
		}
	}
	for _, id := range ids {
		values[id] = strings.TrimSpace(strings.Clone(c.FormValue(id)))
	}
	if !hasCards(in) {
		// Not on the form, so not taken either.
		values[fieldCard], values[fieldToken] = "", ""
	}
	if values[fieldLang] == "" {
		values[fieldLang] = "fi"
	}
	values[fieldLang] = strings.ToLower(values[fieldLang])
	return values
}

// readEntry turns the form into a checked paper response of the
// instrument. The response goes through the same checks as one sent to
// the API; what the keyboard form adds (digits for options, d.m.yyyy
// days, a scanned QR code) is read first. It returns the stored form of
// the card's token when one was given.
func (s *Server) readEntry(ctx context.Context, c *fiber.Ctx, in *survey.Instrument, id string) (map[string]string, survey.Response, []byte, []entryError, error) {
	values := formValues(c, in)
	p := s.staffPage(c, "entry.title")
	var errs []entryError
	fail := func(field, label, msg string) {
		errs = append(errs, entryError{Field: field, Message: problem(label, msg)})
	}
	answers := map[string]any{}
	for _, it := range in.Items {
		field := itemID(it.Key)
		v := values[field]
		label := itemLabel(in, it, p.Lang)
		switch it.Type {
		case survey.TypeChoice:
			if v == "" {
				continue
			}
			if opt, ok := choiceOf(it, v, p.Lang); ok {
				answers[it.Key] = opt
			} else {
				fail(field, label, strings.NewReplacer("{min}", "1", "{max}", strconv.Itoa(len(it.Options))).Replace(p.T("entry.digit")))
			}
		case survey.TypeLikert5, survey.TypeRating5, survey.TypeNPS, survey.TypeYear:
			if v == "" {
				continue
			}
			n, err := strconv.Atoi(v)
			lo, hi := it.Range(s.today().Year())
			if it.CantSay {
				lo = 0
			}
			switch {
			case err != nil && it.Type == survey.TypeYear:
				fail(field, label, p.T("entry.year_hint"))
			case err != nil || (it.Type != survey.TypeYear && (int64(n) < lo || int64(n) > hi)):
				fail(field, label, strings.NewReplacer("{min}", strconv.FormatInt(lo, 10), "{max}", strconv.FormatInt(hi, 10)).Replace(p.T("entry.digit")))
			case it.CantSay && n == 0:
				answers[it.Key] = survey.CantSay
			default:
				answers[it.Key] = n
			}
		case survey.TypeMonths:
			years, months := v, values[field+monthsPart]
			if years == "" && months == "" {
				continue
			}
			y, errY := strconv.Atoi(orZero(years))
			m, errM := strconv.Atoi(orZero(months))
			switch {
			case errY != nil || y < 0:
				fail(field, label, p.T("entry.whole_number"))
			case errM != nil || m < 0:
				fail(field+monthsPart, label, p.T("entry.whole_number"))
			default:
				answers[it.Key] = y*12 + m
			}
		default:
			answers[it.Key] = v
		}
	}
	var tokenHash []byte
	if raw := values[fieldToken]; raw != "" && hasCards(in) {
		hash, card, msg, err := s.scannedToken(ctx, raw, values[fieldCard], p)
		switch {
		case err != nil:
			return values, survey.Response{}, nil, nil, err
		case msg != "":
			fail(fieldToken, p.T("entry.token"), msg)
		default:
			tokenHash = hash
			if values[fieldCard] == "" {
				values[fieldCard] = card
			}
		}
	}
	day := values[fieldDate]
	if day != "" {
		if iso, ok := survey.ParseDay(day); ok {
			day = iso
		} else {
			fail(fieldDate, p.T("entry.date"), p.T("entry.date_format"))
			day = ""
		}
	}
	body, _ := json.Marshal(map[string]any{"id": id, "survey": in.Key, "lang": values[fieldLang], "card": values[fieldCard],
		"date": day, "channel": survey.ChannelPaper, "answers": answers})
	sub, err := survey.Decode(body)
	if err != nil {
		return values, survey.Response{}, nil, nil, err
	}
	cards, lookupFailed := s.db.CardCheck(ctx)
	r, fields := survey.Check(sub, survey.Rules{Registry: s.reg, Today: s.today(), Channel: survey.ChannelPaper, Cards: cards})
	if err := lookupFailed(); err != nil {
		return values, survey.Response{}, nil, nil, err
	}
	for _, f := range fields {
		if f.Code == survey.CodeEmpty && len(errs) > 0 {
			continue // what was typed was refused above, not missing
		}
		field, label := s.entryFieldOf(in, f.Field, p)
		fail(field, label, p.T("error."+f.Code))
	}
	return values, r, tokenHash, errs, nil
}

func orZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

// choiceOf reads a choice typed as its digit, its key or its text.
func choiceOf(it survey.Item, v, lang string) (string, bool) {
	if n, err := strconv.Atoi(v); err == nil && n >= 1 && n <= len(it.Options) {
		return it.Options[n-1].Key, true
	}
	for _, o := range it.Options {
		if strings.EqualFold(v, o.Key) || strings.EqualFold(v, o.Text[lang]) {
			return o.Key, true
		}
	}
	return "", false
}

// entryFieldOf names the input and its label for a field Check named.
func (s *Server) entryFieldOf(in *survey.Instrument, field string, p page) (string, string) {
	switch field {
	case fieldCard:
		return fieldCard, p.T("entry.card")
	case fieldLang:
		return fieldLang, p.T("entry.lang")
	case fieldDate:
		return fieldDate, p.T("entry.date")
	}
	if key, ok := strings.CutPrefix(field, "answers."); ok {
		if it, ok := in.Item(key); ok {
			return itemID(key), itemLabel(in, it, p.Lang)
		}
	}
	// No answer at all: the first item is where to start.
	return itemID(in.Items[0].Key), p.T("entry.answers")
}

// tokenInURL finds a card's token in the address printed in its QR code,
// as a scanner types it: …/v/TOKEN, perhaps with more after it.
var tokenInURL = regexp.MustCompile(`/v/([A-Za-z0-9_-]{20,})`)

// bareToken is a token as it is: 43 characters of URL-safe base64.
var bareToken = regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)

// scannedToken reads the token field: the printed URL as a USB scanner
// types it, the bare token, or the check code printed under the QR code.
// It returns the token's stored form and its card, or a message saying
// what is wrong.
func (s *Server) scannedToken(ctx context.Context, raw, cardCode string, p page) ([]byte, string, string, error) {
	var hash []byte
	var card store.Card
	if m := tokenInURL.FindStringSubmatch(raw); m != nil {
		raw = m[1]
	}
	switch check, isCheck := store.NormaliseCheck(raw); {
	case bareToken.MatchString(raw):
		c, used, err := s.db.CardByToken(ctx, raw)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return nil, "", p.T("entry.token_unknown"), nil
		case err != nil:
			return nil, "", "", err
		case used:
			return nil, "", p.T("entry.token_used"), nil
		}
		hash, card = store.HashSecret(raw), c
	case isCheck:
		h, c, err := s.db.TokenByCheck(ctx, cardCode, check)
		switch {
		case errors.Is(err, store.ErrAmbiguous):
			return nil, "", p.T("entry.check_ambiguous"), nil
		case errors.Is(err, store.ErrNotFound):
			return nil, "", p.T("entry.check_unknown"), nil
		case err != nil:
			return nil, "", "", err
		}
		hash, card = h, c
	default:
		return nil, "", p.T("entry.token_unknown"), nil
	}
	if cardCode != "" && !strings.EqualFold(cardCode, card.Code) {
		return nil, "", p.T("entry.token_card"), nil
	}
	return hash, card.Code, "", nil
}

// batchQuery is the query string that carries the survey, the batch, and
// the language and day the next card most likely shares.
func batchQuery(in *survey.Instrument, ids []string, values map[string]string) string {
	q := url.Values{"survey": {in.Key}}
	if len(ids) > 0 {
		q.Set("batch", strings.Join(ids, ","))
	}
	for _, k := range []string{fieldLang, fieldDate} {
		if values[k] != "" {
			q.Set(k, values[k])
		}
	}
	return "?" + q.Encode()
}
