package store_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"palaute/survey"
	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

func rollupRows(t *testing.T, db *store.DB) []string {
	t.Helper()
	rows, err := storetest.Rows(context.Background(), db, `SELECT concat_ws('|', survey, year, month, version, card_id, unit_id, channel, lang,
		gender, age, client_time, item, value, count) FROM rollups ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// A database from before the rollups gets them counted when it is first
// opened, in the migration's transaction: the same rows the writes keep.
func TestUpgradeCountsStoredResponses(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := response("0b7e3c5e-5a55-4b8a-9c1e-2f1d0c9a7b61",
		survey.Answer{Item: "q1", Type: survey.TypeChoice, Choice: "partly"},
		survey.Answer{Item: "q2", Type: survey.TypeRating5, Num: 4},
		survey.Answer{Item: "q3", Type: survey.TypeText, Text: "Iltavastaanottoja"})
	s := survey.Response{ID: "0b7e3c5e-5a55-4b8a-9c1e-2f1d0c9a7b62", Survey: "satisfaction", Version: 1, Lang: "sv", Channel: "paper",
		Day: "2025-04-03", Hash: []byte("h"), Answers: []survey.Answer{
			{Item: "gender", Type: survey.TypeChoice, Choice: "female"},
			{Item: "birth_year", Type: survey.TypeYear, Num: 1990},
			{Item: "client_months", Type: survey.TypeMonths, Num: 30},
			{Item: "q1", Type: survey.TypeLikert5, Num: 5}}}
	if _, err := storetest.Save(ctx, db, r, s); err != nil {
		t.Fatal(err)
	}
	kept := rollupRows(t, db)
	want := []string{
		"satisfaction|2025|4|1|0|0|paper|sv|female|35-49|2-5y|||1",
		"satisfaction|2025|4|1|0|0|paper|sv|female|35-49|2-5y|birth_year|35-49|1",
		"satisfaction|2025|4|1|0|0|paper|sv|female|35-49|2-5y|client_months|2-5y|1",
		"satisfaction|2025|4|1|0|0|paper|sv|female|35-49|2-5y|gender|female|1",
		"satisfaction|2025|4|1|0|0|paper|sv|female|35-49|2-5y|q1|5|1",
		"visit|2026|4|1|0|0|kiosk|fi||||||1",
		"visit|2026|4|1|0|0|kiosk|fi||||q1|partly|1",
		"visit|2026|4|1|0|0|kiosk|fi||||q2|4|1",
	}
	slices.Sort(want)
	if !slices.Equal(kept, want) {
		t.Fatalf("rollups:\n%v\nwant\n%v", kept, want)
	}
	for _, q := range []string{"DROP TABLE rollups", "DELETE FROM schema_migrations WHERE version = 10"} {
		if err := storetest.Exec(ctx, db, q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	db, err = store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := rollupRows(t, db); !slices.Equal(got, want) {
		t.Fatalf("after the upgrade:\n%v\nwant\n%v", got, want)
	}
}

// Taking away from rollups that count fewer responses than are stored
// fails the write, and stores nothing of it.
func TestRollupsRefuseToGoNegative(t *testing.T) {
	ctx := context.Background()
	db := storetest.MustOpenDB(t, nil)
	r := response("0b7e3c5e-5a55-4b8a-9c1e-2f1d0c9a7b61", survey.Answer{Item: "q2", Type: survey.TypeRating5, Num: 4})
	r.Channel = "paper"
	if _, err := storetest.Save(ctx, db, r); err != nil {
		t.Fatal(err)
	}
	if err := storetest.Exec(ctx, db, "DELETE FROM rollups WHERE item = 'q2'"); err != nil {
		t.Fatal(err)
	}
	if err := db.DeletePaperResponse(ctx, r.ID); err == nil {
		t.Fatal("deleted a response the rollups did not count")
	}
	if _, err := db.ResponseByID(ctx, r.ID); err != nil {
		t.Fatalf("the response is gone after a failed deletion: %v", err)
	}
	if n, err := db.RebuildRollups(ctx); err != nil || n != 2 {
		t.Fatalf("rebuild wrote %d rows, %v; want 2", n, err)
	}
	if err := db.DeletePaperResponse(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if rows := rollupRows(t, db); len(rows) != 0 {
		t.Fatalf("rollups left after the only response went: %v", rows)
	}
}
