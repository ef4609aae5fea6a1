package report

import (
	"strconv"
	"strings"

	"palaute/survey"
	"palaute/survey/locale"
)

// Labels names what reports show in one language: surveys, items, their
// values, months and dimensions. Every renderer takes its words from here,
// so that no key reaches a screen, sheet, CSV header or chart.
type Labels struct {
	Lang    string
	Catalog *locale.Catalog
}

// T looks a message up in the catalogue.
func (l Labels) T(key string) string { return l.Catalog.Get(l.Lang, key) }

// Survey is a survey's name.
func (l Labels) Survey(in *survey.Instrument) string { return in.Title[l.Lang] }

// Item is an item's short name.
func (l Labels) Item(it survey.Item) string { return it.Label(l.Lang) }

// Value names one of an item's values (survey.Item.Values): an option's
// text, a scale point with its label ("4 Hyvä"), can't-say ("En osaa
// sanoa"), a 0–10 answer (the ends with the instrument's labels of them:
// "0 En lainkaan todennäköisesti"), or a band ("alle 25 v").
func (l Labels) Value(in *survey.Instrument, it survey.Item, v string) string {
	switch it.Type {
	case survey.TypeChoice:
		for _, o := range it.Options {
			if o.Key == v {
				return o.Text[l.Lang]
			}
		}
	case survey.TypeLikert5, survey.TypeRating5:
		if v == survey.CantSay {
			return l.CantSay()
		}
		if n, err := strconv.Atoi(v); err == nil && n >= 1 && n <= len(in.Scales[it.Type]) {
			return v + " " + in.Scales[it.Type][n-1][l.Lang]
		}
	case survey.TypeNPS:
		ends := in.Scales[it.Type]
		if len(ends) == 2 && v == "0" {
			return v + " " + ends[0][l.Lang]
		}
		if len(ends) == 2 && v == "10" {
			return v + " " + ends[1][l.Lang]
		}
	case survey.TypeYear, survey.TypeMonths:
		return l.T("band." + v)
	}
	return v
}

// CantSay names the can't-say answer of a five-point item.
func (l Labels) CantSay() string { return l.T("report.cant_say") }

// NPS names the net promoter score.
func (l Labels) NPS() string { return l.T("report.nps") }

// NPSPart names a part of the 0–10 scale as survey.NPSPart gives it, with
// its answers: "Suosittelijat (9–10)".
func (l Labels) NPSPart(part string) string { return l.T("report.nps." + part) }

// Test names a comparison's test (Compare's YearFigures.Test).
func (l Labels) Test(name string) string { return l.T("csv.test." + name) }

// Month is a month's name, 1 = January.
func (l Labels) Month(m int) string { return l.T("month." + strconv.Itoa(m)) }

// Positive names the share of a five-point item's answers 4 and 5: "agree"
// for statements, "good" for faces.
func (l Labels) Positive(it survey.Item) string { return l.T("report.positive." + it.Type) }

// Dim names a dimension.
func (l Labels) Dim(in *survey.Instrument, d Dim) string {
	if it, ok := dimItem(in, d); ok {
		return it.Label(l.Lang)
	}
	return l.T("report.dim." + d.String())
}

// DimValue names a value of a dimension as Year.values holds it: a month
// number, a channel, a language, an option or band of the item that gives
// the dimension; card codes and unit names are names already.
func (l Labels) DimValue(in *survey.Instrument, d Dim, v string) string {
	switch d {
	case Month:
		m, _ := strconv.Atoi(v)
		return l.Month(m)
	case Channel:
		return l.T("report.channel." + v)
	case Language:
		return l.T("report.language." + v)
	}
	if it, ok := dimItem(in, d); ok {
		return l.Value(in, it, v)
	}
	return v
}

// dimItem is the item that gives a respondent dimension.
func dimItem(in *survey.Instrument, d Dim) (survey.Item, bool) {
	want := map[Dim]string{Gender: survey.DimensionGender, Age: survey.DimensionAge, ClientTime: survey.DimensionClientTime}[d]
	for _, it := range in.Items {
		if want != "" && it.Dimension == want {
			return it, true
		}
	}
	return survey.Item{}, false
}

// Condition says when a follow-up is asked, for paper: "Vastaa, jos
// vastasit kysymykseen 1 9–10." number is the number the form gives the
// item the condition names, or 0 to name it by its text.
func (l Labels) Condition(in *survey.Instrument, it survey.Item, number int) string {
	c := it.ShowIf
	if c == nil {
		return ""
	}
	on, ok := in.Item(c.Item)
	if !ok {
		return ""
	}
	var values string
	if len(c.In) > 0 {
		var names []string
		for _, k := range c.In {
			names = append(names, l.Value(in, on, k))
		}
		values = strings.Join(names, " / ")
	} else {
		lo, hi := on.Range(0)
		if c.Min != nil {
			lo = int64(*c.Min)
		}
		if c.Max != nil {
			hi = int64(*c.Max)
		}
		values = strconv.FormatInt(lo, 10)
		if hi != lo {
			values += "–" + strconv.FormatInt(hi, 10)
		}
	}
	question := "”" + on.Label(l.Lang) + "”"
	if number > 0 {
		question = strconv.Itoa(number)
	}
	return strings.NewReplacer("{question}", question, "{values}", values).Replace(l.T("survey.only_if"))
}
