package main

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--clients", "0"},
		{"--duration", "11m"},
		{"--bin", filepath.Join(t.TempDir(), "missing")},
	} {
		var out, errb bytes.Buffer
		if code := run(context.Background(), args, &out, &errb); code != 2 || errb.Len() == 0 {
			t.Errorf("%v: exit %d, stderr %q", args, code, errb.String())
		}
	}
}

// TestShortRun runs both measurements briefly against a freshly built
// server and checks every figure is reported. The targets are for the
// full run of 'make bench-load', so the exit status is not judged here.
func TestShortRun(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "palaute")
	if out, err := exec.Command("go", "build", "-o", bin, "../palaute").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"--bin", bin, "--duration", "1s", "--raw", "300ms", "--clients", "8", "--dir", t.TempDir()}, &out, &errb)
	if code != 0 && code != 1 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"raw store, one response per transaction", "HTTP, 8 clients", "latency p50", "server peak RSS", "ratio HTTP/raw"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), " 0 acknowledged") {
		t.Errorf("nothing acknowledged:\n%s", out.String())
	}
}
