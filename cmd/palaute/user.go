package main

import (
	"bufio"
	"errors"
	"fmt"
	"strings"

	"palaute/survey/store"
)

// cmdUserAdd creates a login; the password comes on standard input so it
// never shows in the process list or shell history.
func cmdUserAdd(e env, args []string) error {
	fs, dbPath := newFlags(e, "user add")
	name := fs.String("name", "", "login name (required)")
	role := fs.String("role", "", "admin, quality, entry or worker (required)")
	var cards cardList
	fs.Var(&cards, "card", "a worker's card code; repeat for each card (required for a worker)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input (required)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *name == "" || *role == "" {
		return usagef("--name and --role are required")
	}
	r, err := store.ParseRole(*role)
	if err != nil {
		return usagef("--role %q: use admin, quality, entry or worker", *role)
	}
	switch {
	case r == store.RoleWorker && len(cards) == 0:
		return usagef("a worker needs at least one card: add --card CODE (the codes are on the Cards page, /admin/cards)")
	case r != store.RoleWorker && len(cards) > 0:
		return usagef("--card is for a worker only; leave it out for role %s", r)
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
	u, err := db.CreateUser(e.ctx, *name, r, password, cards)
	if errors.Is(err, store.ErrNoSuchCard) {
		return usagef("%v: the codes are on the Cards page, /admin/cards", err)
	}
	if err != nil {
		return explain(err, "choose another --name")
	}
	linked := ""
	if len(cards) > 0 {
		linked = ", cards " + strings.Join(cards, " ")
	}
	db.Audit(e.ctx, "command line", "user.create", fmt.Sprintf("%s (%s%s)", u.Name, u.Role, linked))
	fmt.Fprintf(e.stdout, "user %q (role %s%s) created\n", u.Name, u.Role, linked)
	return nil
}

// cardList collects a repeated --card flag, upper-cased.
type cardList []string

func (l *cardList) String() string { return strings.Join(*l, ",") }

func (l *cardList) Set(v string) error {
	*l = append(*l, strings.ToUpper(strings.TrimSpace(v)))
	return nil
}
