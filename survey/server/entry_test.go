package server_test

import (
	"context"
	"net/http"
	"net/url"
	"palaute/survey"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"palaute/survey/store"
)

func storeCard(code, colour string) store.Card {
	return store.Card{Code: code, Colour: colour, NameFi: "Sinivihreä", NameSv: "Blågrön", NameEn: "Bluish green"}
}

// entryPost sends the entry form and returns the response, its page and
// the id of the response it saved, if any.
func entryPost(t *testing.T, b *browserish, path string, form url.Values) (*http.Response, *goquery.Document, string) {
	t.Helper()
	resp, html := b.do(t, "POST", path, form)
	loc, _ := url.Parse(resp.Header.Get("Location"))
	ids := strings.Split(loc.Query().Get("batch"), ",")
	d, _ := goquery.NewDocumentFromReader(strings.NewReader(html))
	return resp, d, ids[len(ids)-1]
}

func clone(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

func TestPaperEntryCorrectAndDelete(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	b := f.browser()
	_, csrf := b.login(t, "entry", "entry-password-123")
	form := url.Values{"_csrf": {csrf}, "card": {"blue"}, "a-q1": {"2"}, "a-q2": {"3"}, "a-q3": {"Enemmän aikaa"}, "lang": {"fi"}, "date": {"2.4.2026"}}
	resp, _, id := entryPost(t, b, "/entry", form)
	if resp.StatusCode != 303 {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	// The next card starts with this one's language and day.
	if loc := resp.Header.Get("Location"); !strings.Contains(loc, "date=2.4.2026") || !strings.Contains(loc, "lang=fi") || !strings.Contains(loc, "survey=visit") {
		t.Errorf("next card at %q", loc)
	}
	r, err := f.db.ResponseByID(context.Background(), id)
	if err != nil || r.Channel != "paper" || r.Card != "BLUE" || r.Answers["q1"] != "partly" || r.Day != "2026-04-02" {
		t.Fatalf("stored %+v %v", r, err)
	}
	b.header["Accept-Language"] = "en"
	for _, tt := range []struct {
		name, field, value, want string
	}{
		{"digit out of range", "a-q2", "7", "What did you think of the meeting? – Give a digit 1–5."},
		{"q1 not a digit", "a-q1", "x", "Did this meeting meet your expectations? – Give a digit 1–3."},
		{"future date", "date", "1.1.2030", "Day received (empty = today) – The date is in the future."},
		{"not a date", "date", "26/11/2026", "Write the day as dd.mm.yyyy"},
		{"unknown card", "card", "Sininen", "Card code (empty if not known) – Unknown card."},
		{"unknown token", "token", "nope", "The card's QR code or check code – Unknown QR code."},
		{"nothing answered", "a-q1", "", "Answers – The response has no answer in it."},
	} {
		bad := clone(form)
		bad.Set(tt.field, tt.value)
		if tt.name == "nothing answered" {
			bad.Del("a-q2")
			bad.Del("a-q3")
		}
		resp, d, _ := entryPost(t, b, "/entry", bad)
		errs := d.Find("#entry-errors").Text()
		if resp.StatusCode != 422 || !strings.Contains(errs, tt.want) {
			t.Errorf("%s: %d, errors %q lack %q", tt.name, resp.StatusCode, errs, tt.want)
		}
		// No raw keys in what staff read.
		for _, key := range []string{"card:", "answers.", "date:", "unknown_card", "out_of_range"} {
			if strings.Contains(errs, key) {
				t.Errorf("%s: errors say %q: %s", tt.name, key, errs)
			}
		}
		// The wrong field takes the keyboard, its text kept to be
		// selected and typed over.
		focus := d.Find("[autofocus]")
		wantField := tt.field
		if tt.name == "nothing answered" {
			wantField = "a-q1"
		}
		if id, _ := focus.Attr("id"); focus.Length() != 1 || id != wantField {
			t.Errorf("%s: focus on %q, want %q", tt.name, id, wantField)
		}
		if v, _ := d.Find("#" + wantField).Attr("aria-invalid"); v != "true" {
			t.Errorf("%s: %s not marked invalid", tt.name, wantField)
		}
		if v, _ := d.Find("#" + tt.field).Attr("value"); v != tt.value {
			t.Errorf("%s: the form shows %q, not what was typed", tt.name, v)
		}
	}
	// Finnish and Swedish pages say it in their language, with their own
	// placeholders.
	for lang, want := range map[string][]string{"fi": {"pp.kk.vvvv", "Kortin koodi (tyhjä, jos ei tiedossa) – Tuntematon kortti."}, "sv": {"dd.mm.åååå", "Kortets kod (tom om okänd) – Okänt kort."}} {
		b.header["Accept-Language"] = lang
		bad := clone(form)
		bad.Set("card", "Sininen")
		_, d, _ := entryPost(t, b, "/entry", bad)
		if p, _ := d.Find("#date").Attr("placeholder"); p != want[0] || !strings.Contains(d.Find("#entry-errors").Text(), want[1]) {
			t.Errorf("%s: placeholder %q, errors %q", lang, p, d.Find("#entry-errors").Text())
		}
	}
	b.header["Accept-Language"] = "fi"
	// The batch table shows labels, not keys.
	_, page := b.do(t, "GET", "/entry?survey=visit&batch="+id, nil)
	row := doc(t, page).Find("#batch tbody tr").First().Text()
	if !strings.Contains(row, "Osittain") || strings.Contains(row, "partly") || !strings.Contains(row, "3 Kohtalainen") {
		t.Errorf("batch row %q", row)
	}
	form.Set("a-q2", "5")
	if resp, _, _ := entryPost(t, b, "/entry/"+id+"?batch="+id, form); resp.StatusCode != 303 {
		t.Fatalf("correct: %d", resp.StatusCode)
	}
	if r, _ := f.db.ResponseByID(context.Background(), id); r.Answers["q2"] != "5" || r.Channel != "paper" {
		t.Fatalf("corrected %+v", r)
	}
	if resp, _ := b.do(t, "POST", "/entry/"+id+"/delete", url.Values{"_csrf": {csrf}, "batch": {id}}); resp.StatusCode != 303 {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	if _, err := f.db.ResponseByID(context.Background(), id); err == nil {
		t.Fatal("deleted entry still stored")
	}
	// A kiosk's answer cannot be deleted or corrected from the paper
	// entry page.
	f.do(t, "POST", "/api/v1/responses", f.kioskToken, visit(id2, ""))
	if resp, _ := b.do(t, "POST", "/entry/"+id2+"/delete", url.Values{"_csrf": {csrf}}); resp.StatusCode != 404 {
		t.Fatalf("deleting a kiosk answer: %d", resp.StatusCode)
	}
	if resp, _ := b.do(t, "POST", "/entry/"+id2, form); resp.StatusCode != 404 {
		t.Fatalf("correcting a kiosk answer: %d", resp.StatusCode)
	}
	log, _ := f.db.AuditLog(context.Background(), 20)
	var who []string
	for _, e := range log {
		if strings.HasPrefix(e.Action, "paper.") {
			who = append(who, e.Actor+" "+e.Action+" "+e.Detail)
		}
	}
	if len(who) != 2 || !strings.Contains(strings.Join(who, "|"), "entry paper.correct response "+id) || !strings.Contains(strings.Join(who, "|"), "entry paper.delete response "+id) {
		t.Fatalf("audit of corrections: %v", who)
	}
}

// The annual survey on paper is keyed in on the same page, a digit a
// statement, and is corrected and deleted as a visit card is.
func TestPaperEntryOfAnnualSurvey(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	b := f.browser()
	_, csrf := b.login(t, "entry", "entry-password-123")
	_, page := b.do(t, "GET", "/entry?survey=satisfaction", nil)
	d := doc(t, page)
	var ids []string
	d.Find("#entry input:not([type=hidden])").Each(func(_ int, s *goquery.Selection) {
		id, _ := s.Attr("id")
		ids = append(ids, id)
	})
	want := "a-gender a-birth_year a-client_months a-client_months-m a-q1 a-q2 a-q3 a-q4 a-q5 a-q6 a-q7 a-q8 a-q9 a-q10 a-q11 a-q12 a-free lang date"
	if got := strings.Join(ids, " "); got != want {
		t.Fatalf("fields in tab order:\n%s\nwant\n%s", got, want)
	}
	if cur := d.Find(`.surveys [aria-current="page"]`).Text(); cur != "Asiakastyytyväisyyskysely" {
		t.Errorf("current survey %q", cur)
	}
	if label := d.Find(`label[for="a-q12"]`).Text(); !strings.HasPrefix(label, "12. ") {
		t.Errorf("the overall rating is labelled %q, not as numbered on the form", label)
	}
	form := url.Values{"_csrf": {csrf}, "survey": {"satisfaction"}, "a-gender": {"1"}, "a-birth_year": {"1973"}, "a-client_months": {"1"},
		"a-client_months-m": {"2"}, "a-q1": {"4"}, "a-q11": {"2"}, "a-q12": {"5"}, "a-free": {"Kiitos"}, "lang": {"sv"}, "date": {"3.4.2026"}}
	for k := 2; k <= 10; k++ {
		form.Set("a-q"+strconv.Itoa(k), "3")
	}
	resp, d, id := entryPost(t, b, "/entry", form)
	if resp.StatusCode != 303 {
		t.Fatalf("save: %d %s", resp.StatusCode, d.Find("#entry-errors").Text())
	}
	r, err := f.db.ResponseByID(context.Background(), id)
	if err != nil || r.Survey != "satisfaction" || r.Channel != "paper" || r.Lang != "sv" || r.Day != "2026-04-03" || r.Card != "" ||
		r.Answers["gender"] != "female" || r.Answers["client_months"] != "14" || r.Answers["q12"] != "5" || r.Answers["q5"] != "3" || r.Answers["free"] != "Kiitos" {
		t.Fatalf("stored %+v %v", r, err)
	}
	if !strings.Contains(resp.Header.Get("Location"), "survey=satisfaction") {
		t.Errorf("the next form is not the annual survey: %s", resp.Header.Get("Location"))
	}
	_, page = b.do(t, "GET", "/entry/"+id+"/edit?survey=satisfaction&batch="+id, nil)
	d = doc(t, page)
	for field, want := range map[string]string{"a-gender": "1", "a-client_months": "1", "a-client_months-m": "2", "a-q12": "5", "lang": "sv"} {
		if v, _ := d.Find("#" + field).Attr("value"); v != want {
			t.Errorf("correcting: %s shows %q, want %q", field, v, want)
		}
	}
	if row := d.Find("#batch tbody tr").Text(); !strings.Contains(row, "Nainen") || !strings.Contains(row, "1 v 2 kk") || strings.Contains(row, "female") {
		t.Errorf("batch row %q", row)
	}
	// A digit out of the scale names the statement by its number.
	bad := clone(form)
	bad.Set("a-q7", "6")
	if _, d, _ := entryPost(t, b, "/entry", bad); !strings.Contains(d.Find("#entry-errors").Text(), "7. ") {
		t.Errorf("error %q", d.Find("#entry-errors").Text())
	}
	form.Set("a-q12", "2")
	form.Set("survey", "visit") // a correction keeps its own survey
	if resp, _, _ := entryPost(t, b, "/entry/"+id, form); resp.StatusCode != 303 {
		t.Fatalf("correct: %d", resp.StatusCode)
	}
	if r, _ := f.db.ResponseByID(context.Background(), id); r.Survey != "satisfaction" || r.Answers["q12"] != "2" {
		t.Fatalf("corrected %+v", r)
	}
	if resp, _ := b.do(t, "POST", "/entry/"+id+"/delete", url.Values{"_csrf": {csrf}, "batch": {id}}); resp.StatusCode != 303 || !strings.Contains(resp.Header.Get("Location"), "survey=satisfaction") {
		t.Fatalf("delete: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, err := f.db.ResponseByID(context.Background(), id); err == nil {
		t.Fatal("deleted form still stored")
	}
	if resp, _ := b.do(t, "GET", "/entry?survey=nope", nil); resp.StatusCode != 404 {
		t.Errorf("an unknown survey: %d", resp.StatusCode)
	}
}

// The token field takes the printed address as a USB scanner types it,
// the bare token, or the check code under the QR code; each uses the
// token up, so the card cannot also count by phone.
func TestPaperEntryScansCards(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	b := f.browser()
	b.header["Accept-Language"] = "en"
	_, csrf := b.login(t, "entry", "entry-password-123")
	base := url.Values{"_csrf": {csrf}, "a-q1": {"1"}, "a-q2": {"4"}, "lang": {"fi"}}
	for i, tt := range []struct{ name, card, scanned string }{
		{"printed address", "", "https://palaute.example.fi/v/" + f.cardTokens[0] + "\r"},
		{"bare token", "BLUE", f.cardTokens[1]},
		{"check code as printed", "", strings.ToLower(f.cardChecks[2][:3]) + " " + f.cardChecks[2][3:]},
	} {
		form := clone(base)
		form.Set("card", tt.card)
		form.Set("token", tt.scanned)
		resp, d, id := entryPost(t, b, "/entry", form)
		if resp.StatusCode != 303 {
			t.Fatalf("%s: %d %s", tt.name, resp.StatusCode, d.Find("#entry-errors").Text())
		}
		if r, _ := f.db.ResponseByID(context.Background(), id); r.Card != "BLUE" {
			t.Errorf("%s: stored with card %q", tt.name, r.Card)
		}
		if _, used, _ := f.db.CardByToken(context.Background(), f.cardTokens[i]); !used {
			t.Errorf("%s: the token is not used up", tt.name)
		}
		// Now the phone is refused: the card has been counted.
		if status, _ := f.do(t, "POST", "/api/v1/responses", f.cardTokens[i], visit(id3, "")); status != 409 {
			t.Errorf("%s: the phone after the paper: %d", tt.name, status)
		}
		// Scanning the card again is refused with the reason.
		resp, d, _ = entryPost(t, b, "/entry", form)
		if errs := d.Find("#entry-errors").Text(); resp.StatusCode != 422 || (!strings.Contains(errs, "already been answered") && !strings.Contains(errs, "No unused card")) {
			t.Errorf("%s twice: %d %q", tt.name, resp.StatusCode, errs)
		}
	}
	// A token of another card is refused.
	ctx := context.Background()
	f.db.CreateCard(ctx, storeCard("GREEN", "#009E73"))
	green, _ := f.db.CardByCode(ctx, "GREEN")
	greenTokens, _ := f.db.CreateCardTokens(ctx, green.ID, 1)
	form := clone(base)
	form.Set("card", "BLUE")
	form.Set("token", greenTokens[0].Check)
	if resp, d, _ := entryPost(t, b, "/entry", form); resp.StatusCode != 422 || !strings.Contains(d.Find("#entry-errors").Text(), "No unused card") {
		t.Errorf("check code of another card: %d %s", resp.StatusCode, d.Find("#entry-errors").Text())
	}
	form.Set("token", greenTokens[0].Token)
	if resp, d, _ := entryPost(t, b, "/entry", form); resp.StatusCode != 422 || !strings.Contains(d.Find("#entry-errors").Text(), "another worker's card") {
		t.Errorf("token of another card: %d %s", resp.StatusCode, d.Find("#entry-errors").Text())
	}
	if _, used, _ := f.db.CardByToken(ctx, greenTokens[0].Token); used {
		t.Error("a refused card's token was used up")
	}
}

// TestPaperEntryOfNationalSurvey keys in the national form: the 0–10
// question and the statements by their printed numbers, 0 for can't say,
// and a follow-up only where the score leads to it.
func TestPaperEntryOfNationalSurvey(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	b := f.browser()
	_, csrf := b.login(t, "entry", "entry-password-123")
	_, page := b.do(t, "GET", "/entry?survey=national", nil)
	d := doc(t, page)
	if label := d.Find(`label[for="a-s1"]`).Text(); !strings.HasPrefix(label, "2. ") {
		t.Errorf("s1 is labelled %q, not as numbered on the paper form", label)
	}
	for field, words := range map[string][]string{
		"a-nps":     {"0 En lainkaan todennäköisesti", "10 Erittäin todennäköisesti"},
		"a-s1":      {"0 En osaa sanoa"},
		"a-good":    {"kysymykseen 1 9–10"},
		"a-improve": {"kysymykseen 1 0–8"},
	} {
		hint := d.Find(`label[for="` + field + `"]`).Text()
		for _, w := range words {
			if !strings.Contains(hint, w) {
				t.Errorf("%s: the form does not say %q: %q", field, w, hint)
			}
		}
	}
	form := url.Values{"_csrf": {csrf}, "survey": {"national"}, "a-nps": {"3"}, "a-s1": {"0"}, "a-s2": {"4"}, "a-good": {"Kaikki"}, "lang": {"fi"}, "date": {"3.4.2026"}}
	resp, d, _ := entryPost(t, b, "/entry", form)
	if resp.StatusCode == 303 || !strings.Contains(d.Find("#entry-errors").Text(), "Mikä oli hyvää") {
		t.Fatalf("a follow-up after 3: %d %q", resp.StatusCode, d.Find("#entry-errors").Text())
	}
	bad := clone(form)
	bad.Del("a-good")
	bad.Set("a-nps", "11")
	if _, d, _ := entryPost(t, b, "/entry", bad); !strings.Contains(d.Find("#entry-errors").Text(), "0–10") {
		t.Errorf("11 on the 0–10 scale: %q", d.Find("#entry-errors").Text())
	}
	form.Del("a-good")
	form.Set("a-improve", "Lyhyemmät jonot")
	resp, d, id := entryPost(t, b, "/entry", form)
	if resp.StatusCode != 303 {
		t.Fatalf("save: %d %s", resp.StatusCode, d.Find("#entry-errors").Text())
	}
	r, err := f.db.ResponseByID(context.Background(), id)
	if err != nil || r.Answers["nps"] != "3" || r.Answers["s1"] != survey.CantSay || r.Answers["s2"] != "4" || r.Answers["improve"] != "Lyhyemmät jonot" {
		t.Fatalf("stored %+v %v", r, err)
	}
	_, page = b.do(t, "GET", "/entry/"+id+"/edit?survey=national&batch="+id, nil)
	d = doc(t, page)
	if v, _ := d.Find("#a-s1").Attr("value"); v != "0" {
		t.Errorf("correcting: can't say shows as %q", v)
	}
	if row := d.Find("#batch tbody tr").Text(); !strings.Contains(row, "En osaa sanoa") {
		t.Errorf("batch row %q", row)
	}
}
