package server

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

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
	lang := strings.Clone(c.FormValue("lang", printing.Separate))
	t := func(key string) string { return s.cat.Get(s.staffLang(c), key) }
	count, err := strconv.Atoi(strings.TrimSpace(c.FormValue("count")))
	switch {
	case card.Retired:
		return s.meCardsPage(c, fiber.StatusUnprocessableEntity, t("me.card_retired"), code)
	case err != nil || count < 1 || count > MaxPrintBatch:
		return s.meCardsPage(c, fiber.StatusUnprocessableEntity, fmt.Sprintf(t("me.count_invalid"), s.printLimit), code)
	case !slices.Contains(printing.Languages, lang):
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
	return s.sendCardSheet(c, card, tokens, lang, ", by the worker")
}
