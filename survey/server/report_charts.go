package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"palaute/assets"
	"palaute/report"
	"palaute/survey"
)

// chartsPage is what the dashboard shows.
type chartsPage struct {
	Survey  string
	Year    int
	Heading string
	Surveys []homeOption
	Charts  []chartBlock
	Empty   bool
}

type chartBlock struct {
	Name, Title string
	Options     map[string]any
}

// charts builds the dashboard's charts for the request's survey and year.
func (s *Server) charts(c *fiber.Ctx) (*survey.Instrument, int, report.Dashboard, error) {
	in, year, _, err := s.reportQuery(c, true)
	if err != nil {
		return nil, 0, report.Dashboard{}, err
	}
	d, err := s.src.LoadDashboard(c.UserContext(), in.Key, year, report.Labels{Lang: s.staffLang(c), Catalog: s.cat})
	return in, year, d, err
}

// reportCharts draws the dashboard of a survey's year: ECharts served by
// Palaute itself, each chart's options in a JSON block.
func (s *Server) reportCharts(c *fiber.Ctx) error {
	if c.Query("survey") == "" && c.Query("year") == "" {
		return c.Redirect("/reports", fiber.StatusSeeOther)
	}
	in, year, d, err := s.charts(c)
	if err != nil {
		return err
	}
	p := s.staffPage(c, "chart.title")
	l := report.Labels{Lang: p.Lang, Catalog: s.cat}
	data := chartsPage{Survey: in.Key, Year: year, Heading: l.Survey(in) + " " + strconv.Itoa(year), Empty: d.Empty}
	for _, other := range s.reg.List() {
		data.Surveys = append(data.Surveys, homeOption{other.Key, l.Survey(other), other.Key == in.Key})
	}
	for _, ch := range d.Charts {
		data.Charts = append(data.Charts, chartBlock{Name: ch.Name, Title: ch.Title, Options: ch.Options})
	}
	p.Data = data
	return s.renderStaff(c, fiber.StatusOK, "charts.html", p)
}

var standaloneChart = template.Must(template.New("chart").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body><h1>{{.Title}}</h1><div id="chart" style="width:100%;height:480px"></div>
<script>{{.ECharts}}</script>
<script>echarts.init(document.getElementById('chart')).setOption({{.Options}});</script>
</body></html>`))

// reportChartDownload answers one chart as a standalone HTML file with
// ECharts inside it, to keep or mail without the server.
func (s *Server) reportChartDownload(c *fiber.Ctx) error {
	in, year, d, err := s.charts(c)
	if err != nil {
		return err
	}
	key := in.Key
	for _, ch := range d.Charts {
		if ch.Name+".html" != c.Params("file") {
			continue
		}
		js, err := assets.Static.ReadFile("static/echarts.min.js")
		if err != nil {
			return err
		}
		opts, err := json.Marshal(ch.Options)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := standaloneChart.Execute(&buf, map[string]any{"Title": ch.Title, "ECharts": template.JS(js), "Options": template.JS(opts)}); err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
		c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="palaute-%s-%d-%s.html"`, key, year, ch.Name))
		return c.Send(buf.Bytes())
	}
	return fiber.ErrNotFound
}
