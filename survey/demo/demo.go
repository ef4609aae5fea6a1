// Package demo fills an empty database with a demo organisation and
// several years of realistic responses, so every side of Palaute can be
// tried at once.
package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"

	"palaute/survey"
	"palaute/survey/store"
)

// Well-known demo credentials. They exist only in a database the demo
// filled, and are printed every time such a database is served.
const (
	KioskToken  = "demo-kiosk-token"
	ReportToken = "demo-quality-token"
)

// Login is a demo user; a worker has cards.
type Login struct {
	Name, Password string
	Role           store.Role
	Cards          []string
}

// DemoKioskSurveys are the surveys the demo lobby tablet's unit offers.
var DemoKioskSurveys = []string{"visit", "national", "satisfaction"}

// Logins are the demo users, one per role.
var Logins = []Login{
	{"admin", "demo-admin-pass", store.RoleAdmin, nil},
	{"quality", "demo-quality-pass", store.RoleQuality, nil},
	{"entry", "demo-entry-pass", store.RoleEntry, nil},
	{"aino", "demo-worker-pass", store.RoleWorker, []string{"BLUE"}},
}

// Units of the demo organisation.
const (
	UnitAdult  = "Aikuissosiaalityö"
	UnitFamily = "Perhepalvelut"
)

// SurveyMonth is the month the demo organisation runs its annual survey.
const SurveyMonth = time.April

type worker struct {
	code, name, unit string
	skill            float64 // shifts this worker's ratings up or down
}

// workers wear six colours of the colour-blind-safe palette.
var workers = []worker{
	{"BLUE", "Aino Virtanen", UnitAdult, 0.35},
	{"ORANGE", "Mikael Nieminen", UnitAdult, -0.25},
	{"GREEN", "Sara Lindqvist", UnitAdult, 0.1},
	{"YELLOW", "Jussi Korhonen", UnitFamily, 0.0},
	{"SKY", "Leena Mäkinen", UnitFamily, 0.25},
	{"PURPLE", "Emma Andersson", UnitFamily, -0.1},
}

// Summary tells what Fill did.
type Summary struct {
	Filled    bool           // false when the database already had data
	IsDemo    bool           // the database holds the demo organisation
	Responses map[string]int // per survey, when filled
}

// Fill adds the demo organisation and three years of responses up to now
// to an empty database. A database with any data is left alone.
func Fill(ctx context.Context, db *store.DB, reg *survey.Registry, now time.Time) (Summary, error) {
	empty, err := db.IsEmpty(ctx)
	if err != nil {
		return Summary{}, err
	}
	if !empty {
		k, err := db.KioskByToken(ctx, KioskToken)
		return Summary{IsDemo: err == nil && !k.Revoked}, nil
	}
	for _, w := range workers {
		c, _ := survey.PaletteColour(colourOf(w.code))
		if _, err := db.CreateCard(ctx, store.Card{Code: w.code, Colour: c.Hex, NameFi: c.Name["fi"], NameSv: c.Name["sv"],
			NameEn: c.Name["en"], Worker: w.name, Unit: w.unit}); err != nil {
			return Summary{}, fmt.Errorf("demo card %s: %w", w.code, err)
		}
	}
	if _, err := db.EnsureUnit(ctx, UnitFamily); err != nil {
		return Summary{}, err
	}
	if _, err := db.AddKiosk(ctx, "Aulan tabletti", UnitAdult, KioskToken); err != nil {
		return Summary{}, err
	}
	// The adult social work lobby asks the visit card and the national
	// model's questions, and the annual survey in its period.
	adult, err := db.EnsureUnit(ctx, UnitAdult)
	if err != nil {
		return Summary{}, err
	}
	if err := db.SetUnitSurveys(ctx, adult.ID, DemoKioskSurveys); err != nil {
		return Summary{}, err
	}
	if _, err := db.AddAPIToken(ctx, "Laaturyhmän raportit", store.RoleQuality, ReportToken); err != nil {
		return Summary{}, err
	}
	for _, l := range Logins {
		if _, err := db.CreateUser(ctx, l.Name, l.Role, l.Password, l.Cards); err != nil {
			return Summary{}, err
		}
	}
	gen, err := Generate(reg, now)
	if err != nil {
		return Summary{}, err
	}
	// Answers from a unit's lobby tablet without a card take the
	// tablet's unit, as the kiosk's own answers do.
	byUnit := map[string][]survey.Response{}
	for _, r := range gen.Responses {
		byUnit[gen.KioskUnit[r.ID]] = append(byUnit[gen.KioskUnit[r.ID]], r)
	}
	for _, name := range []string{"", UnitAdult, UnitFamily} {
		var src store.Source
		if name != "" {
			u, err := db.EnsureUnit(ctx, name)
			if err != nil {
				return Summary{}, err
			}
			src.UnitID = u.ID
		}
		if _, err := db.SubmitAll(ctx, store.All(byUnit[name]), store.Bulk{Source: src}); err != nil {
			return Summary{}, err
		}
	}
	rs := gen.Responses
	counts := map[string]int{}
	for _, r := range rs {
		counts[r.Survey]++
	}
	return Summary{Filled: true, IsDemo: true, Responses: counts}, nil
}

