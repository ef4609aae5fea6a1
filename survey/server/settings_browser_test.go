package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"palaute/report"
	"palaute/survey/browsertest"
)

// TestSettingsInBrowser: an admin sets the anonymity threshold on the
// settings page, in Finnish and in Swedish.
func TestSettingsInBrowser(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	base := f.listen(t, false)
	for i, lang := range []string{"fi", "sv"} {
		ctx := browsertest.New(t)
		run := func(actions ...chromedp.Action) { t.Helper(); browsertest.Run(t, ctx, actions...) }
		run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": lang}))
		run(chromedp.Navigate(base+"/admin/settings"), chromedp.WaitVisible("#login", chromedp.ByQuery),
			chromedp.SendKeys("#name", "admin", chromedp.ByQuery), chromedp.SendKeys("#password", "admin-password-123", chromedp.ByQuery),
			chromedp.Submit("#login", chromedp.ByQuery), chromedp.WaitVisible("#settings", chromedp.ByQuery))
		browsertest.Shot(t, ctx, staffShots, "settings-"+lang)
		var label string
		run(chromedp.Text(`label[for="threshold"]`, &label, chromedp.ByQuery))
		if want := map[string]string{"fi": "Anonymiteettiraja", "sv": "Anonymitetsgräns"}[lang]; !strings.Contains(label, want) {
			t.Errorf("%s label %q", lang, label)
		}
		want := []string{"7", "6"}[i]
		run(chromedp.SetValue("#threshold", want, chromedp.ByQuery), chromedp.Submit("#settings", chromedp.ByQuery),
			chromedp.WaitVisible(".info, [role=status]", chromedp.ByQuery))
		browsertest.Shot(t, ctx, staffShots, "settings-saved-"+lang)
		if n, _ := report.Threshold(context.Background(), f.db); want != string(rune('0'+n)) {
			t.Errorf("%s: threshold %d after saving %s", lang, n, want)
		}
	}
}
