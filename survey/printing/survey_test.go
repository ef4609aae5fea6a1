package printing_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"palaute/survey"
	"palaute/survey/browsertest"
	"palaute/survey/locale"
	"palaute/survey/printing"
)

func TestSurveyFormMatchesInstrument(t *testing.T) {
	reg, _ := survey.Builtin()
	cat, _ := locale.Load()
	in := reg.Current("satisfaction")
	period, _ := survey.ParsePeriod("04-01..04-30")
	for _, tt := range []struct{ lang, period string }{{"fi", "1.4.–30.4."}, {"sv", "1.4.–30.4."}} {
		f, err := printing.NewSurveyForm(in, tt.lang, period, cat)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := printing.RenderSurveyForm(&buf, f, true, ""); err != nil {
			t.Fatal(err)
		}
		html := buf.String()
		d, _ := goquery.NewDocumentFromReader(strings.NewReader(html))
		if !strings.Contains(d.Find("#period").Text(), tt.period) {
			t.Errorf("%s: period %q", tt.lang, d.Find("#period").Text())
		}
		if n := d.Find("tr.statement").Length(); n != 11 {
			t.Errorf("%s: %d statements, want 11", tt.lang, n)
		}
		if n := d.Find("tr.statement").First().Find(".box").Length(); n != 5 {
			t.Errorf("%s: %d boxes a statement, want 5", tt.lang, n)
		}
		text := d.Text()
		for _, it := range in.Items {
			if !strings.Contains(text, it.Text[tt.lang]) {
				t.Errorf("%s form lacks item %s: %q", tt.lang, it.Key, it.Text[tt.lang])
			}
		}
		for _, label := range in.Scales["likert5"] {
			if !strings.Contains(text, label[tt.lang]) {
				t.Errorf("%s form lacks the scale label %q", tt.lang, label[tt.lang])
			}
		}
		if tt.lang == "fi" {
			file := filepath.Join(t.TempDir(), "form.html")
			os.WriteFile(file, buf.Bytes(), 0o644)
			bctx := browsertest.New(t)
			var pdf []byte
			browsertest.Run(t, bctx, chromedp.Navigate("file://"+file), chromedp.WaitVisible(".survey-form", chromedp.ByQuery),
				chromedp.ActionFunc(func(ctx context.Context) error {
					var err error
					pdf, _, err = page.PrintToPDF().WithPreferCSSPageSize(true).Do(ctx)
					return err
				}))
			browsertest.Shot(t, bctx, outDir, "survey-form-fi")
			os.WriteFile(filepath.Join(outDir, "survey-form-fi.pdf"), pdf, 0o644)
		}
	}
	if _, err := printing.NewSurveyForm(in, "en", period, cat); err == nil {
		t.Error("an English paper form was accepted")
	}
}
