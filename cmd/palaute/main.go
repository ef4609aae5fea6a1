// Command palaute serves Palaute and administers its database.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // the organisation's time zone, even on a bare machine
)

func main() {
	// Everything Palaute writes (database, backups, exports, card sheets)
	// is for its own user only.
	syscall.Umask(0o077)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
