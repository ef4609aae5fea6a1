package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"palaute/survey"
	"palaute/survey/store"
)

const usage = `Usage: palaute <command> [flags]

Commands:
  serve        serve Palaute over HTTP
  card add     add a worker card
  kiosk add    register a kiosk device and print its pairing link
  kiosk list   list kiosks
  kiosk revoke stop a kiosk from submitting
  token add    create an API token for reports
  token list   list API tokens with the month each was last used
  token revoke stop an API token from working
  user add     create a login (password on standard input); a worker gets --card CODE
  cards print  write a printable sheet of worker cards with one-time QR codes
  import       import earlier responses from CSV, all or nothing
  export       write the yearly Excel workbook of a survey
  backup       write a verified copy of the database
  settings set set an organisation setting: threshold N (the anonymity threshold)
  rollup rebuild count the report rollups again from the stored responses

Every command takes --db PATH (env PALAUTE_DB, default ./data/palaute.db).
Run 'palaute <command> -h' for its flags.
`

// env is what a command sees of the world.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	now    func() time.Time // the clock: decides "today" for imports
}

// command is one subcommand; it returns an error to report, or nil.
type command func(e env, args []string) error

// run dispatches to the subcommand and turns its error into an exit code:
// 2 for a usage mistake, 1 for anything else.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	commands := map[string]command{
		"serve":          cmdServe,
		"card add":       cmdCardAdd,
		"kiosk add":      cmdKioskAdd,
		"kiosk list":     cmdKioskList,
		"kiosk revoke":   cmdKioskRevoke,
		"token add":      cmdTokenAdd,
		"token list":     cmdTokenList,
		"token revoke":   cmdTokenRevoke,
		"user add":       cmdUserAdd,
		"backup":         cmdBackup,
		"cards print":    cmdCardsPrint,
		"import":         cmdImport,
		"export":         cmdExport,
		"settings set":   cmdSettingsSet,
		"rollup rebuild": cmdRollupRebuild,
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	name, rest := args[0], args[1:]
	cmd, ok := commands[name]
	if !ok && len(args) > 1 {
		name, rest = args[0]+" "+args[1], args[2:]
		cmd, ok = commands[name]
	}
	if !ok {
		fmt.Fprintf(stderr, "palaute: unknown command %q\n\n%s", strings.Join(args[:min(2, len(args))], " "), usage)
		return 2
	}
	e := env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, now: time.Now}
	err := cmd(e, rest)
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "palaute %s: %s\nRun 'palaute %s -h' for help.\n", name, ue.msg, name)
		return 2
	}
	fmt.Fprintf(stderr, "palaute %s: %s\n", name, err)
	return 1
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// newFlags makes a flag set for a command with the common --db flag.
func newFlags(e env, name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("palaute "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	db := fs.String("db", envOr("PALAUTE_DB", "./data/palaute.db"), "database file (env PALAUTE_DB)")
	return fs, db
}

// parse parses flags and refuses stray arguments.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

// openDB opens the database, saying what to do when it cannot.
func openDB(e env, path string, opts ...store.Options) (*store.DB, error) {
	var o store.Options
	if len(opts) > 0 {
		o = opts[0]
	}
	db, err := store.Open(e.ctx, path, o)
	if err != nil {
		return nil, fmt.Errorf("cannot open database %s: %w (check --db and that the folder is writable)", path, err)
	}
	return db, nil
}

// explain adds what to do to store errors.
func explain(err error, hint string) error {
	switch {
	case errors.Is(err, store.ErrExists):
		return fmt.Errorf("%w; %s", err, hint)
	case errors.Is(err, store.ErrInvalid):
		return usageError{strings.TrimPrefix(err.Error(), "invalid: ")}
	}
	return err
}

// instrumentsFlag adds --instruments, the folder of extra instrument
// definitions, to a command that reads instruments.
func instrumentsFlag(fs *flag.FlagSet) *string {
	return fs.String("instruments", os.Getenv("PALAUTE_INSTRUMENTS"), "folder of extra instrument definitions (*.json) beside the built-in ones (env PALAUTE_INSTRUMENTS)")
}

// loadSurvey loads the built-in instruments and those in dir, and the
// current version of the one named by --survey.
func loadSurvey(dir, key string) (*survey.Registry, *survey.Instrument, error) {
	reg, err := loadInstruments(dir)
	if err != nil {
		return nil, nil, err
	}
	in := reg.Current(key)
	if in == nil {
		var keys []string
		for _, in := range reg.List() {
			keys = append(keys, in.Key)
		}
		return nil, nil, usagef("--survey %q: use one of %s", key, strings.Join(keys, ", "))
	}
	return reg, in, nil
}
