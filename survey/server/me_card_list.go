package server

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/printing"
)

// meCardList is the form a worker prints their own cards with: which
// card, how many and in which language, and how many more today's limit
// allows.
func (s *Server) meCardList(c *fiber.Ctx) error {
	return s.meCardsPage(c, fiber.StatusOK, "", strings.Clone(c.Query("card")))
}

// meCardsForm is what the print form shows.
type meCardsForm struct {
	Cards       []meCard
	Left, Limit int
	Count       int
	Lang        string
	Langs       []printLanguage
	Selected    bool // one of the cards was named
}

func (s *Server) meCardsPage(c *fiber.Ctx, status int, errText, code string) error {
	_, cards, err := s.myCard(c, code)
	if err != nil {
		return err
	}
	p := s.staffPage(c, "me.cards_title")
	printed, err := s.db.PrintedToday(c.UserContext(), principalOf(c).User.ID, s.today().Format("2006-01-02"))
	if err != nil {
		return err
	}
	form := meCardsForm{Left: max(0, s.printLimit-printed), Limit: s.printLimit, Count: min(8, max(0, s.printLimit-printed)), Lang: printing.Separate, Langs: printLanguages}
	if p.Lang == "sv" {
		form.Lang = "sv" // the cards a Swedish-speaking worker hands out
	}
	if l := c.FormValue("lang"); slices.Contains(printing.Languages, l) {
		form.Lang = strings.Clone(l)
	}
	if n, err := strconv.Atoi(strings.TrimSpace(c.FormValue("count"))); err == nil && n > 0 {
		form.Count = min(n, form.Left)
	}
	for _, card := range cards {
		if !card.Retired {
			selected := strings.EqualFold(card.Code, code)
			form.Selected = form.Selected || selected
			form.Cards = append(form.Cards, meCard{Code: card.Code, Name: colourName(card, p.Lang), Colour: card.Colour, Selected: selected})
		}
	}
	p.Data, p.Error = form, errText
	return s.renderStaff(c, status, "me_cards.html", p)
}
