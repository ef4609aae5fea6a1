package store_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

func TestBackupScheduleRotates(t *testing.T) {
	db := storetest.MustOpenDB(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	dir := filepath.Join(t.TempDir(), "backups")
	// A file that is not an automatic backup is never touched.
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := store.BackupSchedule{Dir: dir, Every: 40 * time.Millisecond, Keep: 3, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	done := make(chan struct{})
	go func() { s.Run(ctx, db); close(done) }()
	deadline := time.Now().Add(20 * time.Second)
	var backups []string
	for time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		entries, _ := os.ReadDir(dir)
		backups = backups[:0]
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), "palaute-") {
				backups = append(backups, e.Name())
			}
		}
		if len(backups) == 3 {
			break
		}
	}
	time.Sleep(200 * time.Millisecond) // several more rounds of rotation
	cancel()
	<-done
	entries, _ := os.ReadDir(dir)
	backups = backups[:0]
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "palaute-") {
			backups = append(backups, e.Name())
			if err := store.IntegrityCheck(context.Background(), filepath.Join(dir, e.Name())); err != nil {
				t.Error(err)
			}
		}
	}
	if len(backups) != 3 {
		t.Fatalf("%d backups kept, want 3: %v", len(backups), backups)
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Fatal("rotation removed a file that is not a backup")
	}
}
