package report

import (
	"context"
	"encoding/json"
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

// Dashboard is the charts of a survey's year, and whether the year has any
// answers to draw.
type Dashboard struct {
	Charts []Chart
	// Empty says the year has no released answers, so there is nothing to
	// draw.
	Empty bool
}

// dashboardYears is how many years the by-year charts show.
const dashboardYears = 3

// LoadDashboard loads a survey's year and the two before it, and draws
// the dashboard's charts.
func (s *Source) LoadDashboard(ctx context.Context, surveyKey string, year int, l Labels) (Dashboard, error) {
	var years []*Year
	for yr := year - dashboardYears + 1; yr <= year; yr++ {
		y, err := s.Load(ctx, surveyKey, yr, NoRows)
		if err != nil {
			return Dashboard{}, err
		}
		years = append(years, y)
	}
	return Draw(years, l), nil
}

// Draw draws the charts of the last of years, which are consecutive. Only
// released figures are drawn. Labels go in as plain text: the tooltips are
// drawn as text, not HTML, so nothing needs escaping but the page's own
// JSON.
func Draw(years []*Year, l Labels) Dashboard {
	y := years[len(years)-1]
	if s := y.summary(key{}); s.Suppressed || s.N == 0 {
		return Dashboard{Empty: true}
	}
	d := drawing{y: y, years: years, l: l}
	out := []Chart{
		{Name: "monthly", Title: l.T("chart.monthly"), Options: d.groupTrend()},
		{Name: "years", Title: l.T("chart.years"), Options: d.meansByYear()},
		{Name: "distribution", Title: l.T("chart.distribution"), Options: d.distribution()},
	}
	for _, it := range y.ClosedItems() {
		if it.Scale() {
			continue
		}
		if it.Type == survey.TypeNPS {
			out = append(out,
				Chart{Name: "distribution-" + it.Key, Title: l.Item(it) + ": " + l.T("chart.nps_distribution"), Options: d.npsDistribution(it)},
				Chart{Name: "nps-years-" + it.Key, Title: l.Item(it) + ": " + l.T("chart.nps_by_year"), Options: d.npsBy(it, true)},
				Chart{Name: "nps-months-" + it.Key, Title: l.Item(it) + ": " + l.T("chart.nps_by_month"), Options: d.npsBy(it, false)})
			continue
		}
		out = append(out,
			Chart{Name: "years-" + it.Key, Title: l.Item(it) + ": " + l.T("chart.shares_by_year"), Options: d.sharesBy(it, true)},
			Chart{Name: "months-" + it.Key, Title: l.Item(it) + ": " + l.T("chart.shares_by_month"), Options: d.sharesBy(it, false)})
	}
	if parts, _ := y.Breakdown(Filter{}, Card); len(parts) > 0 && slices.ContainsFunc(y.ClosedItems(), byCard) {
		out = append(out, Chart{Name: "cards", Title: l.T("chart.cards"), Options: d.cardShares(parts)})
	}
	return Dashboard{Charts: out}
}

type drawing struct {
	y     *Year
	years []*Year
	l     Labels
}

func tooltip() charts.GlobalOpts {
	return charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"})
}

func legend() charts.GlobalOpts {
	return charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Bottom: "0"})
}

func colour(c string) charts.SeriesOpts {
	return charts.WithItemStyleOpts(opts.ItemStyle{Color: c})
}

// finish turns a chart's options into plain JSON values and has its
// tooltips drawn as text (renderMode richText): HTML tooltips need inline
// styles, which the pages' Content-Security-Policy refuses.
func finish(options map[string]any) map[string]any {
	raw, _ := json.Marshal(options)
	var out map[string]any
	json.Unmarshal(raw, &out)
	if tt, ok := out["tooltip"].(map[string]any); ok {
		tt["renderMode"] = "richText"
	}
	return out
}

func (d drawing) monthNames() []string {
	out := make([]string, 0, d.y.Through)
	for _, m := range d.y.Months() {
		out = append(out, d.l.T("month.short."+strconv.Itoa(m)))
	}
	return out
}

