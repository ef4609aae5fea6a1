package kiosk_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// offer makes the kiosk's unit offer the given surveys.
func (s *site) offer(t *testing.T, keys ...string) {
	t.Helper()
	ctx := context.Background()
	units, err := s.db.Units(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		if u.Name == "Aikuissosiaalityö" {
			if err := s.db.SetUnitSurveys(ctx, u.ID, keys); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatal("no unit Aikuissosiaalityö")
}

// nextTimes presses Next n times, waiting for each screen.
func nextTimes(t *testing.T, ctx context.Context, n int) {
	t.Helper()
	for range n {
		run(t, ctx, visible("#next"), click("#next"))
	}
}

func absent(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	var n int
	run(t, ctx, chromedp.Evaluate(`document.querySelectorAll(`+strconv.Quote(sel)+`).length`, &n))
	if n != 0 {
		t.Errorf("%s is shown", sel)
	}
}

// TestNationalFollowUps answers the national survey on a kiosk whose unit
// offers it: the 0–10 question is eleven buttons, "what was good?" follows
// 9–10 and "how could we do better?" 0–8, and changing the score drops a
// follow-up no longer asked.
func TestNationalFollowUps(t *testing.T) {
	for _, lang := range []string{"fi", "sv"} {
		t.Run(lang, func(t *testing.T) {
			s := newSite(t, testSettings())
			s.offer(t, "national", "visit")
			ctx := browser(t)
			pair(t, ctx, s)
			run(t, ctx, click("#lang-"+lang), visible("#start-national"))
			shot(t, ctx, "30-national-start-"+lang)
			run(t, ctx, click("#start-national"), visible(`.nps [data-value="10"]`))
			var buttons int
			run(t, ctx, chromedp.Evaluate(`document.querySelectorAll('.options.nps .option').length`, &buttons))
			if buttons != 11 {
				t.Errorf("%d buttons on the 0–10 scale", buttons)
			}
			run(t, ctx, click(`.nps [data-value="9"]`), visible(`.nps [data-value="9"][aria-checked="true"]`))
			shot(t, ctx, "31-national-nps-"+lang)
			checkTouchAndText(t, ctx, "nps")
			run(t, ctx, click("#next"), visible(`[data-value="cant_say"]`), click(`[data-value="cant_say"]`), visible(`[data-value="cant_say"][aria-checked="true"]`))
			shot(t, ctx, "32-national-statement-"+lang)
			checkTouchAndText(t, ctx, "statement")
			run(t, ctx, click("#next"), visible(`.likert [data-value="4"]`), click(`.likert [data-value="4"]`))
			nextTimes(t, ctx, 5)
			// After 9: what was good, and not how to do better.
			run(t, ctx, visible("#text-good"))
			absent(t, ctx, "#text-improve")
			run(t, ctx, chromedp.SendKeys("#text-good", "Ystävällinen vastaanotto", chromedp.ByQuery))
			shot(t, ctx, "33-national-good-"+lang)
			run(t, ctx, click("#next"), visible(".review"))
			absent(t, ctx, "#text-improve")
			shot(t, ctx, "34-national-review-"+lang)
			run(t, ctx, click("#send"), visible(".thanks"))
			r := waitRow(t, s, "SELECT uuid FROM responses WHERE survey = 'national' AND lang = ?", lang)
			want := map[string]string{"nps": "9", "s1": "cant_say", "s2": "4", "good": "Ystävällinen vastaanotto"}
			for k, v := range want {
				if r.Answers[k] != v {
					t.Errorf("stored %s = %q, want %q", k, r.Answers[k], v)
				}
			}
			if len(r.Answers) != len(want) {
				t.Errorf("stored %v", r.Answers)
			}

			// The next client gives 3: how could we do better follows. Back
			// at the score, 10 instead drops that answer for "what was good".
			run(t, ctx, visible("#start-national"), click("#start-national"), visible(`.nps [data-value="3"]`), click(`.nps [data-value="3"]`))
			nextTimes(t, ctx, 7)
			run(t, ctx, visible("#text-improve"))
			absent(t, ctx, "#text-good")
			run(t, ctx, chromedp.SendKeys("#text-improve", "Lyhyemmät jonot", chromedp.ByQuery))
			shot(t, ctx, "35-national-improve-"+lang)
			for range 7 {
				run(t, ctx, click("#back"))
			}
			run(t, ctx, visible(`.nps [data-value="10"]`), click(`.nps [data-value="10"]`))
			nextTimes(t, ctx, 7)
			run(t, ctx, visible("#text-good"), chromedp.SendKeys("#text-good", "Kaikki", chromedp.ByQuery), click("#next"), visible(".review"), click("#send"), visible(".thanks"))
			r = waitRow(t, s, "SELECT r.uuid FROM responses r JOIN answers a ON a.response_id = r.id WHERE r.survey = 'national' AND a.item = 'nps' AND a.num = 10")
			if r.Answers["good"] != "Kaikki" || r.Answers["improve"] != "" || len(r.Answers) != 2 {
				t.Errorf("after changing 3 to 10, stored %v", r.Answers)
			}
		})
	}
}
