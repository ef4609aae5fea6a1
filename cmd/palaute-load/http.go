package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/valyala/fasthttp"
)

type httpResult struct {
	ok, errors    int
	took          time.Duration
	rate          float64
	p50, p99, max time.Duration
	peakRSS       int64
	meanBatch     float64
}

// httpRun serves a fresh database with the real binary on loopback and
// sends submissions from cfg.clients clients for cfg.duration.
func httpRun(ctx context.Context, cfg config, db string) (httpResult, error) {
	var res httpResult
	token, err := palaute(cfg.bin, "kiosk", "add", "--db", db, "--name", "Load")
	if err != nil {
		return res, err
	}
	adminToken, err := palaute(cfg.bin, "token", "add", "--db", db, "--name", "Load metrics", "--role", "admin")
	if err != nil {
		return res, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return res, err
	}
	addr := ln.Addr().String()
	ln.Close()
	// The per-kiosk submission limit is off: this measures what the
	// server can take, not the policy that protects it.
	srv := exec.Command(cfg.bin, "serve", "--db", db, "--addr", addr, "--submit-rate", "0")
	srv.Stdout, srv.Stderr = io.Discard, io.Discard
	if err := srv.Start(); err != nil {
		return res, err
	}
	defer func() {
		srv.Process.Signal(syscall.SIGTERM)
		srv.Wait()
	}()
	base := "http://" + addr
	if err := waitHealthy(base, 30*time.Second); err != nil {
		return res, err
	}
	stopRSS := make(chan struct{})
	rssDone := make(chan int64)
	go func() { rssDone <- sampleRSS(srv.Process.Pid, stopRSS) }()

	// fasthttp's client costs the shared CPU less than net/http's, so
	// more of the machine measures the server.
	client := &fasthttp.Client{MaxConnsPerHost: cfg.clients, ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second}
	url := base + "/api/v1/responses"
	auth := "Bearer " + token
	var next atomic.Int64
	var okCount, errCount atomic.Int64
	lat := make([][]time.Duration, cfg.clients)
	runCtx, cancel := context.WithTimeout(ctx, cfg.duration)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for c := range cfg.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
			defer fasthttp.ReleaseRequest(req)
			defer fasthttp.ReleaseResponse(resp)
			for runCtx.Err() == nil {
				n := int(next.Add(1))
				req.Reset()
				req.SetRequestURI(url)
				req.Header.SetMethod("POST")
				req.Header.Set("Authorization", auth)
				req.Header.SetContentType("application/json")
				req.SetBodyString(body(n))
				t0 := time.Now()
				if err := client.Do(req, resp); err != nil {
					errCount.Add(1)
					continue
				}
				lat[c] = append(lat[c], time.Since(t0))
				if resp.StatusCode() == 201 {
					okCount.Add(1)
				} else {
					errCount.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	res.took = time.Since(start)
	close(stopRSS)
	res.peakRSS = <-rssDone
	res.ok, res.errors = int(okCount.Load()), int(errCount.Load())
	res.rate = float64(res.ok) / res.took.Seconds()
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	if len(all) > 0 {
		res.p50 = all[len(all)/2]
		res.p99 = all[len(all)*99/100]
		res.max = all[len(all)-1]
	}
	res.meanBatch = meanBatch(base, adminToken)
	return res, nil
}

func waitHealthy(base string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("server at %s did not become healthy", base)
}

// sampleRSS polls the process's resident memory until stop closes and
// returns the peak, taking the kernel's high-water mark into account.
func sampleRSS(pid int, stop <-chan struct{}) int64 {
	var peak int64
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		rss, hwm := procStatus(pid)
		peak = max(peak, rss, hwm)
		select {
		case <-stop:
			return peak
		case <-tick.C:
		}
	}
}

// procStatus reads VmRSS and VmHWM, in bytes, from /proc.
func procStatus(pid int) (rss, hwm int64) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(fields[1], 10, 64)
		switch fields[0] {
		case "VmRSS:":
			rss = kb * 1024
		case "VmHWM:":
			hwm = kb * 1024
		}
	}
	return rss, hwm
}

// meanBatch reads the commit batch histogram from /metrics.
func meanBatch(base, token string) float64 {
	req, _ := http.NewRequest("GET", base+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	var sum, count float64
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "palaute_commit_batch_size_sum "); ok {
			sum, _ = strconv.ParseFloat(v, 64)
		}
		if v, ok := strings.CutPrefix(line, "palaute_commit_batch_size_count "); ok {
			count, _ = strconv.ParseFloat(v, 64)
		}
	}
	if count == 0 {
		return 0
	}
	return sum / count
}
