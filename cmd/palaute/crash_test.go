package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// buildBinary compiles palaute once per test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		if binDir, binErr = os.MkdirTemp("", "palaute-bin-"); binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "palaute")
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// process is a palaute serve subprocess.
type process struct {
	cmd  *exec.Cmd
	base string
	errs *syncBuffer
}

func startServer(t *testing.T, bin, db string, extra ...string) *process {
	t.Helper()
	addr := freeAddr(t)
	p := &process{base: "http://" + addr, errs: &syncBuffer{}}
	// The submission limit is off: these tests send thousands of answers
	// as one kiosk, which no real tablet does.
	p.cmd = exec.Command(bin, append([]string{"serve", "--db", db, "--addr", addr, "--submit-rate", "0"}, extra...)...)
	p.cmd.Stderr = p.errs
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(p.base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return p
			}
		}
		if time.Now().After(deadline) {
			p.cmd.Process.Kill()
			t.Fatalf("server did not start: %s", p.errs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// ledger is what the clients know: which ids the server acknowledged.
type ledger struct {
	mu      sync.Mutex
	next    int
	acked   map[string]bool
	ackList []string // acked, in order, for picking resends
	pending []string // sent but not acknowledged: to be resent, same id
	bad     []string // protocol violations seen
}

func crashID(n int) string { return fmt.Sprintf("c0000000-0000-4000-8000-%012d", n) }

func crashBody(id string) string {
	n, _ := strconv.Atoi(id[len(id)-6:])
	return fmt.Sprintf(`{"id":%q,"survey":"visit","lang":"fi","answers":{"q1":"yes","q2":%d,"q3":"vastaus %d"}}`, id, 1+n%5, n)
}

// take returns the id to send: a pending one first, sometimes an
// acknowledged one (whose resend must answer 200), else a new one.
func (l *ledger) take(rng *rand.Rand) (id string, resend bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.pending) > 0 {
		id, l.pending = l.pending[len(l.pending)-1], l.pending[:len(l.pending)-1]
		return id, false
	}
	if len(l.ackList) > 0 && rng.IntN(10) == 0 {
		return l.ackList[rng.IntN(len(l.ackList))], true
	}
	l.next++
	return crashID(l.next - 1), false
}

func (l *ledger) record(id string, status int, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case err != nil || status == 503:
		if !l.acked[id] {
			l.pending = append(l.pending, id)
		}
	case status == 201 && l.acked[id]:
		l.bad = append(l.bad, id+" acknowledged twice with 201")
	case status == 201 || status == 200:
		if !l.acked[id] {
			l.acked[id] = true
			l.ackList = append(l.ackList, id)
		}
	default:
		l.bad = append(l.bad, fmt.Sprintf("%s answered %d", id, status))
	}
}

func send(client *http.Client, base, token, id string) (int, error) {
	req, _ := http.NewRequest("POST", base+"/api/v1/responses", strings.NewReader(crashBody(id)))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// TestCrashLosesNothingAcknowledged kills the server with SIGKILL at
// random moments while 64 clients submit, and checks after every restart
// that each acknowledged response is stored exactly once. PALAUTE_CRASH_CYCLES
// sets the number of kills (10 by default; 'make soak' runs 50).
func TestCrashLosesNothingAcknowledged(t *testing.T) {
	cycles := 10
	if v, err := strconv.Atoi(os.Getenv("PALAUTE_CRASH_CYCLES")); err == nil && v > 0 {
		cycles = v
	}
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "crash.db")
	code, out, errOut := palaute(t, "", "kiosk", "add", "--db", db, "--name", "Crash")
	if code != 0 {
		t.Fatal(errOut)
	}
	token := lastLine(out)
	l := &ledger{acked: map[string]bool{}}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	kills := 0
	for cycle := range cycles {
		p := startServer(t, bin, db)
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		for c := range 64 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				crng := rand.New(rand.NewPCG(uint64(cycle), uint64(c)))
				for ctx.Err() == nil {
					id, _ := l.take(crng)
					status, err := send(client, p.base, token, id)
					l.record(id, status, err)
				}
			}()
		}
		time.Sleep(time.Duration(100+rng.IntN(500)) * time.Millisecond)
		if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		p.cmd.Wait()
		kills++
		cancel()
		wg.Wait()
		client.CloseIdleConnections()
		checkStored(t, db, l)
	}
	// Clients resend whatever was never acknowledged until it is.
	p := startServer(t, bin, db)
	defer p.cmd.Process.Kill()
	for _, id := range l.pending {
		status, err := send(client, p.base, token, id)
		if err != nil || (status != 201 && status != 200) {
			t.Fatalf("resending %s: %d %v", id, status, err)
		}
		l.acked[id] = true
	}
	l.pending = nil
	// Every acknowledged response resent once more is a resend: 200.
	for id := range l.acked {
		if status, err := send(client, p.base, token, id); err != nil || status != 200 {
			t.Fatalf("resend of acknowledged %s: %d %v", id, status, err)
		}
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	p.cmd.Wait()
	checkStored(t, db, l)
	ctx := context.Background()
	s, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	counts, _ := s.CountResponses(ctx)
	if counts["visit"] != len(l.acked) {
		t.Fatalf("%d responses stored, %d acknowledged", counts["visit"], len(l.acked))
	}
	if len(l.bad) > 0 {
		t.Fatalf("protocol violations: %v", l.bad[:min(10, len(l.bad))])
	}
	t.Logf("crash test: %d kills, %d responses acknowledged, 0 lost, 0 duplicated", kills, len(l.acked))
}

// checkStored opens the database as a restarted server would and checks
// that every acknowledged id is there exactly once and the file is sound.
func checkStored(t *testing.T, db string, l *ledger) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s.Close()
	lost := 0
	for id := range l.acked {
		var n int
		if err := storetest.ReadValue(ctx, s, "SELECT count(*) FROM responses WHERE uuid = ?", &n, id); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			lost++
			t.Errorf("acknowledged %s stored %d times", id, n)
		}
	}
	if lost > 0 {
		t.Fatalf("%d acknowledged responses not stored exactly once", lost)
	}
	if err := store.IntegrityCheck(ctx, db); err != nil {
		t.Fatal(err)
	}
}
