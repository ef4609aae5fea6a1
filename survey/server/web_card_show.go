package server

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey"
	"palaute/survey/store"
)

// webCardShow opens the visit card on a client's phone from the QR code
// of a printed card: bound to that card, no pairing, in the phone's
// language, showing the card's colour and its name. A used token gets a
// page saying the card has been answered; an unknown one a page saying
// the link does not exist.
func (s *Server) webCardShow(c *fiber.Ctx) error {
	token := strings.Clone(c.Params("token"))
	c.Set(fiber.HeaderCacheControl, "no-store")
	card, used, err := s.db.CardByToken(c.UserContext(), token)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return s.render(c, fiber.StatusNotFound, "notice.html", s.notice("web.unknown", ""))
	case err != nil:
		return err
	case used:
		return s.render(c, fiber.StatusConflict, "notice.html", s.notice("web.used", ""))
	}
	// The phone's language, or the one chosen on the page before.
	lang := c.Query("lang")
	if !survey.ValidLanguage(lang) {
		lang = s.cat.Pick(c.Get(fiber.HeaderAcceptLanguage))
	}
	// Its own card, even retired: it was handed out before.
	data := s.screenData([]string{survey.CardSurvey}, nil)
	data.Cards = append(data.Cards, screenCard(card))
	p := s.answerPage(data, lang, "/v/"+token)
	p.Web, p.Token, p.Card = true, token, card.Code
	return s.render(c, fiber.StatusOK, "kiosk.html", p)
}
