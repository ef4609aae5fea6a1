package server

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"palaute/report"
	"palaute/survey"
	"palaute/survey/store"
)

// The poster shows the newest posterActions actions of the last
// posterActionMonths months (posterActionsAll with every language on the
// sheet), so that it stays one page.
const (
	posterActions      = 4
	posterActionsAll   = 2
	posterActionMonths = 3
)

// posterSizes are the paper sizes the poster prints on.
var posterSizes = []string{"a4", "a3"}

// posterShow is the public lobby poster and wall screen: the last closed
// month's answers in plain language, the months before it, the newest
// annual survey, and what was done because of feedback. It draws
// report.Wall, which holds only what the disclosure rules release.
//
//	/poster[?unit=U][&lang=fi|sv|en|all][&size=a4|a3][&view=wall][&survey=K]
func (s *Server) posterShow(c *fiber.Ctx) error {
	ctx := c.UserContext()
	q, err := s.posterQuery(c)
	if err != nil {
		return err
	}
	annual := s.kiosk.Period.EndedYear(s.today())
	w, err := s.walls.get(ctx, wallKey{q.survey, q.unit, annual}, s.today(), func(ctx context.Context) (*report.Wall, error) {
		return s.src.LoadWall(ctx, q.survey, q.unit, annual)
	})
	if err != nil {
		return err
	}
	since := time.Date(w.Year, time.Month(w.Month)-posterActionMonths+1, 1, 0, 0, 0, 0, time.UTC)
	actions, err := s.db.Actions(ctx, q.unit, since.Format("2006-01"))
	if err != nil {
		return err
	}
	limit := posterActions
	if q.multi() {
		limit = posterActionsAll
	}
	actions = actions[:min(limit, len(actions))] // the newest
	page := s.posterPage(w, q, actions)
	c.Set(fiber.HeaderCacheControl, "no-cache")
	return s.render(c, fiber.StatusOK, "poster.html", page)
}

// posterParams are the poster's query, checked.
type posterParams struct {
	unit, size, survey string
	langs              []string
	wall               bool
}

// multi reports whether one sheet carries every language.
func (q posterParams) multi() bool { return len(q.langs) > 1 && !q.wall }

// posterQuery reads the poster's query. A public page never prints what
// a stranger typed: an unknown unit or survey is 404, any other bad
// value 400.
func (s *Server) posterQuery(c *fiber.Ctx) (posterParams, error) {
	q := posterParams{unit: strings.Clone(c.Query("unit")), size: c.Query("size", "a4"), wall: c.Query("view") == "wall"}
	if v := c.Query("view"); v != "" && v != "wall" {
		return q, fiber.NewError(fiber.StatusBadRequest, "view must be wall or left out")
	}
	if !slices.Contains(posterSizes, q.size) {
		return q, fiber.NewError(fiber.StatusBadRequest, "size must be a4 or a3")
	}
	switch lang := c.Query("lang", "all"); {
	case lang == "all":
		q.langs = survey.Languages
	case survey.ValidLanguage(lang):
		q.langs = []string{lang}
	default:
		return q, fiber.NewError(fiber.StatusBadRequest, "lang must be fi, sv, en or all")
	}
	if q.wall {
		q.langs = survey.Languages // the wall screen turns through every language
	}
	q.survey = c.Query("survey")
	if q.survey == "" {
		q.survey = s.posterSurvey()
	}
	if in := s.reg.Current(q.survey); in == nil || in.Annual {
		return q, fiber.ErrNotFound
	}
	if q.unit != "" {
		units, err := s.db.Units(c.UserContext())
		if err != nil {
			return q, err
		}
		if !slices.ContainsFunc(units, func(u store.Unit) bool { return u.Name == q.unit }) {
			return q, fiber.ErrNotFound
		}
	}
	return q, nil
}

// posterSurvey is the survey the poster shows unless asked for another:
// the first that runs all year and has a headline item (the visit card's
// faces), else the first that runs all year and asks whether clients
// would recommend the service.
func (s *Server) posterSurvey() string {
	var recommend string
	for _, in := range s.reg.List() {
		if in.Annual {
			continue
		}
		if _, ok := in.Overall(); ok {
			return in.Key
		}
		if recommend == "" && slices.ContainsFunc(in.Items, func(it survey.Item) bool { return it.Type == survey.TypeNPS }) {
			recommend = in.Key
		}
	}
	return recommend
}

// posterView is the poster page: language-neutral pictures and one block
// of words per language.
type posterView struct {
	Unit, Size  string
	Wall, Multi bool
	Trend       []trendBar // oldest first
	Blocks      []posterBlock
}

// posterBlock is the poster in one language.
type posterBlock struct {
	Lang, Title, Lead, Positive string
	Recommend, NPS              string // a 0–10 item's: "8 in 10 …", "NPS +20"
	Sentences                   []string
	TooFew                      string
	Faces                       *facesChart // nil when not drawn here
	TrendTitle                  string
	TrendLabels                 []string
	Annual                      *annualBlock
	SaidDid                     string
	Actions                     []actionLine
	Thanks, Updated             string
}

