package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"palaute/kiosk"
	"palaute/survey"
	"palaute/survey/store"
)

// get sends a GET with an optional kiosk cookie.
func (f *fixture) get(t *testing.T, path, cookie string) *http.Response {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	if cookie != "" {
		req.AddCookie(&http.Cookie{Name: "palaute_kiosk", Value: cookie})
	}
	resp, err := f.app.Test(req, 10000)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func page(t *testing.T, resp *http.Response) *goquery.Document {
	t.Helper()
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") || !strings.Contains(ct, "charset=utf-8") {
		t.Fatalf("content type %q", ct)
	}
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestKioskPairing(t *testing.T) {
	f := newFixture(t)
	resp := f.get(t, "/kiosk/pair?token="+f.kioskToken, "")
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/kiosk" {
		t.Fatalf("pair: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	cookie := resp.Header.Get("Set-Cookie")
	for _, want := range []string{"palaute_kiosk=" + f.kioskToken, "HttpOnly", "SameSite=Strict", "path=/"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("cookie %q lacks %s", cookie, want)
		}
	}
	for _, bad := range []string{"/kiosk/pair?token=wrong", "/kiosk/pair?token=" + f.revoked, "/kiosk/pair"} {
		resp := f.get(t, bad, "")
		if resp.StatusCode != 404 || resp.Header.Get("Set-Cookie") != "" {
			t.Errorf("%s: %d, cookie %q", bad, resp.StatusCode, resp.Header.Get("Set-Cookie"))
		}
		if doc := page(t, resp); doc.Find(`main.notice section[lang="sv"] h1`).Length() != 1 {
			t.Errorf("%s: no friendly page", bad)
		}
	}
}

func TestKioskPage(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name, cookie string
		status       int
		selector     string
	}{
		{"unpaired", "", 200, `main.notice section[lang="en"] h1`},
		{"unknown cookie", "stale", 200, `main.notice section[lang="fi"] h1`},
		{"revoked", f.revoked, 403, `main.notice section[lang="sv"] h1`},
		{"paired", f.kioskToken, 200, `body[data-submit="/api/v1/responses"] script#kiosk-data`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := f.get(t, "/kiosk", tt.cookie)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if doc := page(t, resp); doc.Find(tt.selector).Length() != 1 {
				t.Fatalf("no %s", tt.selector)
			}
		})
	}
	doc := page(t, f.get(t, "/kiosk", f.kioskToken))
	var data struct {
		Instruments map[string]struct{ Items []struct{ Key string } }
		Cards       []struct{ Code, Colour string }
		Text        map[string]map[string]string
	}
	if err := json.Unmarshal([]byte(doc.Find("#kiosk-data").Text()), &data); err != nil {
		t.Fatal(err)
	}
	// The fixture's one card is another unit's.
	if len(data.Instruments["satisfaction"].Items) != 16 || data.Cards == nil || len(data.Cards) != 0 {
		t.Fatalf("kiosk data %+v", data)
	}
	for _, lang := range []string{"fi", "sv", "en"} {
		if data.Text[lang]["kiosk.thanks_title"] == "" {
			t.Errorf("no %s texts", lang)
		}
	}
	// 15 April is inside the default survey period (April).
	if got := kioskOffers(t, f, f.kioskToken); got != "visit,satisfaction" {
		t.Errorf("offered %s in April", got)
	}
	for _, sel := range []string{`link[rel="stylesheet"]`, `script[src]`, `link[rel="manifest"]`} {
		attr := "href"
		if strings.HasPrefix(sel, "script") {
			attr = "src"
		}
		u, _ := doc.Find(sel).Attr(attr)
		resp := f.get(t, u, "")
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || len(body) == 0 {
			t.Errorf("%s %s: %d", sel, u, resp.StatusCode)
		}
		if strings.HasPrefix(u, "/static/") && !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("%s is not cached for good", u)
		}
	}
}

func TestStaticAndWorker(t *testing.T) {
	f := newFixture(t)
	if resp := f.get(t, "/static/kiosk.000000000000.js", ""); resp.StatusCode != 404 {
		t.Errorf("unknown static file: %d", resp.StatusCode)
	}
	resp := f.get(t, "/kiosk/sw.js", "")
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Service-Worker-Allowed") != "/kiosk" || !strings.HasPrefix(string(body), "self.PALAUTE = {") {
		t.Fatalf("worker: %d %q %.60s", resp.StatusCode, resp.Header.Get("Service-Worker-Allowed"), body)
	}
	resp = f.get(t, "/kiosk/manifest.webmanifest", "")
	var m struct {
		Display string `json:"display"`
		Icons   []struct{ Src string }
	}
	json.NewDecoder(resp.Body).Decode(&m)
	resp.Body.Close()
	if m.Display != "fullscreen" || len(m.Icons) < 2 {
		t.Fatalf("manifest %+v", m)
	}
	for _, icon := range m.Icons {
		if r := f.get(t, icon.Src, ""); r.StatusCode != 200 {
			t.Errorf("icon %s: %d", icon.Src, r.StatusCode)
		}
	}
}

