package kiosk_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/gofiber/fiber/v2"

	"palaute/kiosk"
	"palaute/survey"
	"palaute/survey/browsertest"
	"palaute/survey/locale"
	"palaute/survey/server"
	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

// outDir is where screenshots go, for a person to look at.
const outDir = "../test-output/kiosk"

// site is a Palaute server on loopback that can be stopped and started
// again on the same address, with the same database.
type site struct {
	t     *testing.T
	db    *store.DB
	addr  string
	app   *fiber.App
	token string
	set   kiosk.Settings
	// version is the kiosk app's version the server hands out; empty
	// means the embedded assets' checksum.
	version string
}

// demoCards are the cards most tests start with: one of the kiosk's unit
// and one of another unit.
var demoCards = []store.Card{
	{Code: "BLUE", Colour: "#0072B2", NameFi: "Sininen", NameSv: "Blå", NameEn: "Blue", Worker: "Aino", Unit: "Aikuissosiaalityö"},
	{Code: "ORANGE", Colour: "#E69F00", NameFi: "Oranssi", NameSv: "Orange", NameEn: "Orange", Unit: "Perhepalvelut"},
}

func newSite(t *testing.T, set kiosk.Settings) *site { return newSiteWith(t, set, demoCards) }

// newSiteWith is newSite with the given cards, which may be none: a fresh
// installation.
func newSiteWith(t *testing.T, set kiosk.Settings, cards []store.Card) *site {
	t.Helper()
	db := storetest.MustOpenDB(t, nil)
	ctx := context.Background()
	for _, c := range cards {
		if _, err := db.CreateCard(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	_, token, err := db.CreateKiosk(ctx, "Aula", "Aikuissosiaalityö")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &site{t: t, db: db, addr: ln.Addr().String(), token: token, set: set}
	s.serve(ln)
	t.Cleanup(s.stop)
	return s
}

func (s *site) base() string { return "http://" + s.addr }

func (s *site) serve(ln net.Listener) {
	cat, err := locale.Load()
	if err != nil {
		s.t.Fatal(err)
	}
	app, err := server.New(server.Config{DB: s.db, Catalog: cat, Kiosk: s.set, KioskVersion: s.version,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Location: time.Local})
	if err != nil {
		s.t.Fatal(err)
	}
	s.app = app
	go app.Listener(ln)
}

func (s *site) stop() {
	if s.app != nil {
		s.app.ShutdownWithTimeout(2 * time.Second)
		s.app = nil
	}
}

func (s *site) restart() {
	var ln net.Listener
	var err error
	for range 50 {
		if ln, err = net.Listen("tcp", s.addr); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		s.t.Fatal(err)
	}
	s.serve(ln)
}

// testSettings are quick enough for tests: short idle and thank-you
// times and fast retries.
func testSettings() kiosk.Settings {
	set := kiosk.DefaultSettings()
	set.Idle, set.Countdown, set.Thanks, set.RetryMax = 3*time.Second, 2*time.Second, 3*time.Second, time.Second
	set.OfferBoth = true
	return set
}

// browser starts headless Chromium with a fresh profile.
func browser(t *testing.T) context.Context { return browsertest.New(t) }

func run(t *testing.T, ctx context.Context, actions ...chromedp.Action) {
	t.Helper()
	browsertest.Run(t, ctx, actions...)
}

func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	browsertest.Shot(t, ctx, outDir, name)
}

func click(sel string) chromedp.Action { return chromedp.Click(sel, chromedp.ByQuery) }

func visible(sel string) chromedp.Action { return chromedp.WaitVisible(sel, chromedp.ByQuery) }

// pair opens the pairing link and waits for the start screen.
func pair(t *testing.T, ctx context.Context, s *site) {
	t.Helper()
	run(t, ctx, chromedp.Navigate(s.base()+kiosk.PairPath(s.token)), visible("#start-visit"))
}

// checkTouchAndText asserts the rules for a shared touch screen on what
// is visible now: targets of at least 48 px, text of at least 20 px with
// WCAG 2.1 AA contrast against what is behind it, and nothing wider than
// the screen.
func checkTouchAndText(t *testing.T, ctx context.Context, screen string) {
	t.Helper()
	var problems []string
	run(t, ctx, chromedp.Evaluate(`(function () {
		var out = [];
		function rgb(s) { var m = s.match(/[\d.]+/g) || [0, 0, 0, 0]; return m.map(Number); }
		function lum(c) {
			var v = c.slice(0, 3).map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
			return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
		}
		function background(el) {
			for (; el; el = el.parentElement) {
				var c = rgb(getComputedStyle(el).backgroundColor);
				if (c.length < 4 || c[3] > 0) return c;
			}
			return [255, 255, 255, 1];
		}
		document.querySelectorAll('button, textarea').forEach(function (el) {
			var r = el.getBoundingClientRect();
			if (r.width > 0 && (r.width < 48 || r.height < 48)) out.push('target ' + (el.id || el.textContent.trim()) + ' ' + r.width + 'x' + r.height);
		});
		var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		while (walker.nextNode()) {
			var n = walker.currentNode, el = n.parentElement;
			if (!n.textContent.trim() || !el || el.closest('[hidden], script, noscript')) continue;
			if (el.getBoundingClientRect().width === 0) continue;
			var style = getComputedStyle(el), size = parseFloat(style.fontSize);
			if (size < 20) out.push('text "' + n.textContent.trim().slice(0, 30) + '" ' + size + 'px');
			var a = lum(rgb(style.color)), b = lum(background(el));
			var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
			var large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
			if (ratio < (large ? 3 : 4.5)) out.push('contrast of "' + n.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
		}
		if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push('page wider than the screen: ' + document.documentElement.scrollWidth);
		return out;
	})()`, &problems))
	for _, p := range problems {
		t.Errorf("%s: %s", screen, p)
	}
}

// waitRow waits for a stored response matching the query.
func waitRow(t *testing.T, s *site, query string, args ...any) store.StoredResponse {
	t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var id string
		if err := storetest.ReadValue(ctx, s.db, query, &id, args...); err == nil {
			r, err := s.db.ResponseByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		if time.Now().After(deadline) {
			t.Fatalf("no stored response for %s %v", query, args)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestVisitCardByTaps(t *testing.T) {
	for _, tt := range []struct {
		lang, comment, wish string
	}{
		{"fi", "Työntekijä kuunteli hyvin.", "Iltavastaanottoja, kiitos."},
		{"sv", "Socialarbetaren lyssnade.", "Fler kvällstider."},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			s := newSite(t, testSettings())
			ctx := browser(t)
			pair(t, ctx, s)
			run(t, ctx, click("#lang-"+tt.lang), visible(`#lang-`+tt.lang+`[aria-pressed="true"]`))
			var htmlLang string
			run(t, ctx, chromedp.Evaluate(`document.documentElement.lang`, &htmlLang))
			if htmlLang != tt.lang {
				t.Errorf("<html lang> is %q, want %q", htmlLang, tt.lang)
			}
			shot(t, ctx, "01-start-"+tt.lang)
			checkTouchAndText(t, ctx, "start")
			run(t, ctx, click("#start-visit"), visible(`.cards [data-value="BLUE"]`))
			shot(t, ctx, "02-visit-card-"+tt.lang)
			checkTouchAndText(t, ctx, "card")
			run(t, ctx, click(`.cards [data-value="BLUE"]`), visible(`.cards [data-value="BLUE"][aria-checked="true"]`), click("#next"))
			run(t, ctx, visible(`[data-value="partly"]`))
			shot(t, ctx, "03-visit-q1-"+tt.lang)
			run(t, ctx, click(`[data-value="partly"]`), visible(`[data-value="partly"][aria-checked="true"]`), click("#next"))
			run(t, ctx, visible(`.faces [data-value="4"]`))
			run(t, ctx, click(`.faces [data-value="4"]`), visible(`.faces [data-value="4"][aria-checked="true"]`))
			run(t, ctx, chromedp.SendKeys("#text-q2_text", tt.comment, chromedp.ByQuery))
			shot(t, ctx, "04-visit-q2-"+tt.lang)
			checkTouchAndText(t, ctx, "q2")
			run(t, ctx, click("#next"), visible("#text-q3"), chromedp.SendKeys("#text-q3", tt.wish, chromedp.ByQuery))
			shot(t, ctx, "05-visit-q3-"+tt.lang)
			start := time.Now()
			run(t, ctx, click("#send"), visible(".thanks"))
			t.Logf("send to thank-you screen: %v", time.Since(start).Round(time.Millisecond))
			shot(t, ctx, "06-thanks-"+tt.lang)
			checkTouchAndText(t, ctx, "thanks")

			r := waitRow(t, s, "SELECT uuid FROM responses WHERE survey = 'visit' AND lang = ?", tt.lang)
			want := map[string]string{"q1": "partly", "q2": "4", "q2_text": tt.comment, "q3": tt.wish}
			for k, v := range want {
				if r.Answers[k] != v {
					t.Errorf("stored %s = %q, want %q", k, r.Answers[k], v)
				}
			}
			if r.Card != "BLUE" || r.Channel != "kiosk" || r.Unit != "Aikuissosiaalityö" {
				t.Errorf("stored row %+v", r)
			}
			// The thank-you screen goes back to the start by itself.
			run(t, ctx, visible("#start-visit"))
			if tt.lang != "fi" {
				return
			}
			// The next client offers to join the client panel.
			run(t, ctx, click("#start-visit"), click("#next"), click(`[data-value="yes"]`), click("#next"), click("#next"), visible("#text-q3"),
				click("#send"), visible("#contact-details"))
			run(t, ctx, chromedp.SendKeys("#contact-name", "Maija", chromedp.ByQuery), chromedp.SendKeys("#contact-details", "040 123 4567", chromedp.ByQuery))
			shot(t, ctx, "07-panel-contact")
			run(t, ctx, click("#contact-send"), visible("#contact-thanks"))
			contacts, err := s.db.Contacts(context.Background())
			if err != nil || len(contacts) != 1 || contacts[0].Contact != "040 123 4567" || contacts[0].Name != "Maija" {
				t.Fatalf("stored contacts %+v %v", contacts, err)
			}
		})
	}
}

func TestAnnualSurveyToTheEnd(t *testing.T) {
	s := newSite(t, testSettings())
	ctx := browser(t)
	pair(t, ctx, s)
	run(t, ctx, click("#lang-en"), click("#start-satisfaction"), visible(`[data-value="female"]`))
	shot(t, ctx, "10-survey-gender")
	var progress string
	run(t, ctx, chromedp.AttributeValue(`[role="progressbar"]`, "aria-valuetext", &progress, nil, chromedp.ByQuery))
	if progress != "Question 1 of 16" {
		t.Errorf("progress %q", progress)
	}
	run(t, ctx, click(`[data-value="female"]`), click("#next"))
	// Birth year: a decade, then a year, no keyboard.
	run(t, ctx, visible(`.decades [data-value="1970"]`), click(`.decades [data-value="1970"]`), visible(`.years [data-value="1973"]`),
		click(`.years [data-value="1973"]`), visible(`.years [data-value="1973"][aria-checked="true"]`))
	shot(t, ctx, "11-survey-birth-year")
	checkTouchAndText(t, ctx, "birth year")
	run(t, ctx, click("#next"), visible("#years-more"))
	// Time as a client: 1 year 2 months.
	run(t, ctx, click("#years-more"), click("#months-more"), click("#months-more"))
	shot(t, ctx, "12-survey-client-months")
	run(t, ctx, click("#next"))
	likert := []string{"4", "3", "5", "5", "4", "3", "4", "4", "2", "3", "4"}
	for i, v := range likert {
		run(t, ctx, visible(`.likert [data-value="`+v+`"]`))
		if i == 0 {
			shot(t, ctx, "13-survey-likert")
			checkTouchAndText(t, ctx, "likert")
		}
		if i == 4 {
			// Every question can be skipped.
			run(t, ctx, click("#next"))
			continue
		}
		run(t, ctx, click(`.likert [data-value="`+v+`"]`), visible(`.likert [data-value="`+v+`"][aria-checked="true"]`), click("#next"))
	}
	run(t, ctx, visible(`.faces [data-value="4"]`), click(`.faces [data-value="4"]`))
	shot(t, ctx, "14-survey-overall")
	run(t, ctx, click("#next"), visible("#text-free"), chromedp.SendKeys("#text-free", "More phone hours, please.", chromedp.ByQuery), click("#next"))
	run(t, ctx, visible(".review"))
	shot(t, ctx, "15-survey-review")
	checkTouchAndText(t, ctx, "review")
	run(t, ctx, click("#send"), visible(".thanks"))
	r := waitRow(t, s, "SELECT uuid FROM responses WHERE survey = 'satisfaction'")
	want := map[string]string{"gender": "female", "birth_year": "1973", "client_months": "14", "q1": "4", "q2": "3", "q3": "5",
		"q4": "5", "q6": "3", "q7": "4", "q8": "4", "q9": "2", "q10": "3", "q11": "4", "q12": "4", "free": "More phone hours, please."}
	for k, v := range want {
		if r.Answers[k] != v {
			t.Errorf("stored %s = %q, want %q", k, r.Answers[k], v)
		}
	}
	if _, ok := r.Answers["q5"]; ok || len(r.Answers) != len(want) || r.Lang != "en" {
		t.Errorf("stored %d answers %v (q5 was skipped), lang %s", len(r.Answers), r.Answers, r.Lang)
	}
}

func TestIdleResetWipesEverything(t *testing.T) {
	s := newSite(t, testSettings())
	ctx := browser(t)
	pair(t, ctx, s)
	var historyBefore int
	run(t, ctx, chromedp.Evaluate(`history.length`, &historyBefore))
	const secret = "Minulla on vaikea tilanne kotona"
	run(t, ctx, click("#lang-fi"), click("#start-visit"), click(`.cards [data-value="BLUE"]`), click("#next"),
		click(`[data-value="no"]`), click("#next"), click("#next"), visible("#text-q3"),
		chromedp.SendKeys("#text-q3", secret, chromedp.ByQuery))
	// No touch: the countdown appears, then the start screen returns.
	run(t, ctx, visible("#continue"))
	shot(t, ctx, "20-idle-countdown")
	// Tapping continue keeps the answers.
	run(t, ctx, click("#continue"))
	var kept string
	run(t, ctx, chromedp.Value("#text-q3", &kept, chromedp.ByQuery))
	if kept != secret {
		t.Fatalf("continue lost the answer: %q", kept)
	}
	run(t, ctx, visible("#continue"), chromedp.WaitNotPresent("#text-q3", chromedp.ByQuery), visible("#start-visit"))
	shot(t, ctx, "21-after-reset")
	var check struct {
		HTML       string `json:"html"`
		Checked    int    `json:"checked"`
		Local      int    `json:"local"`
		Session    int    `json:"session"`
		History    int    `json:"history"`
		Path       string `json:"path"`
		CachedText bool   `json:"cachedText"`
		Outbox     int    `json:"outbox"`
	}
	run(t, ctx, chromedp.Evaluate(`(async function () {
		var cachedText = false;
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const req of await cache.keys()) {
				const text = await (await cache.match(req)).text();
				if (text.indexOf(`+"`"+secret+"`"+`) >= 0) cachedText = true;
			}
		}
		const outbox = await new Promise(function (resolve) {
			const open = indexedDB.open('palaute', 1);
			open.onsuccess = function () {
				const req = open.result.transaction('outbox').objectStore('outbox').count();
				req.onsuccess = function () { resolve(req.result); };
			};
			open.onerror = function () { resolve(-1); };
		});
		return {html: document.body.innerHTML, checked: document.querySelectorAll('[aria-checked="true"]').length,
			local: localStorage.length, session: sessionStorage.length, history: history.length,
			path: location.pathname, cachedText: cachedText, outbox: outbox};
	})()`, &check, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }))
	if strings.Contains(check.HTML, secret) || check.Checked != 0 || check.Local != 0 || check.Session != 0 || check.CachedText || check.Outbox != 0 {
		t.Fatalf("answers survived the reset: %+v", check)
	}
	if check.History != historyBefore || check.Path != "/kiosk" {
		t.Fatalf("history grew from %d to %d (path %s): the back button could bring answers back", historyBefore, check.History, check.Path)
	}
	// The back button leads nowhere with answers in it.
	run(t, ctx, chromedp.Evaluate(`setTimeout(function () { history.back(); }, 0)`, nil), chromedp.Sleep(time.Second))
	var after string
	run(t, ctx, chromedp.Evaluate(`location.href + ' ' + (document.body ? document.body.innerHTML : '')`, &after))
	if strings.Contains(after, secret) || strings.Contains(after, "text-q3") {
		t.Fatalf("the back button brought answers back: %.200s", after)
	}
	var n int
	storetest.ReadValue(context.Background(), s.db, "SELECT count(*) FROM responses", &n)
	if n != 0 {
		t.Fatalf("an abandoned answer was stored: %d rows", n)
	}
}

func TestOfflineAnswersAreKeptAndSentOnce(t *testing.T) {
	s := newSite(t, testSettings())
	ctx := browser(t)
	pair(t, ctx, s)
	// The service worker must control the page before the network drops.
	run(t, ctx, chromedp.Poll(`navigator.serviceWorker.controller !== null`, nil, chromedp.WithPollingTimeout(20*time.Second)))
	run(t, ctx, chromedp.Reload(), visible("#start-visit"),
		chromedp.Poll(`navigator.serviceWorker.controller !== null`, nil, chromedp.WithPollingTimeout(20*time.Second)))
	s.stop()
	for i, wish := range []string{"Ensimmäinen kortti ilman verkkoa", "Toinen kortti ilman verkkoa"} {
		run(t, ctx, visible("#start-visit"), click("#start-visit"), click(`.cards [data-value="BLUE"]`), click("#next"),
			click(`[data-value="yes"]`), click("#next"), click(`.faces [data-value="5"]`), click("#next"),
			visible("#text-q3"), chromedp.SendKeys("#text-q3", wish, chromedp.ByQuery), click("#send"), visible(".thanks"))
		if i == 0 {
			// Done goes back to the start, which the service worker serves.
			run(t, ctx, click("#done"))
		}
	}
	run(t, ctx, click("#done"), chromedp.Sleep(500*time.Millisecond), visible("#start-visit"))
	var queue string
	err := chromedp.Run(ctx, chromedp.Poll(`document.getElementById('queue').textContent.indexOf('2') >= 0`, nil,
		chromedp.WithPollingTimeout(10*time.Second)))
	chromedp.Run(ctx, chromedp.Evaluate(`location.href + ' | ' + document.getElementById('queue').textContent`, &queue))
	if err != nil {
		shot(t, ctx, "30-offline-failed")
		t.Fatalf("queue indicator: %v (%s)", err, queue)
	}
	shot(t, ctx, "30-offline-queued")
	var n int
	storetest.ReadValue(context.Background(), s.db, "SELECT count(*) FROM responses", &n)
	if n != 0 {
		t.Fatalf("%d rows stored while the server was down", n)
	}
	s.restart()
	run(t, ctx, chromedp.Poll(`document.getElementById('queue').hidden`, nil, chromedp.WithPollingTimeout(30*time.Second)))
	for _, wish := range []string{"Ensimmäinen kortti ilman verkkoa", "Toinen kortti ilman verkkoa"} {
		var count int
		if err := storetest.ReadValue(context.Background(), s.db, "SELECT count(*) FROM texts WHERE body = ?", &count, wish); err != nil || count != 1 {
			t.Errorf("%q stored %d times (%v), want once", wish, count, err)
		}
	}
	storetest.ReadValue(context.Background(), s.db, "SELECT count(*) FROM responses", &n)
	if n != 2 {
		t.Fatalf("%d rows after the server came back, want 2", n)
	}
}

func TestUnpairedAndRevoked(t *testing.T) {
	s := newSite(t, testSettings())
	ctx := browser(t)
	run(t, ctx, chromedp.Navigate(s.base()+"/kiosk"), visible("main.notice"))
	shot(t, ctx, "40-unpaired")
	var text string
	run(t, ctx, chromedp.Text("main.notice", &text, chromedp.ByQuery))
	for _, want := range []string{"ei ole vielä otettu käyttöön", "inte tagits i bruk", "not set up yet"} {
		if !strings.Contains(text, want) {
			t.Errorf("unpaired page lacks %q", want)
		}
	}
	run(t, ctx, chromedp.Navigate(s.base()+"/kiosk/pair?token=wrong"), visible("main.notice"))
	pair(t, ctx, s)
	ks, _ := s.db.Kiosks(context.Background())
	if err := s.db.RevokeKiosk(context.Background(), ks[0].ID); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, chromedp.Reload(), visible("main.notice"), chromedp.Text("main.notice", &text, chromedp.ByQuery))
	shot(t, ctx, "41-revoked")
	if !strings.Contains(text, "switched off") {
		t.Errorf("revoked page says %q", text)
	}
}

