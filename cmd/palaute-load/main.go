// Command palaute-load measures Palaute's durable write throughput on this
// machine, on loopback only and bounded in time: (a) the raw rate of the
// store with one response per transaction, in process, and (b) HTTP
// submissions from concurrent clients against the real server binary,
// with latency percentiles and the server's peak memory.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// config is the command line.
type config struct {
	bin      string
	clients  int
	duration time.Duration
	raw      time.Duration
	dir      string
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("palaute-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg config
	fs.StringVar(&cfg.bin, "bin", "bin/palaute", "palaute binary to serve with")
	fs.IntVar(&cfg.clients, "clients", 64, "concurrent HTTP clients")
	fs.DurationVar(&cfg.duration, "duration", 10*time.Second, "length of the HTTP run")
	fs.DurationVar(&cfg.raw, "raw", 5*time.Second, "length of the raw store run")
	fs.StringVar(&cfg.dir, "dir", "", "folder for the databases (default: a new temporary folder on the same disk as ./data)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if cfg.clients < 1 || cfg.duration <= 0 || cfg.raw <= 0 || cfg.duration > 10*time.Minute || cfg.raw > 10*time.Minute {
		fmt.Fprintln(stderr, "palaute-load: --clients must be 1 or more and --duration, --raw between 0 and 10m")
		return 2
	}
	if _, err := os.Stat(cfg.bin); err != nil {
		fmt.Fprintf(stderr, "palaute-load: no binary at %s; run 'make build' first or give --bin\n", cfg.bin)
		return 2
	}
	if cfg.dir == "" {
		if err := os.MkdirAll("data", 0o750); err != nil {
			fmt.Fprintln(stderr, "palaute-load:", err)
			return 1
		}
		dir, err := os.MkdirTemp("data", "load-")
		if err != nil {
			fmt.Fprintln(stderr, "palaute-load:", err)
			return 1
		}
		defer os.RemoveAll(dir)
		cfg.dir = dir
	}
	raw, err := rawRate(ctx, filepath.Join(cfg.dir, "raw.db"), cfg.raw)
	if err != nil {
		fmt.Fprintln(stderr, "palaute-load: raw run:", err)
		return 1
	}
	h, err := httpRun(ctx, cfg, filepath.Join(cfg.dir, "http.db"))
	if err != nil {
		fmt.Fprintln(stderr, "palaute-load: HTTP run:", err)
		return 1
	}
	ratio := h.rate / raw.rate
	fmt.Fprintf(stdout, "raw store, one response per transaction (synchronous=FULL): %d in %.1fs = %.0f responses/s\n", raw.n, raw.took.Seconds(), raw.rate)
	fmt.Fprintf(stdout, "HTTP, %d clients against the server: %d acknowledged (201) in %.1fs = %.0f responses/s, %d errors\n",
		cfg.clients, h.ok, h.took.Seconds(), h.rate, h.errors)
	fmt.Fprintf(stdout, "latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", ms(h.p50), ms(h.p99), ms(h.max))
	fmt.Fprintf(stdout, "mean commit batch %.1f submissions\n", h.meanBatch)
	fmt.Fprintf(stdout, "server peak RSS %.1f MB\n", float64(h.peakRSS)/1e6)
	fmt.Fprintf(stdout, "ratio HTTP/raw %.2f\n", ratio)
	checks := []struct {
		name string
		ok   bool
	}{
		{"HTTP throughput at least 2x the raw rate", ratio >= 2},
		{"p99 at most 50 ms", h.p99 <= 50*time.Millisecond},
		{"server peak RSS at most 100 MB", h.peakRSS <= 100e6},
		{"no errors", h.errors == 0},
	}
	missed := 0
	for _, c := range checks {
		mark := "ok  "
		if !c.ok {
			mark = "MISS"
			missed++
		}
		fmt.Fprintf(stdout, "%s %s\n", mark, c.name)
	}
	if missed > 0 {
		return 1
	}
	return 0
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// palaute runs the binary and returns the last line of its output.
func palaute(bin string, args ...string) (string, error) {
	out, err := exec.Command(bin, args...).Output()
	if err != nil {
		return "", fmt.Errorf("%s %s: %w", bin, strings.Join(args, " "), err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return lines[len(lines)-1], nil
}
