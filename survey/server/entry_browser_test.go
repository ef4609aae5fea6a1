package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"palaute/survey/browsertest"
	"palaute/survey/store/storetest"
)

// TestPaperEntryByKeyboard keys in 20 cards with the keyboard alone: type
// the code, Tab, digits, Tab, text, Enter, and the form is ready for the
// next card.
func TestPaperEntryByKeyboard(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	base := f.listen(t, false)
	ctx := browsertest.New(t)
	run := func(actions ...chromedp.Action) { t.Helper(); browsertest.Run(t, ctx, actions...) }
	run(chromedp.Navigate(base+"/login"), chromedp.WaitVisible("#login", chromedp.ByQuery),
		chromedp.KeyEvent("entry\tentry-password-123\r"), chromedp.WaitVisible("#entry", chromedp.ByQuery))
	var focused string
	run(chromedp.Evaluate(`document.activeElement.id`, &focused))
	if focused != "card" {
		t.Fatalf("the form opens with focus on %q, want the card code", focused)
	}
	browsertest.Shot(t, ctx, staffShots, "10-entry-empty")
	start := time.Now()
	for i := range 20 {
		code := []string{"BLUE", "", "blue"}[i%3]
		keys := fmt.Sprintf("%s\t%d\t%d\tKortti %d\tToive %d\r", code, 1+i%3, 1+i%5, i, i)
		run(chromedp.KeyEvent(keys), chromedp.WaitVisible(fmt.Sprintf(`#batch-count[data-count="%d"]`, i+1), chromedp.ByQuery))
	}
	took := time.Since(start)
	t.Logf("20 cards keyed in with the keyboard in %v (%v a card)", took.Round(time.Millisecond), (took / 20).Round(time.Millisecond))
	browsertest.Shot(t, ctx, staffShots, "11-entry-batch")
	var n int
	storetest.ReadValue(context.Background(), f.db, "SELECT count(*) FROM responses WHERE channel = 'paper'", &n)
	if n != 20 {
		t.Fatalf("%d paper rows, want 20", n)
	}
	var withCard int
	storetest.ReadValue(context.Background(), f.db, "SELECT count(*) FROM responses r JOIN texts x ON x.response_id = r.id AND x.item = 'q3' WHERE r.channel = 'paper' AND r.card_id IS NOT NULL", &withCard)
	if withCard != 13 {
		t.Errorf("%d paper rows with a card and a wish, want 13", withCard)
	}
	// A card whose token was answered on the web is refused, with the reason.
	if status, _ := f.do(t, "POST", "/api/v1/responses", f.cardTokens[0], visit(id1, "")); status != 201 {
		t.Fatalf("web answer: %d", status)
	}
	run(chromedp.KeyEvent("BLUE\t1\t5\t\t\t\t\t"+f.cardTokens[0]+"\r"), chromedp.WaitVisible("#entry-errors", chromedp.ByQuery))
	var errText string
	run(chromedp.Text("#entry-errors", &errText, chromedp.ByQuery))
	browsertest.Shot(t, ctx, staffShots, "12-entry-token-used")
	if !strings.Contains(errText, "already been answered") && !strings.Contains(errText, "jo vastattu") {
		t.Fatalf("used token refused with %q", errText)
	}
	storetest.ReadValue(context.Background(), f.db, "SELECT count(*) FROM responses WHERE channel = 'paper'", &n)
	if n != 20 {
		t.Fatalf("the used card was stored: %d paper rows", n)
	}
}
