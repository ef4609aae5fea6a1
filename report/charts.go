package report

import (
	"context"
	"fmt"
	"html"
	"sort"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"palaute/survey"
	"palaute/survey/store"
)

// Chart is one chart of the dashboard: its name and ECharts options.
type Chart struct {
	Name    string
	Title   string
	Options map[string]any
}

// Dashboard builds the charts of a survey's year. Every label and series
// name is HTML-escaped, since ECharts draws tooltips as HTML; figures
// below the threshold are left out.
func Dashboard(ctx context.Context, db *store.DB, in *survey.Instrument, year int, lang string, threshold int, t func(string) string) ([]Chart, error) {
	base := store.Filter{Survey: in.Key, Year: year}
	counts, err := db.CountAnswers(ctx, base)
	if err != nil {
		return nil, err
	}
	monthN, err := monthCounts(ctx, db, base)
	if err != nil {
		return nil, err
	}
	var scale []survey.Item
	for _, it := range in.Items {
		if it.Type == survey.TypeLikert5 || it.Type == survey.TypeRating5 {
			scale = append(scale, it)
		}
	}
	esc := html.EscapeString
	months := make([]string, 12)
	for i := range months {
		months[i] = strconv.Itoa(i + 1)
	}

	// 1. Monthly trend per group.
	trend := charts.NewLine()
	trend.SetGlobalOptions(chartColours, charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(opts.YAxis{Min: 1, Max: 5}), charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll"}))
	trend.SetXAxis(months)
	byMonth := map[int][]store.ItemCount{}
	for _, c := range counts {
		byMonth[c.Month] = append(byMonth[c.Month], c)
	}
	for _, g := range in.Groups {
		var data []opts.LineData
		has := false
		for m := 1; m <= 12; m++ {
			var sum float64
			k := 0
			for _, it := range scale {
				if it.Group != g.Key {
					continue
				}
				if d := Describe(Counts(byMonth[m], it.Key)); d.N > 0 {
					sum += d.Mean
					k++
				}
			}
			if k == 0 || monthN[m] < threshold {
				data = append(data, opts.LineData{Value: nil})
				continue
			}
			has = true
			data = append(data, opts.LineData{Value: round2(sum / float64(k))})
		}
		if has {
			trend.AddSeries(esc(g.Title[lang]), data, charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(true)}))
		}
	}
	trend.Validate()

	// 2. Item means by year, side by side.
	years := charts.NewBar()
	years.SetGlobalOptions(chartColours, charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(opts.YAxis{Min: 0, Max: 5}), charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true)}))
	var keys []string
	for _, it := range scale {
		keys = append(keys, esc(it.Key))
	}
	years.SetXAxis(keys)
	for y := year - 2; y <= year; y++ {
		f := base
		f.Year = y
		n, err := db.CountFiltered(ctx, f)
		if err != nil {
			return nil, err
		}
		if n < threshold {
			continue
		}
		yc, err := db.CountAnswers(ctx, f)
		if err != nil {
			return nil, err
		}
		var data []opts.BarData
		for _, it := range scale {
			d := Describe(Counts(yc, it.Key))
			data = append(data, opts.BarData{Name: esc(it.Text[lang]), Value: round2(d.Mean)})
		}
		years.AddSeries(strconv.Itoa(y), data)
	}
	years.Validate()

	// 3. Distribution of answers, stacked in percent.
	dist := charts.NewBar()
	dist.SetGlobalOptions(chartColours, charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(opts.YAxis{Max: 100}), charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll"}))
	dist.SetXAxis(keys)
	total := 0
	for _, n := range monthN {
		total += n
	}
	if total >= threshold && len(scale) > 0 {
		labels := in.Scales[scale[0].Type]
		for v := 1; v <= 5; v++ {
			var data []opts.BarData
			for _, it := range scale {
				c := Counts(counts, it.Key)
				d := Describe(c)
				pct := 0.0
				if d.N > 0 {
					pct = 100 * float64(c[v]) / float64(d.N)
				}
				data = append(data, opts.BarData{Value: round2(pct)})
			}
			name := strconv.Itoa(v)
			if len(labels) == 5 {
				name = fmt.Sprintf("%d %s", v, esc(labels[v-1][lang]))
			}
			dist.AddSeries(name, data, charts.WithBarChartOpts(opts.BarChart{Stack: "pct"}))
		}
	}
	dist.Validate()

	out := []Chart{
		{Name: "monthly", Title: t("chart.monthly"), Options: trend.JSON()},
		{Name: "years", Title: t("chart.years"), Options: years.JSON()},
		{Name: "distribution", Title: t("chart.distribution"), Options: dist.JSON()},
	}
	if q1, ok := in.Item("q1"); ok && q1.Type == survey.TypeChoice {
		cards, err := cardShares(ctx, db, base, q1, lang, threshold)
		if err != nil {
			return nil, err
		}
		out = append(out, Chart{Name: "cards", Title: t("chart.cards"), Options: cards})
	}
	return out, nil
}

