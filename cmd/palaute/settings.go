package main

import (
	"fmt"
	"strconv"

	"palaute/report"
)

// cmdSettingsSet sets an organisation setting. The one there is, the
// anonymity threshold, is used by serve and export alike.
func cmdSettingsSet(e env, args []string) error {
	fs, dbPath := newFlags(e, "settings set")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: palaute settings set threshold N [--db PATH]\n\nN is the anonymity threshold, %d or more.\n", report.MinThreshold)
	}
	// The setting and its value may stand before or after the flags.
	if err := fs.Parse(args); err != nil {
		return parse(fs, args)
	}
	rest := fs.Args()
	if len(rest) >= 2 {
		if err := parse(fs, rest[2:]); err != nil {
			return err
		}
		rest = rest[:2]
	}
	if len(rest) != 2 || rest[0] != "threshold" {
		return usagef("give the setting and its value: palaute settings set threshold N")
	}
	n, err := strconv.Atoi(rest[1])
	if err != nil || n < report.MinThreshold {
		return usagef("the threshold must be a whole number, %d or more: fewer answers could identify a client", report.MinThreshold)
	}
	db, err := openDB(e, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := report.SetThreshold(e.ctx, db, n, false); err != nil {
		return err
	}
	db.Audit(e.ctx, "command line", "settings.threshold", strconv.Itoa(n))
	fmt.Fprintf(e.stdout, "anonymity threshold set to %d\n", n)
	return nil
}
