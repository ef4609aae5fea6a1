package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

// load submits new responses from n clients until stop closes and
// returns the ids answered 201, in order of acknowledgement.
func load(base, token string, n int, first int, stop <-chan struct{}) func() []string {
	var mu sync.Mutex
	var acked []string
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: n}}
	for c := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				id := crashID(first + c*1_000_000 + i)
				if status, err := send(client, base, token, id); err == nil && status == 201 {
					mu.Lock()
					acked = append(acked, id)
					mu.Unlock()
				}
			}
		}()
	}
	return func() []string {
		wg.Wait()
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), acked...)
	}
}

// TestBackupUnderLoadAndRestore takes 'palaute backup' of a database a
// server is writing to, checks the copy is one consistent moment, then
// restores it, serves it and finds the same responses.
func TestBackupUnderLoadAndRestore(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	_, out, _ := palaute(t, "", "kiosk", "add", "--db", db, "--name", "Backup")
	token := lastLine(out)
	p := startServer(t, bin, db)
	defer p.cmd.Process.Kill()

	stop := make(chan struct{})
	collect := load(p.base, token, 16, 0, stop)
	time.Sleep(700 * time.Millisecond)
	// Everything stored before the backup starts must be in it.
	ctx := context.Background()
	live, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var before int
	storetest.ReadValue(ctx, live, "SELECT count(*) FROM responses", &before)
	live.Close()
	backup := filepath.Join(dir, "backups", "b.db")
	if code, stdout, errOut := palaute(t, "", "backup", "--db", db, "--out", backup); code != 0 {
		t.Fatalf("backup under load: %d %s %s", code, stdout, errOut)
	}
	time.Sleep(300 * time.Millisecond)
	close(stop)
	ackedBefore := collect()
	p.cmd.Process.Signal(syscall.SIGTERM)
	p.cmd.Wait()

	if err := store.IntegrityCheck(ctx, backup); err != nil {
		t.Fatal(err)
	}
	b, err := store.Open(ctx, backup, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var inBackup, answers, texts, orphans int
	storetest.ReadValue(ctx, b, "SELECT count(*) FROM responses", &inBackup)
	storetest.ReadValue(ctx, b, "SELECT count(*) FROM answers", &answers)
	storetest.ReadValue(ctx, b, "SELECT count(*) FROM texts", &texts)
	storetest.ReadValue(ctx, b, "SELECT count(*) FROM answers a WHERE NOT EXISTS (SELECT 1 FROM responses r WHERE r.id = a.response_id)", &orphans)
	b.Close()
	// Each response has two closed answers and one text: a copy taken in
	// the middle of a batch would break the proportion.
	if answers != 2*inBackup || texts != inBackup || orphans != 0 {
		t.Fatalf("backup is not one moment: %d responses, %d answers, %d texts, %d orphans", inBackup, answers, texts, orphans)
	}
	if inBackup < before || inBackup > len(ackedBefore) {
		t.Fatalf("backup holds %d responses; %d were stored before it began and %d by the end", inBackup, before, len(ackedBefore))
	}

	// Restore: stop, put the backup in place of the database, start.
	restored := filepath.Join(dir, "restored", "palaute.db")
	if err := os.MkdirAll(filepath.Dir(restored), 0o750); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(restored, data, 0o640); err != nil {
		t.Fatal(err)
	}
	p2 := startServer(t, bin, restored)
	client := &http.Client{Timeout: 10 * time.Second}
	resent200, resent201 := 0, 0
	for _, id := range ackedBefore {
		status, err := send(client, p2.base, token, id)
		if err != nil {
			t.Fatal(err)
		}
		switch status {
		case 200:
			resent200++
		case 201:
			resent201++
		default:
			t.Fatalf("resend to the restored server: %d", status)
		}
	}
	p2.cmd.Process.Signal(syscall.SIGTERM)
	p2.cmd.Wait()
	// The restored server knew exactly the backup's responses; the rest
	// were taken again from the clients' resends.
	if resent200 != inBackup {
		t.Fatalf("restored server recognised %d resends, the backup holds %d", resent200, inBackup)
	}
	t.Logf("backup under load: %d responses in the copy (%d before it began, %d acknowledged by the end); restore recognised %d, took %d anew",
		inBackup, before, len(ackedBefore), resent200, resent201)
}

// TestSIGTERMDrains stops a server with SIGTERM under load: it exits 0
// and every response it acknowledged is stored.
func TestSIGTERMDrains(t *testing.T) {
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "term.db")
	_, out, _ := palaute(t, "", "kiosk", "add", "--db", db, "--name", "Term")
	token := lastLine(out)
	p := startServer(t, bin, db)
	stop := make(chan struct{})
	collect := load(p.base, token, 32, 0, stop)
	time.Sleep(500 * time.Millisecond)
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- p.cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("server exit after SIGTERM: %v\n%s", err, p.errs.String())
		}
	case <-time.After(30 * time.Second):
		p.cmd.Process.Kill()
		t.Fatal("server did not stop within 30 s of SIGTERM")
	}
	close(stop)
	acked := collect()
	ctx := context.Background()
	s, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, id := range acked {
		if _, err := s.ResponseByID(ctx, id); err != nil {
			t.Fatalf("acknowledged %s lost after SIGTERM: %v", id, err)
		}
	}
	if _, err := os.Stat(db + "-wal"); err == nil {
		if fi, _ := os.Stat(db + "-wal"); fi.Size() > 0 {
			t.Errorf("write-ahead log left with %d bytes: the database was not closed cleanly", fi.Size())
		}
	}
	t.Logf("SIGTERM under load: %d acknowledged, all stored", len(acked))
}