func colourOf(code string) string {
	for _, c := range survey.Palette {
		if c.Code == code {
			return c.Hex
		}
	}
	return ""
}

// Responses generates the demo responses from the start of the year two
// years before now up to now, deterministically. Each one passes the same
// checks as a submitted response.
func Responses(reg *survey.Registry, now time.Time) ([]survey.Response, error) {
	gen, err := Generate(reg, now)
	return gen.Responses, err
}

// Generated are the demo responses, and the unit of the lobby tablet
// that each national-survey answer came from, by response id.
type Generated struct {
	Responses []survey.Response
	KioskUnit map[string]string
}

// Generate generates the demo responses as Responses does, with the units
// of the tablets the national survey was answered on.
func Generate(reg *survey.Registry, now time.Time) (Generated, error) {
	g := &generator{rng: rand.New(rand.NewChaCha8([32]byte{'p', 'a', 'l', 'a', 'u', 't', 'e'})), reg: reg, now: now}
	g.ids = rand.NewChaCha8([32]byte{'i', 'd', 's'})
	// The national survey draws from streams of its own, so that adding it
	// left the other surveys' demo answers as they were.
	n := &generator{rng: rand.New(rand.NewChaCha8([32]byte{'n', 'a', 't', 'i', 'o', 'n', 'a', 'l'})), reg: reg, now: now,
		units: map[string]string{}}
	n.ids = rand.NewChaCha8([32]byte{'n', 'i', 'd', 's'})
	first := time.Date(now.Year()-2, time.January, 1, 12, 0, 0, 0, now.Location())
	for day := first; !day.After(now); day = day.AddDate(0, 0, 1) {
		if err := g.day(day); err != nil {
			return Generated{}, err
		}
		if err := n.nationalDay(day); err != nil {
			return Generated{}, err
		}
	}
	return Generated{Responses: append(g.out, n.out...), KioskUnit: n.units}, nil
}

type generator struct {
	rng   *rand.Rand
	ids   *rand.ChaCha8
	reg   *survey.Registry
	now   time.Time
	out   []survey.Response
	units map[string]string // the tablet's unit by response id
}

// seasonal scales visit-card volume: quiet in the summer holidays and
// around Christmas, busy after New Year and in the autumn.
var seasonal = [13]float64{0, 1.15, 1.1, 1.0, 1.0, 0.9, 0.6, 0.3, 0.85, 1.1, 1.1, 1.05, 0.65}

func (g *generator) day(day time.Time) error {
	if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return nil
	}
	for range g.poisson(5.5 * seasonal[day.Month()]) {
		if err := g.visit(day); err != nil {
			return err
		}
	}
	if day.Month() == SurveyMonth {
		for range g.poisson(5) {
			if err := g.satisfaction(day); err != nil {
				return err
			}
		}
	}
	return nil
}

