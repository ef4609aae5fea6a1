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
	"palaute/survey/store/storetest"
)

// TestPaperEntryByKeyboard keys in 20 cards with the keyboard alone: type
// the code, Tab, digits, Tab, text, Enter, and the form is ready for the
// next card. Then it makes the mistakes people make, scans a card, and
// keys in an annual survey form the same way.
func TestPaperEntryByKeyboard(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	ctx := context.Background()
	if _, err := f.db.CreateCard(ctx, storeCard("GREEN", "#009E73")); err != nil {
		t.Fatal(err)
	}
	base := f.listen(t, false)
	bctx := browsertest.New(t)
	run := func(actions ...chromedp.Action) { t.Helper(); browsertest.Run(t, bctx, actions...) }
	language := func(lang string) chromedp.Action {
		return network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": lang})
	}
	count := func(query string) int {
		t.Helper()
		var n int
		if err := storetest.ReadValue(ctx, f.db, query, &n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	run(network.Enable(), language("fi"), chromedp.Navigate(base+"/login"), chromedp.WaitVisible("#login", chromedp.ByQuery),
		chromedp.KeyEvent("entry\tentry-password-123\r"), chromedp.WaitVisible("#entry", chromedp.ByQuery))
	var focused string
	run(chromedp.Evaluate(`document.activeElement.id`, &focused))
	if focused != "card" {
		t.Fatalf("the form opens with focus on %q, want the card code", focused)
	}
	browsertest.Shot(t, bctx, staffShots, "10-entry-empty-fi")
	start := time.Now()
	for i := range 20 {
		code := []string{"BLUE", "", "blue"}[i%3]
		keys := fmt.Sprintf("%s\t%d\t%d\tKortti %d\tToive %d\r", code, 1+i%3, 1+i%5, i, i)
		run(chromedp.KeyEvent(keys), chromedp.WaitVisible(fmt.Sprintf(`#batch-count[data-count="%d"]`, i+1), chromedp.ByQuery))
	}
	took := time.Since(start)
	t.Logf("20 cards keyed in with the keyboard in %v (%v a card)", took.Round(time.Millisecond), (took / 20).Round(time.Millisecond))
	browsertest.Shot(t, bctx, staffShots, "11-entry-batch-fi")
	if n := count("SELECT count(*) FROM responses WHERE channel = 'paper'"); n != 20 {
		t.Fatalf("%d paper rows, want 20", n)
	}
	if n := count("SELECT count(*) FROM responses r JOIN texts x ON x.response_id = r.id AND x.item = 'q3' WHERE r.channel = 'paper' AND r.card_id IS NOT NULL"); n != 13 {
		t.Errorf("%d paper rows with a card and a wish, want 13", n)
	}
	var table string
	run(chromedp.Text("#batch", &table, chromedp.ByQuery))
	if !strings.Contains(table, "Osittain") || strings.Contains(table, "partly") {
		t.Errorf("the batch table shows %q", table)
	}

	// A colour name for the code: refused in plain words, and the field's
	// text selected, so the right code typed over it replaces it.
	run(chromedp.KeyEvent("Sininen\t2\t5\r"), chromedp.WaitVisible("#entry-errors", chromedp.ByQuery))
	var errText, selected string
	run(chromedp.Text("#entry-errors", &errText, chromedp.ByQuery),
		chromedp.Evaluate(`document.activeElement.id + '=' + document.activeElement.value.slice(document.activeElement.selectionStart, document.activeElement.selectionEnd)`, &selected))
	browsertest.Shot(t, bctx, staffShots, "12-entry-unknown-card-fi")
	if !strings.HasPrefix(strings.TrimSpace(errText), "Kortin koodi") || strings.Contains(errText, "card:") {
		t.Errorf("the error reads %q", errText)
	}
	if selected != "card=Sininen" {
		t.Fatalf("after the error %q is selected, want the card code's text", selected)
	}
	run(chromedp.KeyEvent("GREEN\r"), chromedp.WaitVisible(`#batch-count[data-count="21"]`, chromedp.ByQuery))
	if n := count("SELECT count(*) FROM responses r JOIN cards c ON c.id = r.card_id WHERE c.code = 'GREEN'"); n != 1 {
		t.Fatalf("%d answers for GREEN after typing it over the mistake", n)
	}
	var errorsLeft int
	run(chromedp.Evaluate(`document.querySelectorAll('#entry-errors').length`, &errorsLeft))
	if errorsLeft != 0 {
		t.Fatal("an error is still shown after the card was saved")
	}

	// A day the Finnish way, and the card's QR code as a USB scanner
	// types it: the token is used up.
	run(chromedp.KeyEvent("\t1\t4\t\t\t\t26.11.2025\thttp://palaute.example.fi/v/"+f.cardTokens[1]+"\r"),
		chromedp.WaitVisible(`#batch-count[data-count="22"]`, chromedp.ByQuery))
	if _, used, _ := f.db.CardByToken(ctx, f.cardTokens[1]); !used {
		t.Fatal("the scanned card's token was not used up")
	}
	if n := count("SELECT count(*) FROM responses WHERE channel = 'paper' AND day = '2025-11-26' AND card_id IS NOT NULL"); n != 1 {
		t.Fatalf("%d cards of 26.11.2025 with a card", n)
	}
	// A card whose token was answered on the web is refused, with the
	// reason.
	if status, _ := f.do(t, "POST", "/api/v1/responses", f.cardTokens[0], visit(id1, "")); status != 201 {
		t.Fatalf("web answer: %d", status)
	}
	run(chromedp.KeyEvent("BLUE\t1\t5\t\t\t\t\t"+f.cardTokens[0]+"\r"), chromedp.WaitVisible("#entry-errors", chromedp.ByQuery))
	run(chromedp.Text("#entry-errors", &errText, chromedp.ByQuery))
	browsertest.Shot(t, bctx, staffShots, "13-entry-token-used-fi")
	if !strings.Contains(errText, "jo vastattu") {
		t.Fatalf("used token refused with %q", errText)
	}
	if n := count("SELECT count(*) FROM responses WHERE channel = 'paper'"); n != 22 {
		t.Fatalf("the used card was stored: %d paper rows", n)
	}

	// The annual survey, in Swedish: a digit a statement.
	run(language("sv"), chromedp.Navigate(base+"/entry?survey=satisfaction"), chromedp.WaitVisible("#a-gender", chromedp.ByQuery))
	run(chromedp.Evaluate(`document.activeElement.id`, &focused))
	if focused != "a-gender" {
		t.Fatalf("the annual form opens with focus on %q", focused)
	}
	browsertest.Shot(t, bctx, staffShots, "14-entry-annual-empty-sv")
	start = time.Now()
	for i := range 5 {
		keys := fmt.Sprintf("%d\t19%d\t%d\t%d\t4\t4\t3\t3\t5\t4\t4\t3\t5\t4\t2\t%d\tTack %d\tsv\r", 1+i%4, 50+i, i, i+1, 1+i%5, i)
		run(chromedp.KeyEvent(keys), chromedp.WaitVisible(fmt.Sprintf(`#batch-count[data-count="%d"]`, i+1), chromedp.ByQuery))
	}
	t.Logf("5 annual survey forms keyed in in %v", time.Since(start).Round(time.Millisecond))
	browsertest.Shot(t, bctx, staffShots, "15-entry-annual-batch-sv")
	if n := count("SELECT count(*) FROM responses WHERE survey = 'satisfaction' AND channel = 'paper' AND lang = 'sv'"); n != 5 {
		t.Fatalf("%d annual forms stored, want 5", n)
	}
	if n := count("SELECT count(*) FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.survey = 'satisfaction' AND a.item = 'client_months' AND a.num = 2*12+3"); n != 1 {
		t.Errorf("%d forms with 2 years 3 months as a client, want 1", n)
	}
	// A statement's digit out of the scale names the statement.
	run(chromedp.KeyEvent("1\t1970\t\t\t4\t4\t9\r"), chromedp.WaitVisible("#entry-errors", chromedp.ByQuery),
		chromedp.Text("#entry-errors", &errText, chromedp.ByQuery),
		chromedp.Evaluate(`document.activeElement.id + '=' + document.activeElement.value.slice(document.activeElement.selectionStart, document.activeElement.selectionEnd)`, &selected))
	browsertest.Shot(t, bctx, staffShots, "16-entry-annual-error-sv")
	if !strings.HasPrefix(strings.TrimSpace(errText), "3. ") || selected != "a-q3=9" {
		t.Errorf("a 9 for statement 3: %q, %q selected", errText, selected)
	}
}
