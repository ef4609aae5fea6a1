package server_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"palaute/kiosk"
	"palaute/survey/browsertest"
)

const meShots = "../../test-output/me"

// TestWorkerPageInBrowser: a worker logs in with a Finnish and with a
// Swedish browser, on a phone and on a desktop, lands on /me and reads
// their card's year in their language without a console or CSP error and
// without anything wider than the screen; the year's summary prints on
// one A4 page.
func TestWorkerPageInBrowser(t *testing.T) {
	f := newFixtureWith(t, kiosk.DefaultSettings())
	f.saveDemo(t, 2)
	f.addUsers(t)
	base := f.listen(t, false)
	words := map[string][]string{
		"fi": {"Oma palautteeni", "Maaliskuu", "Asiakkaiden sanoin", "Sininen"},
		"sv": {"Min respons", "Mars", "Med klienternas ord", "Blå"},
	}
	for _, lang := range []string{"fi", "sv"} {
		for _, size := range []struct {
			name          string
			width, height int64
			mobile        bool
		}{{"phone", 390, 844, true}, {"desktop", 1280, 900, false}} {
			name := "me-" + lang + "-" + size.name
			ctx := browsertest.New(t, chromedp.WindowSize(int(size.width), int(size.height)))
			problems := watchProblems(ctx, true)
			var text string
			var wide int
			browsertest.Run(t, ctx, network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": lang}),
				emulation.SetDeviceMetricsOverride(size.width, size.height, 1, size.mobile),
				chromedp.Navigate(base+"/me"), chromedp.WaitVisible("#login", chromedp.ByQuery),
				chromedp.SendKeys("#name", "worker", chromedp.ByQuery), chromedp.SendKeys("#password", "worker-password-123", chromedp.ByQuery),
				chromedp.Submit("#login", chromedp.ByQuery), chromedp.WaitVisible("#me-year-figures svg.faces", chromedp.ByQuery),
				chromedp.Text("body", &text, chromedp.ByQuery),
				chromedp.Evaluate(`document.documentElement.scrollWidth - innerWidth`, &wide))
			browsertest.Shot(t, ctx, meShots, name)
			browsertest.ScreenShot(t, ctx, meShots, name+"-screen")
			for _, w := range words[lang] {
				if !strings.Contains(text, w) {
					t.Errorf("%s: no %q on the page", name, w)
				}
			}
			if wide > 0 {
				t.Errorf("%s: the page is %d px wider than the screen", name, wide)
			}
			if size.mobile {
				browsertest.Run(t, ctx, chromedp.Navigate(base+"/me/cards"), chromedp.WaitVisible("#me-print", chromedp.ByQuery),
					chromedp.Evaluate(`document.documentElement.scrollWidth - innerWidth`, &wide))
				browsertest.Shot(t, ctx, meShots, "me-cards-"+lang+"-phone")
				if wide > 0 {
					t.Errorf("%s: the print form is %d px wider than the screen", name, wide)
				}
			} else {
				var pdf []byte
				browsertest.Run(t, ctx, chromedp.Navigate(base+"/me/summary"), chromedp.WaitVisible("svg.faces", chromedp.ByQuery))
				browsertest.Shot(t, ctx, meShots, "me-summary-"+lang)
				browsertest.Run(t, ctx, emulation.SetEmulatedMedia().WithMedia("print"),
					chromedp.ActionFunc(func(ctx context.Context) error {
						var err error
						pdf, _, err = cdppage.PrintToPDF().WithPreferCSSPageSize(true).WithPrintBackground(true).Do(ctx)
						return err
					}))
				if err := os.WriteFile(filepath.Join(meShots, "me-summary-"+lang+".pdf"), pdf, 0o644); err != nil {
					t.Fatal(err)
				}
				if n := len(pdfPage.FindAll(pdf, -1)); n != 1 {
					t.Errorf("%s: the summary printed on %d pages, want 1", lang, n)
				}
			}
			if p := problems(); len(p) > 0 {
				t.Errorf("%s: console: %v", name, p)
			}
		}
	}
}
