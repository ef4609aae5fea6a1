package server

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"palaute/survey"
	"palaute/survey/printing"
	"palaute/survey/store"
)

// MaxPrintBatch is the most cards printed at once.
const MaxPrintBatch = 1000

// cardPrint records new one-time tokens for a card and answers the sheet
// to print. It is a POST: every print makes new tokens.
func (s *Server) cardPrint(c *fiber.Ctx) error {
	ctx := c.UserContext()
	card, err := s.db.CardByCode(ctx, c.Params("code"))
	if errors.Is(err, store.ErrNotFound) {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	count, err := strconv.Atoi(c.FormValue("count", "8"))
	if err != nil || count < 1 || count > MaxPrintBatch {
		return fiber.NewError(fiber.StatusUnprocessableEntity, fmt.Sprintf("count must be 1–%d", MaxPrintBatch))
	}
	lang := c.FormValue("lang", printing.Separate)
	tokens, err := s.db.CreateCardTokens(ctx, card.ID, count)
	if err != nil {
		return err
	}
	return s.sendCardSheet(c, card, tokens, lang, "")
}

// printLanguage is one way a sheet of cards can be printed, with its
// label's message key.
type printLanguage struct{ Value, Label string }

// printLanguages are printing.Languages as the print forms offer them.
var printLanguages = []printLanguage{{printing.Separate, "print.lang_separate"}, {"fi", "print.lang_fi"}, {"sv", "print.lang_sv"}, {printing.Bilingual, "print.lang_both"}}

// sendCardSheet answers the A4 sheet of a card's new tokens and writes the
// print to the audit log; by says who printed when it was not an admin.
func (s *Server) sendCardSheet(c *fiber.Ctx, card store.Card, tokens []store.CardToken, lang, by string) error {
	sheet, err := printing.NewSheet(card, tokens, lang, s.publicURL(c), s.reg.Current(survey.CardSurvey), s.cat)
	if err != nil {
		return fiber.NewError(fiber.StatusUnprocessableEntity, err.Error())
	}
	s.audit(c, principalOf(c).User.Name, "cards.print", fmt.Sprintf("%d cards %s (%s)%s", len(tokens), card.Code, lang, by))
	return s.sendPrintPage(c, func(w io.Writer, css string) error { return printing.Render(w, sheet, false, css) })
}

// sendPrintPage answers a page for printing, drawn by render with the
// print style sheet's URL.
func (s *Server) sendPrintPage(c *fiber.Ctx, render func(w io.Writer, cssURL string) error) error {
	css, err := s.static.URL("print.css")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := render(&buf, css); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}

// publicURL is the address printed in QR codes: the configured one, or
// the one the request came to.
func (s *Server) publicURL(c *fiber.Ctx) string {
	if s.public != "" {
		return s.public
	}
	scheme := "http"
	if s.secure(c) {
		scheme = "https"
	}
	return scheme + "://" + string(c.Request().Host())
}
