package printing_test

import (
	"bytes"
	"context"
	"fmt"
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
	fi := []string{"Vastasiko tämä tapaaminen odotuksiasi?", "Sininen", "Kyllä", "Vastaa joko paperilla tai puhelimella, älä molemmilla.", "Jätä kortti aulan palautelaatikkoon."}
	sv := []string{"Motsvarade denna träff dina förväntningar?", "Blå", "Delvis", "Svara antingen på papper eller med telefonen, inte båda.", "Lämna kortet i responslådan i aulan."}
	for _, tt := range []struct {
		lang   string
		count  int
		sheets int
		langs  string // each card's lang, in order
		want   []string
	}{
		{"fi", 6, 1, "fi×6", fi},
		{"sv", 3, 1, "sv×3", sv},
		{"fi+sv", 11, 3, "fi×11", []string{"Vastasiko tämä tapaaminen odotuksiasi? / Motsvarade denna träff dina förväntningar?", "Sininen / Blå",
			"Vastaa joko paperilla tai puhelimella, älä molemmilla. / Svara antingen på papper eller med telefonen, inte båda."}},
		// The default: separate Finnish and Swedish cards, each language
		// on sheets of its own.
		{"", 8, 2, "fi×4 sv×4", append(fi, sv...)},
		{"fi,sv", 13, 3, "fi×7 sv×6", append(fi, sv...)},
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
		if cards.Length() != tt.count || doc.Find(".sheet").Length() != tt.sheets {
			t.Fatalf("%q: %d cards on %d sheets, want %d on %d", tt.lang, cards.Length(), doc.Find(".sheet").Length(), tt.count, tt.sheets)
		}
		var langs []string
		cards.Each(func(i int, card *goquery.Selection) {
			lang, _ := card.Attr("lang")
			if n := len(langs); n > 0 && strings.HasPrefix(langs[n-1], lang+"×") {
				var k int
				fmt.Sscanf(strings.TrimPrefix(langs[n-1], lang+"×"), "%d", &k)
				langs[n-1] = fmt.Sprintf("%s×%d", lang, k+1)
			} else {
				langs = append(langs, lang+"×1")
			}
			src, _ := card.Find("img.qr").Attr("src")
			if got, want := printtest.DecodeQR(t, src), "https://palaute.example.fi/v/"+tokens[i].Token; got != want {
				t.Errorf("card %d QR opens %q, want %q", i, got, want)
			}
			if got, want := strings.ReplaceAll(card.Find(".check").Text(), " ", ""), tokens[i].Check; got != want || len(got) != store.CheckLength {
				t.Errorf("card %d check code %q, want %q", i, got, want)
			}
			if card.Find(".ticks .box").Length() != 3 || card.Find(".faces svg").Length() != 5 {
				t.Errorf("card %d lacks tick boxes or faces", i)
			}
			// Every open question has at least two lines to write on.
			card.Find(".q").Each(func(_ int, q *goquery.Selection) {
				if q.Next().HasClass("line") && !q.Next().Next().HasClass("line") {
					t.Errorf("%q card %d: one line only for %q", tt.lang, i, q.Text())
				}
			})
			if card.Find(".line").Length() < 4 {
				t.Errorf("%q card %d: %d writing lines for two open questions", tt.lang, i, card.Find(".line").Length())
			}
			if card.Find(".band .code").Text() != "BLUE" || card.Find(".promise").Text() == "" {
				t.Errorf("card %d lacks its code or the promise of anonymity", i)
			}
		})
		if got := strings.Join(langs, " "); got != tt.langs {
			t.Errorf("%q: cards in %s, want %s", tt.lang, got, tt.langs)
		}
		text := doc.Text()
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%q sheet lacks %q", tt.lang, w)
			}
		}
		for _, tok := range tokens {
			if _, used, err := db.CardByToken(ctx, tok.Token); err != nil || used {
				t.Errorf("printed token not recorded as unused: %v %v", used, err)
			}
		}
	}
	if _, err := printing.NewSheet(card, nil, "en", "http://x", reg.Current("visit"), cat); err == nil {
		t.Error("printing in English was accepted; cards print in fi, sv, fi+sv or fi,sv")
	}
}

// Check codes are unique among a card's unused tokens, and made of
// characters that cannot be mistaken for one another.
func TestCheckCodes(t *testing.T) {
	ctx := context.Background()
	db := storetest.MustOpenDB(t, nil)
	card, err := db.CreateCard(ctx, store.Card{Code: "BLUE", Colour: "#0072B2", NameFi: "Sininen", NameSv: "Blå", NameEn: "Blue"})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for range 3 {
		tokens, err := db.CreateCardTokens(ctx, card.ID, 1000)
		if err != nil {
			t.Fatal(err)
		}
		for _, tok := range tokens {
			if seen[tok.Check] {
				t.Fatalf("check code %s given twice", tok.Check)
			}
			seen[tok.Check] = true
			if got, ok := store.NormaliseCheck(strings.ToLower(tok.Check[:3]) + " " + tok.Check[3:]); !ok || got != tok.Check {
				t.Fatalf("%s typed as printed reads as %q %v", tok.Check, got, ok)
			}
			if strings.ContainsAny(tok.Check, "0O1I2Z5SG8B") {
				t.Fatalf("check code %s has a look-alike", tok.Check)
			}
		}
	}
}
