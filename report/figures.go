package report

import (
	"math"
	"slices"

	"palaute/survey"
)

// ItemFigures are one item's figures in a released figure. Dist counts
// each value (survey.Item.Values), Pct gives it in percent of N, the
// item's answers, can't-say answers included. Mean, SD and CI95 are for
// five-point and 0–10 items, of the answers on the scale (ScaleN where
// the item allows can't-say), as is Agree, the share of answers 4 or 5
// of a five-point item. A 0–10 item has its net promoter score and the
// three parts' shares, in percent of N. An item answered fewer times
// than the threshold shows only N; values of a background item that the
// rules hide are listed in Hidden, not counted.
type ItemFigures struct {
	N      int      `json:"n"`
	ScaleN *int     `json:"scale_n,omitempty"`
	Mean   *float64 `json:"mean,omitempty"`
	SD     *float64 `json:"sd,omitempty"`
	CI95   *float64 `json:"ci95,omitempty"`
	Agree  *float64 `json:"agree,omitempty"`
	NPSFigures
	Dist   map[string]int     `json:"dist,omitempty"`
	Pct    map[string]float64 `json:"pct,omitempty"`
	Hidden []string           `json:"hidden,omitempty"`
}

// Summary is one figure of a year: a period, perhaps narrowed by a card,
// unit or channel and by a respondent group. Suppressed figures carry
// nothing else.
type Summary struct {
	N          int
	Items      map[string]ItemFigures
	Groups     map[string]float64
	Suppressed bool
}

// Summary returns the figure a filter names, or why the filter is wrong.
func (y *Year) Summary(f Filter) (Summary, []survey.FieldError) {
	k, errs := y.keyOf(f)
	if errs != nil {
		return Summary{}, errs
	}
	return y.summary(k), nil
}

func (y *Year) summary(k key) Summary {
	if !y.released(k) {
		return Summary{Suppressed: true}
	}
	counts := make([]int32, y.layout.slots)
	for at, c := range y.cells {
		if k.matches(at) {
			for i, v := range c.counts {
				counts[i] += v
			}
		}
	}
	s := Summary{N: y.n[k], Items: map[string]ItemFigures{}}
	for _, it := range y.layout.items {
		s.Items[it.Key] = y.itemFigures(k, it, counts[it.offset:it.offset+len(it.Values())])
	}
	s.Groups = GroupMeans(y.Survey, s.Items)
	return s
}

func (y *Year) itemFigures(k key, it slotItem, counts []int32) ItemFigures {
	var fig ItemFigures
	for _, c := range counts {
		fig.N += int(c)
	}
	if fig.N < y.Threshold {
		return fig
	}
	values := it.Values()
	if it.dim != Month && k.resp != Month && k.resp != it.dim {
		return fig // a second respondent dimension: its breakdown is not shown
	}
	fig.Dist, fig.Pct = map[string]int{}, map[string]float64{}
	for i, v := range values {
		if it.dim != Month && k.resp == Month && counts[i] > 0 && !y.released(k.with(it.dim, uint16(i+1))) {
			fig.Hidden = append(fig.Hidden, v)
			continue
		}
		fig.Dist[v] = int(counts[i])
		fig.Pct[v] = 100 * float64(counts[i]) / float64(fig.N)
	}
	fig.describe(it.Item)
	return fig
}

// describe adds the figures of the answers on the item's scale: the mean,
// SD and agree share of a five-point item, the mean, SD and net promoter
// score of a 0–10 item. Can't-say answers are in no figure but N and
// their own share.
func (fig *ItemFigures) describe(it survey.Item) {
	if !numbered(it) || fig.Dist == nil {
		return
	}
	sample := sampleOf(it, fig.Dist)
	d := Describe(sample)
	if d.N == 0 {
		return
	}
	fig.Mean, fig.SD, fig.CI95 = &d.Mean, &d.SD, &d.CI95
	if it.CantSay {
		fig.ScaleN = &d.N
	}
	if it.Scale() {
		fig.Agree = &d.Agree
	}
	if it.Type == survey.TypeNPS {
		s := NPSOf(sample)
		fig.NPSFigures = NPSFigures{NPS: &s.Score, Promoters: &s.Promoters, Passives: &s.Passives, Detractors: &s.Detractors}
	}
}

// GroupMeans is the mean of the item means of each group of five-point
// items (accessibility q1–q3, interaction q4–q5 and so on).
func GroupMeans(in *survey.Instrument, figs map[string]ItemFigures) map[string]float64 {
	return groupAverage(in, figs, func(f ItemFigures) *float64 { return f.Mean })
}

// GroupAgree is the mean share of answers 4 or 5 (0 to 1) of the items of
// each group of five-point items, as GroupMeans averages their means.
func GroupAgree(in *survey.Instrument, figs map[string]ItemFigures) map[string]float64 {
	return groupAverage(in, figs, func(f ItemFigures) *float64 { return f.Agree })
}

