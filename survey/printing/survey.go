package printing

import (
	"fmt"
	"html/template"
	"io"

	"palaute/assets"
	"palaute/survey"
	"palaute/survey/locale"
)

// SurveyForm is the annual survey laid out for A4 paper in one language.
type SurveyForm struct {
	Lang, Title, PeriodText, Promise, Background, Intro, Free string
	BackgroundItems                                           []formItem
	Statements                                                []formItem
	Overall                                                   formItem
	Scale, OverallScale                                       []string
	ScaleNumbers                                              []int
	InlineCSS                                                 template.CSS
	CSSURL                                                    string
}

type formItem struct {
	Number  int
	Text    string
	Hint    string
	Options []string
}

// NewSurveyForm lays out the satisfaction instrument in lang (fi or sv)
// with the survey period printed on it.
func NewSurveyForm(in *survey.Instrument, lang string, period survey.Period, cat *locale.Catalog) (*SurveyForm, error) {
	if lang != "fi" && lang != "sv" {
		return nil, fmt.Errorf("language %q: the paper form is printed in fi or sv", lang)
	}
	f := &SurveyForm{Lang: lang, Title: in.Title[lang], Intro: in.Intro[lang], ScaleNumbers: []int{1, 2, 3, 4, 5},
		Promise: cat.Get(lang, "print.anonymous_form"),
		PeriodText: fmt.Sprintf(cat.Get(lang, "print.period"), fmt.Sprintf("%d.%d.", period.Start.Day, period.Start.Month),
			fmt.Sprintf("%d.%d.", period.End.Day, period.End.Month))}
	for _, l := range in.Scales[survey.TypeLikert5] {
		f.Scale = append(f.Scale, l[lang])
	}
	for _, l := range in.Scales[survey.TypeRating5] {
		f.OverallScale = append(f.OverallScale, l[lang])
	}
	n := 0
	for _, it := range in.Items {
		item := formItem{Text: it.Text[lang]}
		switch {
		case it.Group == "background":
			for _, o := range it.Options {
				item.Options = append(item.Options, o.Text[lang])
			}
			if it.Type == survey.TypeMonths {
				item.Hint = cat.Get(lang, "print.months_hint")
			}
			f.BackgroundItems = append(f.BackgroundItems, item)
		case it.Type == survey.TypeLikert5:
			n++
			item.Number = n
			f.Statements = append(f.Statements, item)
		case it.Type == survey.TypeRating5:
			n++
			item.Number = n
			f.Overall = item
		case it.Type == survey.TypeText:
			f.Free = it.Text[lang]
		}
	}
	for _, g := range in.Groups {
		if g.Key == "background" {
			f.Background = g.Title[lang]
		}
	}
	return f, nil
}

var formTemplate = template.Must(template.ParseFS(assets.Templates, "templates/survey_print.html"))

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