// TestStartPageWeight adds up the start page and everything it loads.
func TestStartPageWeight(t *testing.T) {
	s := newSite(t, testSettings())
	jar := &http.Client{}
	req, _ := http.NewRequest("GET", s.base()+"/kiosk", nil)
	req.AddCookie(&http.Cookie{Name: "palaute_kiosk", Value: s.token})
	resp, err := jar.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	total := len(page)
	parts := []string{fmt.Sprintf("page %d", len(page))}
	urls := regexp.MustCompile(`(?:href|src)="(/[^"]+)"`).FindAllStringSubmatch(string(page), -1)
	urls = append(urls, []string{"", "/kiosk/sw.js"})
	for _, m := range urls {
		r, err := http.Get(s.base() + m[1])
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if r.StatusCode != 200 {
			t.Fatalf("%s: %d", m[1], r.StatusCode)
		}
		total += len(b)
		parts = append(parts, fmt.Sprintf("%s %d", m[1], len(b)))
	}
	t.Logf("start page with everything it loads: %d bytes (%s)", total, strings.Join(parts, ", "))
	if total > 100*1024 {
		t.Fatalf("start page weighs %d bytes, over 100 KB", total)
	}
	// In the browser: every request the page made, to the same total or
	// less, and none outside the server.
	ctx := browser(t)
	pair(t, ctx, s)
	var entries []struct {
		Name string  `json:"name"`
		Size float64 `json:"size"`
	}
	run(t, ctx, chromedp.Sleep(500*time.Millisecond), chromedp.Evaluate(`performance.getEntries().filter(function (e) { return e.name.indexOf('http') === 0; })
		.map(function (e) { return {name: e.name, size: e.decodedBodySize || 0}; })`, &entries))
	sum := 0.0
	for _, e := range entries {
		if !strings.HasPrefix(e.Name, s.base()) {
			t.Errorf("request outside the server: %s", e.Name)
		}
		sum += e.Size
	}
	t.Logf("measured in Chromium: %d requests, %.0f bytes", len(entries), sum)
	if sum > 100*1024 {
		t.Fatalf("Chromium loaded %.0f bytes, over 100 KB", sum)
	}
}

