package server

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/report"
	"palaute/survey"
)

// yearFigures is one item in one year of a comparison.
type yearFigures struct {
	Year        int            `json:"year"`
	N           *int           `json:"n,omitempty"`
	Mean        *float64       `json:"mean,omitempty"`
	SD          *float64       `json:"sd,omitempty"`
	Dist        map[string]int `json:"dist,omitempty"`
	Suppressed  bool           `json:"suppressed"`
	Change      *float64       `json:"change,omitempty"`
	P           *float64       `json:"p,omitempty"`
	Significant *bool          `json:"significant,omitempty"`
	Note        string         `json:"note,omitempty"`
	// WordingChanged says the item's wording differs from the previous
	// year's: the instrument changed between them.
	WordingChanged bool               `json:"wording_changed,omitempty"`
	Pct            map[string]float64 `json:"-"`
}

// reportCompare answers the items of a survey year by year, with the
// change from the previous year and a Mann–Whitney U test of it.
func (s *Server) reportCompare(c *fiber.Ctx) error {
	ctx := c.UserContext()
	in, f, err := s.reportQuery(c)
	if err != nil {
		return err
	}
	var years []int
	for _, y := range strings.Split(c.Query("years"), ",") {
		n, err := strconv.Atoi(strings.TrimSpace(y))
		if err != nil || n < 2000 || n > 2100 {
			return &validationError{fields: []survey.FieldError{{Field: "years", Code: survey.CodeOutOfRange}}}
		}
		years = append(years, n)
	}
	type yearData struct {
		n        int
		hidden   bool
		counts   map[string]map[int]int
		figs     map[string]report.ItemFigures
		versions []int
	}
	data := make([]yearData, len(years))
	for i, y := range years {
		fy := f
		fy.Year = y
		n, err := s.db.CountFiltered(ctx, fy)
		if err != nil {
			return err
		}
		hidden, err := s.hidden(c, fy, n)
		if err != nil {
			return err
		}
		versions, err := s.db.Versions(ctx, fy)
		if err != nil {
			return err
		}
		data[i] = yearData{n: n, hidden: hidden, counts: map[string]map[int]int{}, versions: versions}
		if !hidden {
			counts, err := s.db.CountAnswers(ctx, fy)
			if err != nil {
				return err
			}
			data[i].figs = report.Items(in, counts)
			for _, it := range in.Items {
				data[i].counts[it.Key] = report.Counts(counts, it.Key)
			}
		}
	}
	items := map[string][]yearFigures{}
	for _, it := range in.Items {
		if it.Type != survey.TypeLikert5 && it.Type != survey.TypeRating5 {
			continue
		}
		var row []yearFigures
		for i, y := range years {
			yf := yearFigures{Year: y, Suppressed: data[i].hidden}
			if !data[i].hidden {
				fig := data[i].figs[it.Key]
				yf.N, yf.Mean, yf.SD, yf.Dist = &fig.N, fig.Mean, fig.SD, fig.Dist
			}
			if i > 0 {
				s.compareYears(&yf, row[i-1], data[i-1].counts[it.Key], data[i].counts[it.Key])
				yf.WordingChanged = s.wordings(in.Key, it.Key, data[i-1].versions) != s.wordings(in.Key, it.Key, data[i].versions)
			}
			row = append(row, yf)
		}
		items[it.Key] = row
	}
	out := fiber.Map{"survey": f.Survey, "years": years, "items": items, "month": nil}
	if f.Month != 0 {
		out["month"] = f.Month
	}
	if c.Query("format") == "csv" {
		return compareCSV(c, in, items)
	}
	return c.JSON(out)
}

// wordings is an item's Finnish wording in each version, joined: two
// years whose wordings differ answered different questions.
func (s *Server) wordings(survey, item string, versions []int) string {
	var parts []string
	for _, v := range versions {
		if in := s.reg.Version(survey, v); in != nil {
			if it, ok := in.Item(item); ok {
				parts = append(parts, it.Text["fi"])
			}
		}
	}
	return strings.Join(parts, "\x00")
}

// compareYears adds the change from the previous year and its test. A
// change is significant only when both years are above the threshold and
// the test can hold; otherwise the note says there are too few answers.
func (s *Server) compareYears(cur *yearFigures, prev yearFigures, prevCounts, curCounts map[int]int) {
	f := false
	cur.Significant = &f
	if cur.Suppressed || prev.Suppressed || cur.Mean == nil || prev.Mean == nil || *cur.N < s.threshold || *prev.N < s.threshold {
		cur.Note = "too few answers"
		return
	}
	change := *cur.Mean - *prev.Mean
	cur.Change = &change
	_, p, ok := report.MannWhitney(prevCounts, curCounts)
	if !ok {
		cur.Note = "too few answers"
		return
	}
	sig := p < 0.05
	cur.P, cur.Significant = &p, &sig
}