// groupTrend is each group's mean, month by month.
func (d drawing) groupTrend() map[string]any {
	line := charts.NewLine()
	line.SetGlobalOptions(tooltip(), legend(), charts.WithYAxisOpts(opts.YAxis{Min: 1, Max: 5}))
	line.SetXAxis(d.monthNames())
	monthly := make([]Summary, 13)
	for _, m := range d.y.Months() {
		monthly[m] = d.y.summary(key{month: uint16(m)})
	}
	i := 0
	for _, g := range d.y.Survey.Groups {
		var data []opts.LineData
		has := false
		for _, m := range d.y.Months() {
			mean, ok := monthly[m].Groups[g.Key]
			if !ok {
				data = append(data, opts.LineData{Value: nil})
				continue
			}
			has = true
			data = append(data, opts.LineData{Value: round2(mean)})
		}
		if has {
			line.AddSeries(g.Title[d.l.Lang], data, colour(Categorical[i%len(Categorical)]),
				charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(true)}))
			i++
		}
	}
	line.Validate()
	return finish(line.JSON())
}

// meansByYear is each five-point item's mean, year beside year.
func (d drawing) meansByYear() map[string]any {
	bar := charts.NewBar()
	bar.SetGlobalOptions(tooltip(), legend(), charts.WithYAxisOpts(opts.YAxis{Min: 0, Max: 5}))
	var axis []string
	for _, it := range d.y.ScaleItems() {
		axis = append(axis, d.l.Item(it))
	}
	bar.SetXAxis(axis)
	for i, yr := range d.years {
		s := yr.summary(key{})
		if s.Suppressed || s.N == 0 {
			continue
		}
		var data []opts.BarData
		for _, it := range d.y.ScaleItems() {
			v := any(nil)
			if fig := s.Items[it.Key]; fig.Mean != nil {
				v = round2(*fig.Mean)
			}
			data = append(data, opts.BarData{Name: d.l.Item(it), Value: v})
		}
		bar.AddSeries(strconv.Itoa(yr.Year), data, colour(Categorical[i%len(Categorical)]))
	}
	bar.Validate()
	return finish(bar.JSON())
}

// distribution is the five-point items' answers, stacked in percent of
// each item's answers, from the most negative to the most positive, and
// can't-say last in a colour of its own where an item allows it.
func (d drawing) distribution() map[string]any {
	bar := charts.NewBar()
	bar.SetGlobalOptions(tooltip(), legend(), charts.WithYAxisOpts(opts.YAxis{Max: 100}))
	scale := d.y.ScaleItems()
	var axis []string
	for _, it := range scale {
		axis = append(axis, d.l.Item(it))
	}
	bar.SetXAxis(axis)
	s := d.y.summary(key{})
	if len(scale) > 0 {
		// The series are the values of the item that has the most: with
		// can't-say where any item allows it.
		widest := scale[0]
		for _, it := range scale {
			if len(it.Values()) > len(widest.Values()) {
				widest = it
			}
		}
		colours := ValueColours(widest)
		for i, v := range widest.Values() {
			var data []opts.BarData
			for _, it := range scale {
				val := any(nil)
				if pct, ok := s.Items[it.Key].Pct[v]; ok {
					val = round2(pct)
				}
				data = append(data, opts.BarData{Value: val})
			}
			bar.AddSeries(d.l.Value(d.y.Survey, widest, v), data, colour(colours[i]),
				charts.WithBarChartOpts(opts.BarChart{Stack: "pct"}))
		}
	}
	bar.Validate()
	return finish(bar.JSON())
}

// npsDistribution is a 0–10 item's answers in the year, in percent of its
// answers, each bar in its part's colour: red 0–6, grey 7–8, blue 9–10.
func (d drawing) npsDistribution(it survey.Item) map[string]any {
	bar := charts.NewBar()
	bar.SetGlobalOptions(tooltip(), charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}), charts.WithYAxisOpts(opts.YAxis{Min: 0}))
	values := it.Values()
	bar.SetXAxis(values)
	fig := d.y.summary(key{}).Items[it.Key]
	colours := ValueColours(it)
	var data []opts.BarData
	for i, v := range values {
		val := any(nil)
		if pct, ok := fig.Pct[v]; ok {
			val = round2(pct)
		}
		data = append(data, opts.BarData{Name: d.l.Value(d.y.Survey, it, v), Value: val, ItemStyle: &opts.ItemStyle{Color: colours[i]}})
	}
	bar.AddSeries(d.l.Item(it), data)
	bar.Validate()
	return finish(bar.JSON())
}

