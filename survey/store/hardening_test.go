package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

// An unknown name costs as long as a real one: the time a failed login
// takes does not tell which names exist.
func TestAuthenticateTakesAsLongForUnknownNames(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.CreateUser(ctx, "liisa", store.RoleQuality, "a long enough password", nil); err != nil {
		t.Fatal(err)
	}
	db.Authenticate(ctx, "nobody", "warm up the dummy hash")
	// Interleaved, so both share whatever else the machine is doing, and
	// compared by their fastest run, which noise can only slow down.
	took := func(name string) time.Duration {
		start := time.Now()
		if _, err := db.Authenticate(ctx, name, "a wrong password"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("%s: %v", name, err)
		}
		return time.Since(start)
	}
	known, unknown := time.Hour, time.Hour
	for range 7 {
		known = min(known, took("liisa"))
		unknown = min(unknown, took("nobody-at-all"))
	}
	if unknown < known/3 || unknown > known*3 {
		t.Fatalf("a wrong password takes at best %v for a real user and %v for an unknown name", known, unknown)
	}
}

func TestRevokedAPITokenStopsWorking(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tok, secret, err := db.CreateAPIToken(ctx, "Power BI", store.RoleQuality)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.MarkAPITokenUsed(ctx, tok.ID, "2026-11"); err != nil {
		t.Fatal(err)
	}
	// Another process revokes it: a second handle on the same file.
	other, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	got, err := other.RevokeAPIToken(ctx, tok.ID)
	if err != nil || got.Revoked == "" || got.Name != "Power BI" || got.LastUsed != "2026-11" {
		t.Fatalf("revoke: %+v %v", got, err)
	}
	if _, err := db.APITokenByToken(ctx, secret); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("revoked token still works: %v", err)
	}
	if _, err := other.RevokeAPIToken(ctx, 999); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("revoking a missing token: %v", err)
	}
	list, err := db.APITokens(ctx)
	if err != nil || len(list) != 1 || list[0].Revoked == "" || list[0].Created == "" {
		t.Fatalf("list: %+v %v", list, err)
	}
}

func TestAuditSearchAndClip(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: time.Date(2026, 3, 31, 23, 0, 0, 0, time.UTC)}
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Audit(ctx, "liisa", "login", "march")
	c.t = c.t.Add(2 * time.Hour)
	for range 5 {
		db.Audit(ctx, "liisa", "login", "april")
		db.Audit(ctx, strings.Repeat("x", 16<<10), "login.failed", strings.Repeat("y", 16<<10))
	}
	all, _ := db.AuditLog(ctx, 100)
	for _, e := range all {
		if len([]rune(e.Actor)) > store.MaxAuditActor || len([]rune(e.Detail)) > store.MaxAuditDetail {
			t.Fatalf("entry not cut: %d and %d characters", len(e.Actor), len(e.Detail))
		}
	}
	march, _ := db.AuditSearch(ctx, store.AuditFilter{Month: "2026-03", Limit: 100})
	if len(march) != 1 || march[0].Detail != "march" {
		t.Fatalf("March: %+v", march)
	}
	page1, _ := db.AuditSearch(ctx, store.AuditFilter{Actor: "liisa", Action: "login", Month: "2026-04", Limit: 3})
	page2, _ := db.AuditSearch(ctx, store.AuditFilter{Actor: "liisa", Action: "login", Month: "2026-04", Limit: 3, Before: page1[len(page1)-1].ID})
	if len(page1) != 3 || len(page2) != 2 || page2[0].ID >= page1[2].ID {
		t.Fatalf("pages %+v then %+v", page1, page2)
	}
	if _, err := db.AuditSearch(ctx, store.AuditFilter{Month: "April"}); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("bad month: %v", err)
	}
}

// The database, its WAL and shared memory, and backups are for Palaute's
// own user only, whatever the umask.
func TestDatabaseFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "p.db")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Audit(ctx, "test", "write", "so the WAL exists"); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "backups", "copy.db")
	if err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm", backup} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v, want -rw-------", filepath.Base(p), fi.Mode().Perm())
		}
	}
}

// A read-only database answers Unavailable to writes, and the probe says so.
func TestWriteProbeFailsOnReadOnlyDatabase(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.WriteProbe(ctx); err != nil {
		t.Fatal(err)
	}
	if err := storetest.Exec(ctx, db, "PRAGMA query_only = 1"); err != nil {
		t.Fatal(err)
	}
	if err := db.WriteProbe(ctx); !store.Unavailable(err) {
		t.Fatalf("probe of a read-only database: %v", err)
	}
	err = db.Audit(ctx, "x", "y", "z")
	if err == nil || !store.Unavailable(err) {
		t.Fatalf("audit on a read-only database: %v", err)
	}
	if store.Unavailable(errors.New("something else")) {
		t.Fatal("any error counts as unavailable")
	}
}
