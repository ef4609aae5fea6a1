package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/xuri/excelize/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"palaute/survey/store"
)

// palaute runs the command line in-process and returns exit code, stdout
// and stderr.
func palaute(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func TestCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "data", "p.db")
	tests := []struct {
		name     string
		stdin    string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{"no command", "", nil, 2, "", "Usage: palaute"},
		{"unknown command", "", []string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{"card without code", "", []string{"card", "add", "--db", db, "--colour", "#0072B2"}, 2, "", "--code and --colour are required"},
		{"card bad code", "", []string{"card", "add", "--db", db, "--code", "b-1", "--colour", "#0072B2"}, 2, "", "letters A–Z or digits"},
		{"card bad colour", "", []string{"card", "add", "--db", db, "--code", "X1", "--colour", "blue", "--name-fi", "Sininen"}, 2, "", "hex colour"},
		{"card from palette", "", []string{"card", "add", "--db", db, "--code", "blue", "--colour", "#0072b2", "--worker", "Aino", "--unit", "Perhepalvelut"}, 0, "card BLUE added: Sininen (#0072B2), Aino, Perhepalvelut", ""},
		{"card twice", "", []string{"card", "add", "--db", db, "--code", "BLUE", "--colour", "#0072B2"}, 1, "", "choose another --code"},
		{"card off palette without name", "", []string{"card", "add", "--db", db, "--code", "K7", "--colour", "#123456"}, 2, "", "--name-fi"},
		{"card off palette", "", []string{"card", "add", "--db", db, "--code", "K7", "--colour", "#123456", "--name-fi", "Tummansininen"}, 0, "card K7 added", "not in the colour-blind-safe palette"},
		{"stray argument", "", []string{"card", "add", "--db", db, "extra"}, 2, "", `unexpected argument "extra"`},
		{"unknown flag", "", []string{"card", "add", "--db", db, "--shade", "x"}, 2, "", "flag provided but not defined"},
		{"kiosk without name", "", []string{"kiosk", "add", "--db", db}, 2, "", "--name is required"},
		{"token bad role", "", []string{"token", "add", "--db", db, "--name", "BI", "--role", "entry"}, 2, "", "quality or admin"},
		{"user without stdin flag", "", []string{"user", "add", "--db", db, "--name", "liisa", "--role", "entry"}, 2, "", "--password-stdin"},
		{"user bad role", "x\n", []string{"user", "add", "--db", db, "--name", "liisa", "--role", "boss", "--password-stdin"}, 2, "", "admin, quality, entry or worker"},
		{"user short password", "short\n", []string{"user", "add", "--db", db, "--name", "liisa", "--role", "entry", "--password-stdin"}, 2, "", "at least 12 characters"},
		{"user empty stdin", "", []string{"user", "add", "--db", db, "--name", "liisa", "--role", "entry", "--password-stdin"}, 2, "", "no password"},
		{"user", "a long enough password\n", []string{"user", "add", "--db", db, "--name", "liisa", "--role", "entry", "--password-stdin"}, 0, `user "liisa" (role entry) created`, ""},
		{"worker without card", "a long enough password\n", []string{"user", "add", "--db", db, "--name", "aino", "--role", "worker", "--password-stdin"}, 2, "", "add --card CODE"},
		{"worker with unknown card", "a long enough password\n", []string{"user", "add", "--db", db, "--name", "aino", "--role", "worker", "--card", "NOSUCH", "--password-stdin"}, 2, "", "card NOSUCH"},
		{"card for an entry user", "a long enough password\n", []string{"user", "add", "--db", db, "--name", "aino", "--role", "entry", "--card", "BLUE", "--password-stdin"}, 2, "", "--card is for a worker only"},
		{"worker", "a long enough password\n", []string{"user", "add", "--db", db, "--name", "aino", "--role", "worker", "--card", "blue", "--password-stdin"}, 0, `user "aino" (role worker, cards BLUE) created`, ""},
		{"user twice", "a long enough password\n", []string{"user", "add", "--db", db, "--name", "liisa", "--role", "entry", "--password-stdin"}, 1, "", "choose another --name"},
		{"backup without out", "", []string{"backup", "--db", db}, 2, "", "--out is required"},
		{"backup of nothing", "", []string{"backup", "--db", filepath.Join(t.TempDir(), "none.db"), "--out", filepath.Join(t.TempDir(), "b.db")}, 1, "", "no database at"},
		{"revoke unknown kiosk", "", []string{"kiosk", "revoke", "--db", db, "--id", "99"}, 1, "", "kiosk list"},
		{"serve bad address", "", []string{"serve", "--db", db, "--addr", "8080"}, 2, "", "HOST:PORT"},
		{"serve bad time zone", "", []string{"serve", "--db", db, "--tz", "Mars/Olympus"}, 2, "", "time zone"},
		{"serve threshold too low", "", []string{"serve", "--db", db, "--threshold", "2"}, 2, "", "3 or more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := palaute(t, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, out, errOut)
			}
			if !strings.Contains(out, tt.wantOut) {
				t.Errorf("stdout %q lacks %q", out, tt.wantOut)
			}
			if !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("stderr %q lacks %q", errOut, tt.wantErr)
			}
		})
	}
}

