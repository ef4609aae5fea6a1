package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"palaute/survey"
	"palaute/survey/store"
)

// entryForm is the paper data-entry page's state.
type entryForm struct {
	Action     string
	Form       map[string]string
	Errors     []string
	Batch      []store.StoredResponse
	BatchValue string // ids of this batch, comma-separated
}

// entryFields are the form's fields, in order.
var entryFields = []string{"card", "q1", "q2", "q2_text", "q3", "lang", "date", "token"}

// q1Digits maps the digit typed for q1 to its option.
var q1Digits = map[string]string{"1": "yes", "2": "partly", "3": "no"}

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

// renderEntry draws the data-entry page with the batch so far.
func (s *Server) renderEntry(c *fiber.Ctx, status int, action string, form map[string]string, errs []string, ids []string) error {
	f := entryForm{Action: action, Form: form, Errors: errs, BatchValue: strings.Join(ids, ",")}
	for i := len(ids) - 1; i >= 0; i-- {
		r, err := s.db.ResponseByID(c.UserContext(), ids[i])
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		f.Batch = append(f.Batch, r)
	}
	p := s.staffPage(c, "entry.title")
	p.Data = f
	return s.renderStaff(c, status, "entry.html", p)
}

// readEntry turns the form into a checked paper response. The response
// goes through the same checks as one sent to the API.
func (s *Server) readEntry(ctx context.Context, c *fiber.Ctx, id string) (map[string]string, survey.Response, string, []string, error) {
	form := map[string]string{}
	for _, f := range entryFields {
		form[f] = strings.TrimSpace(strings.Clone(c.FormValue(f)))
	}
	if form["lang"] == "" {
		form["lang"] = "fi"
	}
	page := s.staffPage(c, "entry.title")
	var errs []string
	answers := map[string]any{}
	if v := form["q1"]; v != "" {
		if opt, ok := q1Digits[v]; ok {
			answers["q1"] = opt
		} else {
			errs = append(errs, strings.ReplaceAll(page.T("entry.digit"), "{field}", page.T("entry.q1")))
		}
	}
	if v := form["q2"]; v != "" {
		if len(v) == 1 && v[0] >= '1' && v[0] <= '5' {
			answers["q2"] = int(v[0] - '0')
		} else {
			errs = append(errs, strings.ReplaceAll(page.T("entry.digit"), "{field}", page.T("entry.q2")))
		}
	}
	answers["q2_text"], answers["q3"] = form["q2_text"], form["q3"]
	token := form["token"]
	if token != "" {
		card, used, err := s.db.CardByToken(ctx, token)
		switch {
		case errors.Is(err, store.ErrNotFound):
			errs = append(errs, page.T("entry.token_unknown"))
		case err != nil:
			return form, survey.Response{}, "", nil, err
		case used:
			errs = append(errs, page.T("entry.token_used"))
		case form["card"] == "":
			form["card"] = card.Code
		case !strings.EqualFold(form["card"], card.Code):
			errs = append(errs, page.T("entry.token_card"))
		}
	}
	body, _ := json.Marshal(map[string]any{"id": id, "survey": "visit", "lang": form["lang"], "card": form["card"],
		"date": form["date"], "channel": survey.ChannelPaper, "answers": answers})
	sub, err := survey.Decode(body)
	if err != nil {
		return form, survey.Response{}, "", nil, err
	}
	cards, lookupFailed := s.db.CardCheck(ctx)
	r, fields := survey.Check(sub, survey.Rules{Registry: s.reg, Today: s.today(), Channel: survey.ChannelPaper, Cards: cards})
	if err := lookupFailed(); err != nil {
		return form, survey.Response{}, "", nil, err
	}
	for _, f := range fields {
		errs = append(errs, f.Field+": "+page.T("error."+f.Code))
	}
	return form, r, token, errs, nil
}

// batchQuery is the query string that carries the batch along.
func batchQuery(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return "?batch=" + url.QueryEscape(strings.Join(ids, ","))
}
