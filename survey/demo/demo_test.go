package demo_test

import (
	"context"
	"testing"
	"time"

	"palaute/report"
	"palaute/survey"
	"palaute/survey/demo"
	"palaute/survey/store/storetest"
)

var now = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

func TestFillOnceAndOnlyWhenEmpty(t *testing.T) {
	ctx := context.Background()
	db := storetest.MustOpenDB(t, nil)
	reg, err := survey.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	sum, err := demo.Fill(ctx, db, reg, now)
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Filled || !sum.IsDemo {
		t.Fatalf("first fill: %+v", sum)
	}
	counts, err := db.CountResponses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts["visit"] != sum.Responses["visit"] || counts["satisfaction"] != sum.Responses["satisfaction"] {
		t.Fatalf("stored %v, generated %v", counts, sum.Responses)
	}
	again, err := demo.Fill(ctx, db, reg, now)
	if err != nil {
		t.Fatal(err)
	}
	if again.Filled || !again.IsDemo {
		t.Fatalf("second fill: %+v", again)
	}
	if after, _ := db.CountResponses(ctx); after["visit"] != counts["visit"] {
		t.Fatalf("second fill added responses: %v → %v", counts, after)
	}
	cards, _ := db.Cards(ctx)
	units, _ := db.Units(ctx)
	if len(cards) != 6 || len(units) != 2 {
		t.Fatalf("%d cards and %d units, want 6 and 2", len(cards), len(units))
	}
	for _, c := range cards {
		if _, ok := survey.PaletteColour(c.Colour); !ok {
			t.Errorf("card %s colour %s is not from the palette", c.Code, c.Colour)
		}
	}
	if k, err := db.KioskByToken(ctx, demo.KioskToken); err != nil || k.Revoked {
		t.Fatalf("demo kiosk: %+v %v", k, err)
	}
}

func TestResponsesRealistic(t *testing.T) {
	reg, _ := survey.Builtin()
	rs, err := demo.Responses(reg, now)
	if err != nil {
		t.Fatal(err)
	}
	years := map[int]bool{}
	satisfactionMonths := map[string]int{}
	visitMonths := map[string]int{}
	langs := map[string]int{}
	texts := 0
	for _, r := range rs {
		day, _ := time.Parse(survey.DateLayout, r.Day)
		if day.After(now) {
			t.Fatalf("response dated in the future: %s", r.Day)
		}
		years[day.Year()] = true
		langs[r.Lang]++
		switch r.Survey {
		case "satisfaction":
			satisfactionMonths[day.Format("01")]++
		case "visit":
			visitMonths[day.Format("01")]++
		}
		for _, a := range r.Answers {
			if a.Type == survey.TypeText {
				texts++
			}
		}
	}
	if len(years) != 3 {
		t.Errorf("responses span %d years, want 3", len(years))
	}
	if len(satisfactionMonths) != 1 || satisfactionMonths["04"] == 0 {
		t.Errorf("satisfaction months %v, want April only", satisfactionMonths)
	}
	if visitMonths["07"] >= visitMonths["09"] {
		t.Errorf("no summer dip in visit cards: July %d, September %d", visitMonths["07"], visitMonths["09"])
	}
	if langs["fi"] == 0 || langs["sv"] == 0 || langs["en"] == 0 || texts == 0 {
		t.Errorf("languages %v, %d texts", langs, texts)
	}
	again, _ := demo.Responses(reg, now)
	if len(again) != len(rs) || again[0].ID != rs[0].ID {
		t.Error("demo data is not deterministic")
	}
}

// TestNationalDemo: the national survey's demo answers come from the
// lobby tablets of both units, all year, with a plausible net promoter
// score, can't-say now and then, and follow-up texts that pass the
// survey's conditions (every response passes survey.Check already).
func TestNationalDemo(t *testing.T) {
	reg, _ := survey.Builtin()
	gen, err := demo.Generate(reg, now)
	if err != nil {
		t.Fatal(err)
	}
	in := reg.Current("national")
	counts := map[int]int{}
	months, units := map[string]bool{}, map[string]int{}
	cantSay, texts, n := 0, 0, 0
	for _, r := range gen.Responses {
		if r.Survey != in.Key {
			continue
		}
		n++
		if r.Channel != survey.ChannelKiosk || r.Card != "" {
			t.Fatalf("national answer by %s card %q, want the kiosk and no card", r.Channel, r.Card)
		}
		months[r.Day[:7]] = true
		units[gen.KioskUnit[r.ID]]++
		for _, a := range r.Answers {
			it, _ := in.Item(a.Item)
			switch {
			case it.Type == survey.TypeNPS:
				counts[int(a.Num)]++
			case a.Choice == survey.CantSay:
				cantSay++
			case it.Type == survey.TypeText:
				texts++
			}
		}
	}
	if n < 500 || len(months) < 30 {
		t.Fatalf("%d national answers over %d months", n, len(months))
	}
	if units[demo.UnitAdult] == 0 || units[demo.UnitFamily] == 0 || units[""] != 0 {
		t.Errorf("national answers by unit %v: want both units and none without", units)
	}
	if score := report.NPSOf(counts).Score; score < 5 || score > 60 {
		t.Errorf("demo NPS %.0f is not plausible", score)
	}
	if cantSay == 0 || texts == 0 {
		t.Errorf("%d can't-say answers and %d texts", cantSay, texts)
	}
}
