package main

import (
	"errors"
	"fmt"

	"palaute/survey/store"
)

// cmdTokenAdd creates an API token for reports; the token alone is the
// last line.
func cmdTokenAdd(e env, args []string) error {
	fs, dbPath := newFlags(e, "token add")
	name := fs.String("name", "", "what the token is for, e.g. 'Power BI' (required)")
	role := fs.String("role", "", "quality or admin (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *name == "" || *role == "" {
		return usagef("--name and --role are required")
	}
	r := store.Role(*role)
	if r != store.RoleQuality && r != store.RoleAdmin {
		return usagef("--role %q: an API token's role is quality or admin", *role)
	}
	db, err := openDB(e, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	t, token, err := db.CreateAPIToken(e.ctx, *name, r)
	if err != nil {
		return explain(err, "")
	}
	db.Audit(e.ctx, "command line", "token.add", fmt.Sprintf("token %d %q (%s)", t.ID, t.Name, t.Role))
	fmt.Fprintf(e.stdout, "API token %d %q (role %s) created. Send it as 'Authorization: Bearer <token>'; it is shown only now:\n", t.ID, t.Name, t.Role)
	fmt.Fprintln(e.stdout, token)
	return nil
}

// cmdTokenList lists API tokens: id, name, role, created, the month last
// used and whether revoked.
func cmdTokenList(e env, args []string) error {
	fs, dbPath := newFlags(e, "token list")
	if err := parse(fs, args); err != nil {
		return err
	}
	db, err := openDB(e, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	tokens, err := db.APITokens(e.ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "id\tname\trole\tcreated\tlast used\tstate")
	for _, t := range tokens {
		used, state := t.LastUsed, "active"
		if used == "" {
			used = "never"
		}
		if t.Revoked != "" {
			state = "revoked " + t.Revoked
		}
		fmt.Fprintf(e.stdout, "%d\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Name, t.Role, t.Created, used, state)
	}
	return nil
}

// cmdTokenRevoke stops an API token from working.
func cmdTokenRevoke(e env, args []string) error {
	fs, dbPath := newFlags(e, "token revoke")
	id := fs.Int64("id", 0, "token id, as 'palaute token list' shows (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *id <= 0 {
		return usagef("--id is required; 'palaute token list' shows the ids")
	}
	db, err := openDB(e, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	t, err := db.RevokeAPIToken(e.ctx, *id)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no API token with id %d; 'palaute token list' shows the ids", *id)
	}
	if err != nil {
		return err
	}
	db.Audit(e.ctx, "command line", "token.revoke", t.Label())
	fmt.Fprintf(e.stdout, "%s revoked; a running server refuses it from its next request\n", t.Label())
	return nil
}
