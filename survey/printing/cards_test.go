package printing_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"palaute/survey"
	"palaute/survey/locale"
	"palaute/survey/printing"
	"palaute/survey/printing/printtest"
	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

func TestSheetQRCodesOpenTheirTokens(t *testing.T) {
	ctx := context.Background()
	db := storetest.MustOpenDB(t, nil)
	reg, _ := survey.Builtin()
	cat, _ := locale.Load()
	card, err := db.CreateCard(ctx, store.Card{Code: "BLUE", Colour: "#0072B2", NameFi: "Sininen", NameSv: "Blå", NameEn: "Blue"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang  string
		count int
		want  []string
	}{
		{"fi", 8, []string{"Vastasiko tämä tapaaminen odotuksiasi?", "Sininen", "Kyllä"}},
		{"sv", 3, []string{"Motsvarade denna träff dina förväntningar?", "Blå", "Delvis"}},
		{"fi+sv", 11, []string{"Vastasiko tämä tapaaminen odotuksiasi? / Motsvarade denna träff dina förväntningar?", "Sininen / Blå"}},
	} {
		tokens, err := db.CreateCardTokens(ctx, card.ID, tt.count)
		if err != nil {
			t.Fatal(err)
		}
		sheet, err := printing.NewSheet(card, tokens, tt.lang, "https://palaute.example.fi/", reg.Current("visit"), cat)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := printing.Render(&buf, sheet, true, ""); err != nil {
			t.Fatal(err)
		}
		doc, _ := goquery.NewDocumentFromReader(&buf)
		cards := doc.Find("section.card")
		if cards.Length() != tt.count || doc.Find(".sheet").Length() != (tt.count+7)/8 {
			t.Fatalf("%s: %d cards on %d sheets, want %d", tt.lang, cards.Length(), doc.Find(".sheet").Length(), tt.count)
		}
		cards.Each(func(i int, card *goquery.Selection) {
			src, _ := card.Find("img.qr").Attr("src")
			if got, want := printtest.DecodeQR(t, src), "https://palaute.example.fi/v/"+tokens[i]; got != want {
				t.Errorf("card %d QR opens %q, want %q", i, got, want)
			}
			if card.Find(".ticks .box").Length() != 3 || card.Find(".faces svg").Length() != 5 || card.Find(".line").Length() < 2 {
				t.Errorf("card %d lacks tick boxes, faces or lines", i)
			}
			if card.Find(".band .code").Text() != "BLUE" || card.Find(".promise").Text() == "" {
				t.Errorf("card %d lacks its code or the promise of anonymity", i)
			}
		})
		text := doc.Text()
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s sheet lacks %q", tt.lang, w)
			}
		}
		for _, tok := range tokens {
			if _, used, err := db.CardByToken(ctx, tok); err != nil || used {
				t.Errorf("printed token not recorded as unused: %v %v", used, err)
			}
		}
	}
	if _, err := printing.NewSheet(card, nil, "en", "http://x", reg.Current("visit"), cat); err == nil {
		t.Error("printing in English was accepted; cards print in fi, sv or fi+sv")
	}
}
