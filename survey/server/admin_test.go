package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func doc(t *testing.T, html string) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestAdminCardsUnitsKiosks(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	ctx := context.Background()
	b := f.browser()
	_, csrf := b.login(t, "admin", "admin-password-123")
	post := func(path string, form url.Values) (int, string) {
		t.Helper()
		form.Set("_csrf", csrf)
		r, body := b.do(t, "POST", path, form)
		return r.StatusCode, body
	}
	// Units.
	if status, _ := post("/admin/units", url.Values{"name": {"Vammaispalvelut"}}); status != 200 {
		t.Fatalf("add unit: %d", status)
	}
	units, _ := f.db.Units(ctx)
	var id string
	for _, u := range units {
		if u.Name == "Vammaispalvelut" {
			id = itoa(u.ID)
		}
	}
	if status, _ := post("/admin/units/"+id, url.Values{"name": {"Vammaispalvelut ja tuki"}}); status != 200 {
		t.Fatalf("rename unit: %d", status)
	}
	if status, _ := post("/admin/units/"+id, url.Values{"name": {"Perhepalvelut"}}); status != 409 {
		t.Fatalf("rename onto another unit's name: %d", status)
	}
	// Cards: colours come from the palette, with their names.
	if status, _ := post("/admin/cards", url.Values{"code": {"k7"}, "colour": {"#123456"}}); status != 422 {
		t.Fatalf("a colour outside the palette: %d", status)
	}
	if status, _ := post("/admin/cards", url.Values{"code": {"k7"}, "colour": {"#CC79A7"}, "worker": {"Kaisa"}, "unit": {"Perhepalvelut"}}); status != 200 {
		t.Fatalf("add card: %d", status)
	}
	card, err := f.db.CardByCode(ctx, "K7")
	if err != nil || card.NameSv != "Rödlila" || card.Unit != "Perhepalvelut" || card.Worker != "Kaisa" {
		t.Fatalf("added card %+v %v", card, err)
	}
	if status, _ := post("/admin/cards", url.Values{"code": {"K7"}, "colour": {"#CC79A7"}}); status != 409 {
		t.Fatalf("the same code twice: %d", status)
	}
	if status, _ := post("/admin/cards/K7", url.Values{"do": {"save"}, "colour": {"#CC79A7"}, "name_fi": {"Liila"}, "name_sv": {"Lila"}, "name_en": {"Purple"}, "worker": {"Kaisa K."}, "unit": {"Perhepalvelut"}}); status != 200 {
		t.Fatalf("edit card: %d", status)
	}
	if c, _ := f.db.CardByCode(ctx, "K7"); c.NameFi != "Liila" || c.Worker != "Kaisa K." {
		t.Fatalf("edited card %+v", c)
	}
	// Print 12 cards: each QR token recorded, the sheet two pages long.
	status, sheet := post("/admin/cards/K7/print", url.Values{"count": {"12"}, "lang": {"sv"}})
	if status != 200 {
		t.Fatalf("print: %d", status)
	}
	d := doc(t, sheet)
	if d.Find("section.card").Length() != 12 || d.Find(".sheet").Length() != 2 {
		t.Fatalf("printed %d cards on %d sheets", d.Find("section.card").Length(), d.Find(".sheet").Length())
	}
	d.Find("section.card").Each(func(_ int, s *goquery.Selection) {
		tok, _ := s.Attr("data-token")
		if c, used, err := f.db.CardByToken(ctx, tok); err != nil || used || c.Code != "K7" {
			t.Errorf("printed token %q: %v %v %v", tok, c.Code, used, err)
		}
	})
	// Retire: the card keeps its answers, and kiosks stop offering it.
	tokens, _ := f.db.CreateCardTokens(ctx, card.ID, 1)
	if status, _ := f.do(t, "POST", "/api/v1/responses", tokens[0].Token, visit(id1, "")); status != 201 {
		t.Fatalf("answer for K7: %d", status)
	}
	if status, _ := post("/admin/cards/K7", url.Values{"do": {"retire"}}); status != 200 {
		t.Fatalf("retire: %d", status)
	}
	if r, err := f.db.ResponseByID(ctx, id1); err != nil || r.Card != "K7" {
		t.Fatalf("retired card's answer: %+v %v", r, err)
	}
	kioskPage := page(t, f.get(t, "/kiosk", f.kioskToken))
	var data struct{ Cards []struct{ Code string } }
	json.Unmarshal([]byte(kioskPage.Find("#kiosk-data").Text()), &data)
	for _, c := range data.Cards {
		if c.Code == "K7" {
			t.Fatal("the kiosk still offers a retired card")
		}
	}
	// Kiosks: the pairing link is shown once, with its QR code.
	status, body := post("/admin/kiosks", url.Values{"name": {"Aula 2"}, "unit": {"Perhepalvelut"}})
	if status != 200 {
		t.Fatalf("add kiosk: %d", status)
	}
	link, _ := doc(t, body).Find("#pair-link").Attr("href")
	token := strings.TrimPrefix(link, "http://example.com/kiosk/pair?token=")
	if k, err := f.db.KioskByToken(ctx, token); err != nil || k.Name != "Aula 2" {
		t.Fatalf("pairing link %q does not pair: %v", link, err)
	}
	if src, _ := doc(t, body).Find("img.pair-qr").Attr("src"); !strings.HasPrefix(src, "data:image/png;base64,") {
		t.Fatal("no QR code of the pairing link")
	}
	k, _ := f.db.KioskByToken(ctx, token)
	if status, _ := post("/admin/kiosks/"+itoa(k.ID)+"/revoke", url.Values{}); status != 200 {
		t.Fatalf("revoke: %d", status)
	}
	if k, _ := f.db.KioskByToken(ctx, token); !k.Revoked {
		t.Fatal("kiosk not revoked")
	}
	log, _ := f.db.AuditLog(ctx, 50)
	actions := map[string]bool{}
	for _, e := range log {
		actions[e.Action] = true
	}
	for _, want := range []string{"unit.add", "unit.rename", "card.add", "card.save", "card.retire", "cards.print", "kiosk.add", "kiosk.revoke"} {
		if !actions[want] {
			t.Errorf("audit log lacks %s", want)
		}
	}
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestTextPayloadsStayText(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	payloads := []string{`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, `=HYPERLINK("http://evil.example","x")`, `+cmd|' /C calc'!A0`, `@SUM(1)`, "-1+1"}
	for i, p := range payloads {
		for _, body := range []string{
			fmt.Sprintf(`{"id":"3%07d-0000-4000-8000-000000000001","survey":"visit","lang":"fi","answers":{"q2_text":%q,"q3":%q}}`, i, p, p),
			fmt.Sprintf(`{"id":"4%07d-0000-4000-8000-000000000001","survey":"satisfaction","lang":"fi","answers":{"free":%q}}`, i, p),
		} {
			if status, resp := f.do(t, "POST", "/api/v1/responses", f.kioskToken, body); status != 201 {
				t.Fatalf("payload %q: %d %s", p, status, resp)
			}
		}
		// Stored as given: data are data.
		r, _ := f.db.ResponseByID(context.Background(), fmt.Sprintf("3%07d-0000-4000-8000-000000000001", i))
		if r.Answers["q3"] != strings.TrimSpace(p) {
			t.Errorf("stored %q, sent %q", r.Answers["q3"], p)
		}
	}
	// A page that shows keyed-in text escapes it.
	b := f.browser()
	_, csrf := b.login(t, "entry", "entry-password-123")
	resp, _ := b.do(t, "POST", "/entry", url.Values{"_csrf": {csrf}, "a-q3": {payloads[1]}, "a-q2_text": {payloads[0]}})
	loc, _ := url.Parse(resp.Header.Get("Location"))
	id := loc.Query().Get("batch")
	_, html := b.do(t, "GET", "/entry/"+id+"/edit", nil)
	if strings.Contains(html, "<script>alert") || strings.Contains(html, "<img src=x") {
		t.Fatal("keyed-in text runs as markup on the entry page")
	}
	if v, _ := doc(t, html).Find("#a-q3").Attr("value"); v != payloads[1] {
		t.Fatalf("entry page shows %q", v)
	}
}
