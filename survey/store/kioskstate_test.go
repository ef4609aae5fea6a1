package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"palaute/kiosk"
	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

// TestHeartbeatKeepsOnlyTheLatest: a kiosk's state is one row, overwritten
// by each heartbeat, with its times to the minute; an error stays until a
// new one replaces it.
func TestHeartbeatKeepsOnlyTheLatest(t *testing.T) {
	ctx := context.Background()
	db := storetest.MustOpenDB(t, nil)
	k, _, err := db.CreateKiosk(ctx, "Aula", "Perhepalvelut")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 4, 15, 9, 30, 42, 123, time.UTC)
	beats := []store.KioskHeartbeat{
		{Seen: at, Version: "v1", Outbox: 3, LastSent: at.Add(-7 * time.Minute), Online: false, Error: "TypeError: x is null"},
		{Seen: at.Add(5 * time.Minute), Version: "v2", Outbox: 0, Online: true},
	}
	for _, hb := range beats {
		if cmd, err := db.RecordHeartbeat(ctx, k.ID, hb); err != nil || cmd != "" {
			t.Fatalf("heartbeat: %q %v", cmd, err)
		}
	}
	var rows int
	if err := storetest.ReadValue(ctx, db, "SELECT count(*) FROM kiosk_state", &rows); err != nil || rows != 1 {
		t.Fatalf("%d state rows (%v), want 1", rows, err)
	}
	fleet, err := db.KioskFleet(ctx)
	if err != nil || len(fleet) != 1 || fleet[0].State == nil {
		t.Fatalf("fleet %+v %v", fleet, err)
	}
	st := fleet[0].State
	want := store.KioskState{Seen: time.Date(2026, 4, 15, 9, 35, 0, 0, time.UTC), LastSent: time.Date(2026, 4, 15, 9, 23, 0, 0, time.UTC),
		ErrorAt: time.Date(2026, 4, 15, 9, 30, 0, 0, time.UTC), Version: "v2", Outbox: 0, Online: true, Error: "TypeError: x is null"}
	if *st != want {
		t.Fatalf("state\n %+v, want\n %+v", *st, want)
	}
	if fleet[0].Hours != kiosk.DefaultHours() || fleet[0].Unit != "Perhepalvelut" {
		t.Errorf("hours %+v, unit %q", fleet[0].Hours, fleet[0].Unit)
	}
}

// TestKioskCommands: a reload is handed over once, an unpair until the
// kiosk confirms it, and only an unpair asked for can be confirmed.
func TestKioskCommands(t *testing.T) {
	ctx := context.Background()
	db := storetest.MustOpenDB(t, nil)
	k, token, err := db.CreateKiosk(ctx, "Aula", "")
	if err != nil {
		t.Fatal(err)
	}
	hb := store.KioskHeartbeat{Seen: time.Now(), Version: "v1", Online: true}
	beat := func() kiosk.Command {
		t.Helper()
		cmd, err := db.RecordHeartbeat(ctx, k.ID, hb)
		if err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	if err := db.SetKioskCommand(ctx, k.ID, "reboot"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("unknown command: %v", err)
	}
	if err := db.SetKioskCommand(ctx, 999, kiosk.Reload); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown kiosk: %v", err)
	}
	if err := db.SetKioskCommand(ctx, k.ID, kiosk.Reload); err != nil {
		t.Fatal(err)
	}
	if got := beat(); got != kiosk.Reload {
		t.Fatalf("first heartbeat after reload: %q", got)
	}
	if got := beat(); got != "" {
		t.Fatalf("reload handed over twice: %q", got)
	}
	if err := db.UnpairKiosk(ctx, k.ID); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("unpair nobody asked for: %v", err)
	}
	if err := db.SetKioskCommand(ctx, k.ID, kiosk.Unpair); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if got := beat(); got != kiosk.Unpair {
			t.Fatalf("heartbeat with an unpair waiting: %q; it is repeated until confirmed", got)
		}
	}
	if err := db.UnpairKiosk(ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := db.KioskByToken(ctx, token); err != nil || !got.Revoked {
		t.Fatalf("unpaired kiosk: %+v %v", got, err)
	}
	if _, err := db.RecordHeartbeat(ctx, k.ID, hb); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("heartbeat of an unpaired kiosk: %v", err)
	}
	var rows int
	if storetest.ReadValue(ctx, db, "SELECT count(*) FROM kiosk_state", &rows); rows != 0 {
		t.Fatalf("an unpaired kiosk's state is kept")
	}
}

func TestUnitHours(t *testing.T) {
	ctx := context.Background()
	db := storetest.MustOpenDB(t, nil)
	u, err := db.EnsureUnit(ctx, "Perhepalvelut")
	if err != nil {
		t.Fatal(err)
	}
	if u.Hours != kiosk.DefaultHours() {
		t.Fatalf("new unit's hours %+v", u.Hours)
	}
	h, _ := kiosk.ParseHours("07:00", "19:30", "123456")
	if err := db.SetUnitHours(ctx, u.ID, h); err != nil {
		t.Fatal(err)
	}
	if err := db.SetUnitHours(ctx, u.ID, kiosk.Hours{Opens: 600, Closes: 500}); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("closing before opening: %v", err)
	}
	if err := db.SetUnitHours(ctx, 999, h); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown unit: %v", err)
	}
	units, _ := db.Units(ctx)
	if len(units) != 1 || units[0].Hours != h {
		t.Fatalf("units %+v", units)
	}
}
