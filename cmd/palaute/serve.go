package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"os"
	"strings"
	"time"

	"palaute/kiosk"
	"palaute/report"
	"palaute/survey"
	"palaute/survey/demo"
	"palaute/survey/locale"
	"palaute/survey/metrics"
	"palaute/survey/server"
	"palaute/survey/store"
)

// serveConfig is everything serve is told on its command line.
type serveConfig struct {
	db          string
	addr        string
	publicURL   string
	demo        bool
	timezone    string
	instruments string
	metricsFrom []netip.Prefix
	backupDir   string
	backupEvery time.Duration
	backupKeep  int
	kiosk       kiosk.Settings
	threshold   int
	submitRate  float64
	submitBurst int
	printLimit  int
	proxies     []netip.Prefix
	retention   store.Retention
}

// cmdServe migrates the database, optionally fills it with demo data, and
// serves until the context ends (SIGINT or SIGTERM), then shuts down
// gracefully.
func cmdServe(e env, args []string) error {
	fs, dbPath := newFlags(e, "serve")
	var cfg serveConfig
	fs.StringVar(&cfg.addr, "addr", envOr("PALAUTE_ADDR", "127.0.0.1:8080"), "listen address HOST:PORT (env PALAUTE_ADDR)")
	fs.StringVar(&cfg.publicURL, "public-url", os.Getenv("PALAUTE_PUBLIC_URL"), "address printed in QR codes and pairing links (env PALAUTE_PUBLIC_URL; default http:// + --addr)")
	fs.BoolVar(&cfg.demo, "demo", false, "fill an empty database with a demo organisation and three years of responses")
	fs.StringVar(&cfg.timezone, "tz", envOr("PALAUTE_TZ", "Europe/Helsinki"), "the organisation's time zone, which decides a response's day (env PALAUTE_TZ)")
	fs.StringVar(&cfg.instruments, "instruments", os.Getenv("PALAUTE_INSTRUMENTS"), "folder of extra instrument definitions (*.json) beside the built-in ones (env PALAUTE_INSTRUMENTS)")
	fs.StringVar(&cfg.backupDir, "backup-dir", os.Getenv("PALAUTE_BACKUP_DIR"), "folder for automatic, verified backups (env PALAUTE_BACKUP_DIR; none when empty)")
	fs.DurationVar(&cfg.backupEvery, "backup-every", 24*time.Hour, "time between automatic backups")
	fs.IntVar(&cfg.backupKeep, "backup-keep", 14, "automatic backups to keep; older ones are removed")
	cfg.kiosk = kiosk.DefaultSettings()
	period := fs.String("survey-period", envOr("PALAUTE_SURVEY_PERIOD", cfg.kiosk.Period.String()), "when the annual survey runs each year, MM-DD..MM-DD (env PALAUTE_SURVEY_PERIOD)")
	fs.BoolVar(&cfg.kiosk.OfferBoth, "kiosk-offer-both", false, "kiosks offer the annual survey all year, not only in its period")
	fs.DurationVar(&cfg.kiosk.Idle, "kiosk-idle", cfg.kiosk.Idle, "time without a touch before a kiosk offers to continue, then wipes the answers")
	fs.IntVar(&cfg.threshold, "threshold", report.DefaultThreshold, "anonymity threshold for a new database (3 or more); afterwards: palaute settings set threshold N")
	fs.Float64Var(&cfg.submitRate, "submit-rate", server.DefaultSubmitRate, "submissions a second each kiosk, card or user may send on average; 0 turns the limit off")
	fs.IntVar(&cfg.submitBurst, "submit-burst", server.DefaultSubmitBurst, "submissions each kiosk, card or user may send at once (an offline tablet's queue)")
	fs.IntVar(&cfg.printLimit, "worker-print-limit", server.DefaultWorkerPrintLimit, "cards each worker may print a day on /me/cards")
	proxies := fs.String("trusted-proxy", os.Getenv("PALAUTE_TRUSTED_PROXY"), "comma-separated addresses or ranges of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (env PALAUTE_TRUSTED_PROXY)")
	fs.IntVar(&cfg.retention.TextMonths, "retain-text-months", 0, "delete free-text answers this many months after their day; 0 keeps them")
	fs.IntVar(&cfg.retention.ContactMonths, "retain-contact-months", 12, "delete panel contacts this many months after they came in; 0 keeps them")
	metricsFrom := fs.String("metrics-from", os.Getenv("PALAUTE_METRICS_FROM"), "comma-separated addresses or CIDR ranges that may read /metrics without an admin token (env PALAUTE_METRICS_FROM)")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg.db = *dbPath
	var err error
	if cfg.kiosk.Period, err = survey.ParsePeriod(*period); err != nil {
		return usagef("--survey-period: %v", err)
	}
	if cfg.kiosk.Idle < 5*time.Second {
		return usagef("--kiosk-idle must be at least 5s")
	}
	if cfg.backupEvery < time.Minute || cfg.backupKeep < 1 {
		return usagef("--backup-every must be at least 1m and --backup-keep at least 1")
	}
	if cfg.proxies, err = parsePrefixes(*proxies); err != nil {
		return usagef("--trusted-proxy: %v; give addresses like 10.0.0.1 or ranges like 10.0.0.0/24", err)
	}
	if cfg.threshold < report.MinThreshold {
		return usagef("--threshold must be %d or more: fewer answers could identify a client", report.MinThreshold)
	}
	if cfg.printLimit < 1 {
		return usagef("--worker-print-limit must be 1 or more")
	}
	if cfg.submitRate < 0 || cfg.retention.TextMonths < 0 || cfg.retention.ContactMonths < 0 {
		return usagef("--submit-rate and the retention months cannot be negative")
	}
	if cfg.metricsFrom, err = parsePrefixes(*metricsFrom); err != nil {
		return usagef("--metrics-from: %v; give addresses like 127.0.0.1 or ranges like 10.0.0.0/24", err)
	}
	if _, _, err := net.SplitHostPort(cfg.addr); err != nil {
		return usagef("--addr %q must be HOST:PORT, e.g. 127.0.0.1:8080", cfg.addr)
	}
	loc, err := time.LoadLocation(cfg.timezone)
	if err != nil {
		return usagef("--tz %q is not a time zone; use e.g. Europe/Helsinki", cfg.timezone)
	}
	if cfg.publicURL == "" {
		cfg.publicURL = "http://" + cfg.addr
	}
	cfg.publicURL = strings.TrimRight(cfg.publicURL, "/")
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))

	reg, err := loadInstruments(cfg.instruments)
	if err != nil {
		return err
	}
	cat, err := locale.Load()
	if err != nil {
		return err
	}
	met := metrics.New(cfg.db)
	db, err := openDB(e, cfg.db, store.Options{OnCommit: met.Commit, Logger: log, Instruments: reg})
	if err != nil {
		return err
	}
	// Closing lets the writer commit what is queued; it runs after the
	// HTTP server has stopped taking requests and drained its handlers.
	defer db.Close()

	if err := report.SetThreshold(e.ctx, db, cfg.threshold, true); err != nil {
		return err
	}
	var sum demo.Summary
	if cfg.demo {
		if sum, err = demo.Fill(e.ctx, db, reg, time.Now().In(loc)); err != nil {
			return fmt.Errorf("fill demo data: %w", err)
		}
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w (is another Palaute running? choose another --addr)", cfg.addr, err)
	}
	app, err := server.New(server.Config{DB: db, Catalog: cat, Logger: log, Location: loc,
		Metrics: met, MetricsFrom: cfg.metricsFrom, Kiosk: cfg.kiosk, TrustedProxies: cfg.proxies,
		SubmitRate: submitRate(cfg.submitRate), SubmitBurst: cfg.submitBurst, PublicURL: cfg.publicURL,
		WorkerPrintLimit: cfg.printLimit})
	if err != nil {
		ln.Close()
		return err
	}
	// Counted before serving: a request that stops the server at once
	// must not find the welcome still reading.
	counts, err := db.CountResponses(e.ctx)
	if err != nil {
		ln.Close()
		return err
	}
	done := make(chan error, 1)
	go func() { done <- app.Listener(ln) }()
	printWelcome(e, counts, cfg, sum)
	backupsDone := make(chan struct{})
	backupCtx, stopBackups := context.WithCancel(e.ctx)
	defer func() { stopBackups(); <-backupsDone }()
	go func() {
		defer close(backupsDone)
		if cfg.backupDir != "" {
			store.BackupSchedule{Dir: cfg.backupDir, Every: cfg.backupEvery, Keep: cfg.backupKeep, Log: log}.Run(backupCtx, db)
		}
	}()
	retentionDone := make(chan struct{})
	defer func() { stopBackups(); <-retentionDone }()
	go func() {
		defer close(retentionDone)
		runRetention(backupCtx, db, cfg.retention, log)
	}()
	select {
	case err := <-done:
		return fmt.Errorf("server stopped: %w", err)
	case <-e.ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight")
	if err := app.ShutdownWithTimeout(15 * time.Second); err != nil {
		log.Error("shutdown", "err", err)
	}
	return nil
}

