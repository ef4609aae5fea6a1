package report

import (
	"context"
	"math"

	"palaute/survey"
)

// TrendMonths is how many released months the lobby wall follows.
const TrendMonths = 6

// Wall is what the lobby wall may show of one unit, or of the whole
// organisation when Unit is empty: the last closed month of a survey that
// runs all year, the months before it, and the newest annual survey whose
// period has ended. Everything in it has passed the disclosure rules.
type Wall struct {
	Survey      *survey.Instrument
	Unit        string
	Year, Month int // the month shown: the last one that has ended
	// Released is false when the month had too few answers to show; the
	// month's figures are then empty.
	Released  bool
	N         int
	Overall   *Scale     // the headline item's answers, nil if too few
	Recommend *Recommend // the 0–10 recommendation item's, nil if none or too few
	Sentences []Sentence // choice items the instrument states in words
	// Trend is the last TrendMonths released months, oldest first, of the
	// headline item's positive share, or without one of the share that
	// would recommend.
	Trend  []Point
	Annual *Annual // nil before any annual survey has results
}

// Scale is a five-point item's answers as shares.
type Scale struct {
	Item survey.Item
	N    int
	Pct  [5]float64 // percent of N per value 1…5
	// CantSay is the percent of N that could not say.
	CantSay float64
	// Share is the share of answers 4 or 5 of those on the scale, 0 to 1
	// (ItemFigures.Agree), and Positive the same in tenths: "7" of 10.
	Share    float64
	Positive int
}

// Recommend is a 0–10 recommendation item's answers, as plainly as the
// wall says them.
type Recommend struct {
	Item survey.Item
	N    int
	// Promoters is the share that answered 9 or 10 in tenths: "8" of 10
	// would recommend.
	Promoters int
	// Score is the net promoter score, rounded: −100…100.
	Score int
}

// Sentence is a choice item's answers as shares in tenths, for the
// item's Wall sentence.
type Sentence struct {
	Item   survey.Item
	Tenths map[string]int
}

// Point is one released month of the headline item.
type Point struct {
	Year, Month int
	N           int
	// Positive is the share of answers 4 or 5 of those on the scale, or
	// of a 0–10 item's the share of 9 or 10, from 0 to 1.
	Positive float64
}

// Annual is an annual survey's year for the wall: each group of
// five-point items as the share of positive answers, beside last year's.
type Annual struct {
	Survey   *survey.Instrument
	Year     int
	N        int
	Released bool
	Groups   []GroupShare
}

// GroupShare is one group's share of answers 4 or 5 in tenths, and last
// year's when it was released.
type GroupShare struct {
	Group    survey.Group
	Positive int
	Prev     *int
}

// Tenths turns a share from 0 to 1 into whole tenths, "7" of 10.
func Tenths(share float64) int { return int(math.Round(10 * share)) }

// LoadWall reads what the wall shows of surveyKey for a unit ("" for
// all), and of the annual survey in annualYear, the year of the survey
// period that ended last.
func (s *Source) LoadWall(ctx context.Context, surveyKey, unit string, annualYear int) (*Wall, error) {
	today := s.today()
	last := today.AddDate(0, 0, -today.Day()) // the last day of the previous month
	w := &Wall{Unit: unit, Year: last.Year(), Month: int(last.Month())}
	years := map[int]*Year{}
	y, err := s.Load(ctx, surveyKey, w.Year, NoRows)
	if err != nil {
		return nil, err
	}
	years[w.Year] = y
	w.Survey = y.Survey
	sum := summaryOrHidden(y, w.Month, unit)
	if !sum.Suppressed && sum.N > 0 {
		w.Released, w.N = true, sum.N
		w.Overall, w.Recommend, w.Sentences = scaleOf(y.Survey, sum), recommendOf(y.Survey, sum), choicesOf(y.Survey, sum)
	}
	// The trend: released months back from the one shown, at most a year.
	for i := 0; i < 12 && len(w.Trend) < TrendMonths; i++ {
		at := last.AddDate(0, -i, 1-last.Day())
		yy, ok := years[at.Year()]
		if !ok {
			if yy, err = s.Load(ctx, surveyKey, at.Year(), NoRows); err != nil {
				return nil, err
			}
			years[at.Year()] = yy
		}
		if p, ok := headline(yy.Survey, summaryOrHidden(yy, int(at.Month()), unit)); ok {
			p.Year, p.Month = at.Year(), int(at.Month())
			w.Trend = append([]Point{p}, w.Trend...)
		}
	}
	if w.Annual, err = s.loadAnnual(ctx, unit, annualYear); err != nil {
		return nil, err
	}
	return w, nil
}

