package report

import (
	"context"

	"palaute/survey"
)

// Home is what the reports home shows of a survey's year: the figure a
// filter names, each closed item beside the year before, and how many
// responses the finest breakdown keeps back (Year.Hidden).
type Home struct {
	Year    *Year
	Summary Summary
	// Items are Compare's pairs: the year before, then the year.
	Items  map[string][]YearFigures
	Hidden int
}

// LoadHome loads a survey's year and the one before, and the figures the
// reports home shows for a filter.
func (s *Source) LoadHome(ctx context.Context, surveyKey string, year int, f Filter) (*Home, []survey.FieldError, error) {
	y, err := s.Load(ctx, surveyKey, year, NoRows)
	if err != nil {
		return nil, nil, err
	}
	prev, err := s.Load(ctx, surveyKey, year-1, NoRows)
	if err != nil {
		return nil, nil, err
	}
	sum, errs := y.Summary(f)
	if errs != nil {
		return nil, errs, nil
	}
	h := &Home{Year: y, Summary: sum}
	if !sum.Suppressed {
		h.Items, _ = Compare(s.Registry, []*Year{prev, y}, f)
		h.Hidden = y.Hidden(f)
	}
	return h, nil, nil
}
