package report

import (
	"context"
	"fmt"
	"html"
	"slices"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"palaute/survey"
)

// Chart is one chart of the dashboard: its name and ECharts options.
type Chart struct {
	Name    string
	Title   string
	Options map[string]any
}

// LoadDashboard loads a survey's year and the two before it, and draws
// the dashboard's charts.
func (s *Source) LoadDashboard(ctx context.Context, surveyKey string, year int, lang string, t func(string) string) ([]Chart, error) {
	var years []*Year
	for yr := year - 2; yr <= year; yr++ {
		y, err := s.Load(ctx, surveyKey, yr, false)
		if err != nil {
			return nil, err
		}
		years = append(years, y)
	}
	return Dashboard(years, lang, t), nil
}

// Dashboard draws the charts of the last of years, which are consecutive.
// Every label and series name is HTML-escaped, since ECharts draws
// tooltips as HTML; only released figures are drawn.
func Dashboard(years []*Year, lang string, t func(string) string) []Chart {
	y := years[len(years)-1]
	in := y.Survey
	scale := y.ScaleItems()
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
	monthly := make([]Summary, 13)
	for m := 1; m <= 12; m++ {
		monthly[m] = y.summary(key{month: uint16(m)})
	}
	for _, g := range in.Groups {
		var data []opts.LineData
		has := false
		for m := 1; m <= 12; m++ {
			mean, ok := monthly[m].Groups[g.Key]
			if !ok {
				data = append(data, opts.LineData{Value: nil})
				continue
			}
			has = true
			data = append(data, opts.LineData{Value: round2(mean)})
		}
		if has {
			trend.AddSeries(esc(g.Title[lang]), data, charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(true)}))
		}
	}
	trend.Validate()

	// 2. Item means by year, side by side.
	byYear := charts.NewBar()
	byYear.SetGlobalOptions(chartColours, charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(opts.YAxis{Min: 0, Max: 5}), charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true)}))
	var keys []string
	for _, it := range scale {
		keys = append(keys, esc(it.Key))
	}
	byYear.SetXAxis(keys)
	for _, yr := range years {
		s := yr.summary(key{})
		if s.Suppressed {
			continue
		}
		var data []opts.BarData
		for _, it := range scale {
			v := any(nil)
			if fig := s.Items[it.Key]; fig.Mean != nil {
				v = round2(*fig.Mean)
			}
			data = append(data, opts.BarData{Name: esc(it.Text[lang]), Value: v})
		}
		byYear.AddSeries(strconv.Itoa(yr.Year), data)
	}
	byYear.Validate()

	// 3. Distribution of answers, stacked in percent.
	dist := charts.NewBar()
	dist.SetGlobalOptions(chartColours, charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(opts.YAxis{Max: 100}), charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll"}))
	dist.SetXAxis(keys)
	if s := y.summary(key{}); !s.Suppressed && len(scale) > 0 {
		labels := in.Scales[scale[0].Type]
		for v := 1; v <= 5; v++ {
			var data []opts.BarData
			for _, it := range scale {
				data = append(data, opts.BarData{Value: round2(s.Items[it.Key].Pct[strconv.Itoa(v)])})
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
		{Name: "years", Title: t("chart.years"), Options: byYear.JSON()},
		{Name: "distribution", Title: t("chart.distribution"), Options: dist.JSON()},
	}
	// Cards are handed out for the visit card, whose answers are choices
	// and faces: the instruments with a choice question that is not
	// background get the per-card chart.
	if parts, _ := y.Breakdown(Filter{}, Card); len(parts) > 0 && slices.ContainsFunc(in.Items, func(it survey.Item) bool {
		return it.Type == survey.TypeChoice && it.Dimension == ""
	}) {
		out = append(out, Chart{Name: "cards", Title: t("chart.cards"), Options: cardShares(y, parts, lang)})
	}
	return out
}

// chartColours are the Okabe–Ito colours, which stay apart for people
// with colour blindness.
var chartColours = charts.WithColorsOpts(opts.Colors{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"})

func round2(v float64) float64 { return float64(int64(v*100+0.5)) / 100 }

// cardShares is, per card whose figures are shown, the shares of each
// answer to the instrument's choice and faces items that are not
// background, in percent.
func cardShares(y *Year, parts []Part, lang string) map[string]any {
	bar := charts.NewBar()
	bar.SetGlobalOptions(chartColours, charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(opts.YAxis{Max: 100}), charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll"}))
	var axis []string
	var sums []Summary
	for _, p := range parts {
		if p.Shown {
			axis = append(axis, html.EscapeString(p.Value))
			s, _ := y.Summary(Filter{By: map[Dim]string{Card: p.Value}})
			sums = append(sums, s)
		}
	}
	bar.SetXAxis(axis)
	for _, it := range y.Survey.Items {
		if it.Dimension != "" || (it.Type != survey.TypeChoice && it.Type != survey.TypeRating5) {
			continue
		}
		for i, v := range it.Values() {
			var data []opts.BarData
			for _, s := range sums {
				data = append(data, opts.BarData{Value: round2(s.Items[it.Key].Pct[v])})
			}
			label := v
			if it.Type == survey.TypeChoice {
				label = it.Options[i].Text[lang]
			} else if l := y.Survey.Scales[it.Type]; len(l) == 5 {
				label = l[i][lang]
			}
			bar.AddSeries(html.EscapeString(it.Key+": "+label), data, charts.WithBarChartOpts(opts.BarChart{Stack: it.Key}))
		}
	}
	bar.Validate()
	return bar.JSON()
}
