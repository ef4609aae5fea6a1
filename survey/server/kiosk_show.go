package server

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey"
	"palaute/survey/store"
)

// kioskPage is what the kiosk template shows.
type kioskPage struct {
	IdleSeconds, CountdownSeconds, ThanksSeconds int
	SatisfactionOpen                             bool
	RetryMaxMs                                   int64
	Data                                         kioskData
	// Web is a client's phone answering one printed card: Token is the
	// card's one-time token and Card its code.
	Web         bool
	Token, Card string
}

// kioskData is handed to the page's script as JSON.
type kioskData struct {
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
	data := s.screenData([]string{"visit", "satisfaction"}, cards)
	setKioskCookie(c, token)
	c.Set("X-Palaute-Kiosk", "app")
	ks := s.kiosk
	return s.render(c, fiber.StatusOK, "kiosk.html", kioskPage{
		IdleSeconds: int(ks.Idle.Seconds()), CountdownSeconds: int(ks.Countdown.Seconds()), ThanksSeconds: int(ks.Thanks.Seconds()),
		SatisfactionOpen: ks.SatisfactionOpen(s.today()), RetryMaxMs: ks.RetryMax.Milliseconds(), Data: data,
	})
}

// screenData is what the answering screen's script needs: instruments,
// the cards in use, and its texts in every language.
func (s *Server) screenData(instruments []string, cards []store.Card) kioskData {
	data := kioskData{Instruments: map[string]*survey.Instrument{}, Text: map[string]map[string]string{}}
	for _, key := range instruments {
		data.Instruments[key] = s.reg.Current(key)
	}
	for _, card := range cards {
		if !card.Retired {
			data.Cards = append(data.Cards, kioskCard{Code: card.Code, Colour: card.Colour,
				Name: survey.Text{"fi": card.NameFi, "sv": card.NameSv, "en": card.NameEn}})
		}
	}
	for _, lang := range survey.Languages {
		data.Text[lang] = s.cat.Prefixed(lang, "kiosk.")
	}
	return data
}
