package printing_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"palaute/survey"
	"palaute/survey/browsertest"
	"palaute/survey/locale"
	"palaute/survey/printing"
	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

const outDir = "../../test-output/cards"

// TestPrintedSheetInChromium prints every kind of sheet to PDF and takes
// a screenshot, for a person to look at: nothing may be cut off a card.
func TestPrintedSheetInChromium(t *testing.T) {
	ctx := context.Background()
	db := storetest.MustOpenDB(t, nil)
	reg, _ := survey.Builtin()
	cat, _ := locale.Load()
	card, err := db.CreateCard(ctx, store.Card{Code: "PURPLE", Colour: "#CC79A7", NameFi: "Punavioletti", NameSv: "Rödlila", NameEn: "Reddish purple"})
	if err != nil {
		t.Fatal(err)
	}
	bctx := browsertest.New(t)
	for _, tt := range []struct {
		name, lang   string
		count, pages int
	}{{"fi", "fi", 6, 1}, {"sv", "sv", 6, 1}, {"fi-sv", "fi+sv", 4, 1}, {"separate", "fi,sv", 8, 2}} {
		tokens, _ := db.CreateCardTokens(ctx, card.ID, tt.count)
		sheet, err := printing.NewSheet(card, tokens, tt.lang, "https://palaute.example.fi", reg.Current("visit"), cat)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := printing.Render(&buf, sheet, true, ""); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "sheet.html")
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		var pdf []byte
		var cut []string
		browsertest.Run(t, bctx, chromedp.Navigate("file://"+file), chromedp.WaitVisible(".sheet", chromedp.ByQuery),
			// Nothing of a card may fall outside it: the card clips it.
			chromedp.Evaluate(`Array.prototype.map.call(document.querySelectorAll('.card .body, .card .side, .card .questions'), function (el) {
				return el.scrollHeight > el.clientHeight + 1 ? el.className + ' ' + el.scrollHeight + '>' + el.clientHeight : '';
			}).filter(Boolean)`, &cut),
			chromedp.ActionFunc(func(ctx context.Context) error {
				var err error
				pdf, _, err = page.PrintToPDF().WithPreferCSSPageSize(true).WithPrintBackground(true).Do(ctx)
				return err
			}))
		browsertest.Shot(t, bctx, outDir, "sheet-"+tt.name)
		if len(cut) > 0 {
			t.Errorf("%s: cut off: %v", tt.name, cut)
		}
		if len(pdf) < 1000 || !bytes.HasPrefix(pdf, []byte("%PDF")) {
			t.Fatalf("%s: no PDF (%d bytes)", tt.name, len(pdf))
		}
		if err := os.WriteFile(filepath.Join(outDir, "sheet-"+tt.name+".pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		if pages := bytes.Count(pdf, []byte("/Type /Page\n")) + bytes.Count(pdf, []byte("/Type /Page>>")) + bytes.Count(pdf, []byte("/Type/Page/")); pages != tt.pages {
			t.Errorf("%s: %d cards took %d pages, want %d", tt.name, tt.count, pages, tt.pages)
		}
	}
}
