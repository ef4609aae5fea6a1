// Package metrics holds Palaute's Prometheus metrics. Labels never carry
// answers, tokens or paths with tokens in them.
package metrics

import (
	"os"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Metrics are the collectors Palaute updates.
type Metrics struct {
	Registry *prometheus.Registry

	submissions *prometheus.CounterVec
	resends     prometheus.Counter
	batchSize   prometheus.Histogram
	commitTime  prometheus.Histogram
	commitFails prometheus.Counter
	requestTime *prometheus.HistogramVec
	kiosks      *kioskCollector
}

// New registers every collector. dbPath is the database file whose size
// (with its write-ahead log) is reported.
func New(dbPath string) *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		Registry: reg,
		submissions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "palaute_submissions_total",
			Help: "Response submissions by channel and HTTP status.",
		}, []string{"channel", "status"}),
		resends: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "palaute_submission_resends_total",
			Help: "Submissions that repeated an already stored response (answered 200, stored nothing).",
		}),
		batchSize: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "palaute_commit_batch_size",
			Help:    "Submissions stored per group commit.",
			Buckets: []float64{1, 2, 4, 8, 16, 32, 64, 128, 256},
		}),
		commitTime: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "palaute_commit_seconds",
			Help:    "Time to store and durably commit one batch.",
			Buckets: prometheus.ExponentialBuckets(0.0002, 2, 14),
		}),
		commitFails: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "palaute_commit_failures_total",
			Help: "Group commits that failed; their submissions were answered 503.",
		}),
		requestTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "palaute_http_request_seconds",
			Help:    "HTTP request latency by route pattern, method and status.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14),
		}, []string{"route", "method", "status"}),
		kiosks: &kioskCollector{
			lastSeen: prometheus.NewDesc("palaute_kiosk_last_seen_seconds",
				"Seconds since each working kiosk was last heard from (its heartbeat, to the minute).", []string{"kiosk", "name"}, nil),
			outbox: prometheus.NewDesc("palaute_kiosk_outbox",
				"Answers waiting in each working kiosk's outbox, as its last heartbeat said.", []string{"kiosk", "name"}, nil),
		},
	}
	reg.MustRegister(m.submissions, m.resends, m.batchSize, m.commitTime, m.commitFails, m.requestTime, m.kiosks,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "palaute_db_size_bytes",
			Help: "Size of the database file and its write-ahead log.",
		}, func() float64 { return float64(fileSize(dbPath) + fileSize(dbPath+"-wal")) }),
	)
	return m
}

// KioskSample is one kiosk's gauges: ID is its id, Name its name,
// LastSeen the time since its last heartbeat, Outbox the answers waiting
// on it.
type KioskSample struct {
	ID, Name string
	LastSeen time.Duration
	Outbox   int
}

// WatchKiosks sets where the kiosk gauges come from; it is asked at every
// scrape.
func (m *Metrics) WatchKiosks(samples func() []KioskSample) {
	m.kiosks.mu.Lock()
	defer m.kiosks.mu.Unlock()
	m.kiosks.samples = samples
}

// kioskCollector reads the kiosks' state at scrape time, so the gauges
// are never older than the heartbeats behind them.
type kioskCollector struct {
	lastSeen, outbox *prometheus.Desc
	mu               sync.Mutex
	samples          func() []KioskSample
}

func (k *kioskCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- k.lastSeen
	ch <- k.outbox
}

func (k *kioskCollector) Collect(ch chan<- prometheus.Metric) {
	k.mu.Lock()
	samples := k.samples
	k.mu.Unlock()
	if samples == nil {
		return
	}
	for _, s := range samples() {
		ch <- prometheus.MustNewConstMetric(k.lastSeen, prometheus.GaugeValue, s.LastSeen.Seconds(), s.ID, s.Name)
		ch <- prometheus.MustNewConstMetric(k.outbox, prometheus.GaugeValue, float64(s.Outbox), s.ID, s.Name)
	}
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// Gatherer is what /metrics serves.
func (m *Metrics) Gatherer() prometheus.Gatherer { return m.Registry }

// Submission counts one submission's outcome.
func (m *Metrics) Submission(channel string, status int) {
	if channel == "" {
		channel = "none"
	}
	m.submissions.WithLabelValues(channel, statusLabel(status)).Inc()
	if status == 200 {
		m.resends.Inc()
	}
}

// Request records one request's latency.
func (m *Metrics) Request(route, method string, status int, took time.Duration) {
	m.requestTime.WithLabelValues(route, method, statusLabel(status)).Observe(took.Seconds())
}

// Commit records one group commit; it fits store.Options.OnCommit.
func (m *Metrics) Commit(size int, took time.Duration, err error) {
	if err != nil {
		m.commitFails.Inc()
		return
	}
	m.batchSize.Observe(float64(size))
	m.commitTime.Observe(took.Seconds())
}

func statusLabel(status int) string {
	const digits = "0123456789"
	if status < 100 || status > 599 {
		return "other"
	}
	return string([]byte{digits[status/100], digits[status/10%10], digits[status%10]})
}
