package main

import (
	"errors"
	"fmt"

	"palaute/kiosk"
	"palaute/survey/store"
)

// cmdKioskAdd registers a kiosk and prints its pairing path; the token
// alone is the last line.
func cmdKioskAdd(e env, args []string) error {
	fs, dbPath := newFlags(e, "kiosk add")
	name := fs.String("name", "", "kiosk name, e.g. 'Lobby tablet 1' (required)")
	unit := fs.String("unit", "", "unit the kiosk stands in; created if new")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *name == "" {
		return usagef("--name is required")
	}
	db, err := openDB(e, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	k, token, err := db.CreateKiosk(e.ctx, *name, *unit)
	if err != nil {
		return explain(err, "")
	}
	db.Audit(e.ctx, "command line", "kiosk.add", fmt.Sprintf("kiosk %d %q", k.ID, k.Name))
	fmt.Fprintf(e.stdout, "kiosk %d %q registered. Open this path on the tablet once to pair it (the token is shown only now):\n", k.ID, k.Name)
	fmt.Fprintln(e.stdout, kiosk.PairPath(token))
	fmt.Fprintln(e.stdout, token)
	return nil
}

// cmdKioskList lists kiosks.
func cmdKioskList(e env, args []string) error {
	fs, dbPath := newFlags(e, "kiosk list")
	if err := parse(fs, args); err != nil {
		return err
	}
	db, err := openDB(e, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	ks, err := db.Kiosks(e.ctx)
	if err != nil {
		return err
	}
	for _, k := range ks {
		state := "active"
		if k.Revoked {
			state = "revoked"
		}
		fmt.Fprintf(e.stdout, "%d\t%s\t%s\t%s\n", k.ID, k.Name, k.Unit, state)
	}
	return nil
}

// cmdKioskRevoke stops a kiosk from submitting.
func cmdKioskRevoke(e env, args []string) error {
	fs, dbPath := newFlags(e, "kiosk revoke")
	id := fs.Int64("id", 0, "kiosk id, as 'palaute kiosk list' shows (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *id <= 0 {
		return usagef("--id is required; 'palaute kiosk list' shows the ids")
	}
	db, err := openDB(e, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.RevokeKiosk(e.ctx, *id); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no active kiosk with id %d; 'palaute kiosk list' shows the ids", *id)
		}
		return err
	}
	db.Audit(e.ctx, "command line", "kiosk.revoke", fmt.Sprintf("kiosk %d", *id))
	fmt.Fprintf(e.stdout, "kiosk %d revoked; a running server refuses it within 5 seconds\n", *id)
	return nil
}