func TestKioskAndTokenPrintSecretLast(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "p.db")
	code, out, errOut := palaute(t, "", "kiosk", "add", "--db", db, "--name", "Aula 1", "--unit", "Aikuissosiaalityö")
	if code != 0 {
		t.Fatalf("kiosk add: %d %s", code, errOut)
	}
	token := lastLine(out)
	if !strings.Contains(out, "/kiosk/pair?token="+token) {
		t.Fatalf("pairing path with the token missing:\n%s", out)
	}
	code, tokOut, errOut := palaute(t, "", "token", "add", "--db", db, "--name", "BI", "--role", "quality")
	if code != 0 {
		t.Fatalf("token add: %d %s", code, errOut)
	}
	s, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if k, err := s.KioskByToken(ctx, token); err != nil || k.Unit != "Aikuissosiaalityö" {
		t.Fatalf("printed kiosk token does not authenticate: %+v %v", k, err)
	}
	if tok, err := s.APITokenByToken(ctx, lastLine(tokOut)); err != nil || tok.Role != store.RoleQuality {
		t.Fatalf("printed API token does not authenticate: %+v %v", tok, err)
	}
	if code, out, _ := palaute(t, "", "kiosk", "revoke", "--db", db, "--id", "1"); code != 0 || !strings.Contains(out, "revoked") {
		t.Fatalf("revoke: %d %s", code, out)
	}
	if _, out, _ := palaute(t, "", "kiosk", "list", "--db", db); !strings.Contains(out, "Aula 1\tAikuissosiaalityö\trevoked") {
		t.Fatalf("kiosk list: %s", out)
	}
}

func TestDatabaseFromEnvironment(t *testing.T) {
	db := filepath.Join(t.TempDir(), "env.db")
	t.Setenv("PALAUTE_DB", db)
	if code, _, errOut := palaute(t, "", "card", "add", "--code", "SKY", "--colour", "#56B4E9"); code != 0 {
		t.Fatalf("card add: %s", errOut)
	}
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("PALAUTE_DB not used: %v", err)
	}
}

func TestBackupCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	if code, _, errOut := palaute(t, "", "card", "add", "--db", db, "--code", "SKY", "--colour", "#56B4E9"); code != 0 {
		t.Fatal(errOut)
	}
	out := filepath.Join(dir, "backups", "b.db")
	code, stdout, errOut := palaute(t, "", "backup", "--db", db, "--out", out)
	if code != 0 || !strings.Contains(stdout, "integrity ok") {
		t.Fatalf("backup: %d %s %s", code, stdout, errOut)
	}
	if err := store.IntegrityCheck(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := palaute(t, "", "backup", "--db", db, "--out", out); code != 1 || !strings.Contains(errOut, "choose another --out") {
		t.Fatalf("backup over existing file: %d %s", code, errOut)
	}
}

