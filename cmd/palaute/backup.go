package main

import (
	"fmt"
	"os"

	"palaute/survey/store"
)

// cmdBackup writes a consistent copy of the live database and verifies it.
func cmdBackup(e env, args []string) error {
	fs, dbPath := newFlags(e, "backup")
	out := fs.String("out", "", "file to write the copy to; must not exist (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out is required")
	}
	if _, err := os.Stat(*dbPath); err != nil {
		return fmt.Errorf("no database at %s; check --db", *dbPath)
	}
	db, err := openDB(e, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(e.ctx, *out); err != nil {
		return explain(err, "choose another --out or remove the old file")
	}
	// Count the copy itself: the live database may have taken more since.
	n, err := store.CountBackup(e.ctx, *out)
	if err != nil {
		return err
	}
	fi, err := os.Stat(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backup written to %s (%d bytes, integrity ok, %d responses in the copy)\n", *out, fi.Size(), n)
	return nil
}

func total(counts map[string]int) int {
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}
