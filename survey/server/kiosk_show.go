package server

import (
	"context"
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey"
	"palaute/survey/locale"
	"palaute/survey/store"
)

// kioskPage is what the kiosk template shows.
type kioskPage struct {
	IdleSeconds, CountdownSeconds, ThanksSeconds int
	RetryMaxMs                                   int64
	Data                                         kioskData
	// Lang is the language the page starts in.
	Lang string
	// Web is a client's phone answering one printed card: Token is the
	// card's one-time token and Card its code.
	Web         bool
	Token, Card string
	// Home is where a reset returns to.
	Home string
	// Preview is the survey editor's preview of a draft: it sends nothing.
	// PreviewNote says so on the screen.
	Preview     bool
	PreviewNote string
	// Version is the kiosk app's version and HeartbeatSeconds how often a
	// paired tablet reports its state.
	Version          string
	HeartbeatSeconds int
	// Restarting is the calm screen shown while the page recovers from an
	// error, in every language; it is in the page itself, so it shows
	// even when the script's data cannot be read.
	Restarting []restartText
}

// restartText is the restarting screen in one language.
type restartText struct{ Lang, Title, Body string }

// kioskData is handed to the page's script as JSON.
type kioskData struct {
	// Surveys are the surveys the start screen offers, in order.
	Surveys []string `json:"surveys"`
	// CardSurvey is the survey that asks for the worker's card.
	CardSurvey  string                        `json:"cardSurvey"`
	Instruments map[string]*survey.Instrument `json:"instruments"`
	Cards       []kioskCard                   `json:"cards"`
	Text        map[string]map[string]string  `json:"text"`
}

type kioskCard struct {
	Code   string      `json:"code"`
	Colour string      `json:"colour"`
	Name   survey.Text `json:"name"`
}

// kioskShow serves the kiosk to a paired tablet; an unpaired browser gets
// a page saying the tablet is not set up yet, a revoked one a page saying
// it has been switched off.
func (s *Server) kioskShow(c *fiber.Ctx) error {
	ctx := c.UserContext()
	token := strings.Clone(c.Cookies(kioskCookie))
	c.Set(fiber.HeaderCacheControl, "no-store")
	if token == "" {
		return s.render(c, fiber.StatusOK, "notice.html", s.notice("kiosk.unpaired_title", "kiosk.unpaired_body"))
	}
	k, err := s.db.KioskByToken(ctx, token)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return s.render(c, fiber.StatusOK, "notice.html", s.notice("kiosk.unpaired_title", "kiosk.unpaired_body"))
	case err != nil:
		return err
	case k.Revoked:
		return s.render(c, fiber.StatusForbidden, "notice.html", s.notice("kiosk.revoked", ""))
	}
	cards, err := s.db.Cards(ctx)
	if err != nil {
		return err
	}
	offered, err := s.kioskSurveys(ctx, k.UnitID)
	if err != nil {
		return err
	}
	data := s.screenData(offered, unitCards(cards, k.UnitID))
	setKioskCookie(c, token)
	c.Set("X-Palaute-Kiosk", "app")
	p := s.answerPage(data, locale.Default, "/kiosk")
	p.Version, p.HeartbeatSeconds = s.kioskVersion, int(s.kiosk.HeartbeatEvery().Seconds())
	return s.render(c, fiber.StatusOK, "kiosk.html", p)
}

// answerPage is the answering screen with the organisation's timings:
// the kiosk's, a phone's or the editor's preview, which set the rest.
func (s *Server) answerPage(data kioskData, lang, home string) kioskPage {
	ks := s.kiosk
	return kioskPage{
		IdleSeconds: int(ks.Idle.Seconds()), CountdownSeconds: int(ks.Countdown.Seconds()), ThanksSeconds: int(ks.Thanks.Seconds()),
		RetryMaxMs: ks.RetryMax.Milliseconds(), Data: data, Lang: lang, Home: home, Restarting: s.restartTexts(),
	}
}

// unitCards are the cards a kiosk of the unit offers: the unit's own and
// those of no unit. A kiosk of no unit offers every card.
func unitCards(cards []store.Card, unitID int64) []store.Card {
	if unitID == 0 {
		return cards
	}
	var out []store.Card
	for _, c := range cards {
		if c.UnitID == unitID || c.UnitID == 0 {
			out = append(out, c)
		}
	}
	return out
}

// screenCard is a card as the answering screen shows it.
func screenCard(card store.Card) kioskCard {
	return kioskCard{Code: card.Code, Colour: card.Colour, Name: survey.Text{"fi": card.NameFi, "sv": card.NameSv, "en": card.NameEn}}
}

// kioskSurveys are the surveys a kiosk of the unit offers today: the ones
// its unit chose or, by default, the card survey and every annual survey;
// an annual survey only in its period.
func (s *Server) kioskSurveys(ctx context.Context, unitID int64) ([]string, error) {
	var keys []string
	if unitID != 0 {
		var err error
		if keys, err = s.db.UnitSurveys(ctx, unitID); err != nil {
			return nil, err
		}
	}
	if len(keys) == 0 {
		keys = []string{survey.CardSurvey}
		for _, in := range s.reg.List() {
			if in.Annual {
				keys = append(keys, in.Key)
			}
		}
	}
	today := s.today()
	var offered []*survey.Instrument
	for _, k := range keys {
		if in := s.reg.Current(k); in != nil && s.kiosk.Open(in, today) {
			offered = append(offered, in)
		}
	}
	out := make([]string, 0, len(offered))
	for _, in := range cardSurveyFirst(offered) {
		out = append(out, in.Key)
	}
	return out, nil
}

// restartTexts are the restarting screen's texts in every language.
func (s *Server) restartTexts() []restartText {
	var out []restartText
	for _, lang := range survey.Languages {
		out = append(out, restartText{Lang: lang, Title: s.cat.Get(lang, "kiosk.restarting"), Body: s.cat.Get(lang, "kiosk.restarting_body")})
	}
	return out
}

// screenData is what the answering screen's script needs: instruments,
// the cards in use, and its texts in every language.
func (s *Server) screenData(instruments []string, cards []store.Card) kioskData {
	// Cards is a list even when empty: the script reads it as one.
	data := kioskData{Surveys: instruments, CardSurvey: survey.CardSurvey, Instruments: map[string]*survey.Instrument{}, Cards: []kioskCard{}, Text: map[string]map[string]string{}}
	for _, key := range instruments {
		data.Instruments[key] = s.reg.Current(key)
	}
	for _, card := range cards {
		if !card.Retired {
			data.Cards = append(data.Cards, screenCard(card))
		}
	}
	for _, lang := range survey.Languages {
		data.Text[lang] = s.cat.Prefixed(lang, "kiosk.")
	}
	return data
}
