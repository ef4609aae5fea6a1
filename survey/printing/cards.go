// Package printing lays out what Palaute prints: sheets of worker cards,
// each with its own one-time QR code, and the annual survey's form.
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

// CardsPerSheet is how many cards of one language fit an A4 sheet, set
// large enough to read; a card in Finnish and Swedish at once is taller,
// four a sheet.
const (
	CardsPerSheet          = 6
	BilingualCardsPerSheet = 4
)

// The languages a sheet can be printed in: separate Finnish and Swedish
// cards (the default, half of each), Finnish or Swedish alone, or both on
// one card.
const (
	Separate  = "fi,sv"
	Bilingual = "fi+sv"
)

// Languages a sheet can be printed in, the default first.
var Languages = []string{Separate, "fi", "sv", Bilingual}

// Sheet is a printable set of pages of cards for one worker card.
type Sheet struct {
	Card      store.Card
	Pages     [][]printedCard
	Faces     map[string]template.HTML
	InlineCSS template.CSS
	CSSURL    string
	Bilingual bool
}

// cardText is what every card of one language says.
type cardText struct {
	Lang       string // the HTML lang of the card
	ColourName string
	Questions  []question
	Promise    string // the answer is anonymous
	Either     string // answer on paper or by phone, not both
	Box        string // leave the card in the feedback box
	CheckLabel string // what the check code under the QR code is
}

type question struct {
	Text    string
	Kind    string // ticks, faces or lines
	Options []string
}

type printedCard struct {
	*cardText
	Token string
	Check string // the check code as printed: two groups of three
	URL   string
	QR    template.URL // PNG as a data: URL
}

// NewSheet lays out one card per token with QR codes opening
// publicURL/v/TOKEN: in lang "fi" or "sv", in both at once ("fi+sv"), or
// as separate cards, the first half in Finnish and the rest in Swedish
// ("fi,sv", the default when lang is empty).
func NewSheet(card store.Card, tokens []store.CardToken, lang, publicURL string, in *survey.Instrument, cat *locale.Catalog) (*Sheet, error) {
	if lang == "" {
		lang = Separate
	}
	sh := &Sheet{Card: card, Faces: map[string]template.HTML{}, Bilingual: lang == Bilingual}
	for i := 1; i <= 5; i++ {
		sh.Faces[fmt.Sprint(i)] = face(i)
	}
	perPage := CardsPerSheet
	// texts[i] is the wording of tokens[i]'s card.
	texts := make([]*cardText, len(tokens))
	switch lang {
	case "fi", "sv":
		t := newCardText(card, []string{lang}, in, cat)
		for i := range texts {
			texts[i] = t
		}
	case Bilingual:
		perPage = BilingualCardsPerSheet
		t := newCardText(card, []string{"fi", "sv"}, in, cat)
		for i := range texts {
			texts[i] = t
		}
	case Separate:
		fi, sv := newCardText(card, []string{"fi"}, in, cat), newCardText(card, []string{"sv"}, in, cat)
		for i := range texts {
			texts[i] = fi
			if i >= (len(texts)+1)/2 {
				texts[i] = sv
			}
		}
	default:
		return nil, fmt.Errorf("language %q: print in %s", lang, strings.Join(Languages, ", "))
	}
	base := strings.TrimRight(publicURL, "/")
	var page []printedCard
	for i, tok := range tokens {
		url := base + "/v/" + tok.Token
		png, err := qrcode.Encode(url, qrcode.Medium, 256)
		if err != nil {
			return nil, fmt.Errorf("QR code: %w", err)
		}
		check := tok.Check
		if len(check) == store.CheckLength {
			check = check[:3] + " " + check[3:]
		}
		page = append(page, printedCard{cardText: texts[i], Token: tok.Token, Check: check, URL: url,
			QR: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))})
		// A new language starts a new sheet, so the piles stay apart.
		if len(page) == perPage || (i+1 < len(tokens) && texts[i+1] != texts[i]) {
			sh.Pages = append(sh.Pages, page)
			page = nil
		}
	}
	if len(page) > 0 {
		sh.Pages = append(sh.Pages, page)
	}
	return sh, nil
}

// newCardText words a card in langs, one after another where there are
// two.
func newCardText(card store.Card, langs []string, in *survey.Instrument, cat *locale.Catalog) *cardText {
	join := func(t survey.Text) string {
		parts := make([]string, len(langs))
		for i, l := range langs {
			parts[i] = t[l]
		}
		return strings.Join(parts, " / ")
	}
	msg := func(key string) string {
		t := survey.Text{}
		for _, l := range langs {
			t[l] = cat.Get(l, key)
		}
		return join(t)
	}
	ct := &cardText{Lang: langs[0], ColourName: join(survey.Text{"fi": card.NameFi, "sv": card.NameSv, "en": card.NameEn}),
		Promise: msg("print.anonymous"), Either: msg("print.either"), Box: msg("print.box"), CheckLabel: msg("print.check")}
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
			q.Options = []string{"1", "2", "3", "4", "5"}
		}
		ct.Questions = append(ct.Questions, q)
	}
	return ct
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
