package kiosk_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"palaute/kiosk"
	"palaute/survey/browsertest"
	"palaute/survey/store"
)

// setValue replaces an input's value.
func setValue(sel, value string) chromedp.Action {
	return chromedp.SetValue(sel, value, chromedp.ByQuery)
}

// keyAt waits for the editor to show the question with key at index i.
func keyAt(i int, key string) chromedp.Action {
	return chromedp.WaitVisible(fmt.Sprintf(`//fieldset[@id="item-%d"]/legend[contains(., " · %s · ")]`, i, key), chromedp.BySearch)
}

// byName selects a form field by its name, which holds dots.
func byName(name string) string { return `[name="` + name + `"]` }

// TestEditedSurveyAnsweredOnKiosk: a quality user rewords a statement and
// adds the year's theme statement in the editor, previews the draft as
// the kiosk shows it, publishes it as version 2, and a client answers the
// new version on the kiosk.
func TestEditedSurveyAnsweredOnKiosk(t *testing.T) {
	s := newSite(t, testSettings())
	s.offer(t, "national")
	ctx := context.Background()
	if _, err := s.db.CreateUser(ctx, "laatu", store.RoleQuality, "laatu-password-123", nil); err != nil {
		t.Fatal(err)
	}
	b := browser(t)
	run(t, b, chromedp.Navigate(s.base()+"/admin/surveys"), visible("#login"),
		chromedp.SendKeys("#name", "laatu", chromedp.ByQuery), chromedp.SendKeys("#password", "laatu-password-123", chromedp.ByQuery),
		chromedp.Submit("#login", chromedp.ByQuery), visible("#edit-national"))
	// The staff pages speak Finnish from here on.
	run(t, b, click(`button[name="lang"][value="fi"]`), visible(`html[lang="fi"] button[name="lang"][value="fi"][aria-current="true"]`))
	run(t, b, chromedp.Navigate(s.base()+"/admin/surveys"), visible("#edit-national"))
	shot(t, b, "40-editor-list-fi")
	run(t, b, click("#edit-national"), visible("#editor"))
	// Reword s2 in Finnish, and add a theme statement at the end.
	run(t, b, setValue(byName("items.2.text.fi"), "Minua kohdeltiin arvostavasti."), click("#add-likert5"), visible(byName("items.9.key")))
	// Publishing without the new statement's texts names each missing one.
	run(t, b, click("#publish"), visible(".problems"))
	var problems string
	run(t, b, chromedp.Text(".problems", &problems, chromedp.ByQuery))
	for _, want := range []string{"Kysymys 10 (own1), teksti, suomeksi: puuttuu", "ruotsiksi", "englanniksi"} {
		if !strings.Contains(problems, want) {
			t.Errorf("problems %q do not say %q", problems, want)
		}
	}
	shot(t, b, "41-editor-problems-fi")
	browsertest.ScreenShot(t, b, outDir, "41-editor-problems-fi-screen")
	run(t, b, setValue(byName("items.9.key"), "theme"),
		setValue(byName("items.9.text.fi"), "Sain tietoa kuntoutuksesta."),
		setValue(byName("items.9.text.sv"), "Jag fick information om rehabilitering."),
		setValue(byName("items.9.text.en"), "I got information about rehabilitation."),
		click(byName("items.9.cant_say")))
	// The theme statement moves up before the follow-ups.
	run(t, b, click(`button[value="up:9"]`), keyAt(8, "theme"), click(`button[value="up:8"]`), keyAt(7, "theme"), click("#save"), visible(".info"))
	shot(t, b, "42-editor-draft-fi")
	// The preview is the kiosk itself, sending nothing.
	run(t, b, chromedp.Navigate(s.base()+"/admin/surveys/national/preview/kiosk"))
	shot(t, b, "43-editor-preview-start-fi")
	run(t, b, visible("#start-national"), visible(".preview-note"),
		click("#start-national"), visible(`.nps [data-value="9"]`))
	shot(t, b, "43-editor-preview-kiosk-fi")
	run(t, b, chromedp.Navigate(s.base()+"/admin/surveys/national/preview/phone"), visible("#start-national"))
	shot(t, b, "44-editor-preview-phone-fi")
	if v := s.db.Instruments().Current("national").Version; v != 1 {
		t.Fatalf("a draft reached the kiosks as version %d", v)
	}
	// Published in Swedish, so the page speaks Swedish.
	run(t, b, chromedp.Navigate(s.base()+"/admin/surveys/national"), visible("#editor"), click(`button[name="lang"][value="sv"]`), visible(`html[lang="sv"] #publish`))
	shot(t, b, "45-editor-sv")
	browsertest.ScreenShot(t, b, outDir, "45-editor-sv-screen")
	run(t, b, click("#publish"), visible("main .info, main .error"))
	var info string
	run(t, b, chromedp.Text("main .info, main .error", &info, chromedp.ByQuery))
	if !strings.Contains(info, "Version 2 publicerad") {
		t.Errorf("after publishing: %q", info)
	}
	v2 := s.db.Instruments().Current("national")
	if v2.Version != 2 || v2.Items[2].Text["fi"] != "Minua kohdeltiin arvostavasti." || v2.Items[7].Key != "theme" || !v2.Items[7].CantSay {
		t.Fatalf("published %+v", v2)
	}

	// A client answers version 2 on the kiosk: the theme statement comes
	// after s6, before the follow-up.
	k := browser(t)
	run(t, k, chromedp.Navigate(s.base()+kiosk.PairPath(s.token)), visible("#start-national"))
	run(t, k, click("#lang-fi"), click("#start-national"), visible(`.nps [data-value="10"]`), click(`.nps [data-value="10"]`), click("#next"))
	run(t, k, visible("#q-s1"), click("#next"), visible("#q-s2"))
	var s2 string
	run(t, k, chromedp.Text("#q-s2", &s2, chromedp.ByQuery))
	if s2 != "Minua kohdeltiin arvostavasti." {
		t.Errorf("kiosk shows s2 as %q", s2)
	}
	nextTimes(t, k, 5)
	run(t, k, visible("#q-theme"), click(`.likert [data-value="5"]`))
	shot(t, k, "46-edited-theme-on-kiosk-fi")
	run(t, k, click("#next"), visible("#text-good"), chromedp.SendKeys("#text-good", "Selkeä tieto", chromedp.ByQuery), click("#next"), visible(".review"))
	shot(t, k, "47-edited-review-on-kiosk-fi")
	run(t, k, click("#send"), visible(".thanks"))
	r := waitRow(t, s, "SELECT uuid FROM responses WHERE survey = 'national' AND version = 2")
	if r.Answers["theme"] != "5" || r.Answers["nps"] != "10" || r.Answers["good"] != "Selkeä tieto" {
		t.Errorf("stored %v", r.Answers)
	}
}
