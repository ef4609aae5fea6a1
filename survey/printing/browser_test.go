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

// TestPrintedSheetInChromium prints a bilingual sheet to PDF and takes a
// screenshot, for a person to look at.
func TestPrintedSheetInChromium(t *testing.T) {
	ctx := context.Background()
	db := storetest.MustOpenDB(t, nil)
	reg, _ := survey.Builtin()
	cat, _ := locale.Load()
	card, err := db.CreateCard(ctx, store.Card{Code: "ORANGE", Colour: "#E69F00", NameFi: "Oranssi", NameSv: "Orange", NameEn: "Orange"})
	if err != nil {
		t.Fatal(err)
	}
	tokens, _ := db.CreateCardTokens(ctx, card.ID, 8)
	sheet, err := printing.NewSheet(card, tokens, "fi+sv", "https://palaute.example.fi", reg.Current("visit"), cat)
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
	bctx := browsertest.New(t)
	var pdf []byte
	browsertest.Run(t, bctx, chromedp.Navigate("file://"+file), chromedp.WaitVisible(".sheet", chromedp.ByQuery),
		chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			pdf, _, err = page.PrintToPDF().WithPreferCSSPageSize(true).WithPrintBackground(true).Do(ctx)
			return err
		}))
	browsertest.Shot(t, bctx, outDir, "sheet-fi-sv")
	if len(pdf) < 1000 || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("no PDF (%d bytes)", len(pdf))
	}
	if err := os.WriteFile(filepath.Join(outDir, "sheet-fi-sv.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	// Eight cards fit one A4 page.
	if pages := bytes.Count(pdf, []byte("/Type /Page\n")) + bytes.Count(pdf, []byte("/Type /Page>>")) + bytes.Count(pdf, []byte("/Type/Page/")); pages > 1 {
		t.Errorf("8 cards took %d pages", pages)
	}
}
