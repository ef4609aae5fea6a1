package demo

import (
	"math"
	"time"

	"palaute/survey"
)

// nationalSurvey is the national customer-feedback model's survey, which
// the demo's lobby tablets offer all year.
const nationalSurvey = "national"

// nationalDay adds a weekday's answers to the national survey from the
// lobby tablets: fewer than visit cards, with the same seasons.
func (g *generator) nationalDay(day time.Time) error {
	in := g.reg.Current(nationalSurvey)
	if in == nil {
		return nil
	}
	if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return nil
	}
	for range g.poisson(2.2 * seasonal[day.Month()]) {
		if err := g.national(in, day); err != nil {
			return err
		}
	}
	return nil
}

// national answers the national survey as its items' types ask, never
// by their keys: a 0–10 recommendation around a net promoter score of
// about +25 that rises a little each year, five-point statements that go
// with it (can't-say now and then where allowed), and a follow-up text
// only where its condition holds.
func (g *generator) national(in *survey.Instrument, day time.Time) error {
	lang := g.lang()
	unit := []string{UnitAdult, UnitFamily}[g.pick(60, 40)]
	mood := g.rng.NormFloat64()
	answers := map[string]any{}
	var given []survey.Answer
	recommend := -1
	statement := 0
	for _, it := range in.Items {
		if !it.Applies(given) {
			continue
		}
		switch it.Type {
		case survey.TypeNPS:
			if g.rng.Float64() < 0.97 {
				recommend = max(0, min(10, int(math.Round(8.1+2*trend(day, g.now)+1.9*mood))))
				answers[it.Key] = recommend
				given = append(given, survey.Answer{Item: it.Key, Type: it.Type, Num: int64(recommend)})
			}
		case survey.TypeLikert5, survey.TypeRating5:
			// Statements differ a little: some are met more often than others.
			lift := []float64{-0.35, 0.45, -0.25, 0.3, 0.0, 0.15}[statement%6]
			statement++
			switch x := g.rng.Float64(); {
			case x < 0.04: // left unanswered
			case it.CantSay && x < 0.11:
				answers[it.Key] = survey.CantSay
				given = append(given, survey.Answer{Item: it.Key, Type: it.Type, Choice: survey.CantSay})
			default:
				v := g.scale(3.9 + lift + 0.6*mood + trend(day, g.now))
				answers[it.Key] = v
				given = append(given, survey.Answer{Item: it.Key, Type: it.Type, Num: int64(v)})
			}
		case survey.TypeText:
			if g.rng.Float64() < 0.2 {
				if recommend >= survey.PromoterFrom {
					answers[it.Key] = g.from(goodComments, lang)
				} else {
					answers[it.Key] = g.wish(lang)
				}
			}
		}
	}
	if len(answers) == 0 {
		return nil
	}
	before := len(g.out)
	if err := g.add(nationalSurvey, lang, survey.ChannelKiosk, "", day, answers); err != nil {
		return err
	}
	g.units[g.out[before].ID] = unit
	return nil
}
