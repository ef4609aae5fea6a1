package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

// A database from before workers existed keeps its users and their
// sessions when the users table is rebuilt for the worker role.
func TestWorkerMigrationKeepsUsersAndSessions(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob("migrations/*.sql")
	sort.Strings(names)
	if _, err := raw.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for i, name := range names {
		if strings.HasPrefix(filepath.Base(name), "0008") {
			break
		}
		body, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := raw.Exec("INSERT INTO schema_migrations VALUES (?, ?, '2026-01-01T00:00:00Z')", i+1, filepath.Base(name)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.Exec(`INSERT INTO users (id, name, role, password_hash, created_at) VALUES (7, 'liisa', 'entry', 'x', '2026-01-01T00:00:00Z');
		INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen) VALUES (?, 7, 'csrf', '2026-01-01T00:00:00Z', strftime('%s', 'now'))`,
		store.HashSecret("kept-session")); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sess, err := db.SessionByID(ctx, "kept-session")
	if err != nil || sess.User.Name != "liisa" || sess.User.Role != store.RoleEntry {
		t.Fatalf("session after the migration: %+v, %v", sess, err)
	}
	if _, err := db.CreateCard(ctx, store.Card{Code: "BLUE", Colour: "#0072B2", NameFi: "Sininen", NameSv: "Blå", NameEn: "Blue"}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetUserRole(ctx, 7, store.RoleWorker, []string{"blue"}); err != nil {
		t.Fatalf("make liisa a worker: %v", err)
	}
}

func TestWorkerCards(t *testing.T) {
	ctx := context.Background()
	db := storetest.MustOpenDB(t, nil)
	for _, code := range []string{"BLUE", "GREEN", "RED"} {
		if _, err := db.CreateCard(ctx, store.Card{Code: code, Colour: "#0072B2", NameFi: "Sininen", NameSv: "Blå", NameEn: "Blue"}); err != nil {
			t.Fatal(err)
		}
	}
	const pw = "a long enough password"
	if _, err := db.CreateUser(ctx, "aino", store.RoleWorker, pw, nil); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("worker without a card: %v", err)
	}
	if _, err := db.CreateUser(ctx, "aino", store.RoleWorker, pw, []string{"BLUE", "NOSUCH"}); !errors.Is(err, store.ErrNotFound) || !strings.Contains(err.Error(), "NOSUCH") {
		t.Fatalf("worker with an unknown card: %v", err)
	}
	if _, err := db.CreateUser(ctx, "leena", store.RoleQuality, pw, []string{"BLUE"}); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("quality user with a card: %v", err)
	}
	u, err := db.CreateUser(ctx, "aino", store.RoleWorker, pw, []string{"green", "BLUE"})
	if err != nil {
		t.Fatal(err)
	}
	cards, err := db.UserCards(ctx, u.ID)
	if err != nil || len(cards) != 2 || cards[0].Code != "BLUE" || cards[1].Code != "GREEN" {
		t.Fatalf("aino's cards: %+v, %v", cards, err)
	}
	// A change of role carries its cards; leaving the worker role drops them.
	if err := db.SetUserRole(ctx, u.ID, store.RoleWorker, []string{"RED"}); err != nil {
		t.Fatal(err)
	}
	if cards, _ := db.UserCards(ctx, u.ID); len(cards) != 1 || cards[0].Code != "RED" {
		t.Fatalf("after the change: %+v", cards)
	}
	if err := db.SetUserRole(ctx, u.ID, store.RoleEntry, nil); err != nil {
		t.Fatal(err)
	}
	if cards, _ := db.UserCards(ctx, u.ID); len(cards) != 0 {
		t.Fatalf("an entry user keeps cards: %+v", cards)
	}
	users, _ := db.Users(ctx)
	if len(users) != 1 || len(users[0].Cards) != 0 {
		t.Fatalf("users: %+v", users)
	}
}

func TestWorkerDailyPrintLimit(t *testing.T) {
	ctx := context.Background()
	db := storetest.MustOpenDB(t, nil)
	card, err := db.CreateCard(ctx, store.Card{Code: "BLUE", Colour: "#0072B2", NameFi: "Sininen", NameSv: "Blå", NameEn: "Blue"})
	if err != nil {
		t.Fatal(err)
	}
	u, err := db.CreateUser(ctx, "aino", store.RoleWorker, "a long enough password", []string{"BLUE"})
	if err != nil {
		t.Fatal(err)
	}
	if tokens, err := db.CreateWorkerCardTokens(ctx, u.ID, card.ID, 150, "2026-04-15", 200); err != nil || len(tokens) != 150 {
		t.Fatalf("first print: %d, %v", len(tokens), err)
	}
	// 60 more would pass 200: nothing is printed, not even the 50 left.
	if _, err := db.CreateWorkerCardTokens(ctx, u.ID, card.ID, 60, "2026-04-15", 200); !errors.Is(err, store.ErrLimit) {
		t.Fatalf("past the limit: %v", err)
	}
	if n, _ := db.PrintedToday(ctx, u.ID, "2026-04-15"); n != 150 {
		t.Fatalf("printed today = %d, want 150", n)
	}
	if _, err := db.CreateWorkerCardTokens(ctx, u.ID, card.ID, 50, "2026-04-15", 200); err != nil {
		t.Fatalf("up to the limit: %v", err)
	}
	if _, err := db.CreateWorkerCardTokens(ctx, u.ID, card.ID, 8, "2026-04-16", 200); err != nil {
		t.Fatalf("the next day: %v", err)
	}
}
