package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"palaute/survey"
	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

// clock is a settable clock for tests.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestSessionIdlesOut(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC)}
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u, err := db.CreateUser(ctx, "liisa", store.RoleQuality, "a long enough password", nil)
	if err != nil {
		t.Fatal(err)
	}
	id, s, err := db.CreateSession(ctx, u)
	if err != nil || s.CSRF == "" {
		t.Fatal(err)
	}
	c.t = c.t.Add(29 * time.Minute)
	if got, err := db.SessionByID(ctx, id); err != nil || got.User.Name != "liisa" || got.CSRF != s.CSRF {
		t.Fatalf("session after 29 min: %+v %v", got, err)
	}
	// Use renews it: 29 more minutes are fine, 31 without use are not.
	c.t = c.t.Add(29 * time.Minute)
	if _, err := db.SessionByID(ctx, id); err != nil {
		t.Fatalf("renewed session: %v", err)
	}
	c.t = c.t.Add(31 * time.Minute)
	if _, err := db.SessionByID(ctx, id); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("idle session: %v", err)
	}
	id2, _, _ := db.CreateSession(ctx, u)
	if err := db.DeleteSession(ctx, id2); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SessionByID(ctx, id2); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("session after logout: %v", err)
	}
	id3, _, _ := db.CreateSession(ctx, u)
	if err := db.SetUserDisabled(ctx, u.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SessionByID(ctx, id3); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("session of a disabled user: %v", err)
	}
}

func TestAuditLogCannotBeChanged(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Audit(ctx, "admin", "user.create", "liisa (entry)"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"UPDATE audit_log SET actor = 'someone'", "DELETE FROM audit_log"} {
		if err := storetest.Exec(ctx, db, q); err == nil || !strings.Contains(err.Error(), "cannot be changed") {
			t.Errorf("%s: %v", q, err)
		}
	}
	log, _ := db.AuditLog(ctx, 10)
	if len(log) != 1 || log[0].Actor != "admin" {
		t.Fatalf("log %+v", log)
	}
}

func TestContactsAreNotLinkable(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var cols []string
	rows, _ := storetest.Columns(ctx, db, "panel_contacts")
	cols = append(cols, rows...)
	if strings.Join(cols, ",") != "id,month,lang,name,contact,note" {
		t.Fatalf("panel_contacts columns %v", cols)
	}
	for i := range 20 {
		if err := db.AddContact(ctx, store.Contact{Lang: "fi", Name: "Asiakas " + string(rune('A'+i)), Contact: "040 123 45" + string(rune('0'+i%10))}); err != nil {
			t.Fatal(err)
		}
	}
	// Rows come back in key order, which is random, not in arrival order.
	var names []string
	raw, _ := storetest.Rows(ctx, db, "SELECT name FROM panel_contacts")
	names = append(names, raw...)
	inOrder := true
	for i := 1; i < len(names); i++ {
		if names[i] < names[i-1] {
			inOrder = false
		}
	}
	if inOrder {
		t.Fatalf("contacts are stored in arrival order: %v", names)
	}
	if err := db.AddContact(ctx, store.Contact{Contact: strings.Repeat("x", 201)}); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("over-long contact: %v", err)
	}
}

