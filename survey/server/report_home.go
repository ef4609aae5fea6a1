package server

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/report"
	"palaute/survey"
)

// homeView is what the reports home shows: the pick of survey, year and
// unit, each item's headline with its change from the year before, and
// the links to every report of the pick.
type homeView struct {
	Surveys      []homeOption
	Years        []homeOption
	Units        []homeOption
	Survey       string
	Year         int
	Unit         string
	Heading      string
	Released     bool
	Answers      string // "n answers, m hidden by the anonymity rules"
	Items        []homeItem
	CompareYears string // every year with data, for the comparison
	Workbooks    []homeOption
	NoData       bool
	PrevYear     int
	HasCompare   bool
	CantSay      bool // an item allows can't-say: the page says how it counts
}

type homeOption struct {
	Value, Label string
	Selected     bool
}

// homeItem is one item's headline: a five-point item's mean and share of
// 4–5 (and of can't-say), a 0–10 item's net promoter score and its parts,
// a choice or band item's shares, how the year differs from the one
// before, and whether the question was worded differently.
type homeItem struct {
	Label, Question string
	N               int
	Mean, Positive  string
	Shares          []string
	Change          string
	Significant     bool
	Note            string
	WordingChanged  bool
}

// reportHome is where the quality group lands: one survey's year at a
// glance, in the reader's language, rendered from the disclosure model.
func (s *Server) reportHome(c *fiber.Ctx) error {
	ctx := c.UserContext()
	p := s.staffPage(c, "reports.title")
	l := report.Labels{Lang: p.Lang, Catalog: s.cat}
	list := s.reg.List()
	in := s.reg.Current(c.Query("survey"))
	if in == nil {
		in = list[0]
	}
	years, err := s.db.SurveyYears(ctx, in.Key)
	if err != nil {
		return err
	}
	year := s.today().Year()
	if len(years) > 0 {
		year = years[0]
	}
	if v := c.Query("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 2000 || y > 2100 {
			return &validationError{fields: []survey.FieldError{{Field: "year", Code: survey.CodeOutOfRange}}}
		}
		year = y
	}
	f := report.Filter{By: map[report.Dim]string{}}
	unit := strings.Clone(c.Query("unit"))
	if unit != "" {
		f.By[report.Unit] = unit
	}
	home, errs, err := s.src.LoadHome(ctx, in.Key, year, f)
	if err != nil {
		return err
	}
	if errs != nil {
		return fieldErrors(errs)
	}
	y, sum := home.Year, home.Summary
	v := homeView{Survey: in.Key, Year: year, Unit: unit, Released: !sum.Suppressed, PrevYear: year - 1,
		NoData: len(years) == 0 || !slices.Contains(years, year)}
	for _, other := range list {
		v.Surveys = append(v.Surveys, homeOption{other.Key, l.Survey(other), other.Key == in.Key})
	}
	if !slices.Contains(years, year) {
		years = append([]int{year}, years...)
	}
	for _, yr := range years {
		v.Years = append(v.Years, homeOption{strconv.Itoa(yr), strconv.Itoa(yr), yr == year})
	}
	if units, ok := y.Dimensions()[report.Unit.String()].([]string); ok {
		for _, u := range units {
			v.Units = append(v.Units, homeOption{u, u, u == unit})
		}
	}
	v.Heading = l.Survey(in) + " " + strconv.Itoa(year)
	if unit != "" {
		v.Heading += " · " + unit
	}
	var withData []string
	for i := len(years) - 1; i >= 0; i-- {
		withData = append(withData, strconv.Itoa(years[i]))
	}
	v.HasCompare = len(withData) > 1
	v.CompareYears = strings.Join(withData, ",")
	for _, lang := range survey.Languages {
		v.Workbooks = append(v.Workbooks, homeOption{lang, s.cat.Get(p.Lang, "report.language."+lang), false})
	}
	if v.Released {
		v.Answers = fmt.Sprintf(s.cat.Get(p.Lang, "reports.answers"), sum.N, home.Hidden)
		for _, it := range y.ClosedItems() {
			v.Items = append(v.Items, homeItemOf(l, in, it, home.Items[it.Key]))
			v.CantSay = v.CantSay || it.CantSay
		}
	}
	p.Data = v
	return s.renderStaff(c, fiber.StatusOK, "reports.html", p)
}

// homeItemOf words one item's comparison of the year with the one before.
func homeItemOf(l report.Labels, in *survey.Instrument, it survey.Item, pair []report.YearFigures) homeItem {
	h := homeItem{Label: l.Item(it), Question: it.Text[l.Lang]}
	cur, before := pair[1], pair[0]
	if cur.N == nil {
		h.Note = l.T("xlsx.too_few")
		return h
	}
	h.N = *cur.N
	h.WordingChanged = cur.WordingChanged
	switch {
	case cur.NPS != nil:
		h.Mean = l.NPS() + " " + points(*cur.NPS)
		for _, part := range report.NPSParts {
			if v := cur.Part(part); v != nil {
				h.Shares = append(h.Shares, l.NPSPart(part)+" "+decimal(l.Lang, *v, 0)+" %")
			}
		}
	case cur.Mean != nil:
		h.Mean = decimal(l.Lang, *cur.Mean, 2)
		if cur.Agree != nil {
			h.Positive = l.Positive(it) + ": " + decimal(l.Lang, 100**cur.Agree, 0) + " %"
		}
		if pct, ok := cur.Pct[survey.CantSay]; ok && it.CantSay {
			h.Shares = append(h.Shares, l.CantSay()+" "+decimal(l.Lang, pct, 0)+" %")
		}
	default:
		for _, val := range it.Values() {
			if pct, ok := cur.Pct[val]; ok {
				h.Shares = append(h.Shares, l.Value(in, it, val)+" "+decimal(l.Lang, pct, 0)+" %")
			}
		}
	}
	switch {
	case before.N == nil:
		h.Note = l.T("reports.no_last_year")
	case cur.Change != nil && cur.NPS != nil:
		h.Change = points(*cur.Change)
	case cur.Change != nil:
		h.Change = signed(l.Lang, *cur.Change)
	}
	if cur.Significant != nil && *cur.Significant {
		h.Significant = true
	}
	return h
}

// decimal writes a number with the language's decimal mark.
func decimal(lang string, v float64, digits int) string {
	out := strconv.FormatFloat(v, 'f', digits, 64)
	if lang != "en" {
		out = strings.Replace(out, ".", ",", 1)
	}
	return out
}

// points writes a net promoter score or its change in whole points, with
// its sign: "+20", "−5", "0".
func points(v float64) string {
	n := int(math.Round(v))
	switch {
	case n > 0:
		return "+" + strconv.Itoa(n)
	case n < 0:
		return "−" + strconv.Itoa(-n)
	}
	return "0"
}

// signed writes a change with its sign: "+0,12", "−0,05".
func signed(lang string, v float64) string {
	if v < 0 {
		return "−" + decimal(lang, -v, 2)
	}
	return "+" + decimal(lang, v, 2)
}