// syncBuffer is a bytes.Buffer safe to read while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// serve runs 'palaute serve' until the server answers /healthz, and
// returns its output and a function that stops it and returns its code.
func serve(t *testing.T, args ...string) (string, *syncBuffer, func() int) {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	codes := make(chan int, 1)
	go func() {
		codes <- run(ctx, append([]string{"serve", "--addr", addr}, args...), strings.NewReader(""), &out, &errb)
	}()
	base := "http://" + addr
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		select {
		case code := <-codes:
			t.Fatalf("serve exited %d: %s", code, errb.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("server did not answer: %s", errb.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	return base, &out, func() int {
		cancel()
		code := <-codes
		if code != 0 {
			t.Logf("serve stderr:\n%s", errb.String())
		}
		return code
	}
}

func TestServeDemoOnceThenReuse(t *testing.T) {
	db := filepath.Join(t.TempDir(), "data", "palaute.db")
	base, out, stop := serve(t, "--db", db, "--demo")
	body := fmt.Sprintf(`{"id":%q,"survey":"visit","lang":"sv","answers":{"q1":"partly"}}`, exampleID)
	req, _ := http.NewRequest("POST", base+"/api/v1/responses", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer demo-kiosk-token")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Fatalf("demo kiosk submit: %d", resp.StatusCode)
	}
	if code := stop(); code != 0 {
		t.Fatalf("serve exit %d", code)
	}
	first := out.String()
	for _, want := range []string{"Demo organisation added", base + "/healthz", "demo-kiosk-token", "/api/v1/responses"} {
		if !strings.Contains(first, want) {
			t.Errorf("first run output lacks %q:\n%s", want, first)
		}
	}
	ctx := context.Background()
	s, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := s.CountResponses(ctx)
	s.Close()

	_, out2, stop2 := serve(t, "--db", db, "--demo")
	if code := stop2(); code != 0 {
		t.Fatalf("second serve exit %d", code)
	}
	if strings.Contains(out2.String(), "Demo organisation added") || !strings.Contains(out2.String(), "demo-kiosk-token") {
		t.Fatalf("second run output:\n%s", out2.String())
	}
	s, err = store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	after, _ := s.CountResponses(ctx)
	if after["visit"] != before["visit"] || after["satisfaction"] != before["satisfaction"] || before["visit"] < 1000 {
		t.Fatalf("responses before %v, after second run %v", before, after)
	}
}

func TestServeRefusesBrokenInstruments(t *testing.T) {
	dir := t.TempDir()
	bad := `{"key":"mini","version":1,"title":{"fi":"a","sv":"b","en":"c"},"groups":[{"key":"g","title":{"fi":"a","sv":"b","en":"c"}}],
	 "items":[{"key":"q1","type":"rating5","group":"g","text":{"fi":"a","sv":"b","en":"c"}}]}`
	if err := os.WriteFile(filepath.Join(dir, "mini.v1.json"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := palaute(t, "", "serve", "--db", filepath.Join(t.TempDir(), "p.db"), "--addr", freeAddr(t), "--instruments", dir)
	if code != 1 || !strings.Contains(errOut, "mini.v1.json") || !strings.Contains(errOut, `item "q1"`) {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
}

// import, export and cards print read --instruments as serve does: an
// organisation's own instrument and its own wording of the visit card.
func TestInstrumentsFlagOfCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	folder := filepath.Join(dir, "instruments")
	os.Mkdir(folder, 0o700)
	lobby := `{"key":"lobby","version":1,"title":{"fi":"Aula","sv":"Entré","en":"Lobby"},"groups":[{"key":"g","title":{"fi":"a","sv":"b","en":"c"}}],
	 "items":[{"key":"clean","type":"choice","group":"g","text":{"fi":"Siisti?","sv":"Snyggt?","en":"Tidy?"},
	  "options":[{"key":"yes","text":{"fi":"Kyllä","sv":"Ja","en":"Yes"}},{"key":"no","text":{"fi":"Ei","sv":"Nej","en":"No"}}]}]}`
	visit, err := os.ReadFile("../../survey/instruments/visit.v1.json")
	if err != nil {
		t.Fatal(err)
	}
	visit2 := strings.Replace(strings.Replace(string(visit), `"version": 1`, `"version": 2`, 1),
		"Vastasiko tämä tapaaminen odotuksiasi?", "Oliko tapaaminen sitä, mitä odotit?", 1)
	os.WriteFile(filepath.Join(folder, "lobby.v1.json"), []byte(lobby), 0o600)
	os.WriteFile(filepath.Join(folder, "visit.v2.json"), []byte(visit2), 0o600)
	csvFile := filepath.Join(dir, "lobby.csv")
	var rows strings.Builder
	rows.WriteString("date,lang,card,channel,clean\n")
	for i := range 8 {
		fmt.Fprintf(&rows, "2025-03-%02d,fi,,paper,%s\n", 1+i, []string{"yes", "no"}[i%2])
	}
	os.WriteFile(csvFile, []byte(rows.String()), 0o600)
	if code, _, errOut := palaute(t, "", "import", "--db", db, "--survey", "lobby", "--file", csvFile); code != 2 || !strings.Contains(errOut, `--survey "lobby"`) {
		t.Fatalf("import of an unknown survey: %d %s", code, errOut)
	}
	if code, out, errOut := palaute(t, "", "import", "--db", db, "--survey", "lobby", "--file", csvFile, "--instruments", folder); code != 0 || !strings.Contains(out, "8 new") {
		t.Fatalf("import with --instruments: %d %s %s", code, out, errOut)
	}
	if code, _, errOut := palaute(t, "", "rollup", "rebuild", "--db", db); code != 1 || !strings.Contains(errOut, `survey "lobby" version 1: its instrument is not loaded`) {
		t.Fatalf("rollup rebuild without the instrument: %d %s", code, errOut)
	}
	if code, out, errOut := palaute(t, "", "rollup", "rebuild", "--db", db, "--instruments", folder); code != 0 || !strings.Contains(out, "rollups rebuilt: 3 rows") {
		t.Fatalf("rollup rebuild with --instruments: %d %s %s", code, out, errOut)
	}
	xlsx := filepath.Join(dir, "lobby.xlsx")
	if code, out, errOut := palaute(t, "", "export", "--db", db, "--survey", "lobby", "--year", "2025", "--out", xlsx, "--instruments", folder); code != 0 || !strings.Contains(out, "written to") {
		t.Fatalf("export with --instruments: %d %s %s", code, out, errOut)
	}
	palaute(t, "", "card", "add", "--db", db, "--code", "BLUE", "--colour", "#0072B2")
	sheet := filepath.Join(dir, "blue.html")
	if code, _, errOut := palaute(t, "", "cards", "print", "--db", db, "--code", "BLUE", "--lang", "fi", "--out", sheet, "--instruments", folder); code != 0 {
		t.Fatal(errOut)
	}
	if html, _ := os.ReadFile(sheet); !strings.Contains(string(html), "Oliko tapaaminen sitä, mitä odotit?") {
		t.Fatal("cards print ignored the visit card's wording in --instruments")
	}
}

func TestServeAddsInstrumentsFromFolder(t *testing.T) {
	dir := t.TempDir()
	def := `{"key":"lobby","version":1,"title":{"fi":"Aula","sv":"Entré","en":"Lobby"},"groups":[{"key":"g","title":{"fi":"a","sv":"b","en":"c"}}],
	 "items":[{"key":"clean","type":"choice","group":"g","text":{"fi":"Siisti?","sv":"Snyggt?","en":"Tidy?"},
	  "options":[{"key":"yes","text":{"fi":"Kyllä","sv":"Ja","en":"Yes"}},{"key":"no","text":{"fi":"Ei","sv":"Nej","en":"No"}}]}]}`
	if err := os.WriteFile(filepath.Join(dir, "lobby.v1.json"), []byte(def), 0o644); err != nil {
		t.Fatal(err)
	}
	base, _, stop := serve(t, "--db", filepath.Join(t.TempDir(), "p.db"), "--instruments", dir)
	defer stop()
	resp, err := http.Get(base + "/api/v1/surveys")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ Surveys []struct{ Key string } }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, s := range out.Surveys {
		keys = append(keys, s.Key)
	}
	if strings.Join(keys, ",") != "lobby,national,satisfaction,visit" {
		t.Fatalf("surveys %v", keys)
	}
}

func TestCardsPrintCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	if code, _, errOut := palaute(t, "", "card", "add", "--db", db, "--code", "GREEN", "--colour", "#009E73"); code != 0 {
		t.Fatal(errOut)
	}
	out := filepath.Join(dir, "green.html")
	code, stdout, errOut := palaute(t, "", "cards", "print", "--db", db, "--code", "green", "--count", "10", "--lang", "fi+sv", "--out", out, "--public-url", "https://palaute.example.fi")
	if code != 0 || !strings.Contains(stdout, "10 cards for GREEN") || !strings.Contains(stdout, "3 sheets") {
		t.Fatalf("cards print: %d %s %s", code, stdout, errOut)
	}
	html, _ := os.ReadFile(out)
	if n := strings.Count(string(html), `data-token=`); n != 10 || !strings.Contains(string(html), "<style>") {
		t.Fatalf("sheet has %d cards, inline style %v", n, strings.Contains(string(html), "<style>"))
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--code", "NOPE", "--out", out}, "no card NOPE"},
		{[]string{"--code", "GREEN", "--out", out, "--lang", "en"}, "fi,sv (the default), fi, sv or fi+sv"},
		{[]string{"--code", "GREEN", "--out", out, "--count", "0"}, "1–1000"},
		{[]string{"--code", "GREEN"}, "--out are required"},
	} {
		code, _, errOut := palaute(t, "", append([]string{"cards", "print", "--db", db}, tt.args...)...)
		if code == 0 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: %d %s", tt.args, code, errOut)
		}
	}
}

// Identical rows are common on a three-question card: each is a response,
// and importing a file again, or a later file that repeats it, stores
// nothing twice.
func TestImportKeepsIdenticalRows(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	if code, _, errOut := palaute(t, "", "card", "add", "--db", db, "--code", "BLUE", "--colour", "#0072B2"); code != 0 {
		t.Fatal(errOut)
	}
	rows := "date,lang,card,channel,q1,q2,q2_text,q3\n" + strings.Repeat("2025-04-02,fi,BLUE,paper,yes,5,,\n", 4) + "2025-04-02,sv,,paper,no,2,,\n"
	file := filepath.Join(dir, "cards.csv")
	os.WriteFile(file, []byte(rows), 0o600)
	for _, want := range []string{"imported 5 rows into visit: 5 new, 0 already there", "imported 5 rows into visit: 0 new, 5 already there"} {
		if code, out, errOut := palaute(t, "", "import", "--db", db, "--survey", "visit", "--file", file); code != 0 || !strings.Contains(out, want) {
			t.Fatalf("import: %d %q %s, want %q", code, out, errOut, want)
		}
	}
	os.WriteFile(file, []byte(rows+"2025-04-02,fi,BLUE,paper,yes,5,,\n2025-04-03,fi,,paper,partly,3,,\n"), 0o600)
	if code, out, errOut := palaute(t, "", "import", "--db", db, "--survey", "visit", "--file", file); code != 0 || !strings.Contains(out, "7 rows into visit: 2 new, 5 already there") {
		t.Fatalf("later file: %d %q %s", code, out, errOut)
	}
	s, _ := store.Open(context.Background(), db, store.Options{})
	defer s.Close()
	if counts, _ := s.CountResponses(context.Background()); counts["visit"] != 7 {
		t.Fatalf("%d stored, want 7", counts["visit"])
	}
	os.WriteFile(file, []byte("date,lang,card,channel,q1,q2,q1\n2025-04-02,fi,,paper,yes,5,no\n"), 0o600)
	if code, _, errOut := palaute(t, "", "import", "--db", db, "--survey", "visit", "--file", file); code != 1 || !strings.Contains(errOut, "row 1, q1: duplicate_key") {
		t.Fatalf("a column twice: %d %s", code, errOut)
	}
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	good := filepath.Join(dir, "2019.csv")
	os.WriteFile(good, []byte("date,lang,card,channel,q1,q2,q12\n2019-04-03,fi,,paper,4,5,4\n2019-04-04,sv,,paper,3,,2\n"), 0o644)
	code, out, errOut := palaute(t, "", "import", "--db", db, "--survey", "satisfaction", "--file", good)
	if code != 0 || !strings.Contains(out, "2 new, 0 already there") {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	if code, out, _ := palaute(t, "", "import", "--db", db, "--survey", "satisfaction", "--file", good); code != 0 || !strings.Contains(out, "0 new, 2 already there") {
		t.Fatalf("second import: %d %s", code, out)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("date,lang,card,channel,q1\n2019-04-03,fi,,paper,4\n2019-04-05,fi,,paper,9\n"), 0o644)
	code, _, errOut = palaute(t, "", "import", "--db", db, "--survey", "satisfaction", "--file", bad)
	if code != 1 || !strings.Contains(errOut, "row 3, answers.q1: out_of_range") || !strings.Contains(errOut, "nothing was imported") {
		t.Fatalf("bad file: %d %s", code, errOut)
	}
	s, _ := store.Open(context.Background(), db, store.Options{})
	defer s.Close()
	counts, _ := s.CountResponses(context.Background())
	if counts["satisfaction"] != 2 {
		t.Fatalf("%d stored after a failed import, want the 2 from before", counts["satisfaction"])
	}
}

func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	csvFile := filepath.Join(dir, "2019.csv")
	var rows strings.Builder
	rows.WriteString("date,lang,card,channel,q1,q12,free\n")
	for i := range 8 {
		fmt.Fprintf(&rows, "2019-04-%02d,fi,,paper,%d,4,kiitos %d\n", i+1, 1+i%5, i)
	}
	os.WriteFile(csvFile, []byte(rows.String()), 0o644)
	if code, _, errOut := palaute(t, "", "import", "--db", db, "--survey", "satisfaction", "--file", csvFile); code != 0 {
		t.Fatal(errOut)
	}
	out := filepath.Join(dir, "2019.xlsx")
	code, stdout, errOut := palaute(t, "", "export", "--db", db, "--survey", "satisfaction", "--year", "2019", "--out", out, "--lang", "sv")
	if code != 0 || !strings.Contains(stdout, "written to") {
		t.Fatalf("export: %d %s %s", code, stdout, errOut)
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() < 5000 {
		t.Fatalf("workbook %v %v", fi, err)
	}
	if code, _, errOut := palaute(t, "", "export", "--db", db, "--survey", "satisfaction", "--year", "2019", "--out", out, "--lang", "de"); code != 2 || !strings.Contains(errOut, "fi, sv or en") {
		t.Fatalf("German export: %d %s", code, errOut)
	}
	// The threshold is the organisation's setting: raised above the
	// year's 8 answers, the export shows none of them.
	if code, _, errOut := palaute(t, "", "settings", "set", "threshold", "2", "--db", db); code != 2 || !strings.Contains(errOut, "3 or more") {
		t.Fatalf("threshold 2: %d %s", code, errOut)
	}
	if code, _, errOut := palaute(t, "", "settings", "set", "threshold", "9", "--db", db); code != 0 {
		t.Fatalf("threshold 9: %d %s", code, errOut)
	}
	if code, _, errOut := palaute(t, "", "export", "--db", db, "--survey", "satisfaction", "--year", "2019", "--out", out, "--lang", "en"); code != 0 {
		t.Fatal(errOut)
	}
	x, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := x.GetCellValue("Summary", "B2"); n != "" {
		t.Errorf("export at threshold 9 shows %s answers", n)
	}
	if rows, _ := x.GetRows("Raw data"); len(rows) > 1 {
		t.Errorf("export at threshold 9 has %d raw rows", len(rows)-1)
	}
}
