package server_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"palaute/survey/browsertest"
)

// countViolations counts, from before any script of a page runs, every
// Content-Security-Policy violation the page causes.
const countViolations = `window.__csp = 0; document.addEventListener('securitypolicyviolation', function () { window.__csp++; });`

// TestDashboardInChromium draws every chart of a demo year in Chromium, in
// Finnish and Swedish, hovers a tooltip open, and counts 0 CSP violations
// and 0 console errors.
func TestDashboardInChromium(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	f.saveDemo(t, 3)
	base := f.listen(t, false)
	ctx := browsertest.New(t)
	problems := watchProblems(ctx, true)
	browsertest.Run(t, ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := cdppage.AddScriptToEvaluateOnNewDocument(countViolations).Do(ctx)
		return err
	}))
	browsertest.Run(t, ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible("#login", chromedp.ByQuery),
		chromedp.KeyEvent("quality\tquality-password-123\r"), chromedp.WaitVisible("#reports-pick", chromedp.ByQuery))
	for _, lang := range []string{"fi", "sv"} {
		for _, key := range []string{"visit", "satisfaction", "national"} {
			browsertest.Run(t, ctx, chromedp.Navigate(base+"/reports?survey="+key+"&year=2025&lang="+lang), chromedp.WaitVisible("#reports-items", chromedp.ByQuery))
			browsertest.Shot(t, ctx, staffShots, "19-reports-"+key+"-"+lang)
			var blocks, drawn, violations int
			var x, y float64
			browsertest.Run(t, ctx, chromedp.Navigate(base+"/reports/charts?survey="+key+"&year=2025&lang="+lang),
				chromedp.WaitVisible(".chart canvas", chromedp.ByQuery), chromedp.Sleep(500*time.Millisecond),
				chromedp.Evaluate(`document.querySelectorAll('[data-chart]').length`, &blocks),
				chromedp.Evaluate(`document.querySelectorAll('.chart canvas').length`, &drawn),
				chromedp.Evaluate(`(function(){var el=document.querySelector('[data-chart="years"]'); el.scrollIntoView(); var r=el.getBoundingClientRect(); return r.left + r.width/3;})()`, &x),
				chromedp.Evaluate(`document.querySelector('[data-chart="years"]').getBoundingClientRect().top + 120`, &y),
				chromedp.MouseEvent(input.MouseMoved, x, y), chromedp.Sleep(300*time.Millisecond),
				// and open every chart's tooltip the way ECharts itself does
				chromedp.Evaluate(`document.querySelectorAll('[data-chart]').forEach(function (el) { echarts.getInstanceByDom(el).dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0}); })`, nil),
				chromedp.Sleep(300*time.Millisecond),
				chromedp.Evaluate(`window.__csp`, &violations))
			browsertest.Shot(t, ctx, staffShots, "20-dashboard-"+key+"-"+lang)
			if blocks < 3 || drawn != blocks {
				t.Errorf("%s %s: %d of %d charts drawn", key, lang, drawn, blocks)
			}
			if violations != 0 {
				t.Errorf("%s %s: %d CSP violations", key, lang, violations)
			}
		}
	}
	if p := problems(); len(p) > 0 {
		t.Fatalf("console errors: %v", p)
	}
	b := f.browser()
	b.login(t, "quality", "quality-password-123")
	resp, body := b.do(t, "GET", "/reports/charts/monthly.html?survey=visit&year=2025", nil)
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") || !strings.Contains(body, "setOption(") || len(body) < 500_000 {
		t.Fatalf("standalone chart: %d %q %d bytes", resp.StatusCode, resp.Header.Get("Content-Disposition"), len(body))
	}
	if resp, _ := b.do(t, "GET", "/reports/charts", nil); resp.StatusCode != 303 || resp.Header.Get("Location") != "/reports" {
		t.Errorf("charts without a pick: %d to %q, want the reports home", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, empty := b.do(t, "GET", "/reports/charts?survey=visit&year=2019", nil)
	if doc(t, empty).Find("#charts-empty").Length() != 1 {
		t.Error("a year with no data does not say so")
	}
}
