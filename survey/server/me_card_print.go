package server

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey"
	"palaute/survey/printing"
	"palaute/survey/store"
)

// meCardPrint prints a sheet of a worker's own card with fresh one-time
// tokens: the same A4 sheet as the admin's. Each print is counted against
// the worker's daily limit and written to the audit log.
func (s *Server) meCardPrint(c *fiber.Ctx) error {
	ctx := c.UserContext()
	code := strings.Clone(c.FormValue("card"))
	card, _, err := s.myCard(c, code)
	if err != nil {
		return err
	}
	lang := strings.Clone(c.FormValue("lang", "fi"))
	t := func(key string) string { return s.cat.Get(s.cat.Pick(c.Get(fiber.HeaderAcceptLanguage)), key) }
	count, err := strconv.Atoi(strings.TrimSpace(c.FormValue("count")))
	switch {
	case card.Retired:
		return s.meCardsPage(c, fiber.StatusUnprocessableEntity, t("me.card_retired"), code)
	case err != nil || count < 1 || count > MaxPrintBatch:
		return s.meCardsPage(c, fiber.StatusUnprocessableEntity, fmt.Sprintf(t("me.count_invalid"), s.printLimit), code)
	case lang != "fi" && lang != "sv" && lang != "fi+sv":
		return s.meCardsPage(c, fiber.StatusUnprocessableEntity, t("me.lang_invalid"), code)
	}
	user := principalOf(c).User
	day := s.today().Format("2006-01-02")
	tokens, err := s.db.CreateWorkerCardTokens(ctx, user.ID, card.ID, count, day, s.printLimit)
	if errors.Is(err, store.ErrLimit) {
		printed, perr := s.db.PrintedToday(ctx, user.ID, day)
		if perr != nil {
			return perr
		}
		msg := fmt.Sprintf(t("me.limit"), s.printLimit, max(0, s.printLimit-printed))
		return s.meCardsPage(c, fiber.StatusTooManyRequests, msg, code)
	}
	if err != nil {
		return err
	}
	sheet, err := printing.NewSheet(card, tokens, lang, s.publicURL(c), s.reg.Current(survey.CardSurvey), s.cat)
	if err != nil {
		return err
	}
	s.audit(c, user.Name, "cards.print", fmt.Sprintf("%d cards %s (%s), by the worker", count, card.Code, lang))
	return s.sendPrintPage(c, func(w io.Writer, css string) error { return printing.Render(w, sheet, false, css) })
}
