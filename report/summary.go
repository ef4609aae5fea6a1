package report

import (
	"strconv"

	"palaute/survey"
	"palaute/survey/store"
)

// ItemFigures are one item's figures in a summary.
type ItemFigures struct {
	N     int                `json:"n"`
	Mean  *float64           `json:"mean,omitempty"`
	SD    *float64           `json:"sd,omitempty"`
	CI95  *float64           `json:"ci95,omitempty"`
	Agree *float64           `json:"agree,omitempty"`
	Dist  map[string]int     `json:"dist,omitempty"`
	Pct   map[string]float64 `json:"pct,omitempty"`
}

// Items turns answer counts into figures per item of the instrument:
// n, mean, SD, 95 % CI and share agreeing for numeric items, and the
// distribution in counts and percentages for scale and choice items.
func Items(in *survey.Instrument, counts []store.ItemCount) map[string]ItemFigures {
	byItem := map[string]map[int]int{}
	choices := map[string]map[string]int{}
	for _, c := range counts {
		if c.Choice != "" {
			if choices[c.Item] == nil {
				choices[c.Item] = map[string]int{}
			}
			choices[c.Item][c.Choice] += c.Count
			continue
		}
		if byItem[c.Item] == nil {
			byItem[c.Item] = map[int]int{}
		}
		byItem[c.Item][int(c.Num)] += c.Count
	}
	out := map[string]ItemFigures{}
	for _, it := range in.Items {
		switch it.Type {
		case survey.TypeChoice:
			dist := map[string]int{}
			n := 0
			for _, o := range it.Options {
				dist[o.Key] = choices[it.Key][o.Key]
				n += dist[o.Key]
			}
			out[it.Key] = ItemFigures{N: n, Dist: dist, Pct: percentages(dist, n)}
		case survey.TypeLikert5, survey.TypeRating5, survey.TypeYear, survey.TypeMonths:
			f := Describe(byItem[it.Key])
			fig := ItemFigures{N: f.N}
			if f.N > 0 {
				fig.Mean, fig.SD, fig.CI95 = &f.Mean, &f.SD, &f.CI95
			}
			if it.Type == survey.TypeLikert5 || it.Type == survey.TypeRating5 {
				if f.N > 0 {
					fig.Agree = &f.Agree
				}
				fig.Dist = map[string]int{}
				for v := 1; v <= 5; v++ {
					fig.Dist[strconv.Itoa(v)] = byItem[it.Key][v]
				}
				fig.Pct = percentages(fig.Dist, f.N)
			}
			out[it.Key] = fig
		}
	}
	return out
}

// Counts returns one item's counts per value, for tests across years.
func Counts(counts []store.ItemCount, item string) map[int]int {
	out := map[int]int{}
	for _, c := range counts {
		if c.Item == item && c.Choice == "" {
			out[int(c.Num)] += c.Count
		}
	}
	return out
}

func percentages(dist map[string]int, n int) map[string]float64 {
	out := map[string]float64{}
	for k, v := range dist {
		if n > 0 {
			out[k] = 100 * float64(v) / float64(n)
		} else {
			out[k] = 0
		}
	}
	return out
}

// GroupMeans is the mean of the item means of each group of scale items
// (accessibility q1–q3, interaction q4–q5 and so on).
func GroupMeans(in *survey.Instrument, figs map[string]ItemFigures) map[string]float64 {
	sums, ns := map[string]float64{}, map[string]int{}
	for _, it := range in.Items {
		if f, ok := figs[it.Key]; ok && f.Mean != nil && (it.Type == survey.TypeLikert5 || it.Type == survey.TypeRating5) {
			sums[it.Group] += *f.Mean
			ns[it.Group]++
		}
	}
	out := map[string]float64{}
	for g, sum := range sums {
		out[g] = sum / float64(ns[g])
	}
	return out
}
