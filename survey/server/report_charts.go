package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"

	"github.com/gofiber/fiber/v2"

	"palaute/assets"
	"palaute/report"
	"palaute/survey"
)

// chartsPage is what the dashboard shows.
type chartsPage struct {
	Survey string
	Year   int
	Charts []chartBlock
	Langs  []string
}

type chartBlock struct {
	Name, Title string
	Options     map[string]any
}

// charts builds the dashboard's charts for the request's survey and year.
func (s *Server) charts(c *fiber.Ctx) (string, int, []report.Chart, error) {
	in, year, _, err := s.reportQuery(c, true)
	if err != nil {
		return "", 0, nil, err
	}
	p := s.staffPage(c, "chart.title")
	list, err := s.src.LoadDashboard(c.UserContext(), in.Key, year, p.Lang, p.T)
	return in.Key, year, list, err
}

// reportCharts draws the dashboard of a survey's year: ECharts served by
// Palaute itself, each chart's options in a JSON block.
func (s *Server) reportCharts(c *fiber.Ctx) error {
	if c.Query("survey") == "" && c.Query("year") == "" {
		return c.Redirect("/reports", fiber.StatusSeeOther)
	}
	key, year, list, err := s.charts(c)
	if err != nil {
		return err
	}
	data := chartsPage{Survey: key, Year: year, Langs: survey.Languages}
	for _, ch := range list {
		data.Charts = append(data.Charts, chartBlock{Name: ch.Name, Title: ch.Title, Options: ch.Options})
	}
	p := s.staffPage(c, "chart.title")
	p.Data = data
	return s.renderStaff(c, fiber.StatusOK, "charts.html", p)
}

var standaloneChart = template.Must(template.New("chart").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body><h1>{{.Title}}</h1><div id="chart" style="width:100%;height:480px"></div>
<script>{{.ECharts}}</script>
<script>echarts.init(document.getElementById('chart'), null, {renderer: 'svg'}).setOption({{.Options}});</script>
</body></html>`))

// reportChartDownload answers one chart as a standalone HTML file with
// ECharts inside it, to keep or mail without the server.
func (s *Server) reportChartDownload(c *fiber.Ctx) error {
	key, year, list, err := s.charts(c)
	if err != nil {
		return err
	}
	for _, ch := range list {
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
