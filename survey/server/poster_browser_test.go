package server_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	cdppage "github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"palaute/kiosk"
	"palaute/survey"
	"palaute/survey/browsertest"
	"palaute/survey/store"
)

const posterShots = "../../test-output/poster"

// posterFixture is a server with the demo's answers up to the test
// clock's day (15 April 2026) and one action, listening for a browser.
func posterFixture(t *testing.T) (*fixture, string) {
	t.Helper()
	f := newFixtureWith(t, kiosk.DefaultSettings())
	f.saveDemo(t, 2)
	// As many actions as the poster shows, as long as staff write them.
	f.addAction(t, "2026-03", "Avasimme iltavastaanoton torstaisin.", "Vi öppnade kvällsmottagning på torsdagar.", "We opened evening hours on Thursdays.")
	f.addAction(t, "2026-02", "Aulaan tuli lasten leikkinurkkaus, jotta vanhemmat voivat asioida rauhassa.",
		"I väntrummet finns nu en lekhörna, så att föräldrar kan sköta sina ärenden i lugn och ro.",
		"The lobby now has a play corner for children, so that parents can talk with us in peace.")
	f.addAction(t, "2026-02", "Päätöksiin lisättiin selkokielinen tiivistelmä.", "Besluten har nu en sammanfattning på lättläst svenska.", "Decisions now come with a summary in plain language.")
	f.addAction(t, "2026-01", "Puhelinaikaa pidennettiin tunnilla.", "Telefontiden förlängdes med en timme.", "Phone hours are one hour longer.")
	return f, f.listen(t, false)
}