// TestLayouts shows the screens on a portrait tablet and a landscape wall
// screen.
func TestLayouts(t *testing.T) {
	s := newSite(t, testSettings())
	for _, size := range []struct {
		name string
		w, h int64
	}{{"portrait-768", 768, 1024}, {"landscape-1920", 1920, 1080}} {
		t.Run(size.name, func(t *testing.T) {
			ctx := browser(t)
			run(t, ctx, chromedp.EmulateViewport(size.w, size.h))
			pair(t, ctx, s)
			checkTouchAndText(t, ctx, size.name+" start")
			shot(t, ctx, "50-start-"+size.name)
			run(t, ctx, click("#start-visit"), visible(".cards"))
			checkTouchAndText(t, ctx, size.name+" cards")
			run(t, ctx, click("#next"), click("#next"), visible(".faces"))
			checkTouchAndText(t, ctx, size.name+" faces")
			shot(t, ctx, "51-faces-"+size.name)
			run(t, ctx, click("#cancel"), visible("#start-satisfaction"), click("#start-satisfaction"), click("#next"), click("#next"), click("#next"), visible(".likert"))
			checkTouchAndText(t, ctx, size.name+" likert")
			shot(t, ctx, "52-likert-"+size.name)
		})
	}
}

// TestOutboxDropsRefusedAnswers puts an answer the server will refuse
// (422) into the outbox: it is removed with a log line, not retried for
// ever.
func TestOutboxDropsRefusedAnswers(t *testing.T) {
	s := newSite(t, testSettings())
	ctx := browser(t)
	var logs []string
	var mu sync.Mutex
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*cdpruntime.EventConsoleAPICalled); ok {
			mu.Lock()
			defer mu.Unlock()
			for _, a := range e.Args {
				logs = append(logs, string(a.Value))
			}
		}
	})
	pair(t, ctx, s)
	run(t, ctx, chromedp.Evaluate(`new Promise(function (resolve) {
		var open = indexedDB.open('palaute', 1);
		open.onsuccess = function () {
			var tx = open.result.transaction('outbox', 'readwrite');
			tx.objectStore('outbox').put({id: 'bad', body: JSON.stringify({id: 'bad', survey: 'visit', lang: 'fi', answers: {q2: 9}})});
			tx.oncomplete = function () { resolve(true); };
		};
	})`, nil, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }))
	run(t, ctx, chromedp.Reload(), visible("#start-visit"))
	run(t, ctx, chromedp.Poll(`new Promise(function (resolve) {
		var open = indexedDB.open('palaute', 1);
		open.onsuccess = function () {
			var req = open.result.transaction('outbox').objectStore('outbox').count();
			req.onsuccess = function () { resolve(req.result === 0); };
		};
	})`, nil, chromedp.WithPollingTimeout(15*time.Second)))
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(strings.Join(logs, " "), "refused queued answer bad with 422") {
		t.Fatalf("no log line for the dropped answer: %v", logs)
	}
}

