package main

import (
	"fmt"
	"os"
	"time"

	"palaute/survey/intake"
)

// cmdImport imports earlier responses from CSV, all or nothing, so that
// yearly comparisons work from the first day.
func cmdImport(e env, args []string) error {
	fs, dbPath := newFlags(e, "import")
	key := fs.String("survey", "", "survey key: visit or satisfaction (required)")
	file := fs.String("file", "", "CSV file with the header date,lang,card,channel,<item keys…> (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *key == "" || *file == "" {
		return usagef("--survey and --file are required")
	}
	reg, in, err := builtinSurvey(*key)
	if err != nil {
		return err
	}
	f, err := os.Open(*file)
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", *file, err)
	}
	defer f.Close()
	db, err := openDB(e, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	cardExists, lookupFailed := db.CardCheck(e.ctx)
	rs, rowErrs := intake.ReadImport(f, in, reg, time.Now(), cardExists)
	if err := lookupFailed(); err != nil {
		return err
	}
	if rowErrs != nil {
		for i, re := range rowErrs {
			if i == 50 {
				fmt.Fprintf(e.stderr, "… and %d more\n", len(rowErrs)-50)
				break
			}
			fmt.Fprintf(e.stderr, "%s: %s\n", *file, re)
		}
		return fmt.Errorf("nothing was imported: fix the %d problems above and run the import again", len(rowErrs))
	}
	n, err := db.SaveResponses(e.ctx, rs)
	if err != nil {
		return fmt.Errorf("nothing was imported: %w", err)
	}
	db.Audit(e.ctx, "command line", "import", fmt.Sprintf("%s: %d rows from %s, %d new", *key, len(rs), *file, n))
	fmt.Fprintf(e.stdout, "imported %d rows into %s: %d new, %d already there\n", len(rs), *key, n, len(rs)-n)
	return nil
}
