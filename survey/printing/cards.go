// Package printing lays out what Palaute prints: sheets of worker cards,
// each with its own one-time QR code.
package printing

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/skip2/go-qrcode"

	"palaute/assets"
	"palaute/survey"
	"palaute/survey/locale"
	"palaute/survey/store"
)

// CardsPerSheet is how many cards fit an A4 sheet.
const CardsPerSheet = 8

// Languages a sheet can be printed in.
var Languages = []string{"fi", "sv", "fi+sv"}

// Sheet is a printable page of cards for one worker card.
type Sheet struct {
	Card       store.Card
	ColourName string
	HTMLLang   string
	Questions  []question
	Faces      map[string]template.HTML
	Promise    string
	Pages      [][]printedCard
	InlineCSS  template.CSS
	CSSURL     string
	Bilingual  bool
}

type question struct {
	Text    string
	Kind    string // ticks, faces or lines
	Options []string
}

type printedCard struct {
	Token string
	URL   string
	QR    template.URL // PNG as a data: URL
}

// NewSheet lays out one card per token, in lang (fi, sv or fi+sv), with QR
// codes opening publicURL/v/TOKEN.
func NewSheet(card store.Card, tokens []string, lang, publicURL string, in *survey.Instrument, cat *locale.Catalog) (*Sheet, error) {
	langs := strings.Split(lang, "+")
	for _, l := range langs {
		if l != "fi" && l != "sv" {
			return nil, fmt.Errorf("language %q: print in fi, sv or fi+sv", lang)
		}
	}
	join := func(t survey.Text) string {
		parts := make([]string, len(langs))
		for i, l := range langs {
			parts[i] = t[l]
		}
		return strings.Join(parts, " / ")
	}
	names := survey.Text{"fi": card.NameFi, "sv": card.NameSv, "en": card.NameEn}
	sh := &Sheet{Card: card, ColourName: join(names), HTMLLang: langs[0], Faces: map[string]template.HTML{}, Bilingual: len(langs) > 1}
	promise := survey.Text{}
	for _, l := range langs {
		promise[l] = cat.Get(l, "print.anonymous")
	}
	sh.Promise = join(promise)
	for _, it := range in.Items {
		q := question{Text: join(it.Text), Kind: "lines"}
		switch it.Type {
		case survey.TypeChoice:
			q.Kind = "ticks"
			for _, o := range it.Options {
				q.Options = append(q.Options, join(o.Text))
			}
		case survey.TypeRating5:
			q.Kind = "faces"
			for i := 1; i <= 5; i++ {
				key := fmt.Sprint(i)
				q.Options = append(q.Options, key)
				sh.Faces[key] = face(i)
			}
		}
		sh.Questions = append(sh.Questions, q)
	}
	base := strings.TrimRight(publicURL, "/")
	var page []printedCard
	for _, tok := range tokens {
		url := base + "/v/" + tok
		png, err := qrcode.Encode(url, qrcode.Medium, 256)
		if err != nil {
			return nil, fmt.Errorf("QR code: %w", err)
		}
		page = append(page, printedCard{Token: tok, URL: url, QR: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))})
		if len(page) == CardsPerSheet {
			sh.Pages = append(sh.Pages, page)
			page = nil
		}
	}
	if len(page) > 0 {
		sh.Pages = append(sh.Pages, page)
	}
	return sh, nil
}

// face draws face n (1 frowning … 5 smiling) as inline SVG.
func face(n int) template.HTML {
	curve := []int{-10, -5, 0, 6, 12}[n-1]
	return template.HTML(fmt.Sprintf(`<svg class="face" viewBox="0 0 64 64" aria-hidden="true"><circle class="head" cx="32" cy="32" r="29"/>`+
		`<circle class="eye" cx="22" cy="25" r="4"/><circle class="eye" cx="42" cy="25" r="4"/>`+
		`<path class="mouth" d="M18 %d Q32 %d 46 %d"/></svg>`, 44-curve/2, 44+curve, 44-curve/2))
}

var sheetTemplate = template.Must(template.ParseFS(assets.Templates, "templates/cards_print.html"))

// Render writes the sheet as HTML. With inline set the style sheet is
// embedded, for a file printed without the server; otherwise it is linked
// from cssURL.
func Render(w io.Writer, sh *Sheet, inline bool, cssURL string) error {
	if inline {
		css, err := assets.Static.ReadFile("static/print.css")
		if err != nil {
			return err
		}
		sh.InlineCSS = template.CSS(css)
	} else {
		sh.CSSURL = cssURL
	}
	return sheetTemplate.Execute(w, sh)
}