// TestWebAnswerFromCard answers a printed card's QR code on a phone.
func TestWebAnswerFromCard(t *testing.T) {
	s := newSite(t, testSettings())
	cards, _ := s.db.Cards(context.Background())
	var blue store.Card
	for _, c := range cards {
		if c.Code == "BLUE" {
			blue = c
		}
	}
	tokens, err := s.db.CreateCardTokens(context.Background(), blue.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	// A Swedish phone: the page opens in Swedish and says whose card it is.
	run(t, ctx, network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "sv-FI,sv;q=0.9,en;q=0.5"}),
		chromedp.EmulateViewport(390, 844), chromedp.Navigate(s.base()+"/v/"+tokens[0].Token), visible("#start-visit"))
	shot(t, ctx, "60-web-start")
	checkTouchAndText(t, ctx, "web start")
	var lang, badge, colour string
	run(t, ctx, chromedp.Evaluate(`document.documentElement.lang`, &lang), chromedp.Text("#card-badge", &badge, chromedp.ByQuery),
		chromedp.Evaluate(`getComputedStyle(document.querySelector('#card-badge .swatch')).backgroundColor`, &colour))
	if lang != "sv" || !strings.Contains(badge, "Blå") || !strings.Contains(badge, "BLUE") || colour != "rgb(0, 114, 178)" {
		t.Fatalf("Swedish phone: lang %q, card %q in %q", lang, badge, colour)
	}
	// The card is known from the QR code: the first question is q1, with
	// the languages at hand.
	run(t, ctx, click("#start-visit"), visible(`[data-value="yes"]`), visible("#switch-en"))
	shot(t, ctx, "61-web-q1")
	checkTouchAndText(t, ctx, "web q1")
	var question string
	run(t, ctx, click("#switch-en"), chromedp.Text("h1", &question, chromedp.ByQuery))
	if question != "Did this meeting meet your expectations?" {
		t.Fatalf("after switching to English the question reads %q", question)
	}
	run(t, ctx, click("#switch-sv"), visible(`#switch-sv[aria-pressed="true"]`))
	run(t, ctx, click(`[data-value="yes"]`), click("#next"), click(`.faces [data-value="5"]`), click("#next"),
		visible("#text-q3"), chromedp.SendKeys("#text-q3", "Bra bemötande", chromedp.ByQuery), click("#send"), visible(".thanks"))
	shot(t, ctx, "62-web-thanks")
	// The card's token is spent: the phone offers no contact form it
	// could not send.
	var forms int
	run(t, ctx, chromedp.Evaluate(`document.querySelectorAll('#contact').length`, &forms))
	if forms != 0 {
		t.Fatal("the phone offers the panel form after the token is spent")
	}
	r := waitRow(t, s, "SELECT uuid FROM responses WHERE channel = 'web'")
	if r.Card != "BLUE" || r.Lang != "sv" || r.Answers["q3"] != "Bra bemötande" || r.Answers["q1"] != "yes" {
		t.Fatalf("stored %+v", r)
	}
	// Opening the card again says it has been answered.
	var text string
	run(t, ctx, chromedp.Navigate(s.base()+"/v/"+tokens[0].Token), visible("main.notice"), chromedp.Text("main.notice", &text, chromedp.ByQuery))
	shot(t, ctx, "63-web-already-answered")
	if !strings.Contains(text, "already been answered") {
		t.Fatalf("second visit says %q", text)
	}
}

