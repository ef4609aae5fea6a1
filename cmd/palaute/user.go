package main

import (
	"bufio"
	"fmt"
	"strings"

	"palaute/survey/store"
)

// cmdUserAdd creates a login; the password comes on standard input so it
// never shows in the process list or shell history.
func cmdUserAdd(e env, args []string) error {
	fs, dbPath := newFlags(e, "user add")
	name := fs.String("name", "", "login name (required)")
	role := fs.String("role", "", "admin, quality or entry (required)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *name == "" || *role == "" {
		return usagef("--name and --role are required")
	}
	r, err := store.ParseRole(*role)
	if err != nil {
		return usagef("--role %q: use admin, quality or entry", *role)
	}
	if !*fromStdin {
		return usagef("give the password on standard input with --password-stdin, e.g. printf '%%s\\n' \"$PASSWORD\" | palaute user add --name %s --role %s --password-stdin", *name, *role)
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && line == "" {
		return usagef("no password on standard input; pipe it in with --password-stdin")
	}
	password := strings.TrimRight(line, "\r\n")
	db, err := openDB(e, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := db.CreateUser(e.ctx, *name, r, password)
	if err != nil {
		return explain(err, "choose another --name")
	}
	db.Audit(e.ctx, "command line", "user.create", fmt.Sprintf("%s (%s)", u.Name, u.Role))
	fmt.Fprintf(e.stdout, "user %q (role %s) created\n", u.Name, u.Role)
	return nil
}
