package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"palaute/survey/browsertest"
)

// TestFleetViewInBrowser shows an admin the fleet in Finnish and Swedish:
// the silent kiosk at the top, in red and in words, then the late one,
// the one never heard from, the ones in order and the revoked one.
func TestFleetViewInBrowser(t *testing.T) {
	f, tc := newFleetFixture(t)
	f.addUsers(t)
	ctx0 := context.Background()
	start := tc.Now()
	_, corridor, err := f.db.CreateKiosk(ctx0, "Käytävä", "Perhepalvelut")
	if err != nil {
		t.Fatal(err)
	}
	_, waiting, err := f.db.CreateKiosk(ctx0, "Odotustila", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.db.CreateKiosk(ctx0, "Uusi tabletti", "Perhepalvelut"); err != nil {
		t.Fatal(err)
	}
	beats := []struct {
		at          time.Duration
		token, body string
	}{
		{-90 * time.Minute, f.kioskToken, `{"version":"v1","outbox":3,"last_sent":"2026-04-15T07:41:00Z","online":false,"error":"TypeError: Cannot read properties of null (reading 'forEach') (kiosk.js:212)"}`},
		{-20 * time.Minute, corridor, `{"version":"v2","outbox":0,"last_sent":"2026-04-15T09:02:00Z","online":true}`},
		{-2 * time.Minute, waiting, `{"version":"v2","outbox":0,"online":true}`},
	}
	for _, b := range beats {
		tc.set(start.Add(b.at))
		if status, _ := f.beat(t, b.token, b.body); status != 200 {
			t.Fatalf("heartbeat: %d", status)
		}
	}
	tc.set(start)
	base := f.listen(t, false)
	for _, lang := range []string{"fi", "sv"} {
		ctx := browsertest.New(t)
		run := func(actions ...chromedp.Action) { t.Helper(); browsertest.Run(t, ctx, actions...) }
		run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": lang}))
		run(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/admin/kiosks"), chromedp.WaitVisible("#login", chromedp.ByQuery),
			chromedp.SendKeys("#name", "admin", chromedp.ByQuery), chromedp.SendKeys("#password", "admin-password-123", chromedp.ByQuery),
			chromedp.Submit("#login", chromedp.ByQuery), chromedp.WaitVisible("#kiosks", chromedp.ByQuery))
		browsertest.Shot(t, ctx, staffShots, "kiosks-fleet-"+lang)
		var rows []struct {
			Status string `json:"status"`
			Badge  string `json:"badge"`
			Colour string `json:"colour"`
			Back   string `json:"back"`
		}
		run(chromedp.Evaluate(`Array.prototype.map.call(document.querySelectorAll('#kiosks tbody tr'), function (tr) {
			var badge = tr.querySelector('.badge');
			return {status: tr.dataset.status, badge: badge.textContent.trim(), colour: getComputedStyle(badge).color, back: getComputedStyle(tr).backgroundColor};
		})`, &rows))
		var order []string
		for _, r := range rows {
			order = append(order, r.Status)
		}
		if got := strings.Join(order, " "); got != "silent late new ok revoked" {
			t.Errorf("%s: kiosks in the order %s", lang, got)
		}
		want := map[string]string{"fi": "Hiljaa", "sv": "Tyst"}[lang]
		if len(rows) == 0 || !strings.Contains(rows[0].Badge, want) {
			t.Fatalf("%s: the silent kiosk's words %+v", lang, rows)
		}
		// Red: much more red than green or blue, in the text and behind
		// the row; the other rows are not.
		if !reddish(rows[0].Colour) || !reddish(rows[0].Back) {
			t.Errorf("%s: the silent kiosk is not red: text %s on %s", lang, rows[0].Colour, rows[0].Back)
		}
		for _, r := range rows[1:] {
			if reddish(r.Back) {
				t.Errorf("%s: the %s kiosk is red too", lang, r.Status)
			}
		}
		var text string
		run(chromedp.Navigate(base+"/admin/units"), chromedp.WaitVisible("#units", chromedp.ByQuery))
		browsertest.Shot(t, ctx, staffShots, "units-hours-"+lang)
		run(chromedp.Evaluate(`Array.prototype.map.call(document.querySelectorAll('#units tbody tr:first-child input[name="day"]:checked'), function (i) { return i.value; }).join('')`, &text))
		if text != "12345" {
			t.Errorf("%s: the unit's open days are %q, want Monday to Friday", lang, text)
		}
		run(chromedp.Navigate(base+"/admin/kiosks"), chromedp.WaitVisible("#kiosks", chromedp.ByQuery),
			chromedp.Text("#kiosks tbody tr:first-child", &text, chromedp.ByQuery))
		for _, want := range []string{"Aula", "(reading 'forEach')", "3", "v1"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the silent kiosk's row lacks %q: %s", lang, want, text)
			}
		}
	}
}

// reddish says whether an opaque CSS rgb() colour is clearly red: a
// deep red, or a pale one.
func reddish(css string) bool {
	var r, g, b int
	if _, err := fmt.Sscanf(css, "rgb(%d, %d, %d)", &r, &g, &b); err != nil {
		return false
	}
	return r > 120 && r > g+60 && r > b+60 || r > 230 && r-g > 12 && r-b > 12
}
