package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"palaute/survey/store/storetest"
)

func TestWebCardPages(t *testing.T) {
	f := newFixture(t)
	doc := page(t, f.get(t, "/v/"+f.cardTokens[0], ""))
	if mode, _ := doc.Find("body").Attr("data-mode"); mode != "web" {
		t.Fatalf("web card page mode %q", mode)
	}
	if card, _ := doc.Find("body").Attr("data-card"); card != "BLUE" {
		t.Fatalf("web card page bound to %q", card)
	}
	if status, body := f.do(t, "POST", "/api/v1/responses", f.cardTokens[0], visit(id1, "")); status != 201 {
		t.Fatalf("answer: %d %s", status, body)
	}
	resp := f.get(t, "/v/"+f.cardTokens[0], "")
	if resp.StatusCode != 409 {
		t.Fatalf("used card page: %d", resp.StatusCode)
	}
	if !strings.Contains(page(t, resp).Find(`section[lang="en"]`).Text(), "already been answered") {
		t.Error("used card page does not say so")
	}
	resp = f.get(t, "/v/no-such-token", "")
	if resp.StatusCode != 404 || page(t, resp).Find(`section[lang="fi"] h1`).Length() != 1 {
		t.Fatalf("unknown token page: %d", resp.StatusCode)
	}
	r, _ := f.db.ResponseByID(context.Background(), id1)
	if r.Channel != "web" || r.Card != "BLUE" {
		t.Fatalf("stored %+v", r)
	}
}

func TestCardTokenAnswersOnceUnderConcurrency(t *testing.T) {
	f := newFixture(t)
	const n = 20
	var wg sync.WaitGroup
	statuses := make([]int, n)
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			req := httptest.NewRequest("POST", "/api/v1/responses", strings.NewReader(visit(fmt.Sprintf("20000000-0000-4000-8000-%012d", i), "")))
			req.Header.Set("Authorization", "Bearer "+f.cardTokens[1])
			resp, err := f.app.Test(req, 30000)
			if err != nil {
				return
			}
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		}()
	}
	close(start)
	wg.Wait()
	count := map[int]int{}
	for _, s := range statuses {
		count[s]++
	}
	if count[http.StatusCreated] != 1 || count[http.StatusConflict] != n-1 {
		t.Fatalf("statuses %v, want one 201 and %d 409", count, n-1)
	}
	var rows int
	storetest.ReadValue(context.Background(), f.db, "SELECT count(*) FROM responses WHERE channel = 'web'", &rows)
	if rows != 1 {
		t.Fatalf("%d rows stored from one card token", rows)
	}
}

func TestWebCardPagesRateLimitedPerClient(t *testing.T) {
	f := newFixture(t)
	limited := false
	for range 40 {
		if resp := f.get(t, "/v/guess-"+fmt.Sprint(len(f.cardTokens)), ""); resp.StatusCode == 429 {
			limited = true
			break
		}
	}
	if !limited {
		t.Fatal("40 quick guesses at card links from one client were never limited")
	}
}

func TestSurveyFormPage(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	b := f.browser()
	b.login(t, "admin", "admin-password-123")
	for _, lang := range []string{"fi", "sv"} {
		resp, html := b.do(t, "GET", "/admin/survey-form?lang="+lang, nil)
		if resp.StatusCode != 200 || strings.Count(html, `class="statement"`) != 11 {
			t.Errorf("%s form: %d", lang, resp.StatusCode)
		}
	}
	if resp, body := b.do(t, "GET", "/admin/survey-form?lang=de", nil); resp.StatusCode != 422 || !strings.Contains(body, "fi or sv") {
		t.Errorf("German form: %d %s", resp.StatusCode, body)
	}
}
