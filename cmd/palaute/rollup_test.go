package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestRollupRebuildCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	file := filepath.Join(dir, "cards.csv")
	// Two months, two languages: responses 4, 1 and 1; rows of the count of
	// responses and of q1 and q2 for each of the three cells, 9 in all.
	rows := "date,lang,card,channel,q1,q2,q2_text,q3\n" + strings.Repeat("2025-04-02,fi,,paper,yes,5,,\n", 4) +
		"2025-04-02,sv,,paper,no,2,,\n2025-05-02,fi,,paper,no,2,,\n"
	os.WriteFile(file, []byte(rows), 0o600)
	if code, _, errOut := palaute(t, "", "import", "--db", db, "--survey", "visit", "--file", file); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := palaute(t, "", "rollup", "rebuild", "--db", db)
	if code != 0 || !regexp.MustCompile(`^rollups rebuilt: 9 rows written in \S+\n$`).MatchString(out) {
		t.Fatalf("rebuild: %d %q %s", code, out, errOut)
	}
	if code, _, errOut := palaute(t, "", "rollup", "rebuild", "--db", db, "extra"); code != 2 || !strings.Contains(errOut, "unexpected argument") {
		t.Fatalf("stray argument: %d %s", code, errOut)
	}
}