// poisson draws a count with the given mean (Knuth's method; means here
// are small).
func (g *generator) poisson(mean float64) int {
	l, k, p := math.Exp(-mean), 0, 1.0
	for {
		p *= g.rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

func (g *generator) pick(weights ...float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := g.rng.Float64() * total
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

func (g *generator) lang() string {
	return []string{"fi", "sv", "en"}[g.pick(72, 22, 6)]
}

// scale draws a 1–5 answer around mean.
func (g *generator) scale(mean float64) int {
	v := int(math.Round(mean + g.rng.NormFloat64()*0.9))
	return max(1, min(5, v))
}

// trend lifts ratings a little each year: the work the quality group does
// shows.
func trend(day time.Time, now time.Time) float64 {
	return 0.12 * float64(day.Year()-(now.Year()-2))
}

func (g *generator) visit(day time.Time) error {
	lang := g.lang()
	answers := map[string]any{}
	channel := []string{survey.ChannelKiosk, survey.ChannelPaper, survey.ChannelWeb}[g.pick(55, 35, 10)]
	var card string
	skill := 0.0
	if channel != survey.ChannelKiosk || g.rng.Float64() < 0.75 {
		w := workers[g.rng.IntN(len(workers))]
		card, skill = w.code, w.skill
	}
	mean := 3.7 + skill + trend(day, g.now)
	q2 := g.scale(mean)
	if g.rng.Float64() < 0.96 {
		answers["q2"] = q2
	}
	if g.rng.Float64() < 0.95 {
		switch {
		case q2 >= 4:
			answers["q1"] = []string{"yes", "partly"}[g.pick(85, 15)]
		case q2 == 3:
			answers["q1"] = []string{"yes", "partly", "no"}[g.pick(30, 55, 15)]
		default:
			answers["q1"] = []string{"partly", "no"}[g.pick(35, 65)]
		}
	}
	if g.rng.Float64() < 0.12 {
		answers["q2_text"] = g.comment(lang, q2)
	}
	if g.rng.Float64() < 0.25 {
		answers["q3"] = g.wish(lang)
	}
	if len(answers) == 0 {
		answers["q2"] = q2
	}
	return g.add("visit", lang, channel, card, day, answers)
}

func (g *generator) satisfaction(day time.Time) error {
	lang := g.lang()
	channel := []string{survey.ChannelPaper, survey.ChannelKiosk}[g.pick(65, 35)]
	answers := map[string]any{}
	if g.rng.Float64() < 0.93 {
		answers["gender"] = []string{"female", "male", "other", "no_answer"}[g.pick(52, 40, 3, 5)]
	}
	if g.rng.Float64() < 0.85 {
		answers["birth_year"] = day.Year() - 19 - g.rng.IntN(60)
	}
	if g.rng.Float64() < 0.8 {
		answers["client_months"] = int(math.Min(360, math.Abs(g.rng.NormFloat64()*40)))
	}
	// Group means: access is the weakest point, respectful treatment the
	// strongest, as satisfaction surveys of social work tend to show.
	base := map[string]float64{"q1": 3.3, "q2": 3.1, "q3": 3.2, "q4": 4.3, "q5": 4.0, "q6": 3.7,
		"q7": 4.1, "q8": 3.9, "q9": 3.6, "q10": 3.5, "q11": 3.6}
	mood := g.rng.NormFloat64() * 0.5
	for item, mean := range base {
		if g.rng.Float64() < 0.95 {
			answers[item] = g.scale(mean + mood + trend(day, g.now))
		}
	}
	if g.rng.Float64() < 0.95 {
		answers["q12"] = g.scale(3.7 + mood + trend(day, g.now))
	}
	if g.rng.Float64() < 0.22 {
		answers["free"] = g.free(lang)
	}
	return g.add("satisfaction", lang, channel, "", day, answers)
}

func (g *generator) add(key, lang, channel, card string, day time.Time, answers map[string]any) error {
	id, err := uuid.NewRandomFromReader(g.ids)
	if err != nil {
		return err
	}
	body, err := json.Marshal(map[string]any{
		"id": id.String(), "survey": key, "lang": lang, "channel": channel, "card": card,
		"date": day.Format(survey.DateLayout), "answers": answers,
	})
	if err != nil {
		return err
	}
	sub, err := survey.Decode(body)
	if err != nil {
		return err
	}
	r, errs := survey.Check(sub, survey.Rules{
		Registry: g.reg, Today: g.now,
		Cards: func(code string) survey.CardState {
			if colourOf(code) == "" {
				return survey.CardUnknown
			}
			return survey.CardInUse
		},
	})
	if errs != nil {
		return fmt.Errorf("demo response does not pass the checks: %v", errs)
	}
	g.out = append(g.out, r)
	return nil
}
