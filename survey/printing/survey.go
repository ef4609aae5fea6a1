package printing

import (
	"fmt"
	"html/template"
	"io"
	"strconv"

	"palaute/assets"
	"palaute/report"
	"palaute/survey"
	"palaute/survey/locale"
)

// SurveyForm is a survey laid out for A4 paper in one language: its
// questions in order, in blocks by how each is answered.
type SurveyForm struct {
	Lang, Title, PeriodText, Promise, Intro string
	Blocks                                  []formBlock
	InlineCSS                               template.CSS
	CSSURL                                  string
}

// formBlock is a run of questions answered alike: background questions
// under their heading, statements in one table, a 1–5 rating, a 0–10
// scale, or a question to write on.
type formBlock struct {
	Kind    string // "background", "statements", "rating", "nps", "text"
	Heading string
	// Scale is the statements' or rating's labels; Ends the 0–10 scale's
	// two; CantSay the statements' can't-say column, if any has one.
	Scale   []string
	Ends    []string
	CantSay string
	Items   []formItem
}

type formItem struct {
	Number  int
	Text    string
	Hint    string
	Options []string
	// CantSay says the statement has a can't-say box.
	CantSay bool
	// Only says when a follow-up is answered.
	Only string
}

// Points are the numbers of a five-point scale, and of the 0–10 scale.
var (
	FivePoints = []int{1, 2, 3, 4, 5}
	NPSPoints  = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
)

// NewSurveyForm lays out the instrument in lang (fi or sv). An annual
// survey has its period printed on it. Scales and the 0–10 question are
// numbered, as the paper entry page numbers them.
func NewSurveyForm(in *survey.Instrument, lang string, period survey.Period, cat *locale.Catalog) (*SurveyForm, error) {
	if lang != "fi" && lang != "sv" {
		return nil, fmt.Errorf("language %q: the paper form is printed in fi or sv", lang)
	}
	labels := report.Labels{Lang: lang, Catalog: cat}
	f := &SurveyForm{Lang: lang, Title: in.Title[lang], Intro: in.Intro[lang], Promise: cat.Get(lang, "print.anonymous_form")}
	if in.Annual {
		f.PeriodText = fmt.Sprintf(cat.Get(lang, "print.period"), fmt.Sprintf("%d.%d.", period.Start.Day, period.Start.Month),
			fmt.Sprintf("%d.%d.", period.End.Day, period.End.Month))
	}
	numbers := Numbers(in)
	for _, it := range in.Items {
		item := formItem{Number: numbers[it.Key], Text: it.Text[lang], CantSay: it.CantSay}
		if it.ShowIf != nil {
			item.Only = labels.Condition(in, it, numbers[it.ShowIf.Item])
		}
		kind := blockKind(it)
		switch it.Type {
		case survey.TypeChoice:
			for _, o := range it.Options {
				item.Options = append(item.Options, o.Text[lang])
			}
		case survey.TypeMonths:
			item.Hint = cat.Get(lang, "print.months_hint")
		}
		last := len(f.Blocks) - 1
		if last >= 0 && f.Blocks[last].Kind == kind && (kind == "background" || kind == "statements") {
			f.Blocks[last].Items = append(f.Blocks[last].Items, item)
			if it.CantSay {
				f.Blocks[last].CantSay = labels.CantSay()
			}
			continue
		}
		b := formBlock{Kind: kind, Items: []formItem{item}}
		switch kind {
		case "background":
			for _, g := range in.Groups {
				if g.Key == it.Group {
					b.Heading = g.Title[lang]
				}
			}
		case "statements", "rating":
			for _, l := range in.Scales[it.Type] {
				b.Scale = append(b.Scale, l[lang])
			}
			if it.CantSay {
				b.CantSay = labels.CantSay()
			}
		case "nps":
			for _, l := range in.Scales[it.Type] {
				b.Ends = append(b.Ends, l[lang])
			}
		}
		f.Blocks = append(f.Blocks, b)
	}
	return f, nil
}

// blockKind is how an item is answered on paper.
func blockKind(it survey.Item) string {
	switch {
	case it.Dimension != "" || it.Type == survey.TypeYear || it.Type == survey.TypeMonths || it.Type == survey.TypeChoice:
		return "background"
	case it.Type == survey.TypeLikert5:
		return "statements"
	case it.Type == survey.TypeRating5:
		return "rating"
	case it.Type == survey.TypeNPS:
		return "nps"
	}
	return "text"
}

// Numbers are the numbers the paper form gives an instrument's questions
// on a scale (five-point and 0–10), in order; other questions have none.
func Numbers(in *survey.Instrument) map[string]int {
	out := map[string]int{}
	for _, it := range in.Items {
		if it.Scale() || it.Type == survey.TypeNPS {
			out[it.Key] = len(out) + 1
		}
	}
	return out
}

// Prefix writes a question's number for the form, or nothing.
func (i formItem) Prefix() string {
	if i.Number == 0 {
		return ""
	}
	return strconv.Itoa(i.Number) + ". "
}

var formTemplate = template.Must(template.New("survey_print.html").Funcs(template.FuncMap{
	"fivePoints": func() []int { return FivePoints }, "npsPoints": func() []int { return NPSPoints }, "inc": func(i int) int { return i + 1 },
}).ParseFS(assets.Templates, "templates/survey_print.html"))

// RenderSurveyForm writes the form as HTML, with the style sheet inline or
// linked from cssURL.
func RenderSurveyForm(w io.Writer, f *SurveyForm, inline bool, cssURL string) error {
	if inline {
		css, err := assets.Static.ReadFile("static/print.css")
		if err != nil {
			return err
		}
		f.InlineCSS = template.CSS(css)
	} else {
		f.CSSURL = cssURL
	}
	return formTemplate.Execute(w, f)
}
