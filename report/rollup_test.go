package report

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"palaute/survey"
	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

// TestRollupsEqualRecount applies random mixes of writes (group commits,
// imports, resends, conflicts, corrections, deletions, retention) and
// then checks that the rollups equal a recount from the responses, and
// that every figure a report reads from them equals the figures counted
// from the responses' own rows.
func TestRollupsEqualRecount(t *testing.T) {
	reg := withSatisfactionV2(t)
	for seed := range uint64(6) {
		t.Run(strconv.FormatUint(seed, 10), func(t *testing.T) {
			ctx := context.Background()
			db, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{Instruments: reg})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			for _, c := range []store.Card{{Code: "BLUE", Unit: "Perhepalvelut"}, {Code: "SKY", Unit: "Aikuissosiaalityö"}, {Code: "K7", Unit: "Perhepalvelut"}, {Code: "LOOSE"}} {
				c.Colour, c.NameFi, c.NameSv, c.NameEn = "#0072B2", "x", "x", "x"
				if _, err := db.CreateCard(ctx, c); err != nil {
					t.Fatal(err)
				}
			}
			w := &writes{t: t, db: db, reg: reg, rng: rand.New(rand.NewPCG(seed, 17))}
			for range 14 {
				w.step(ctx)
			}
			checkRollups(t, db)
			src := &Source{DB: db, Registry: reg, Now: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }}
			for _, key := range []string{"visit", "satisfaction"} {
				for _, year := range []int{2024, 2025, 2026} {
					checkFigures(t, src, key, year)
				}
			}
		})
	}
}

