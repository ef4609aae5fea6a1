package server

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey"
)

// editorPage is the survey editor: the draft of the next version, and
// what is wrong with it.
type editorPage struct {
	Draft            *survey.Instrument
	Current, Next    int
	Versions         []versionRow
	Items            []editorItem
	Scales           []editorScale
	Types            []string
	Problems         map[string]string // field → message
	ProblemList      []problemRow
	DraftSaved       bool
	PreviewKiosk     string
	PreviewPhone     string
	CardSurvey       bool
	NewItemTypeLabel map[string]string
}

// versionRow is one published version.
type versionRow struct {
	Version int
	At, By  string
	Builtin bool
}

// editorItem is one question of the draft as the editor shows it.
type editorItem struct {
	survey.Item
	Index int
	// Fixed says a published version has the item: its key and type stay.
	Fixed bool
	// Earlier are the questions before it a follow-up may depend on.
	Earlier []survey.Item
	// Min, Max and In are its follow-up condition as typed.
	On, Min, Max, In string
	Options          []editorOption
	// Changed says its wording differs from the current version's.
	Changed bool
}

// editorOption is one option of a choice question.
type editorOption struct {
	survey.Option
	Index int
	Fixed bool
}

// editorScale is one scale's labels.
type editorScale struct {
	Type   string
	Labels []survey.Text
}

// problemRow is one problem, for the list at the top of the editor.
type problemRow struct{ Field, Message string }

// surveyDraftShow shows the editor for a survey's next version.
func (s *Server) surveyDraftShow(c *fiber.Ctx) error {
	in, err := s.draftOf(c.UserContext(), c.Params("key"))
	if err != nil {
		return err
	}
	p := s.staffPage(c, "editor.title")
	if c.Query("published") != "" {
		p.Info = fmt.Sprintf(p.T("editor.published"), c.Query("published"))
	}
	return s.renderEditor(c, fiber.StatusOK, p, in)
}

// renderEditor draws the editor for the draft, with its problems as the
// next version of its survey.
func (s *Server) renderEditor(c *fiber.Ctx, status int, p page, in *survey.Instrument) error {
	ctx := c.UserContext()
	cur := s.reg.Current(in.Key)
	ep := editorPage{Draft: in, Current: cur.Version, Next: cur.Version + 1, Types: survey.Types, Problems: map[string]string{},
		CardSurvey:   in.Key == survey.CardSurvey,
		PreviewKiosk: "/admin/surveys/" + in.Key + "/preview/kiosk", PreviewPhone: "/admin/surveys/" + in.Key + "/preview/phone"}
	for _, v := range s.reg.Versions(in.Key) {
		at, by, ok, err := s.db.Published(ctx, in.Key, v.Version)
		if err != nil {
			return err
		}
		if len(at) >= 10 {
			at = at[:10]
		}
		ep.Versions = append(ep.Versions, versionRow{Version: v.Version, At: at, By: by, Builtin: !ok})
	}
	for _, t := range sortedScaleTypes(in) {
		ep.Scales = append(ep.Scales, editorScale{Type: t, Labels: in.Scales[t]})
	}
	for i, it := range in.Items {
		ei := editorItem{Item: it, Index: i, Fixed: s.published(in.Key, it.Key), Earlier: closedItems(in.Items[:i])}
		if was, ok := cur.Item(it.Key); ok && was.Wording() != it.Wording() {
			ei.Changed = true
		}
		if c := it.ShowIf; c != nil {
			ei.On, ei.In = c.Item, strings.Join(c.In, ", ")
			if c.Min != nil {
				ei.Min = strconv.Itoa(*c.Min)
			}
			if c.Max != nil {
				ei.Max = strconv.Itoa(*c.Max)
			}
		}
		for j, o := range it.Options {
			ei.Options = append(ei.Options, editorOption{Option: o, Index: j, Fixed: s.publishedOption(in.Key, it.Key, o.Key)})
		}
		ep.Items = append(ep.Items, ei)
	}
	next := *in
	next.Version = ep.Next
	var ps survey.Problems
	if err := next.ValidateNext(s.reg.Versions(in.Key)); errors.As(err, &ps) {
		for _, pr := range ps {
			msg := s.problemMessage(p.Lang, pr)
			if _, seen := ep.Problems[pr.Field]; !seen {
				ep.Problems[pr.Field] = msg
			}
			ep.ProblemList = append(ep.ProblemList, problemRow{Field: pr.Field, Message: msg})
		}
	}
	p.Data = ep
	return s.renderStaff(c, status, "survey_editor.html", p)
}

// closedItems are the items a follow-up can depend on.
func closedItems(items []survey.Item) []survey.Item {
	var out []survey.Item
	for _, it := range items {
		if it.MultipleChoice() {
			out = append(out, it)
		}
	}
	return out
}

// sortedScaleTypes lists the draft's scales in the order of the types.
func sortedScaleTypes(in *survey.Instrument) []string {
	var out []string
	for _, t := range survey.Types {
		if _, ok := in.Scales[t]; ok {
			out = append(out, t)
		}
	}
	return out
}
