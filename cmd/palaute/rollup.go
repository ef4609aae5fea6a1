package main

import (
	"fmt"
	"time"

	"palaute/survey/store"
)

// cmdRollupRebuild counts the report rollups again from the stored
// responses, in one transaction.
func cmdRollupRebuild(e env, args []string) error {
	fs, dbPath := newFlags(e, "rollup rebuild")
	instruments := instrumentsFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	reg, err := loadInstruments(*instruments)
	if err != nil {
		return err
	}
	db, err := openDB(e, *dbPath, store.Options{Instruments: reg})
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	n, err := db.RebuildRollups(e.ctx)
	if err != nil {
		return err
	}
	db.Audit(e.ctx, "command line", "rollups.rebuild", fmt.Sprint(n))
	fmt.Fprintf(e.stdout, "rollups rebuilt: %d rows written in %v\n", n, time.Since(start).Round(time.Millisecond))
	return nil
}