// chartColours are the Okabe–Ito colours, which stay apart for people
// with colour blindness.
var chartColours = charts.WithColorsOpts(opts.Colors{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"})

func round2(v float64) float64 { return float64(int64(v*100+0.5)) / 100 }

func monthCounts(ctx context.Context, db *store.DB, base store.Filter) (map[int]int, error) {
	out := map[int]int{}
	for m := 1; m <= 12; m++ {
		f := base
		f.Month = m
		n, err := db.CountFiltered(ctx, f)
		if err != nil {
			return nil, err
		}
		out[m] = n
	}
	return out, nil
}

// cardShares is the visit card's q1 answers and q2 faces per card, in
// percent, for the cards above the threshold.
func cardShares(ctx context.Context, db *store.DB, base store.Filter, q1 survey.Item, lang string, threshold int) (map[string]any, error) {
	groups, err := db.CountResponsesBy(ctx, base, store.ByCard)
	if err != nil {
		return nil, err
	}
	hidden := Suppressed(groups, threshold)
	var codes []string
	for c := range groups {
		if c != "" && !hidden[c] {
			codes = append(codes, c)
		}
	}
	sort.Strings(codes)
	bar := charts.NewBar()
	bar.SetGlobalOptions(chartColours, charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(opts.YAxis{Max: 100}), charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll"}))
	var axis []string
	for _, c := range codes {
		axis = append(axis, html.EscapeString(c))
	}
	bar.SetXAxis(axis)
	shares := map[string]map[string]float64{}
	rating := map[string]map[int]int{}
	for _, code := range codes {
		f := base
		f.Card = code
		counts, err := db.CountAnswers(ctx, f)
		if err != nil {
			return nil, err
		}
		figs := Items(&survey.Instrument{Items: []survey.Item{q1}}, counts)
		shares[code] = figs[q1.Key].Pct
		rating[code] = Counts(counts, "q2")
	}
	for _, o := range q1.Options {
		var data []opts.BarData
		for _, code := range codes {
			data = append(data, opts.BarData{Value: round2(shares[code][o.Key])})
		}
		bar.AddSeries("q1: "+html.EscapeString(o.Text[lang]), data, charts.WithBarChartOpts(opts.BarChart{Stack: "q1"}))
	}
	for v := 1; v <= 5; v++ {
		var data []opts.BarData
		for _, code := range codes {
			d := Describe(rating[code])
			pct := 0.0
			if d.N > 0 {
				pct = 100 * float64(rating[code][v]) / float64(d.N)
			}
			data = append(data, opts.BarData{Value: round2(pct)})
		}
		bar.AddSeries(fmt.Sprintf("q2: %d", v), data, charts.WithBarChartOpts(opts.BarChart{Stack: "q2"}))
	}
	bar.Validate()
	return bar.JSON(), nil
}
