package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"

	"palaute/survey"
	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

func TestMigrationsFromEmpty(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "palaute.db")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Migrations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || got[0] != "0001_init.sql" {
		t.Fatalf("applied migrations = %v", got)
	}
	db.Close()
	// Opening again applies nothing twice.
	db, err = store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()
	again, _ := db.Migrations(ctx)
	if len(again) != len(got) {
		t.Fatalf("migrations after reopen = %v, want %v", again, got)
	}
	if err := db.Ping(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestPragmas(t *testing.T) {
	db := storetest.MustOpenDB(t, nil)
	ctx := context.Background()
	checks := map[string]string{"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "busy_timeout": "5000"}
	for pragma, want := range checks {
		var got string
		if err := storetest.Pragma(ctx, db, pragma, &got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
}

func response(id string, answers ...survey.Answer) survey.Response {
	return survey.Response{ID: id, Survey: "visit", Version: 1, Lang: "fi", Channel: "kiosk",
		Day: "2026-04-03", Answers: answers, Hash: []byte(id + "-hash")}
}

func TestSaveResponseIdempotent(t *testing.T) {
	db := storetest.MustOpenDB(t, nil)
	ctx := context.Background()
	r := response("0b7e3c5e-5a55-4b8a-9c1e-2f1d0c9a7b61",
		survey.Answer{Item: "q1", Type: survey.TypeChoice, Choice: "yes"},
		survey.Answer{Item: "q2", Type: survey.TypeRating5, Num: 4},
		survey.Answer{Item: "q3", Type: survey.TypeText, Text: "Iltavastaanottoja"})
	created, err := db.Submit(ctx, r, store.Source{})
	if err != nil || !created {
		t.Fatalf("first save: created=%v err=%v", created, err)
	}
	created, err = db.Submit(ctx, r, store.Source{})
	if err != nil || created {
		t.Fatalf("resend: created=%v err=%v", created, err)
	}
	other := r
	other.Hash = []byte("something else")
	if _, err := db.Submit(ctx, other, store.Source{}); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("same id, other body: err=%v, want ErrConflict", err)
	}
	got, err := db.ResponseByID(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"q1": "yes", "q2": "4", "q3": "Iltavastaanottoja"}
	for k, v := range want {
		if got.Answers[k] != v {
			t.Errorf("answer %s = %q, want %q", k, got.Answers[k], v)
		}
	}
	if got.Day != "2026-04-03" || got.Channel != "kiosk" {
		t.Errorf("stored %+v", got)
	}
}

func TestCardTokenUsedOnce(t *testing.T) {
	db := storetest.MustOpenDB(t, nil)
	ctx := context.Background()
	c, err := db.CreateCard(ctx, store.Card{Code: "blue", Colour: "0072b2", NameFi: "Sininen", NameSv: "Blå", NameEn: "Blue", Unit: "Perhepalvelut"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Code != "BLUE" || c.Colour != "#0072B2" {
		t.Fatalf("card not normalised: %+v", c)
	}
	tokens, err := db.CreateCardTokens(ctx, c.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	results := make(chan error, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := response("0b7e3c5e-5a55-4b8a-9c1e-2f1d0c9a7b"+string(rune('a'+i%26))+"0",
				survey.Answer{Item: "q1", Type: survey.TypeChoice, Choice: "no"})
			r.Card, r.Channel = "BLUE", "web"
			_, err := db.Submit(ctx, r, store.Source{CardTokenHash: store.HashSecret(tokens[0].Token)})
			results <- err
		}()
	}
	wg.Wait()
	close(results)
	ok := 0
	for err := range results {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, store.ErrTokenUsed):
			t.Errorf("unexpected error %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d saves succeeded with one token, want 1", ok)
	}
	if _, used, err := db.CardByToken(ctx, tokens[0].Token); err != nil || !used {
		t.Fatalf("token used=%v err=%v", used, err)
	}
	counts, _ := db.CountResponses(ctx)
	if counts["visit"] != 1 {
		t.Fatalf("stored %d responses, want 1", counts["visit"])
	}
}

func TestSecretsStoredHashed(t *testing.T) {
	db := storetest.MustOpenDB(t, nil)
	ctx := context.Background()
	k, token, err := db.CreateKiosk(ctx, "Aula 1", "Aikuissosiaalityö")
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.KioskByToken(ctx, token)
	if err != nil || got.ID != k.ID {
		t.Fatalf("KioskByToken = %+v, %v", got, err)
	}
	if _, err := db.KioskByToken(ctx, token+"x"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("wrong token: %v", err)
	}
	var n int
	if err := storetest.ReadValue(ctx, db, "SELECT count(*) FROM kiosks WHERE token_hash = ?", &n, token); err != nil || n != 0 {
		t.Fatalf("token stored in the clear: n=%d err=%v", n, err)
	}
	if err := db.RevokeKiosk(ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.KioskByToken(ctx, token); !got.Revoked {
		t.Fatal("revoked kiosk not marked revoked")
	}
	_, apiToken, err := db.CreateAPIToken(ctx, "BI", store.RoleQuality)
	if err != nil {
		t.Fatal(err)
	}
	if tok, err := db.APITokenByToken(ctx, apiToken); err != nil || tok.Role != store.RoleQuality {
		t.Fatalf("APITokenByToken = %+v, %v", tok, err)
	}
}

func TestUserPassword(t *testing.T) {
	db := storetest.MustOpenDB(t, nil)
	ctx := context.Background()
	if _, err := db.CreateUser(ctx, "liisa", store.RoleEntry, "short", nil); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("short password: %v", err)
	}
	if _, err := db.CreateUser(ctx, "liisa", store.RoleEntry, "correct horse battery", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateUser(ctx, "liisa", store.RoleEntry, "correct horse battery", nil); !errors.Is(err, store.ErrExists) {
		t.Fatalf("duplicate user: %v", err)
	}
	if u, err := db.Authenticate(ctx, "liisa", "correct horse battery"); err != nil || u.Role != store.RoleEntry {
		t.Fatalf("Authenticate = %+v, %v", u, err)
	}
	if _, err := db.Authenticate(ctx, "liisa", "wrong horse battery"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("wrong password: %v", err)
	}
}

func TestBackup(t *testing.T) {
	db := storetest.MustOpenDB(t, nil)
	ctx := context.Background()
	if _, err := db.Submit(ctx, response("9d2f7c1a-3b4e-4f5a-8b6c-7d8e9f0a1b2c",
		survey.Answer{Item: "q2", Type: survey.TypeRating5, Num: 5}), store.Source{}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(ctx, out); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, out); !errors.Is(err, store.ErrExists) {
		t.Fatalf("backup over an existing file: %v", err)
	}
	copyDB, err := store.Open(ctx, out, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer copyDB.Close()
	counts, err := copyDB.CountResponses(ctx)
	if err != nil || counts["visit"] != 1 {
		t.Fatalf("backup holds %v, %v", counts, err)
	}
}
