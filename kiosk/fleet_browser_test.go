package kiosk_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"palaute/kiosk"
	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

// fleetSettings are testSettings with a heartbeat every two seconds.
func fleetSettings() kiosk.Settings {
	set := testSettings()
	set.Heartbeat = 2 * time.Second
	return set
}

// awaitPromise lets chromedp.Evaluate wait for a promise's value.
func awaitPromise(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams {
	return p.WithAwaitPromise(true)
}

// waitTrue evaluates a condition until it holds, across page loads
// (which interrupt chromedp's own polling); false if it never held
// within the timeout.
func waitTrue(ctx context.Context, js string, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		var ok bool
		if err := chromedp.Run(ctx, chromedp.Evaluate(js, &ok, awaitPromise)); err == nil && ok {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

// startScreen holds when the start screen is up and drawn.
const startScreen = `document.readyState === 'complete' && document.getElementById('start-visit') !== null && document.getElementById('restarting').hidden`

// outboxCount counts the answers waiting in the tablet's outbox.
func outboxCount(t *testing.T, ctx context.Context) int {
	t.Helper()
	var n int
	run(t, ctx, chromedp.Evaluate(`new Promise(function (resolve) {
		var open = indexedDB.open('palaute');
		open.onsuccess = function () {
			var db = open.result;
			if (!db.objectStoreNames.contains('outbox')) { resolve(0); return; }
			var req = db.transaction('outbox').objectStore('outbox').count();
			req.onsuccess = function () { db.close(); resolve(req.result); };
		};
		open.onerror = function () { resolve(-1); };
	})`, &n, awaitPromise))
	return n
}

// blockAnswers makes the tablet's answers fail to reach the server, as on
// a network that lets nothing through to it, while everything else
// still gets there; unblockAnswers lets them through again.
func blockAnswers(t *testing.T, ctx context.Context) {
	t.Helper()
	run(t, ctx, network.Enable(), network.SetBlockedURLs().WithURLPatterns([]*network.BlockPattern{{URLPattern: "*://*:*/api/v1/responses", Block: true}}))
}

func unblockAnswers(t *testing.T, ctx context.Context) {
	t.Helper()
	run(t, ctx, network.SetBlockedURLs().WithURLPatterns([]*network.BlockPattern{}))
}

// withWorker waits until the service worker controls the page.
func withWorker(t *testing.T, ctx context.Context) {
	t.Helper()
	run(t, ctx, chromedp.Poll(`navigator.serviceWorker.controller !== null`, nil, chromedp.WithPollingTimeout(20*time.Second)))
}

// quickVisit answers the visit card with a wish and sends it.
func quickVisit(t *testing.T, ctx context.Context, wish string) {
	t.Helper()
	run(t, ctx, visible("#start-visit"), click("#start-visit"), click(`.cards [data-value="BLUE"]`), click("#next"),
		click(`[data-value="yes"]`), click("#next"), click("#next"), visible("#text-q3"),
		chromedp.SendKeys("#text-q3", wish, chromedp.ByQuery), click("#send"), visible(".thanks"), click("#done"),
		chromedp.Sleep(300*time.Millisecond), visible("#start-visit"))
}

// state is the kiosk's latest heartbeat as the server keeps it.
func (s *site) state(t *testing.T) *store.KioskState {
	t.Helper()
	fleet, err := s.db.KioskFleet(context.Background())
	if err != nil || len(fleet) != 1 {
		t.Fatalf("fleet %+v %v", fleet, err)
	}
	return fleet[0].State
}

// waitState waits until the kiosk's kept state passes ok.
func (s *site) waitState(t *testing.T, what string, ok func(*store.KioskState) bool) *store.KioskState {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		st := s.state(t)
		if st != nil && ok(st) {
			return st
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server never heard %s; last state %+v", what, st)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestInjectedErrorStartsAgain breaks the kiosk twice, once with an
// uncaught error in the middle of a client's answers and once in a
// render: each time a calm screen in the client's language says it starts
// again, the start screen returns within 5 seconds, the outbox keeps its
// answer, and the error reaches the server without the client's words.
func TestInjectedErrorStartsAgain(t *testing.T) {
	s := newSite(t, fleetSettings())
	ctx := browser(t)
	pair(t, ctx, s)
	withWorker(t, ctx)
	// One answer waits in the outbox: the network lets none through.
	blockAnswers(t, ctx)
	quickVisit(t, ctx, "Odottaa lähtöä")
	if n := outboxCount(t, ctx); n != 1 {
		t.Fatalf("outbox holds %d, want 1", n)
	}
	const secret = "Kotona on vaikeaa"
	run(t, ctx, click("#lang-sv"), click("#start-visit"), click(`.cards [data-value="BLUE"]`), click("#next"), click(`[data-value="no"]`),
		click("#next"), click("#next"), visible("#text-q3"), chromedp.SendKeys("#text-q3", secret, chromedp.ByQuery))
	// An uncaught error whose message holds what the client typed.
	start := time.Now()
	run(t, ctx, chromedp.Evaluate(`setTimeout(function () {
		throw new Error('injected failure near "' + document.getElementById('text-q3').value + '"');
	}, 0)`, nil))
	run(t, ctx, visible("#restarting"))
	var shown string
	run(t, ctx, chromedp.Evaluate(`Array.prototype.filter.call(document.querySelectorAll('#restarting > div'), function (d) { return !d.hidden; })
		.map(function (d) { return d.lang + ': ' + d.textContent.trim(); }).join(' | ')`, &shown))
	shot(t, ctx, "80-restarting-sv")
	if !strings.HasPrefix(shown, "sv: Börjar om") || strings.Contains(shown, "fi:") {
		t.Errorf("restarting screen shows %q, want Swedish only", shown)
	}
	checkTouchAndText(t, ctx, "restarting")
	run(t, ctx, chromedp.WaitNotPresent("#text-q3", chromedp.ByQuery))
	if !waitTrue(ctx, startScreen, 5*time.Second-time.Since(start)) {
		t.Fatal("no start screen within 5 s of the error")
	}
	t.Logf("error to start screen: %v", time.Since(start).Round(time.Millisecond))
	if n := outboxCount(t, ctx); n != 1 {
		t.Fatalf("outbox holds %d after starting again, want 1", n)
	}
	st := s.waitState(t, "the injected error", func(st *store.KioskState) bool { return strings.Contains(st.Error, "injected failure") })
	if strings.Contains(st.Error, secret) || strings.Contains(st.Error, "vaikeaa") || st.Version == "" || st.Outbox != 1 {
		t.Fatalf("reported state %+v", st)
	}
	t.Logf("reported error: %q", st.Error)

	// A render that fails: drawing the next screen throws.
	run(t, ctx, click("#lang-en"), chromedp.Evaluate(`HTMLElement.prototype.focus = function () { throw new TypeError('focus is broken'); }; true`, nil),
		click("#start-visit"), visible("#restarting"))
	var text string
	run(t, ctx, chromedp.Text("#restarting", &text, chromedp.ByQuery))
	if !strings.Contains(text, "Starting again") {
		t.Errorf("restarting screen after a failed render says %q", text)
	}
	if !waitTrue(ctx, startScreen, 5*time.Second) {
		t.Fatal("no start screen within 5 s of the failed render")
	}
	s.waitState(t, "the failed render", func(st *store.KioskState) bool { return strings.Contains(st.Error, "focus is broken") })

	// The answer kept through both goes when the network lets it.
	unblockAnswers(t, ctx)
	waitRow(t, s, "SELECT r.uuid FROM responses r JOIN texts x ON x.response_id = r.id WHERE x.body = ?", "Odottaa lähtöä")
	var n int
	storetest.ReadValue(context.Background(), s.db, "SELECT count(*) FROM responses", &n)
	if n != 1 {
		t.Fatalf("%d responses stored, want only the one sent", n)
	}
}

// TestOutboxDepthReportedWhileOffline: while the tablet's answers cannot
// get through, its heartbeat says how many wait and that it is offline;
// cut off altogether, it says so as soon as it is back; once the answers
// are through, it reports an empty outbox and when it last sent.
func TestOutboxDepthReportedWhileOffline(t *testing.T) {
	s := newSite(t, fleetSettings())
	ctx := browser(t)
	pair(t, ctx, s)
	withWorker(t, ctx)
	s.waitState(t, "a first heartbeat", func(st *store.KioskState) bool { return st.Online && st.Outbox == 0 })
	blockAnswers(t, ctx)
	quickVisit(t, ctx, "Ensimmäinen")
	quickVisit(t, ctx, "Toinen")
	st := s.waitState(t, "two waiting answers", func(st *store.KioskState) bool { return st.Outbox == 2 })
	if st.Online || !st.LastSent.IsZero() {
		t.Errorf("with answers failing: %+v, want offline and never sent", st)
	}
	shot(t, ctx, "81-outbox-reported")
	// Cut off altogether: the server is gone and the tablet knows it.
	s.stop()
	run(t, ctx, network.OverrideNetworkState(true, 0, -1, -1))
	quickVisit(t, ctx, "Kolmas")
	if n := outboxCount(t, ctx); n != 3 {
		t.Fatalf("outbox holds %d, want 3", n)
	}
	s.restart()
	run(t, ctx, network.OverrideNetworkState(false, 0, -1, -1))
	s.waitState(t, "three waiting answers", func(st *store.KioskState) bool { return st.Outbox == 3 })
	// The answers get through, and the server hears of the empty outbox.
	before := time.Now().Add(-time.Minute)
	unblockAnswers(t, ctx)
	st = s.waitState(t, "an empty outbox", func(st *store.KioskState) bool { return st.Outbox == 0 && st.Online })
	if st.LastSent.Before(before) || st.LastSent.Second() != 0 {
		t.Errorf("last sent %v, want this minute", st.LastSent)
	}
	var n int
	storetest.ReadValue(context.Background(), s.db, "SELECT count(*) FROM responses", &n)
	if n != 3 {
		t.Fatalf("%d responses stored, want 3", n)
	}
}

// TestReloadCommandAtIdle: an admin's reload reaches the tablet with its
// next heartbeat and is carried out only when nobody has touched it for
// the idle time.
func TestReloadCommandAtIdle(t *testing.T) {
	s := newSite(t, fleetSettings())
	ctx := browser(t)
	pair(t, ctx, s)
	withWorker(t, ctx)
	run(t, ctx, chromedp.Evaluate(`window.palauteMarker = 'before reload'; true`, nil))
	ks, _ := s.db.Kiosks(context.Background())
	if err := s.db.SetKioskCommand(context.Background(), ks[0].ID, kiosk.Reload); err != nil {
		t.Fatal(err)
	}
	// Someone keeps touching the start screen: no reload under their
	// fingers, though the command has arrived.
	deadline := time.Now().Add(6 * time.Second)
	for time.Now().Before(deadline) {
		run(t, ctx, chromedp.Evaluate(`document.dispatchEvent(new Event('pointerdown')); true`, nil), chromedp.Sleep(500*time.Millisecond))
	}
	var marker string
	run(t, ctx, chromedp.Evaluate(`String(window.palauteMarker)`, &marker))
	if marker != "before reload" {
		t.Fatalf("the page reloaded while in use")
	}
	fleet, _ := s.db.KioskFleet(context.Background())
	if fleet[0].Command != "" {
		t.Fatalf("the command never reached the tablet: %q", fleet[0].Command)
	}
	// Left alone, it reloads.
	if !waitTrue(ctx, `window.palauteMarker === undefined && `+startScreen, 10*time.Second) {
		t.Fatal("no reload when left alone")
	}
	var path string
	run(t, ctx, chromedp.Evaluate(`location.pathname`, &path))
	if path != "/kiosk" {
		t.Fatalf("reloaded to %s", path)
	}
}

// TestNewVersionReachesTabletAtIdle: the server restarts with new kiosk
// assets; the tablet switches to them at its next idle moment, untouched,
// and the service worker keeps the new version without dropping the
// outbox.
func TestNewVersionReachesTabletAtIdle(t *testing.T) {
	s := newSite(t, fleetSettings())
	ctx := browser(t)
	pair(t, ctx, s)
	withWorker(t, ctx)
	blockAnswers(t, ctx)
	quickVisit(t, ctx, "Odottaa uutta versiota")
	var caches string
	if !waitTrue(ctx, `caches.keys().then(function (k) { return k.join(' ') === 'palaute-kiosk-' + document.body.dataset.version; })`, 10*time.Second) {
		t.Fatal("the service worker keeps no copy of the first version")
	}
	// A new release.
	s.stop()
	s.version = "release-2"
	s.restart()
	if !waitTrue(ctx, `document.body.dataset.version === 'release-2' && `+startScreen, 20*time.Second) {
		t.Fatal("the tablet never switched to the new version")
	}
	if !waitTrue(ctx, `caches.keys().then(function (k) { return k.join(' ') === 'palaute-kiosk-release-2'; })`, 20*time.Second) {
		t.Fatal("the service worker never kept the new version")
	}
	run(t, ctx, chromedp.Evaluate(`caches.keys().then(function (k) { return k.join(' '); })`, &caches, awaitPromise))
	if n := outboxCount(t, ctx); n != 1 {
		t.Fatalf("outbox holds %d after the update, want 1", n)
	}
	s.waitState(t, "the new version", func(st *store.KioskState) bool { return st.Version == "release-2" })
	unblockAnswers(t, ctx)
	waitRow(t, s, "SELECT r.uuid FROM responses r JOIN texts x ON x.response_id = r.id WHERE x.body = ?", "Odottaa uutta versiota")
	t.Logf("caches after the update: %s", caches)
}

// TestUnpairCommandReturnsToPairingPage: an admin unpairs a tablet whose
// outbox holds an answer; it sends the answer first, then forgets its
// pairing and shows the pairing page.
func TestUnpairCommandReturnsToPairingPage(t *testing.T) {
	s := newSite(t, fleetSettings())
	ctx := browser(t)
	pair(t, ctx, s)
	withWorker(t, ctx)
	blockAnswers(t, ctx)
	quickVisit(t, ctx, "Viimeinen vastaus")
	ks, _ := s.db.Kiosks(context.Background())
	if err := s.db.SetKioskCommand(context.Background(), ks[0].ID, kiosk.Unpair); err != nil {
		t.Fatal(err)
	}
	// With an answer waiting, the tablet stays paired.
	time.Sleep(6 * time.Second)
	var path string
	run(t, ctx, chromedp.Evaluate(`location.pathname + (document.getElementById('start-visit') ? ' start' : '')`, &path))
	if k, _ := s.db.KioskByToken(context.Background(), s.token); k.Revoked || path != "/kiosk start" {
		t.Fatalf("unpaired with an answer waiting: revoked %v, page %s", k.Revoked, path)
	}
	unblockAnswers(t, ctx)
	if !waitTrue(ctx, `document.querySelector('main.notice') !== null`, 20*time.Second) {
		t.Fatal("the tablet never returned to the pairing page")
	}
	shot(t, ctx, "82-unpaired")
	var text string
	run(t, ctx, chromedp.Text("main.notice", &text, chromedp.ByQuery))
	if !strings.Contains(text, "not set up yet") {
		t.Errorf("after unpairing the tablet shows %q", text)
	}
	waitRow(t, s, "SELECT r.uuid FROM responses r JOIN texts x ON x.response_id = r.id WHERE x.body = ?", "Viimeinen vastaus")
	if k, _ := s.db.KioskByToken(context.Background(), s.token); !k.Revoked {
		t.Error("the unpaired kiosk's token still works")
	}
	var left struct {
		Cookie  bool `json:"cookie"`
		Workers int  `json:"workers"`
		Caches  int  `json:"caches"`
	}
	var cookies []*network.Cookie
	run(t, ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		cookies, err = network.GetCookies().Do(ctx)
		return err
	}))
	for _, c := range cookies {
		if c.Name == "palaute_kiosk" {
			left.Cookie = true
		}
	}
	run(t, ctx, chromedp.Evaluate(`Promise.all([navigator.serviceWorker.getRegistrations(), caches.keys()]).then(function (v) {
		return {workers: v[0].length, caches: v[1].length};
	})`, &left, awaitPromise))
	if left.Cookie || left.Workers != 0 || left.Caches != 0 {
		t.Errorf("left on the tablet after unpairing: %+v", left)
	}
}
