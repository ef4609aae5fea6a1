package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"palaute/survey/store"
)

func TestTokenListAndRevoke(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "p.db")
	_, out, _ := palaute(t, "", "token", "add", "--db", db, "--name", "Power BI", "--role", "quality")
	secret := lastLine(out)
	palaute(t, "", "token", "add", "--db", db, "--name", "Prometheus", "--role", "admin")
	code, list, errOut := palaute(t, "", "token", "list", "--db", db)
	if code != 0 || !strings.Contains(list, "1\tPower BI\tquality\t") || !strings.Contains(list, "\tnever\tactive") ||
		!strings.Contains(list, "2\tPrometheus\tadmin\t") || strings.Contains(list, secret) {
		t.Fatalf("token list: %d %s %s", code, list, errOut)
	}
	if code, out, errOut := palaute(t, "", "token", "revoke", "--db", db, "--id", "1"); code != 0 || !strings.Contains(out, `API token 1 "Power BI" revoked`) {
		t.Fatalf("revoke: %d %s %s", code, out, errOut)
	}
	if _, list, _ := palaute(t, "", "token", "list", "--db", db); !strings.Contains(list, "1\tPower BI\tquality\t") || !strings.Contains(list, "\trevoked ") {
		t.Fatalf("list after revoking: %s", list)
	}
	if code, _, errOut := palaute(t, "", "token", "revoke", "--db", db, "--id", "99"); code != 1 || !strings.Contains(errOut, "palaute token list") {
		t.Fatalf("revoke a missing token: %d %s", code, errOut)
	}
	if code, _, errOut := palaute(t, "", "token", "revoke", "--db", db); code != 2 || !strings.Contains(errOut, "--id is required") {
		t.Fatalf("revoke without --id: %d %s", code, errOut)
	}
	s, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.APITokenByToken(ctx, secret); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("revoked token: %v", err)
	}
	log, _ := s.AuditSearch(ctx, store.AuditFilter{Action: "token.revoke", Limit: 5})
	if len(log) != 1 || log[0].Detail != `API token 1 "Power BI"` {
		t.Fatalf("audit: %+v", log)
	}
}

// Exports, card sheets and backups are written for the owner only, even
// with a permissive umask and over a file that was readable by all; the
// backup message counts the copy.
func TestWrittenFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	csvFile := filepath.Join(dir, "2019.csv")
	var rows strings.Builder
	rows.WriteString("date,lang,card,channel,q1\n")
	for i := range 7 {
		fmt.Fprintf(&rows, "2019-04-%02d,fi,,paper,%d\n", i+1, 1+i%5)
	}
	os.WriteFile(csvFile, []byte(rows.String()), 0o600)
	if code, _, errOut := palaute(t, "", "import", "--db", db, "--survey", "satisfaction", "--file", csvFile); code != 0 {
		t.Fatal(errOut)
	}
	palaute(t, "", "card", "add", "--db", db, "--code", "GREEN", "--colour", "#009E73")
	sheet := filepath.Join(dir, "green.html")
	os.WriteFile(sheet, []byte("old"), 0o644)
	if code, _, errOut := palaute(t, "", "cards", "print", "--db", db, "--code", "GREEN", "--out", sheet); code != 0 {
		t.Fatal(errOut)
	}
	book := filepath.Join(dir, "2019.xlsx")
	if code, _, errOut := palaute(t, "", "export", "--db", db, "--survey", "satisfaction", "--year", "2019", "--out", book); code != 0 {
		t.Fatal(errOut)
	}
	backup := filepath.Join(dir, "b.db")
	code, out, errOut := palaute(t, "", "backup", "--db", db, "--out", backup)
	if code != 0 || !strings.Contains(out, "7 responses in the copy") {
		t.Fatalf("backup: %d %s %s", code, out, errOut)
	}
	for _, p := range []string{db, db + "-wal", sheet, book, backup} {
		fi, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) && strings.HasSuffix(p, "-wal") {
				continue
			}
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v, want -rw-------", filepath.Base(p), fi.Mode().Perm())
		}
	}
}
