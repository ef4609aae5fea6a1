package main

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// BenchmarkImport imports a CSV of annual-survey rows (1,000,000 unless
// PALAUTE_BENCH_IMPORT_ROWS says otherwise) with the binary named by
// PALAUTE_BENCH_IMPORT (make bench-import builds it), into a new
// database, and reports rows a second and the process's peak memory.
// The file is made once and kept under test-output/.
func BenchmarkImport(b *testing.B) {
	bin := os.Getenv("PALAUTE_BENCH_IMPORT")
	if bin == "" {
		b.Skip("set PALAUTE_BENCH_IMPORT to the palaute binary (make bench-import)")
	}
	rows := 1_000_000
	if v := os.Getenv("PALAUTE_BENCH_IMPORT_ROWS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("PALAUTE_BENCH_IMPORT_ROWS=%q is not a row count", v)
		}
		rows = n
	}
	csvPath, err := annualCSV(filepath.Join("..", "..", "test-output", "bench-import"), rows)
	if err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(csvPath)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		db := filepath.Join(b.TempDir(), "import.db")
		cmd := exec.Command(bin, "import", "--db", db, "--survey", "satisfaction", "--file", csvPath)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		out, err := cmd.Output()
		took := time.Since(start)
		if err != nil {
			b.Fatalf("import: %v\n%s%s", err, out, stderr.Bytes())
		}
		peak := float64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) / 1024 // KiB on Linux
		rate := float64(rows) / took.Seconds()
		b.ReportMetric(rate, "rows/s")
		b.ReportMetric(peak, "peak-MiB")
		fmt.Printf("import of %d rows (%.1f MB CSV): %.1f s, %.0f rows/s, peak memory %.0f MiB\n",
			rows, float64(fi.Size())/1e6, took.Seconds(), rate, peak)
	}
}

// annualCSV writes (once) a CSV of n annual-survey rows shaped like paper
// results: answers spread over the scales, some items skipped, a free text
// in some rows, April days of 2025.
func annualCSV(dir string, n int) (string, error) {
	path := filepath.Join(dir, fmt.Sprintf("satisfaction-%d.csv", n))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	f, err := os.Create(path + ".tmp")
	if err != nil {
		return "", err
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	w.WriteString("date,lang,card,channel,gender,birth_year,client_months,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,q11,q12,free\n")
	rng := rand.New(rand.NewPCG(1, 2))
	genders := []string{"female", "male", "other", "no_answer", ""}
	texts := []string{"Kiitos avusta.", "Enemmän aikoja iltaisin.", "Tack för hjälpen.", "Jonot ovat liian pitkät.", `"Hyvä palvelu, ystävällinen työntekijä."`}
	for range n {
		lang := "fi"
		if rng.IntN(5) == 0 {
			lang = "sv"
		}
		fmt.Fprintf(w, "2025-04-%02d,%s,,paper,%s,", 1+rng.IntN(30), lang, genders[rng.IntN(len(genders))])
		if rng.IntN(8) > 0 {
			w.WriteString(strconv.Itoa(1940 + rng.IntN(66)))
		}
		w.WriteByte(',')
		if rng.IntN(8) > 0 {
			w.WriteString(strconv.Itoa(rng.IntN(240)))
		}
		for range 12 {
			w.WriteByte(',')
			if rng.IntN(12) > 0 {
				w.WriteString(strconv.Itoa(1 + rng.IntN(5)))
			}
		}
		w.WriteByte(',')
		if rng.IntN(5) == 0 {
			w.WriteString(texts[rng.IntN(len(texts))])
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	return path, os.Rename(path+".tmp", path)
}