// npsBy is a 0–10 item's net promoter score by year (byYear) or by the
// year's months, with its parts' shares stacked beside it in their
// colours.
func (d drawing) npsBy(it survey.Item, byYear bool) map[string]any {
	bar := charts.NewBar()
	bar.SetGlobalOptions(tooltip(), legend(), charts.WithYAxisOpts(opts.YAxis{Min: -100, Max: 100}))
	var axis []string
	var figs []ItemFigures
	if byYear {
		for _, yr := range d.years {
			axis = append(axis, strconv.Itoa(yr.Year))
			figs = append(figs, yr.summary(key{}).Items[it.Key])
		}
	} else {
		axis = d.monthNames()
		for _, m := range d.y.Months() {
			figs = append(figs, d.y.summary(key{month: uint16(m)}).Items[it.Key])
		}
	}
	bar.SetXAxis(axis)
	of := func(v *float64) any {
		if v == nil {
			return nil
		}
		return round2(*v)
	}
	var scores []opts.BarData
	for _, f := range figs {
		scores = append(scores, opts.BarData{Value: of(f.NPS)})
	}
	bar.AddSeries(d.l.NPS(), scores, colour(Categorical[0]))
	for _, part := range NPSParts {
		var data []opts.BarData
		for _, f := range figs {
			data = append(data, opts.BarData{Value: of(f.Part(part))})
		}
		bar.AddSeries(d.l.NPSPart(part)+" %", data, colour(NPSColour(part)), charts.WithBarChartOpts(opts.BarChart{Stack: "parts"}))
	}
	bar.Validate()
	return finish(bar.JSON())
}

// sharesBy is a choice or band item's shares, stacked in percent, by year
// (byYear) or by the year's months.
func (d drawing) sharesBy(it survey.Item, byYear bool) map[string]any {
	bar := charts.NewBar()
	bar.SetGlobalOptions(tooltip(), legend(), charts.WithYAxisOpts(opts.YAxis{Max: 100}))
	var axis []string
	var sums []Summary
	if byYear {
		for _, yr := range d.years {
			axis = append(axis, strconv.Itoa(yr.Year))
			sums = append(sums, yr.summary(key{}))
		}
	} else {
		axis = d.monthNames()
		for _, m := range d.y.Months() {
			sums = append(sums, d.y.summary(key{month: uint16(m)}))
		}
	}
	bar.SetXAxis(axis)
	colours := ValueColours(it)
	for i, v := range it.Values() {
		var data []opts.BarData
		for _, s := range sums {
			val := any(nil)
			if pct, ok := s.Items[it.Key].Pct[v]; ok {
				val = round2(pct)
			}
			data = append(data, opts.BarData{Value: val})
		}
		bar.AddSeries(d.l.Value(d.y.Survey, it, v), data, colour(colours[i]), charts.WithBarChartOpts(opts.BarChart{Stack: "pct"}))
	}
	bar.Validate()
	return finish(bar.JSON())
}

// byCard reports whether the chart per card draws an item: choices and
// faces that are not background.
func byCard(it survey.Item) bool {
	return it.Dimension == "" && (it.Type == survey.TypeChoice || it.Type == survey.TypeRating5)
}

func round2(v float64) float64 { return float64(int64(v*100+0.5)) / 100 }

// cardShares is, per card whose figures are shown, the shares of each
// answer to the items that are not background and not a five-point
// statement: choices and faces, one stack per item.
func (d drawing) cardShares(parts []Part) map[string]any {
	bar := charts.NewBar()
	bar.SetGlobalOptions(tooltip(), legend(), charts.WithYAxisOpts(opts.YAxis{Max: 100}))
	var axis []string
	var sums []Summary
	for _, p := range parts {
		if p.Shown {
			axis = append(axis, p.Value)
			s, _ := d.y.Summary(Filter{By: map[Dim]string{Card: p.Value}})
			sums = append(sums, s)
		}
	}
	bar.SetXAxis(axis)
	for _, it := range d.y.ClosedItems() {
		if !byCard(it) {
			continue
		}
		colours := ValueColours(it)
		for i, v := range it.Values() {
			var data []opts.BarData
			for _, s := range sums {
				data = append(data, opts.BarData{Value: round2(s.Items[it.Key].Pct[v])})
			}
			bar.AddSeries(d.l.Item(it)+": "+d.l.Value(d.y.Survey, it, v), data, colour(colours[i]),
				charts.WithBarChartOpts(opts.BarChart{Stack: it.Key}))
		}
	}
	bar.Validate()
	return finish(bar.JSON())
}
