// Package server is Palaute's HTTP interface: every route is registered in
// routes.go with the access it needs, and each handler lives in a file of
// its own named noun_verb.go.
package server

import (
	"fmt"
	"html/template"
	"log/slog"
	"net/netip"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"palaute/kiosk"
	"palaute/report"
	"palaute/survey"
	"palaute/survey/locale"
	"palaute/survey/metrics"
	"palaute/survey/store"
)

// MaxBodyBytes is the largest response submission accepted.
const MaxBodyBytes = 64 << 10

// readLimit caps what the server reads of any request body at all; routes
// set their own, tighter limits with bodyLimit.
const readLimit = 128 << 10

// formLimit is the largest body of a staff form.
const formLimit = 16 << 10

// Config holds what the handlers depend on.
type Config struct {
	DB      *store.DB
	Catalog *locale.Catalog
	Logger  *slog.Logger
	// Now is the clock; Location the organisation's time zone, which
	// decides what day a response belongs to.
	Now      func() time.Time
	Location *time.Location
	// Metrics are updated by every request; nil makes a fresh set.
	Metrics *metrics.Metrics
	// MetricsFrom are client addresses that may read /metrics without
	// credentials (a Prometheus scraper); admins may always.
	MetricsFrom []netip.Prefix
	// Kiosk are the kiosk screens' settings; zero means the defaults.
	Kiosk kiosk.Settings
	// TrustedProxies may say, in X-Forwarded-For and X-Forwarded-Proto,
	// who the client is and whether it came over HTTPS.
	TrustedProxies []netip.Prefix
	// SubmitRate and SubmitBurst limit the submissions of each kiosk,
	// card token and user: SubmitRate a second on average, SubmitBurst at
	// once. Zero takes the defaults; a negative rate turns the limit off
	// (load tests).
	SubmitRate  float64
	SubmitBurst int
	// PublicURL is the address printed in QR codes and pairing links;
	// empty means the address each request came to.
	PublicURL string
	// KioskVersion names the kiosk app's version, which tablets switch to
	// at their next idle moment when it changes; empty means a checksum of
	// the embedded assets, which every change to them changes.
	KioskVersion string
	// WorkerPrintLimit is how many cards a worker may print a day; zero
	// means DefaultWorkerPrintLimit.
	WorkerPrintLimit int
}

// Default submission limit: a tablet that was offline sends its queue at
// once, a large burst; then a steady rate no person reaches by hand.
const (
	DefaultSubmitRate  = 5
	DefaultSubmitBurst = 600
)

// Server holds the handlers' dependencies.
type Server struct {
	db  *store.DB
	reg *survey.Registry
	cat *locale.Catalog
	log *slog.Logger
	now func() time.Time
	loc *time.Location
	met *metrics.Metrics
	// metricsFrom are the addresses allowed to scrape /metrics.
	metricsFrom []netip.Prefix
	metricsHTTP fiber.Handler
	kiosk       kiosk.Settings
	static      *staticFiles
	// kioskVersion is the kiosk app's version, as tablets are told.
	kioskVersion string
	pages        map[string]*template.Template
	proxies      []netip.Prefix
	public       string
	src          *report.Source
	walls        posterCache
	printLimit   int // cards a worker may print a day

	// Rate limits.
	submitLimit   *bucket // per kiosk, card token or user
	deviceLimit   *bucket // heartbeats and the like, per kiosk
	pairLimit     *bucket // pairing and contact forms, per client address
	loginFailures *window // per account and per client address
	refusedLogged *window // refused logins already in the audit log
	hashes        *hashGate
}

// New builds the Fiber application with every route. It fails when an
// embedded template or asset is missing or broken.
func New(cfg Config) (*fiber.App, error) {
	s := &Server{db: cfg.DB, reg: cfg.DB.Instruments(), cat: cfg.Catalog, log: cfg.Logger, now: cfg.Now, loc: cfg.Location,
		met: cfg.Metrics, metricsFrom: cfg.MetricsFrom, kiosk: cfg.Kiosk, proxies: cfg.TrustedProxies, public: strings.TrimRight(cfg.PublicURL, "/"),
		submitLimit:   newBucket(DefaultSubmitRate, DefaultSubmitBurst),
		pairLimit:     newBucket(0.5, 20),
		loginFailures: newWindow(loginWindow), refusedLogged: newWindow(loginWindow),
		hashes: newHashGate(hashSlots, hashQueue, hashWait)}
	switch {
	case cfg.SubmitRate < 0:
		s.submitLimit = nil
	case cfg.SubmitRate > 0:
		s.submitLimit = newBucket(cfg.SubmitRate, max(cfg.SubmitBurst, 1))
	}
	if s.kiosk == (kiosk.Settings{}) {
		s.kiosk = kiosk.DefaultSettings()
	}
	// A kiosk may report a few times as often as it is told to (at start,
	// after an error, back online), never much more.
	s.deviceLimit = newBucket(max(1.0/15, 4/s.kiosk.HeartbeatEvery().Seconds()), 20)
	var err error
	if s.static, err = loadStatic(); err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	if s.pages, err = parseTemplates(s.static); err != nil {
		return nil, err
	}
	s.kioskVersion = cfg.KioskVersion
	s.printLimit = cfg.WorkerPrintLimit
	if s.printLimit <= 0 {
		s.printLimit = DefaultWorkerPrintLimit
	}
	if s.kioskVersion == "" {
		s.kioskVersion = s.static.version()
	}
	if s.met == nil {
		s.met = metrics.New(cfg.DB.Path())
	}
	s.metricsHTTP = metricsHandler(s.met)
	s.met.WatchKiosks(s.kioskSamples)
	if s.now == nil {
		s.now = time.Now
	}
	if s.loc == nil {
		s.loc = time.UTC
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.src = &report.Source{DB: s.db, Registry: s.reg, Now: s.now, Location: s.loc}
	app := fiber.New(fiber.Config{
		AppName:               "Palaute",
		BodyLimit:             readLimit,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          30 * time.Second,
		IdleTimeout:           120 * time.Second,
		DisableStartupMessage: true,
		ErrorHandler:          s.handleError,
	})
	app.Use(recover.New(recover.Config{EnableStackTrace: true, StackTraceHandler: s.logPanic}))
	app.Use(s.logRequest)
	app.Use(s.securityHeaders)
	s.routes(app)
	return app, nil
}

// today is the current day in the organisation's time zone.
func (s *Server) today() time.Time { return s.now().In(s.loc) }

// unlogged are the routes clients answer through. A log line per answer
// would keep the time of day each answer came in, which responses do not
// keep: /metrics counts these routes instead.
var unlogged = map[string]bool{"/api/v1/responses": true, "/kiosk/contact": true, "/v/:token": true}

// logRequest writes one structured line per request, except on the
// routes clients answer through: the route pattern, never the path (a
// card token may be in it) and never the body.
func (s *Server) logRequest(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil {
		if fe, ok := err.(*fiber.Error); ok {
			status = fe.Code
		} else {
			status = statusOf(err)
		}
	}
	took := time.Since(start)
	// Label values outlive the request, whose memory Fiber reuses: copy.
	s.met.Request(strings.Clone(c.Route().Path), strings.Clone(c.Method()), status, took)
	if !unlogged[c.Route().Path] || status >= 500 {
		s.log.Info("request", "method", c.Method(), "route", c.Route().Path, "status", status, "ms", took.Milliseconds())
	}
	return err
}

func (s *Server) logPanic(c *fiber.Ctx, e any) {
	s.log.Error("panic", "method", c.Method(), "route", c.Route().Path, "panic", e)
}
