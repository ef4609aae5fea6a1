package server

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/report"
	"palaute/survey"
	"palaute/survey/store"
)

// DefaultWorkerPrintLimit is how many cards a worker may print a day when
// the configuration says nothing.
const DefaultWorkerPrintLimit = 200

// myCard returns the card a worker's request names (their first card
// when none is named) and all of the worker's cards. A card that is not
// the worker's is 403, whether it exists or not, so that trying codes
// tells nothing.
func (s *Server) myCard(c *fiber.Ctx, code string) (store.Card, []store.Card, error) {
	cards, err := s.db.UserCards(c.UserContext(), principalOf(c).User.ID)
	if err != nil {
		return store.Card{}, nil, err
	}
	if len(cards) == 0 {
		return store.Card{}, nil, errForbidden
	}
	if code == "" {
		return cards[0], cards, nil
	}
	for _, card := range cards {
		if strings.EqualFold(card.Code, code) {
			return card, cards, nil
		}
	}
	return store.Card{}, nil, errForbidden
}

// myYear reads ?year=: this year when absent, and never a year to come.
func (s *Server) myYear(c *fiber.Ctx) (int, error) {
	this := s.today().Year()
	v := c.Query("year")
	if v == "" {
		return this, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 2000 || y > this {
		return 0, &validationError{fields: []survey.FieldError{{Field: "year", Code: survey.CodeOutOfRange}}}
	}
	return y, nil
}

// loadMyCard reads the worker's card and year a request names, and what
// the worker may see of it.
func (s *Server) loadMyCard(c *fiber.Ctx) (*report.CardYear, store.Card, []store.Card, error) {
	card, cards, err := s.myCard(c, c.Query("card"))
	if err != nil {
		return nil, card, nil, err
	}
	year, err := s.myYear(c)
	if err != nil {
		return nil, card, nil, err
	}
	cy, err := s.src.LoadCard(c.UserContext(), survey.CardSurvey, year, card.Code, card.Unit)
	return cy, card, cards, err
}

// colourName is a card's colour in lang.
func colourName(card store.Card, lang string) string {
	switch lang {
	case "sv":
		return card.NameSv
	case "en":
		return card.NameEn
	}
	return card.NameFi
}