func TestKioskCookieSubmits(t *testing.T) {
	f := newFixture(t)
	send := func(contentType, id string) int {
		req := httptest.NewRequest("POST", "/api/v1/responses", strings.NewReader(visit(id, "")))
		req.Header.Set("Content-Type", contentType)
		req.AddCookie(&http.Cookie{Name: "palaute_kiosk", Value: f.kioskToken})
		resp, err := f.app.Test(req, 10000)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if status := send("application/json", id1); status != 201 {
		t.Fatalf("paired tablet's cookie: %d", status)
	}
	// A cross-site form can send text/plain without asking: refused.
	if status := send("text/plain", id2); status != 401 {
		t.Fatalf("cookie with a form content type: %d, want 401", status)
	}
	r, err := f.db.ResponseByID(context.Background(), id1)
	if err != nil || r.Channel != "kiosk" || r.Unit != "Aikuissosiaalityö" {
		t.Fatalf("stored %+v %v", r, err)
	}
}

func TestAnnualSurveyOfferedInItsPeriod(t *testing.T) {
	june, _ := survey.ParsePeriod("06-01..06-30")
	tests := []struct {
		name string
		set  kiosk.Settings
		want string
	}{
		{"default April period on 15 April", kiosk.DefaultSettings(), "visit,satisfaction"},
		{"June period on 15 April", kiosk.Settings{Idle: 60 * time.Second, Countdown: 10 * time.Second, Thanks: 8 * time.Second, Period: june, RetryMax: time.Minute}, "visit"},
		{"June period, offered all year", kiosk.Settings{Idle: 60 * time.Second, Countdown: 10 * time.Second, Thanks: 8 * time.Second, Period: june, OfferBoth: true, RetryMax: time.Minute}, "visit,satisfaction"},
	}
	for _, tt := range tests {
		f := newFixtureWith(t, tt.set)
		if got := kioskOffers(t, f, f.kioskToken); got != tt.want {
			t.Errorf("%s: offered %s, want %s", tt.name, got, tt.want)
		}
	}
}

// kioskOffers reads the surveys a kiosk's start screen offers, in order.
func kioskOffers(t *testing.T, f *fixture, cookie string) string {
	t.Helper()
	doc := page(t, f.get(t, "/kiosk", cookie))
	var data struct{ Surveys []string }
	if err := json.Unmarshal([]byte(doc.Find("#kiosk-data").Text()), &data); err != nil {
		t.Fatal(err)
	}
	return strings.Join(data.Surveys, ",")
}

// TestUnitChoosesItsSurveys: a unit's kiosks offer the surveys the unit
// chose, the card survey first; an annual one only in its period; none
// chosen is the default.
func TestUnitChoosesItsSurveys(t *testing.T) {
	june, _ := survey.ParsePeriod("06-01..06-30")
	set := kiosk.DefaultSettings()
	set.Period = june
	f := newFixtureWith(t, set)
	ctx := context.Background()
	units, err := f.db.Units(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var unit int64
	for _, u := range units {
		if u.Name == "Aikuissosiaalityö" {
			unit = u.ID
		}
	}
	for _, tt := range []struct {
		chosen []string
		want   string
	}{
		{[]string{"national"}, "national"},
		{[]string{"national", "visit", "satisfaction"}, "visit,national"},
		{nil, "visit"},
	} {
		if err := f.db.SetUnitSurveys(ctx, unit, tt.chosen); err != nil {
			t.Fatal(err)
		}
		if got := kioskOffers(t, f, f.kioskToken); got != tt.want {
			t.Errorf("unit chose %v: offered %s, want %s", tt.chosen, got, tt.want)
		}
	}
	if err := f.db.SetUnitSurveys(ctx, unit, []string{"nope"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("an unknown survey: %v", err)
	}
}

// kioskCards reads the cards a kiosk page offers, in order.
func kioskCards(t *testing.T, f *fixture, cookie string) []string {
	t.Helper()
	doc := page(t, f.get(t, "/kiosk", cookie))
	var data struct{ Cards []struct{ Code string } }
	if err := json.Unmarshal([]byte(doc.Find("#kiosk-data").Text()), &data); err != nil {
		t.Fatal(err)
	}
	codes := []string{}
	for _, c := range data.Cards {
		codes = append(codes, c.Code)
	}
	return codes
}

// TestKioskOffersItsUnitsCards: a kiosk of a unit offers that unit's
// cards and those of no unit, never another unit's or a retired one; a
// kiosk of no unit offers every card in use.
func TestKioskOffersItsUnitsCards(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, c := range []store.Card{
		{Code: "GREEN", Colour: "#009E73", NameFi: "Vihreä", NameSv: "Grön", NameEn: "Green", Unit: "Aikuissosiaalityö"},
		{Code: "GREY", Colour: "#000000", NameFi: "Musta", NameSv: "Svart", NameEn: "Black"},
		{Code: "PINK", Colour: "#CC79A7", NameFi: "Pinkki", NameSv: "Rosa", NameEn: "Pink", Unit: "Aikuissosiaalityö"},
	} {
		if _, err := f.db.CreateCard(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.db.SetCardRetired(ctx, "PINK", true); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(kioskCards(t, f, f.kioskToken), " "); got != "GREEN GREY" {
		t.Errorf("kiosk of Aikuissosiaalityö offers %q, want GREEN GREY", got)
	}
	_, anywhere, err := f.db.CreateKiosk(ctx, "Käytävä", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(kioskCards(t, f, anywhere), " "); got != "BLUE GREEN GREY" {
		t.Errorf("kiosk of no unit offers %q, want BLUE GREEN GREY", got)
	}
}