// checkRollups compares the rollup table with what a rebuild counts from
// the responses.
func checkRollups(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	read := func() []string {
		rows, err := storetest.Rows(ctx, db, `SELECT concat_ws('|', survey, year, month, version, card_id, unit_id, channel, lang,
			gender, age, client_time, item, value, count) FROM rollups ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	kept := read()
	if _, err := db.RebuildRollups(ctx); err != nil {
		t.Fatal(err)
	}
	recount := read()
	if len(recount) == 0 {
		t.Fatal("no rollups at all")
	}
	if !slices.Equal(kept, recount) {
		for _, r := range kept {
			if !slices.Contains(recount, r) {
				t.Errorf("kept but not recounted: %s", r)
			}
		}
		for _, r := range recount {
			if !slices.Contains(kept, r) {
				t.Errorf("recounted but not kept: %s", r)
			}
		}
		t.Fatalf("the rollups kept by the writes (%d rows) differ from a recount (%d rows)", len(kept), len(recount))
	}
}

// checkFigures loads a year from the rollups and counts its cells again
// from the rows of its responses (which Load reads with texts), then
// compares the cells, the responses behind every figure and what the
// disclosure rules hide.
func checkFigures(t *testing.T, src *Source, key string, year int) {
	t.Helper()
	y, err := src.Load(context.Background(), key, year, AllRows)
	if err != nil {
		t.Fatal(err)
	}
	fromRows := map[cellKey]*tally{}
	for _, r := range y.rows {
		c := fromRows[r.at]
		if c == nil {
			c = &tally{counts: make([]int32, y.layout.slots)}
			fromRows[r.at] = c
		}
		c.n++
		for i, v := range r.answers {
			if v >= 0 {
				c.counts[y.layout.items[i].offset+int(v)]++
			}
		}
	}
	if len(fromRows) != len(y.cells) {
		t.Fatalf("%s %d: %d cells from the rollups, %d from the rows", key, year, len(y.cells), len(fromRows))
	}
	for at, c := range fromRows {
		got := y.cells[at]
		if got == nil || got.n != c.n || !slices.Equal(got.counts, c.counts) {
			t.Fatalf("%s %d cell %v: rollups %+v, rows %+v", key, year, at, got, c)
		}
	}
	recounted := *y
	recounted.cells = fromRows
	recounted.finish()
	if !maps.Equal(y.n, recounted.n) || !maps.Equal(y.hidden, recounted.hidden) {
		t.Fatalf("%s %d: figures or what is hidden differ between the rollups and the rows", key, year)
	}
	var want []int
	versions, err := storetest.Rows(context.Background(), src.DB, "SELECT DISTINCT version FROM responses WHERE survey = ? AND year = ? AND month <= ? ORDER BY 1",
		key, year, y.Through)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range versions {
		n, _ := strconv.Atoi(v)
		want = append(want, n)
	}
	if !slices.Equal(y.Versions, want) {
		t.Fatalf("%s %d: versions %v from the rollups, %v stored", key, year, y.Versions, want)
	}
	if len(y.rows) > 0 && y.Through > 0 {
		s, _ := y.Summary(Filter{})
		if s.N != len(y.rows) {
			t.Fatalf("%s %d: summary of %d responses, %d stored", key, year, s.N, len(y.rows))
		}
	}
}

// withSatisfactionV2 adds a second version of the annual survey that no
// longer asks q11 and asks a new choice item, so that a year mixes
// versions and the current one skips answers it does not ask.
func withSatisfactionV2(t *testing.T) *survey.Registry {
	t.Helper()
	reg, err := survey.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	v2 := *reg.Current("satisfaction")
	v2.Version = 2
	v2.Items = slices.DeleteFunc(slices.Clone(v2.Items), func(it survey.Item) bool { return it.Key == "q11" })
	text := survey.Text{"fi": "x", "sv": "x", "en": "x"}
	v2.Items = append(v2.Items, survey.Item{Key: "q13", Type: survey.TypeChoice, Group: v2.Items[len(v2.Items)-1].Group, Text: text,
		Options: []survey.Option{{Key: "often", Text: text}, {Key: "seldom", Text: text}}})
	def, err := json.Marshal(v2)
	if err != nil {
		t.Fatal(err)
	}
	extra, err := survey.Load(fstest.MapFS{"satisfaction.v2.json": {Data: def}})
	if err != nil {
		t.Fatal(err)
	}
	if err := reg.Merge(extra); err != nil {
		t.Fatal(err)
	}
	return reg
}

// writes makes random writes and keeps what a later one needs.
type writes struct {
	t   *testing.T
	db  *store.DB
	reg *survey.Registry
	rng *rand.Rand
	n   int
	old []survey.Response // responses given before, for resends
}

func (w *writes) step(ctx context.Context) {
	t := w.t
	switch w.rng.IntN(7) {
	case 0, 1: // submissions at once, committed in groups
		var wg sync.WaitGroup
		for range 1 + w.rng.IntN(40) {
			r := w.response()
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := w.db.Submit(ctx, r, store.Source{}); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
	case 2: // an import, with identical rows and rows stored before
		var rs []survey.Response
		for range 1 + w.rng.IntN(300) {
			rs = append(rs, w.response())
		}
		for range w.rng.IntN(4) {
			rs = append(rs, rs[w.rng.IntN(len(rs))])
		}
		if len(w.old) > 0 && w.rng.IntN(2) == 0 {
			rs = append(rs, w.old[w.rng.IntN(len(w.old))])
		}
		_, err := w.db.SubmitAll(ctx, store.All(rs), store.Bulk{NumberRepeats: true})
		if err != nil && !errors.Is(err, store.ErrConflict) {
			t.Fatal(err) // a corrected response given again conflicts: nothing stored
		}
	case 3: // corrections of paper responses
		for _, id := range w.paper(ctx, 1+w.rng.IntN(5)) {
			r := w.response()
			r.ID, r.Channel = id, "paper"
			if err := w.db.CorrectPaperResponse(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
	case 4: // deletions of paper responses
		for _, id := range w.paper(ctx, 1+w.rng.IntN(5)) {
			if err := w.db.DeletePaperResponse(ctx, id); err != nil {
				t.Fatal(err)
			}
		}
	case 5: // resends, and other content under a used id
		for range 1 + w.rng.IntN(5) {
			if len(w.old) == 0 {
				break
			}
			r := w.old[w.rng.IntN(len(w.old))]
			if w.rng.IntN(2) == 0 {
				r.Hash = []byte("other")
			}
			if _, err := w.db.Submit(ctx, r, store.Source{}); err != nil && !errors.Is(err, store.ErrConflict) {
				t.Fatal(err)
			}
		}
	case 6: // retention deletes free text only
		if _, _, err := w.db.ApplyRetention(ctx, store.Retention{TextMonths: 1 + w.rng.IntN(30)}); err != nil {
			t.Fatal(err)
		}
	}
}

// paper returns up to n stored paper responses' ids.
func (w *writes) paper(ctx context.Context, n int) []string {
	ids, err := storetest.Rows(ctx, w.db, "SELECT uuid FROM responses WHERE channel = 'paper' ORDER BY uuid")
	if err != nil {
		w.t.Fatal(err)
	}
	w.rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	return ids[:min(n, len(ids))]
}

// response makes a new random response of either survey and version,
// mostly valid, some answers out of range.
func (w *writes) response() survey.Response {
	rng := w.rng
	w.n++
	key := []string{"visit", "satisfaction"}[rng.IntN(2)]
	versions := w.reg.Versions(key)
	in := versions[rng.IntN(len(versions))]
	year := 2024 + rng.IntN(3)
	r := survey.Response{ID: fmt.Sprintf("d0000000-0000-4000-8000-%012d", w.n), Survey: key, Version: in.Version,
		Lang:    survey.Languages[rng.IntN(3)],
		Channel: []string{"kiosk", "paper", "paper", "web"}[rng.IntN(4)],
		Card:    []string{"", "", "BLUE", "SKY", "K7", "LOOSE"}[rng.IntN(6)],
		Day:     fmt.Sprintf("%d-%02d-%02d", year, 1+rng.IntN(12), 1+rng.IntN(28))}
	for _, it := range in.Items {
		if rng.IntN(5) == 0 {
			continue
		}
		a := survey.Answer{Item: it.Key, Type: it.Type}
		switch it.Type {
		case survey.TypeChoice:
			a.Choice = it.Options[rng.IntN(len(it.Options))].Key
		case survey.TypeLikert5, survey.TypeRating5:
			a.Num = int64(1 + rng.IntN(5))
			if rng.IntN(40) == 0 {
				a.Num = 9
			}
		case survey.TypeYear:
			a.Num = int64(1930 + rng.IntN(95))
		case survey.TypeMonths:
			a.Num = int64(rng.IntN(200))
		case survey.TypeText:
			a.Text = strings.Repeat("x", 1+rng.IntN(10))
		}
		r.Answers = append(r.Answers, a)
	}
	r.Hash = []byte(fmt.Sprint(r))
	w.old = append(w.old, r)
	return r
}