func TestRetentionLeavesNoTrace(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}
	path := filepath.Join(t.TempDir(), "p.db")
	db, err := store.Open(ctx, path, store.Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	const secret = "Nimeni on Matti Meikäläinen ja asun Vaasassa"
	old := response("0d000000-0000-4000-8000-000000000001",
		survey.Answer{Item: "q2", Type: survey.TypeRating5, Num: 2}, survey.Answer{Item: "q3", Type: survey.TypeText, Text: secret})
	old.Day = "2024-03-10"
	recent := response("0d000000-0000-4000-8000-000000000002", survey.Answer{Item: "q3", Type: survey.TypeText, Text: "Tuore palaute"})
	recent.Day = "2026-10-10"
	if _, err := storetest.Save(ctx, db, old, recent); err != nil {
		t.Fatal(err)
	}
	if err := db.AddContact(ctx, store.Contact{Lang: "fi", Name: "Vanha yhteystieto", Contact: "old@example.fi"}); err != nil {
		t.Fatal(err)
	}
	c.t = c.t.AddDate(1, 0, 0) // 2027-11-01
	texts, contacts, err := db.ApplyRetention(ctx, store.Retention{TextMonths: 18, ContactMonths: 6})
	if err != nil || texts != 1 || contacts != 1 {
		t.Fatalf("retention deleted %d texts, %d contacts (%v), want 1 and 1", texts, contacts, err)
	}
	r, _ := db.ResponseByID(ctx, old.ID)
	if _, ok := r.Answers["q3"]; ok || r.Answers["q2"] != "2" {
		t.Fatalf("old response after retention: %v (figures must stay, text must go)", r.Answers)
	}
	if r, _ := db.ResponseByID(ctx, recent.ID); r.Answers["q3"] != "Tuore palaute" {
		t.Fatalf("recent text deleted: %v", r.Answers)
	}
	db.Close()
	for _, f := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, gone := range []string{secret, "old@example.fi"} {
			if bytes.Contains(b, []byte(gone)) {
				t.Errorf("%s still holds %q", filepath.Base(f), gone)
			}
		}
	}
}

// TestResponsesKeepNothingIdentifying proves the schema has no place for
// an IP address, a user agent, a device or a time of day next to answers.
func TestResponsesKeepNothingIdentifying(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := map[string]string{
		"responses": "id,uuid,body_hash,survey,version,day,year,month,lang,channel,card_id,unit_id",
		"answers":   "response_id,item,num,choice",
		"texts":     "response_id,item,body",
	}
	for table, cols := range want {
		got, err := storetest.Columns(ctx, db, table)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, ",") != cols {
			t.Errorf("%s has columns %v, want only %s", table, got, cols)
		}
		for _, c := range got {
			for _, bad := range []string{"ip", "agent", "device", "time", "created", "user", "kiosk", "token"} {
				if strings.Contains(c, bad) {
					t.Errorf("%s.%s looks like it could identify a client", table, c)
				}
			}
		}
	}
}

// TestDeletionsLeaveNoTrace deletes a panel contact, a keyed-in paper
// response and a corrected text while the database stays open, and finds
// none of them in the database, its write-ahead log or its shared memory.
func TestDeletionsLeaveNoTrace(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const contact, paper, corrected = "MARKER-CONTACT-7f3a", "MARKER-PAPER-91c2", "MARKER-CORRECTED-44d0"
	if err := db.AddContact(ctx, store.Contact{Lang: "fi", Name: contact, Contact: contact + "@example.fi"}); err != nil {
		t.Fatal(err)
	}
	gone := response("0e000000-0000-4000-8000-000000000001", survey.Answer{Item: "q3", Type: survey.TypeText, Text: paper})
	fixed := response("0e000000-0000-4000-8000-000000000002", survey.Answer{Item: "q3", Type: survey.TypeText, Text: corrected})
	gone.Channel, fixed.Channel = survey.ChannelPaper, survey.ChannelPaper
	if _, err := storetest.Save(ctx, db, gone, fixed); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{path, path + "-wal"} {
		b, _ := os.ReadFile(f)
		if bytes.Contains(b, []byte(paper)) {
			goto stored
		}
	}
	t.Fatal("the marker never reached the files: the test would prove nothing")
stored:
	cs, err := db.Contacts(ctx)
	if err != nil || len(cs) != 1 {
		t.Fatalf("contacts %v %v", cs, err)
	}
	if err := db.DeleteContact(ctx, cs[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := db.DeletePaperResponse(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	fixed.Answers = []survey.Answer{{Item: "q3", Type: survey.TypeText, Text: "korjattu"}}
	if err := db.CorrectPaperResponse(ctx, fixed); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, m := range []string{contact, paper, corrected} {
			if bytes.Contains(b, []byte(m)) {
				t.Errorf("%s still holds %q after it was deleted", filepath.Base(f), m)
			}
		}
	}
}
