package main

import (
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