func groupAverage(in *survey.Instrument, figs map[string]ItemFigures, of func(ItemFigures) *float64) map[string]float64 {
	sums, ns := map[string]float64{}, map[string]int{}
	for _, it := range in.Items {
		if f, ok := figs[it.Key]; ok && of(f) != nil && it.Scale() {
			sums[it.Group] += *of(f)
			ns[it.Group]++
		}
	}
	out := map[string]float64{}
	for g, sum := range sums {
		out[g] = sum / float64(ns[g])
	}
	return out
}

// keyOf resolves a filter to its figure. A value that is not one of the
// dimension's is a field error, except for cards and units, which may
// simply have no answers in the year.
func (y *Year) keyOf(f Filter) (key, []survey.FieldError) {
	if errs := CheckFilter(f); errs != nil {
		return key{}, errs
	}
	k := key{month: uint16(f.Month)}
	var errs []survey.FieldError
	for _, d := range Dims[1:] {
		v, ok := f.By[d]
		if !ok {
			continue
		}
		i := slices.Index(y.values[d], v)
		switch {
		case i >= 0:
			k = k.with(d, uint16(i+1))
		case d == Card || d == Unit:
			k = k.with(d, math.MaxUint16) // no answers at all
		default:
			errs = append(errs, survey.FieldError{Field: d.String(), Code: survey.CodeUnknownOption})
		}
	}
	if f.Month < 0 || f.Month > 12 {
		errs = append(errs, survey.FieldError{Field: "month", Code: survey.CodeOutOfRange})
	}
	return k, errs
}

// Part is one value of a breakdown: its responses, shown only when its
// figure is released.
type Part struct {
	Value string
	N     int
	Shown bool
}

// Breakdown is the figure f broken down by d, one part per value with
// answers, in the dimension's order. Hidden parts carry no count.
func (y *Year) Breakdown(f Filter, d Dim) ([]Part, []survey.FieldError) {
	k, errs := y.keyOf(f)
	if errs != nil {
		return nil, errs
	}
	if k.value(d) != 0 {
		return nil, []survey.FieldError{{Field: d.String(), Code: survey.CodeTooSpecific}}
	}
	if d != Month {
		if errs := CheckFilter(f.With(d, "")); errs != nil {
			return nil, errs
		}
	}
	var out []Part
	for i, v := range y.values[d] {
		c := k.with(d, uint16(i+1))
		if y.n[c] == 0 {
			continue
		}
		p := Part{Value: v, Shown: y.released(c)}
		if p.Shown {
			p.N = y.n[c]
		}
		out = append(out, p)
	}
	return out, nil
}

// Dimensions lists each dimension's values a filter may name, by the
// dimension's name: the ended months whose figures are shown (as
// numbers), the cards and units whose figures for the year are shown, and
// every value of the others.
func (y *Year) Dimensions() map[string]any {
	out := map[string]any{}
	for _, d := range Dims {
		list := []string{}
		months := []int{}
		for i, v := range y.values[d] {
			if d == Month || d == Card || d == Unit {
				if !y.released(key{}.with(d, uint16(i+1))) {
					continue
				}
			}
			if d == Month {
				months = append(months, i+1)
			}
			list = append(list, v)
		}
		out[d.String()] = list
		if d == Month {
			out[d.String()] = months
		}
	}
	return out
}

// Months lists the year's months that have ended, as numbers.
func (y *Year) Months() []int {
	out := make([]int, y.Through)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// ClosedItems are the items reports count, in the instrument's order:
// every item but free text.
func (y *Year) ClosedItems() []survey.Item {
	out := make([]survey.Item, len(y.layout.items))
	for i, it := range y.layout.items {
		out[i] = it.Item
	}
	return out
}

// ScaleItems are the instrument's five-point items, in order.
func (y *Year) ScaleItems() []survey.Item {
	var out []survey.Item
	for _, it := range y.Survey.Items {
		if it.Scale() {
			out = append(out, it)
		}
	}
	return out
}

// Hidden is how many of a released figure's responses its finest
// breakdown keeps back: the most, over the month, card and unit
// breakdowns, in parts the rules hide. Only breakdowns every response has
// a part in count, so the number follows from released figures (the
// figure less its shown parts) and tells nothing new.
func (y *Year) Hidden(f Filter) int {
	k, errs := y.keyOf(f)
	if errs != nil || !y.released(k) {
		return 0
	}
	most := 0
	for _, d := range k.free() {
		if d.Respondent() || d == Channel {
			continue
		}
		all, hidden := 0, 0
		for i := range y.values[d] {
			c := k.with(d, uint16(i+1))
			all += y.n[c]
			if !y.released(c) {
				hidden += y.n[c]
			}
		}
		if all == y.n[k] {
			most = max(most, hidden)
		}
	}
	return most
}
