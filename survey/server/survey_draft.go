package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey"
	"palaute/survey/store"
)

// draftOf returns the draft of a survey's next version: the one an editor
// saved, or else a copy of the current version.
func (s *Server) draftOf(ctx context.Context, key string) (*survey.Instrument, error) {
	cur := s.reg.Current(key)
	if cur == nil {
		return nil, fmt.Errorf("survey %s: %w", key, store.ErrNotFound)
	}
	d, err := s.db.Draft(ctx, key)
	if errors.Is(err, store.ErrNotFound) {
		return cloneInstrument(cur), nil
	}
	if err != nil {
		return nil, err
	}
	return survey.DecodeInstrument(d.Definition)
}

// cloneInstrument is a deep copy, which an editor may change.
func cloneInstrument(in *survey.Instrument) *survey.Instrument {
	b, err := json.Marshal(in)
	if err != nil {
		panic("an instrument always encodes: " + err.Error())
	}
	var out survey.Instrument
	if err := json.Unmarshal(b, &out); err != nil {
		panic("an instrument always decodes: " + err.Error())
	}
	return &out
}

// draftForm reads the editor's form onto the draft it was drawn from.
// Fields are named by their path in the definition ("items.3.text.sv"),
// as problems name them. An item's key and type can be changed only while
// no published version has it.
func (s *Server) draftForm(c *fiber.Ctx, in *survey.Instrument) {
	val := func(name string) string { return strings.TrimSpace(strings.Clone(c.FormValue(name))) }
	text := func(prefix string, keep survey.Text) survey.Text {
		t := survey.Text{}
		for _, lang := range survey.Languages {
			t[lang] = val(prefix + "." + lang)
		}
		if keep == nil && t["fi"]+t["sv"]+t["en"] == "" {
			return nil
		}
		return t
	}
	in.Title = text("title", in.Title)
	in.Intro = text("intro", nil)
	if in.Annual {
		in.Period = val("period")
	}
	for i := range in.Groups {
		in.Groups[i].Title = text(fmt.Sprintf("groups.%d.title", i), in.Groups[i].Title)
	}
	for scale, labels := range in.Scales {
		for j := range labels {
			labels[j] = text(fmt.Sprintf("scales.%s.%d", scale, j), labels[j])
		}
	}
	for i := range in.Items {
		it := &in.Items[i]
		f := func(rest string) string { return fmt.Sprintf("items.%d.%s", i, rest) }
		if !s.published(in.Key, it.Key) {
			it.Key = val(f("key"))
			if t := val(f("type")); t != "" {
				it.Type = t
			}
		}
		it.Group = val(f("group"))
		it.Text = text(f("text"), it.Text)
		it.Short = text(f("short"), nil)
		it.CantSay = it.Type == survey.TypeLikert5 && c.FormValue(f("cant_say")) != ""
		it.SameScreen = i > 0 && c.FormValue(f("same_screen")) != ""
		for j := range it.Options {
			o := &it.Options[j]
			if !s.publishedOption(in.Key, it.Key, o.Key) {
				o.Key = val(f(fmt.Sprintf("options.%d.key", j)))
			}
			o.Text = text(f(fmt.Sprintf("options.%d.text", j)), o.Text)
		}
		it.ShowIf = nil
		if on := val(f("show_if.item")); on != "" {
			cond := &survey.Condition{Item: on, Min: formInt(val(f("show_if.min"))), Max: formInt(val(f("show_if.max")))}
			for _, k := range strings.Split(val(f("show_if.in")), ",") {
				if k = strings.TrimSpace(k); k != "" {
					cond.In = append(cond.In, k)
				}
			}
			it.ShowIf = cond
		}
	}
}

// formInt reads a whole number from a form field; nil when empty or not
// a number.
func formInt(v string) *int {
	n, err := strconv.Atoi(v)
	if err != nil {
		return nil
	}
	return &n
}

// published reports whether a published version of the survey has the
// item, whose key and type then stay.
func (s *Server) published(survey, item string) bool {
	for _, v := range s.reg.Versions(survey) {
		if _, ok := v.Item(item); ok {
			return true
		}
	}
	return false
}

// publishedOption reports whether a published version has the item's
// option, whose key then stays.
func (s *Server) publishedOption(survey, item, option string) bool {
	for _, v := range s.reg.Versions(survey) {
		if it, ok := v.Item(item); ok && it.HasOption(option) {
			return true
		}
	}
	return false
}

// draftEdit applies one of the editor's buttons to the draft: add a
// question of a type, remove or move one, add or remove an option.
func draftEdit(in *survey.Instrument, op string) {
	verb, arg, _ := strings.Cut(op, ":")
	i, err := strconv.Atoi(arg)
	valid := err == nil && i >= 0 && i < len(in.Items)
	switch {
	case verb == "add" && slices.Contains(survey.Types, arg):
		it := survey.Item{Key: newItemKey(in), Type: arg, Text: survey.Text{}}
		if len(in.Groups) > 0 {
			it.Group = in.Groups[len(in.Groups)-1].Key
		}
		if n := len(in.Items); n > 0 {
			it.Group = in.Items[n-1].Group
		}
		if arg == survey.TypeChoice {
			it.Options = []survey.Option{{Key: "a", Text: survey.Text{}}, {Key: "b", Text: survey.Text{}}}
		}
		ensureScale(in, arg)
		in.Items = append(in.Items, it)
	case verb == "remove" && valid:
		in.Items = slices.Delete(in.Items, i, i+1)
	case verb == "up" && valid && i > 0:
		in.Items[i-1], in.Items[i] = in.Items[i], in.Items[i-1]
	case verb == "down" && valid && i+1 < len(in.Items):
		in.Items[i], in.Items[i+1] = in.Items[i+1], in.Items[i]
	case verb == "addopt" && valid && in.Items[i].Type == survey.TypeChoice:
		it := &in.Items[i]
		it.Options = append(it.Options, survey.Option{Key: fmt.Sprintf("option%d", len(it.Options)+1), Text: survey.Text{}})
	case verb == "rmopt":
		a, b, _ := strings.Cut(arg, ".")
		i, err1 := strconv.Atoi(a)
		j, err2 := strconv.Atoi(b)
		if err1 == nil && err2 == nil && i >= 0 && i < len(in.Items) && j >= 0 && j < len(in.Items[i].Options) {
			in.Items[i].Options = slices.Delete(in.Items[i].Options, j, j+1)
		}
	}
}

// newItemKey is a key no item of the draft has: own1, own2, …
func newItemKey(in *survey.Instrument) string {
	for n := 1; ; n++ {
		key := "own" + strconv.Itoa(n)
		if _, ok := in.Item(key); !ok {
			return key
		}
	}
}

// ensureScale gives the draft the labels a new question's scale needs,
// to be worded by the editor.
func ensureScale(in *survey.Instrument, typ string) {
	n := survey.ScaleLabels(typ)
	if n == 0 || len(in.Scales[typ]) == n {
		return
	}
	if in.Scales == nil {
		in.Scales = map[string][]survey.Text{}
	}
	labels := make([]survey.Text, n)
	for i := range labels {
		labels[i] = survey.Text{}
	}
	in.Scales[typ] = labels
}
