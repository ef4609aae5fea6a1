package server

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"palaute/report"
)

// textsView is the open answers of a released figure, by item.
type textsView struct {
	Heading  string
	Released bool
	Back     string
	Items    []textsItem
}

type textsItem struct {
	Label string
	Texts []textLine
}

type textLine struct {
	Month, Text string
}

// reportTextList shows the open answers of a figure the disclosure rules
// release, item by item, in random order within each, labelled no finer
// than the released months. Reading them is audited like the API's.
func (s *Server) reportTextList(c *fiber.Ctx) error {
	in, year, f, texts, released, err := s.releasedTexts(c)
	if err != nil {
		return err
	}
	p := s.staffPage(c, "reports.texts")
	l := report.Labels{Lang: p.Lang, Catalog: s.cat}
	v := textsView{Heading: l.Survey(in) + " " + strconv.Itoa(year), Released: released, Back: "/reports?" + string(c.Request().URI().QueryString())}
	for _, it := range in.Items {
		item := textsItem{Label: it.Text[p.Lang]}
		for _, t := range texts {
			if t.Item != it.Key {
				continue
			}
			line := textLine{Text: t.Text}
			if t.Month != 0 {
				line.Month = l.Month(t.Month)
			}
			item.Texts = append(item.Texts, line)
		}
		if len(item.Texts) > 0 {
			v.Items = append(v.Items, item)
		}
	}
	if f.By[report.Unit] != "" {
		v.Heading += " · " + f.By[report.Unit]
	}
	p.Data = v
	return s.renderStaff(c, fiber.StatusOK, "texts.html", p)
}
