package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"palaute/survey"
	"palaute/survey/locale"
	"palaute/survey/printing"
	"palaute/survey/store"
)

// cmdCardsPrint writes a printable sheet of cards for one worker card,
// each with a new one-time token in its QR code: the same page the admin
// screen prints.
func cmdCardsPrint(e env, args []string) error {
	fs, dbPath := newFlags(e, "cards print")
	code := fs.String("code", "", "card code (required)")
	count := fs.Int("count", printing.CardsPerSheet, "number of cards, each with its own token (1–1000)")
	lang := fs.String("lang", printing.Separate, "language: fi,sv (separate Finnish and Swedish cards, half of each), fi, sv, or fi+sv (both on one card, four a sheet)")
	out := fs.String("out", "", "HTML file to write (required)")
	instruments := instrumentsFlag(fs)
	publicURL := fs.String("public-url", os.Getenv("PALAUTE_PUBLIC_URL"), "address in the QR codes (env PALAUTE_PUBLIC_URL; default http://127.0.0.1:8080)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *code == "" || *out == "" {
		return usagef("--code and --out are required")
	}
	if *count < 1 || *count > 1000 {
		return usagef("--count must be 1–1000; print bigger batches in several runs")
	}
	if !slices.Contains(printing.Languages, *lang) {
		return usagef("--lang must be fi,sv (the default), fi, sv or fi+sv")
	}
	if *publicURL == "" {
		*publicURL = "http://" + envOr("PALAUTE_ADDR", "127.0.0.1:8080")
	}
	_, visit, err := loadSurvey(*instruments, survey.CardSurvey)
	if err != nil {
		return err
	}
	cat, err := locale.Load()
	if err != nil {
		return err
	}
	db, err := openDB(e, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	card, err := db.CardByCode(e.ctx, *code)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no card %s; add it with 'palaute card add' first", strings.ToUpper(*code))
	}
	if err != nil {
		return err
	}
	tokens, err := db.CreateCardTokens(e.ctx, card.ID, *count)
	if err != nil {
		return err
	}
	sheet, err := printing.NewSheet(card, tokens, *lang, *publicURL, visit, cat)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := printing.Render(&buf, sheet, true, ""); err != nil {
		return err
	}
	if err := writePrivate(*out, buf.Bytes()); err != nil {
		return err
	}
	db.Audit(e.ctx, "command line", "cards.print", fmt.Sprintf("%d cards %s (%s)", *count, card.Code, *lang))
	fmt.Fprintf(e.stdout, "%d cards for %s (%s) written to %s (%d sheets); open it in a browser and print on A4\n",
		*count, card.Code, *lang, *out, len(sheet.Pages))
	return nil
}