// TestVisitCardWithoutCards pairs a kiosk before any worker card exists,
// as a fresh installation does: the visit card skips the card question.
func TestVisitCardWithoutCards(t *testing.T) {
	s := newSiteWith(t, testSettings(), nil)
	ctx := browser(t)
	pair(t, ctx, s)
	run(t, ctx, click("#start-visit"), visible(`[data-value="partly"]`))
	shot(t, ctx, "70-visit-no-cards")
	var cards int
	run(t, ctx, chromedp.Evaluate(`document.querySelectorAll('.cards').length`, &cards))
	if cards != 0 {
		t.Fatalf("the card question is shown with no cards")
	}
	run(t, ctx, click(`[data-value="partly"]`), click("#next"), visible(`.faces [data-value="3"]`), click(`.faces [data-value="3"]`),
		click("#next"), visible("#text-q3"), chromedp.SendKeys("#text-q3", "Ei kortteja vielä", chromedp.ByQuery), click("#send"), visible(".thanks"))
	r := waitRow(t, s, "SELECT uuid FROM responses WHERE survey = 'visit'")
	if r.Card != "" || r.Answers["q1"] != "partly" || r.Answers["q3"] != "Ei kortteja vielä" {
		t.Fatalf("stored %+v", r)
	}
}

// splitWords lists the words on screen that the browser broke across
// lines: a word whose characters lie on more than one line box.
const splitWords = `(function () {
	var out = [];
	var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	while (walker.nextNode()) {
		var n = walker.currentNode, el = n.parentElement;
		if (!el || el.closest('[hidden], script, noscript, style')) continue;
		var re = /\S+/g, m;
		while ((m = re.exec(n.data))) {
			var r = document.createRange();
			r.setStart(n, m.index);
			r.setEnd(n, m.index + m[0].length);
			var tops = {};
			Array.prototype.forEach.call(r.getClientRects(), function (x) { if (x.width > 0) tops[Math.round(x.top)] = true; });
			if (Object.keys(tops).length > 1) out.push(m[0]);
		}
	}
	return out;
})()`

