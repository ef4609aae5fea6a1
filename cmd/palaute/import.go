package main

import (
	"errors"
	"fmt"
	"os"

	"palaute/survey"
	"palaute/survey/intake"
	"palaute/survey/locale"
	"palaute/survey/store"
)

// cmdImport imports earlier responses from CSV, all or nothing, so that
// yearly comparisons work from the first day. The file is read and stored
// a row at a time, in one transaction: a file of any size takes little
// memory, and a file with any problem stores nothing.
func cmdImport(e env, args []string) error {
	fs, dbPath := newFlags(e, "import")
	key := fs.String("survey", "", "survey key: visit or satisfaction (required)")
	file := fs.String("file", "", "CSV file with the header date,lang,card,channel,<item keys…> (required)")
	instruments := instrumentsFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *key == "" || *file == "" {
		return usagef("--survey and --file are required")
	}
	reg, in, err := loadSurvey(*instruments, *key)
	if err != nil {
		return err
	}
	cat, err := locale.Load()
	if err != nil {
		return err
	}
	f, err := os.Open(*file)
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", *file, err)
	}
	defer f.Close()
	db, err := openDB(e, *dbPath, store.Options{Instruments: reg})
	if err != nil {
		return err
	}
	defer db.Close()
	cards, lookupFailed := db.CardCheck(e.ctx)
	im := intake.Read(f, in, survey.Rules{Registry: reg, Today: e.now(), Cards: cards})
	res, err := db.SubmitAll(e.ctx, im.Responses(), store.Bulk{NumberRepeats: true})
	if lerr := lookupFailed(); lerr != nil {
		return fmt.Errorf("nothing was imported: %w", lerr)
	}
	if errors.Is(err, intake.ErrProblems) {
		for _, re := range im.Errors {
			msg := re.Error()
			if cat.Has("en", "error."+re.Code) {
				msg += ": " + cat.Get("en", "error."+re.Code)
			}
			fmt.Fprintf(e.stderr, "%s: %s\n", *file, msg)
		}
		if more := im.Problems - len(im.Errors); more > 0 {
			fmt.Fprintf(e.stderr, "… and %d more\n", more)
		}
		return fmt.Errorf("nothing was imported: fix the %d problems above and run the import again", im.Problems)
	}
	if err != nil {
		return fmt.Errorf("nothing was imported: %w", err)
	}
	db.Audit(e.ctx, "command line", "import", fmt.Sprintf("%s: %d rows from %s, %d new", in.Key, im.Rows, *file, res.New))
	fmt.Fprintf(e.stdout, "imported %d rows into %s: %d new, %d already there\n", im.Rows, in.Key, res.New, res.Existing)
	return nil
}