// annualBlock is the annual survey's groups: each with the share of
// positive answers in tenths, and last year's.
type annualBlock struct {
	Title, Caption, TooFew string
	Rows                   []annualRow
}

type annualRow struct{ Name, Now, Prev string }

type actionLine struct{ When, Text string }

func (s *Server) posterPage(w *report.Wall, q posterParams, actions []store.Action) posterView {
	v := posterView{Unit: q.unit, Size: q.size, Wall: q.wall, Multi: q.multi()}
	v.Trend = trendBars(w.Trend)
	today := s.today()
	for i, lang := range q.langs {
		get := func(key string) string { return s.cat.Get(lang, key) }
		b := posterBlock{Lang: lang, Title: get("poster.title"), Thanks: get("poster.thanks"), SaidDid: get("poster.said_did"),
			Updated: fmt.Sprintf(get("poster.updated"), today.Format("2.1.2006"))}
		in := s.monthPhrase(lang, w.Year, w.Month)
		if !w.Released {
			b.TooFew = capitalise(fmt.Sprintf(get("poster.too_few"), in))
		} else {
			b.Lead = fmt.Sprintf(get("poster.lead"), capitalise(in), w.N)
			if w.Overall != nil {
				b.Positive = fmt.Sprintf(get("poster.positive."+w.Overall.Item.Type), w.Overall.Positive)
				var names []string
				for _, l := range w.Survey.Scales[w.Overall.Item.Type] {
					names = append(names, l[lang])
				}
				switch {
				case !v.Multi:
					b.Faces = newFacesChart(w.Overall, names, b.Positive)
				case i == 0: // one picture for every language on the sheet
					b.Faces = newFacesChart(w.Overall, nil, b.Positive)
				}
			}
			if r := w.Recommend; r != nil {
				b.Recommend = fmt.Sprintf(get("poster.recommend"), r.Promoters)
				b.NPS = fmt.Sprintf(get("poster.nps"), points(float64(r.Score)))
			}
			for _, st := range w.Sentences {
				b.Sentences = append(b.Sentences, st.Item.WallSentence(lang, st.Tenths))
			}
		}
		if len(w.Trend) > 1 {
			b.TrendTitle = get("poster.trend")
			if _, ok := w.Survey.Overall(); !ok {
				b.TrendTitle = get("poster.trend_recommend") // the trend follows the 0–10 item
			}
			for _, p := range w.Trend {
				b.TrendLabels = append(b.TrendLabels, s.cat.Get(lang, fmt.Sprintf("month.short.%d", p.Month)))
			}
		}
		if w.Annual != nil && (!v.Multi || i == 0) {
			langs := []string{lang}
			if v.Multi {
				langs = q.langs
			}
			b.Annual = s.annualBlock(w.Annual, langs)
		}
		for _, a := range actions {
			if t := a.Text[lang]; t != "" {
				b.Actions = append(b.Actions, actionLine{When: s.monthName(lang, a.Month), Text: t})
			}
		}
		v.Blocks = append(v.Blocks, b)
	}
	return v
}

// annualBlock words the annual survey in lang, or, on a sheet of every
// language, in all of them at once.
func (s *Server) annualBlock(a *report.Annual, langs []string) *annualBlock {
	join := func(f func(lang string) string) string {
		var parts []string
		for _, l := range langs {
			parts = append(parts, f(l))
		}
		return strings.Join(parts, " / ")
	}
	b := &annualBlock{
		Title:   join(func(l string) string { return fmt.Sprintf("%s %d", a.Survey.Title[l], a.Year) }),
		Caption: join(func(l string) string { return s.cat.Get(l, "poster.annual_caption") }),
	}
	if !a.Released {
		b.TooFew = join(func(l string) string { return s.cat.Get(l, "poster.annual_too_few") })
	}
	for _, g := range a.Groups {
		r := annualRow{Name: join(func(l string) string { return g.Group.Title[l] }), Now: fmt.Sprintf("%d / 10", g.Positive)}
		if g.Prev != nil {
			r.Prev = fmt.Sprintf("%d: %d / 10", a.Year-1, *g.Prev)
		}
		b.Rows = append(b.Rows, r)
	}
	return b
}

// monthPhrase is "lokakuussa 2026", "i oktober 2026", "in October 2026".
func (s *Server) monthPhrase(lang string, year, month int) string {
	return fmt.Sprintf(s.cat.Get(lang, fmt.Sprintf("month.in.%d", month)), year)
}

// monthName is "lokakuu 2026" for a YYYY-MM month.
func (s *Server) monthName(lang, ym string) string {
	t, err := time.Parse("2006-01", ym)
	if err != nil {
		return ym
	}
	return fmt.Sprintf("%s %d", s.cat.Get(lang, fmt.Sprintf("month.%d", t.Month())), t.Year())
}

// capitalise upper-cases a sentence's first letter.
func capitalise(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
