package main

import (
	"bytes"
	"fmt"
	"io"

	"palaute/report"
	"palaute/survey"
	"palaute/survey/locale"
	"palaute/survey/store"
)

// cmdExport writes the yearly Excel workbook of a survey, or with --raw
// its k-anonymous answer rows.
func cmdExport(e env, args []string) error {
	fs, dbPath := newFlags(e, "export")
	key := fs.String("survey", "", "survey key: visit or satisfaction (required)")
	year := fs.Int("year", 0, "year, e.g. 2026 (required)")
	out := fs.String("out", "", "the .xlsx file to write (required)")
	lang := fs.String("lang", "fi", "language of the headings: fi, sv or en")
	raw := fs.Bool("raw", false, "write the year's answer rows (k-anonymous, no free text) instead of the workbook")
	instruments := instrumentsFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *key == "" || *year == 0 || *out == "" {
		return usagef("--survey, --year and --out are required")
	}
	if !survey.ValidLanguage(*lang) {
		return usagef("--lang must be fi, sv or en")
	}
	reg, in, err := loadSurvey(*instruments, *key)
	if err != nil {
		return err
	}
	cat, err := locale.Load()
	if err != nil {
		return err
	}
	db, err := openDB(e, *dbPath, store.Options{Instruments: reg})
	if err != nil {
		return err
	}
	defer db.Close()
	src := report.Source{DB: db, Registry: reg}
	what, action := "workbook", "report.export"
	var wb interface{ Write(io.Writer) error }
	if *raw {
		what, action = "answer rows", "report.raw"
		wb, err = src.LoadRaw(e.ctx, in.Key, *year, *lang, cat)
	} else {
		wb, err = src.LoadWorkbook(e.ctx, in.Key, *year, *lang, cat)
	}
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		return err
	}
	// No export leaves without its line in the audit log.
	if err := db.Audit(e.ctx, "command line", action, fmt.Sprintf("%s %d (%s) to %s", *key, *year, *lang, *out)); err != nil {
		return fmt.Errorf("%w; nothing was written: check that the database is writable", err)
	}
	if err := writePrivate(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s for %s %d written to %s (%d bytes)\n", what, *key, *year, *out, buf.Len())
	return nil
}