// TestWordsAreNotSplit walks every screen of both surveys in every
// language on a landscape tablet (1024×768) and a portrait one
// (800×1280): no word may be broken across lines, as "Sinivihre|ä" and
// "Asiakastyytyväisyyskysel|y" were.
func TestWordsAreNotSplit(t *testing.T) {
	cards := append(slices.Clone(demoCards), store.Card{Code: "GREEN", Colour: "#009E73", NameFi: "Sinivihreä", NameSv: "Blågrön", NameEn: "Bluish green", Unit: "Aikuissosiaalityö"},
		store.Card{Code: "PURPLE", Colour: "#CC79A7", NameFi: "Punavioletti", NameSv: "Rödlila", NameEn: "Reddish purple"},
		store.Card{Code: "SKY", Colour: "#56B4E9", NameFi: "Taivaansininen", NameSv: "Himmelsblå", NameEn: "Sky blue"})
	s := newSiteWith(t, testSettings(), cards)
	for _, size := range []struct {
		name string
		w, h int64
	}{{"1024x768", 1024, 768}, {"800x1280", 800, 1280}} {
		t.Run(size.name, func(t *testing.T) {
			ctx := browser(t)
			run(t, ctx, chromedp.EmulateViewport(size.w, size.h))
			pair(t, ctx, s)
			screens := 0
			check := func(lang, screen string) {
				t.Helper()
				var split []string
				run(t, ctx, chromedp.Evaluate(splitWords, &split))
				if len(split) > 0 {
					t.Errorf("%s %s, %s: words split across lines: %q", size.name, lang, screen, split)
					shot(t, ctx, fmt.Sprintf("86-split-%s-%s-%s", size.name, lang, screen))
				}
				screens++
			}
			for _, lang := range survey.Languages {
				run(t, ctx, click("#lang-"+lang), visible(`#lang-`+lang+`[aria-pressed="true"]`))
				var htmlLang string
				run(t, ctx, chromedp.Evaluate(`document.documentElement.lang`, &htmlLang))
				if htmlLang != lang {
					t.Fatalf("the page's lang is %q in %s", htmlLang, lang)
				}
				check(lang, "start")
				for _, start := range []string{"#start-visit", "#start-satisfaction"} {
					run(t, ctx, click(start), visible("#next"))
					for i := 0; ; i++ {
						check(lang, fmt.Sprintf("%s-%d", start[1:], i))
						var more bool
						run(t, ctx, chromedp.Evaluate(`!!document.getElementById('next')`, &more))
						if !more {
							break
						}
						run(t, ctx, click("#next"), chromedp.Sleep(50*time.Millisecond))
					}
					if start == "#start-visit" {
						// The thank-you screen too, with the panel offer.
						run(t, ctx, click("#back"), click("#back"), click(`[data-value="yes"]`), click("#next"), click("#next"), click("#send"), visible(".thanks"))
						check(lang, "thanks")
						run(t, ctx, click("#done"), visible("#start-visit"), click("#lang-"+lang))
						continue
					}
					run(t, ctx, click("#cancel"), visible("#start-visit"), click("#lang-"+lang))
				}
			}
			if screens < 3*(1+4+17+1) {
				t.Fatalf("only %d screens checked", screens)
			}
			shot(t, ctx, "85-words-"+size.name)
		})
	}
}