// loadInstruments returns the built-in instruments, plus those in dir.
func loadInstruments(dir string) (*survey.Registry, error) {
	reg, err := survey.Builtin()
	if err != nil {
		return nil, fmt.Errorf("built-in instrument definitions are broken: %w", err)
	}
	if dir == "" {
		return reg, nil
	}
	extra, err := survey.Load(os.DirFS(dir))
	if err != nil {
		return nil, fmt.Errorf("instrument definitions in %s: %w; fix the file or leave out --instruments", dir, err)
	}
	if err := reg.Merge(extra); err != nil {
		return nil, fmt.Errorf("instrument definitions in %s: %w; give a changed definition a new version", dir, err)
	}
	return reg, nil
}

func printWelcome(e env, counts map[string]int, cfg serveConfig, sum demo.Summary) {
	w := e.stdout
	u := cfg.publicURL
	fmt.Fprintf(w, "Palaute is serving at %s (Ctrl+C stops it)\n", u)
	fmt.Fprintf(w, "Database: %s, %d responses (visit cards %d, annual survey %d)\n",
		cfg.db, total(counts), counts["visit"], counts["satisfaction"])
	switch {
	case sum.Filled:
		fmt.Fprintln(w, "Demo organisation added: 2 units, 6 worker cards, a paired kiosk, 3 years of responses.")
	case cfg.demo && !sum.IsDemo:
		fmt.Fprintln(w, "The database already holds data, so no demo data was added.")
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  Health check:        %s/healthz\n", u)
	fmt.Fprintf(w, "  Instruments (JSON):  %s/api/v1/surveys\n", u)
	fmt.Fprintf(w, "  Staff pages:         %s/login\n", u)
	fmt.Fprintf(w, "  Lobby poster:        %s/poster (full screen: %s/poster?view=wall)\n", u, u)
	fmt.Fprintf(w, "  Kiosk screen:        %s/kiosk (annual survey offered %s)\n", u, surveyOffer(cfg.kiosk))
	if cfg.backupDir != "" {
		fmt.Fprintf(w, "  Backups:             %s, every %s, newest %d kept\n", cfg.backupDir, cfg.backupEvery, cfg.backupKeep)
	}
	if !sum.IsDemo {
		fmt.Fprintln(w, "\nAdd kiosks, cards, users and tokens with 'palaute kiosk add', 'card add', 'user add', 'token add'.")
		return
	}
	fmt.Fprintln(w, "\nDemo credentials (for trying Palaute only; never use a demo database in service):")
	fmt.Fprintf(w, "  Pair this browser as the demo lobby tablet: %s%s\n", u, kiosk.PairPath(demo.KioskToken))
	fmt.Fprintf(w, "  Kiosk token:         %s (Bearer token of the demo lobby tablet)\n", demo.KioskToken)
	fmt.Fprintf(w, "  Staff login:         %s/login\n", u)
	for _, l := range demo.Logins {
		cards := ""
		if len(l.Cards) > 0 {
			cards = ", card " + strings.Join(l.Cards, " ") + ": lands on /me"
		}
		fmt.Fprintf(w, "    %-8s password %-18s (role %s%s)\n", l.Name, l.Password, l.Role, cards)
	}
	fmt.Fprintf(w, "  Report API:          curl -H 'Authorization: Bearer %s' '%s/api/v1/reports/summary?survey=satisfaction&year=%d'\n", demo.ReportToken, u, time.Now().Year()-1)
	fmt.Fprintf(w, "  Charts and Excel:    log in as quality, then %s/reports/charts?survey=visit&year=%d\n", u, time.Now().Year())
	fmt.Fprintf(w, "  Metrics:             %s/metrics with an admin API token (palaute token add --role admin)\n", u)
	fmt.Fprintln(w, "\nSend a visit card as the demo kiosk:")
	fmt.Fprintf(w, "  curl -i -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' \\\n", demo.KioskToken)
	fmt.Fprintf(w, "    -d '{\"id\":\"%s\",\"survey\":\"visit\",\"lang\":\"fi\",\"card\":\"BLUE\",\"answers\":{\"q1\":\"yes\",\"q2\":5,\"q3\":\"Iltavastaanottoja\"}}' \\\n", exampleID)
	fmt.Fprintf(w, "    %s/api/v1/responses\n", u)
	fmt.Fprintln(w, "  (201 the first time, 200 when sent again with the same id.)")
}

const exampleID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"

// parsePrefixes reads a comma-separated list of addresses and CIDR ranges.
func parsePrefixes(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, part := range strings.Split(list, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if p, err := netip.ParsePrefix(part); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(part)
		if err != nil {
			return nil, fmt.Errorf("%q is not an address or range", part)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

func surveyOffer(k kiosk.Settings) string {
	if k.OfferBoth {
		return "all year"
	}
	return k.Period.String() + " each year"
}

// submitRate turns the command line's 0 (no limit) into the server's
// negative rate.
func submitRate(r float64) float64 {
	if r == 0 {
		return -1
	}
	return r
}

// runRetention deletes personal data past its retention now and then
// once a day, until ctx ends.
func runRetention(ctx context.Context, db *store.DB, r store.Retention, log *slog.Logger) {
	if r.TextMonths == 0 && r.ContactMonths == 0 {
		return
	}
	for {
		texts, contacts, err := db.ApplyRetention(ctx, r)
		if err != nil {
			log.Error("retention failed; retrying in a day", "err", err)
		} else if texts+contacts > 0 {
			log.Info("retention deleted personal data", "free_texts", texts, "contacts", contacts)
			db.Audit(ctx, "retention", "retention.delete", fmt.Sprintf("%d free texts, %d contacts", texts, contacts))
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(24 * time.Hour):
		}
	}
}
