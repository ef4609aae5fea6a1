package server

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/report"
	"palaute/survey"
	"palaute/survey/store"
)

type posterPage struct {
	Unit   string
	Wall   bool
	Blocks []posterBlock
}

type posterBlock struct {
	Lang, Title, SaidDid, Thanks string
	Lines, Actions               []string
}

// posterShow is the public lobby poster: last month's visit-card results
// in plain language in every language, and what was done because of
// feedback. Figures below the anonymity threshold are never shown.
func (s *Server) posterShow(c *fiber.Ctx) error {
	ctx := c.UserContext()
	unit := strings.Clone(c.Query("unit"))
	if unit != "" {
		units, err := s.db.Units(ctx)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(units, func(u store.Unit) bool { return u.Name == unit }) {
			return fiber.ErrNotFound // a public page never prints what a stranger typed
		}
	}
	last := s.today().AddDate(0, 0, -s.today().Day()) // the last day of the previous month
	month := fmt.Sprintf("%d/%d", last.Month(), last.Year())
	y, err := s.src.Load(ctx, "visit", last.Year(), false)
	if err != nil {
		return err
	}
	f := report.Filter{Month: int(last.Month()), By: map[report.Dim]string{}}
	if unit != "" {
		f.By[report.Unit] = unit
	}
	sum, _ := y.Summary(f)
	hidden, figs, n := sum.Suppressed, sum.Items, sum.N
	actions, err := s.db.Actions(ctx, unit, last.AddDate(0, -2, 0).Format("2006-01"))
	if err != nil {
		return err
	}
	page := posterPage{Unit: unit, Wall: c.Query("view") == "wall"}
	for _, lang := range survey.Languages {
		b := posterBlock{Lang: lang, Title: s.cat.Get(lang, "poster.title"), SaidDid: s.cat.Get(lang, "poster.said_did"),
			Thanks: s.cat.Get(lang, "poster.thanks")}
		if hidden {
			b.Lines = []string{fmt.Sprintf(s.cat.Get(lang, "poster.too_few"), month)}
		} else {
			b.Lines = []string{fmt.Sprintf(s.cat.Get(lang, "poster.count"), month, n)}
			if q1 := figs["q1"]; q1.N > 0 {
				b.Lines = append(b.Lines, fmt.Sprintf(s.cat.Get(lang, "poster.expect"), int(math.Round(q1.Pct["yes"])), int(math.Round(q1.Pct["partly"]))))
			}
			if q2 := figs["q2"]; q2.N > 0 && q2.Mean != nil {
				mean := fmt.Sprintf("%.1f", *q2.Mean)
				if lang != "en" {
					mean = strings.Replace(mean, ".", ",", 1)
				}
				b.Lines = append(b.Lines, fmt.Sprintf(s.cat.Get(lang, "poster.rating"), mean))
			}
		}
		for _, a := range actions {
			b.Actions = append(b.Actions, a.Text[lang])
		}
		page.Blocks = append(page.Blocks, b)
	}
	c.Set(fiber.HeaderCacheControl, "no-cache")
	return s.render(c, fiber.StatusOK, "poster.html", page)
}