// loadAnnual returns a year of the first annual survey that has answers
// in it, with the year before it.
func (s *Source) loadAnnual(ctx context.Context, unit string, year int) (*Annual, error) {
	for _, in := range s.Registry.List() {
		if !in.Annual {
			continue
		}
		cur, err := s.Load(ctx, in.Key, year, NoRows)
		if err != nil {
			return nil, err
		}
		if cur.n[key{}] == 0 {
			continue // no survey that year; a unit's own count is not told
		}
		sum := summaryOrHidden(cur, 0, unit)
		a := &Annual{Survey: cur.Survey, Year: year, Released: !sum.Suppressed, N: sum.N}
		if !a.Released {
			return a, nil
		}
		prev, err := s.Load(ctx, in.Key, year-1, NoRows)
		if err != nil {
			return nil, err
		}
		before := summaryOrHidden(prev, 0, unit)
		shares, prevShares := GroupAgree(cur.Survey, sum.Items), GroupAgree(prev.Survey, before.Items)
		for _, g := range cur.Survey.Groups {
			share, ok := shares[g.Key]
			if !ok {
				continue
			}
			gs := GroupShare{Group: g, Positive: Tenths(share)}
			if p, ok := prevShares[g.Key]; ok && !before.Suppressed {
				t := Tenths(p)
				gs.Prev = &t
			}
			a.Groups = append(a.Groups, gs)
		}
		return a, nil
	}
	return nil, nil
}

// summaryOrHidden is the figure of a month (0: the year) for a unit;
// a unit the year has never seen has no answers.
func summaryOrHidden(y *Year, month int, unit string) Summary {
	f := Filter{Month: month, By: map[Dim]string{}}
	if unit != "" {
		f.By[Unit] = unit
	}
	sum, errs := y.Summary(f)
	if errs != nil {
		return Summary{}
	}
	return sum
}

// scaleOf is the instrument's headline item in a released figure, or nil.
func scaleOf(in *survey.Instrument, sum Summary) *Scale {
	it, ok := in.Overall()
	if !ok || sum.Suppressed {
		return nil
	}
	fig := sum.Items[it.Key]
	if fig.Agree == nil {
		return nil
	}
	sc := &Scale{Item: it, N: fig.N, Share: *fig.Agree, Positive: Tenths(*fig.Agree)}
	for _, v := range it.Values() {
		if p, ok := onScale(it, v); ok {
			sc.Pct[p-1] = fig.Pct[v]
		} else if v == survey.CantSay {
			sc.CantSay = fig.Pct[v]
		}
	}
	return sc
}

// recommendOf is the instrument's first 0–10 item in a released figure,
// or nil.
func recommendOf(in *survey.Instrument, sum Summary) *Recommend {
	if sum.Suppressed {
		return nil
	}
	for _, it := range in.Items {
		if it.Type != survey.TypeNPS {
			continue
		}
		fig := sum.Items[it.Key]
		if fig.NPS == nil {
			return nil
		}
		return &Recommend{Item: it, N: fig.N, Promoters: Tenths(*fig.Promoters / 100), Score: int(math.Round(*fig.NPS))}
	}
	return nil
}

// headline is a released figure's point of the trend: the headline
// item's positive share, or without one the share of a 0–10 item's
// answers that would recommend (9–10).
func headline(in *survey.Instrument, sum Summary) (Point, bool) {
	if _, ok := in.Overall(); ok {
		if sc := scaleOf(in, sum); sc != nil {
			return Point{N: sc.N, Positive: sc.Share}, true
		}
		return Point{}, false
	}
	for _, it := range in.Items {
		if fig := sum.Items[it.Key]; it.Type == survey.TypeNPS && !sum.Suppressed && fig.Promoters != nil {
			return Point{N: fig.N, Positive: *fig.Promoters / 100}, true
		}
	}
	return Point{}, false
}

// choicesOf are the choice items of a released figure that the
// instrument states in words, as shares in tenths.
func choicesOf(in *survey.Instrument, sum Summary) []Sentence {
	var out []Sentence
	for _, it := range in.Items {
		if fig := sum.Items[it.Key]; it.Wall != nil && fig.Pct != nil {
			st := Sentence{Item: it, Tenths: map[string]int{}}
			for k, p := range fig.Pct {
				st.Tenths[k] = Tenths(p / 100)
			}
			out = append(out, st)
		}
	}
	return out
}

// positiveShare is the share of a scale's answers 4 or 5.
func positiveShare(sc *Scale) float64 { return sc.Share }