// pdfPages counts the page objects of a PDF Chromium printed.
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// TestPosterPrintsOnOnePage: Chromium prints the poster in each language,
// on A4 and A3 and with every language on one sheet, to exactly one page
// with a headline of 48 pt or more, the faces drawn as SVG and the month
// named in the poster's language.
func TestPosterPrintsOnOnePage(t *testing.T) {
	_, base := posterFixture(t)
	ctx := browsertest.New(t)
	months := map[string]string{"fi": "Maaliskuussa 2026", "sv": "I mars 2026", "en": "In March 2026"}
	cases := []struct{ query, name string }{
		{"lang=fi", "poster-fi"}, {"lang=sv", "poster-sv"}, {"lang=en", "poster-en"},
		{"lang=all", "poster-all"}, {"lang=fi&size=a3", "poster-fi-a3"}, {"lang=all&size=a3&unit=Perhepalvelut", "poster-all-a3-unit"},
	}
	for _, c := range cases {
		var pdf []byte
		var headline float64
		var faces int
		var text string
		browsertest.Run(t, ctx, emulation.SetEmulatedMedia().WithMedia("screen"),
			chromedp.Navigate(base+"/poster?"+c.query), chromedp.WaitVisible("h1", chromedp.ByQuery))
		browsertest.Shot(t, ctx, posterShots, c.name)
		browsertest.Run(t, ctx, emulation.SetEmulatedMedia().WithMedia("print"),
			chromedp.Evaluate(`parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)`, &headline),
			chromedp.Evaluate(`document.querySelectorAll('svg.faces circle').length`, &faces),
			chromedp.Evaluate(`document.body.innerText`, &text),
			chromedp.ActionFunc(func(ctx context.Context) error {
				var err error
				pdf, _, err = cdppage.PrintToPDF().WithPreferCSSPageSize(true).WithPrintBackground(true).Do(ctx)
				return err
			}))
		if err := os.WriteFile(filepath.Join(posterShots, c.name+".pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		if n := len(pdfPage.FindAll(pdf, -1)); n != 1 {
			t.Errorf("%s: printed on %d pages, want 1", c.query, n)
		}
		if pt := headline * 72 / 96; pt < 48 {
			t.Errorf("%s: headline %.1f pt in print, want 48 or more", c.query, pt)
		}
		if faces < 15 { // five faces, each a head and two eyes
			t.Errorf("%s: the faces chart has %d circles", c.query, faces)
		}
		for lang, month := range months {
			if (strings.Contains(c.query, "lang="+lang) || strings.Contains(c.query, "lang=all")) && !strings.Contains(text, month) {
				t.Errorf("%s: no %q in\n%s", c.query, month, text)
			}
		}
	}
}

// TestWallScreen: the wall view fills a landscape and a portrait screen
// without console errors, turns through its languages, and still shows
// its figures when the server is gone and the screen restarts.
func TestWallScreen(t *testing.T) {
	f, base := posterFixture(t)
	for _, size := range [][2]int64{{1080, 1920}, {1920, 1080}} { // the outage last
		ctx := browsertest.New(t, chromedp.WindowSize(int(size[0]), int(size[1])))
		problems := watchProblems(ctx, true)
		name := fmt.Sprintf("wall-%dx%d", size[0], size[1])
		browsertest.Run(t, ctx, emulation.SetDeviceMetricsOverride(size[0], size[1], 1, false),
			chromedp.Navigate(base+"/poster?view=wall"), chromedp.WaitVisible(".lang-block.current svg.faces", chromedp.ByQuery))
		for i, lang := range survey.Languages {
			var overflow []string
			browsertest.Run(t, ctx, chromedp.Evaluate(fmt.Sprintf(`document.querySelectorAll('.lang-block').forEach((b, j) => b.classList.toggle('current', j === %d))`, i), nil),
				chromedp.Evaluate(`Array.from(document.querySelectorAll('.lang-block.current *')).filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.bottom > innerHeight + 1 || r.right > innerWidth + 1); }).map(e => e.tagName + '.' + e.className.baseVal + e.className)`, &overflow))
			browsertest.Shot(t, ctx, posterShots, name+"-"+lang)
			if len(overflow) > 0 {
				t.Errorf("%s %s: off the screen: %v", name, lang, overflow)
			}
		}
		var current string
		browsertest.Run(t, ctx, chromedp.Evaluate(`document.querySelector('.lang-block.current').lang`, &current))
		if current != "en" {
			t.Errorf("%s: showing %q", name, current)
		}
		if p := problems(); len(p) > 0 {
			t.Errorf("%s: console: %v", name, p)
		}
		if size[0] < size[1] {
			continue
		}
		// The outage: the screen has kept its copy; the server goes away
		// and the screen restarts.
		browsertest.Run(t, ctx, chromedp.WaitVisible(`body[data-offline="ready"]`, chromedp.ByQuery))
		if err := f.app.ShutdownWithTimeout(2 * time.Second); err != nil {
			t.Fatal(err)
		}
		var text string
		browsertest.Run(t, ctx, chromedp.Reload(), chromedp.WaitVisible(".lang-block.current svg.faces", chromedp.ByQuery),
			chromedp.Text(".lang-block.current", &text, chromedp.ByQuery))
		if !strings.Contains(text, "Maaliskuussa 2026") || !strings.Contains(text, "Tiedot päivitetty 15.4.2026") {
			t.Errorf("after the outage the wall shows:\n%s", text)
		}
	}
}

// watchProblems collects script errors and console errors, and with
// browserLog the browser's own log errors too, such as CSP violations.
func watchProblems(ctx context.Context, browserLog bool) func() []string {
	var mu sync.Mutex
	var problems []string
	chromedp.ListenTarget(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *cdpruntime.EventExceptionThrown:
			problems = append(problems, e.ExceptionDetails.Text)
		case *cdpruntime.EventConsoleAPICalled:
			if e.Type == cdpruntime.APITypeError {
				for _, a := range e.Args {
					problems = append(problems, string(a.Value)+a.Description)
				}
			}
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.LevelError {
				problems = append(problems, e.Entry.Text)
			}
		}
	})
	if browserLog {
		chromedp.Run(ctx, cdplog.Enable())
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), problems...)
	}
}

// addAction records a "you said – we did" action for every unit.
func (f *fixture) addAction(t *testing.T, month, fi, sv, en string) {
	t.Helper()
	if _, err := f.db.AddAction(context.Background(), store.Action{Month: month, Text: map[string]string{"fi": fi, "sv": sv, "en": en}}); err != nil {
		t.Fatal(err)
	}
}
