package kiosk_test

import (
	"testing"
	"time"

	"palaute/kiosk"
)

func TestParseHours(t *testing.T) {
	h, err := kiosk.ParseHours("07:30", "15:45", "1357")
	if err != nil {
		t.Fatal(err)
	}
	if h.OpensAt() != "07:30" || h.ClosesAt() != "15:45" || h.DayDigits() != "1357" || !h.Days[time.Sunday] || h.Days[time.Tuesday] {
		t.Fatalf("parsed %+v", h)
	}
	if d := kiosk.DefaultHours(); d.OpensAt() != "08:00" || d.ClosesAt() != "16:00" || d.DayDigits() != "12345" {
		t.Fatalf("default hours %s–%s on %s", d.OpensAt(), d.ClosesAt(), d.DayDigits())
	}
	for _, bad := range [][3]string{{"8:00", "16:00", "1"}, {"08:00", "07:00", "1"}, {"08:00", "08:00", "1"}, {"25:00", "26:00", "1"},
		{"08:00", "16:60", "1"}, {"08:00", "16:00", "8"}, {"08:00", "16:00", "0"}, {"ab:cd", "16:00", "1"}} {
		if _, err := kiosk.ParseHours(bad[0], bad[1], bad[2]); err == nil {
			t.Errorf("ParseHours%q accepted", bad)
		}
	}
}

func TestStatusOf(t *testing.T) {
	hel, err := time.LoadLocation("Europe/Helsinki")
	if err != nil {
		t.Fatal(err)
	}
	// Wednesday 15 April 2026, 10:00 in Helsinki.
	seen := time.Date(2026, 4, 15, 10, 0, 0, 0, hel)
	h := kiosk.DefaultHours()
	tests := []struct {
		name string
		now  time.Time
		want kiosk.Status
	}{
		{"just now", seen.Add(time.Minute), kiosk.OK},
		{"15 minutes", seen.Add(15 * time.Minute), kiosk.OK},
		{"16 minutes", seen.Add(16 * time.Minute), kiosk.Late},
		{"60 minutes", seen.Add(60 * time.Minute), kiosk.Late},
		{"61 minutes", seen.Add(61 * time.Minute), kiosk.Silent},
		{"after closing", time.Date(2026, 4, 15, 17, 0, 0, 0, hel), kiosk.Asleep},
		{"at night", time.Date(2026, 4, 16, 3, 0, 0, 0, hel), kiosk.Asleep},
		{"the next morning, counting yesterday's silence", time.Date(2026, 4, 16, 8, 5, 0, 0, hel), kiosk.Silent},
		{"saturday", time.Date(2026, 4, 18, 12, 0, 0, 0, hel), kiosk.Asleep},
		{"a year later", time.Date(2027, 4, 14, 12, 0, 0, 0, hel), kiosk.Silent},
	}
	for _, tt := range tests {
		if got := kiosk.StatusOf(seen, tt.now, h, hel); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
	if got := kiosk.StatusOf(time.Time{}, seen, h, hel); got != kiosk.New {
		t.Errorf("never heard from: %s", got)
	}
	// Heard from at 15:50 on Friday; silence counts only opening hours:
	// 10 minutes on Friday, then Monday from 8.
	friday := time.Date(2026, 4, 17, 15, 50, 0, 0, hel)
	for _, tt := range []struct {
		now  time.Time
		want kiosk.Status
	}{
		{time.Date(2026, 4, 20, 8, 30, 0, 0, hel), kiosk.Late},
		{time.Date(2026, 4, 20, 8, 50, 0, 0, hel), kiosk.Late},
		{time.Date(2026, 4, 20, 8, 51, 0, 0, hel), kiosk.Silent},
	} {
		if got := kiosk.StatusOf(friday, tt.now, h, hel); got != tt.want {
			t.Errorf("Friday 15:50 to %s: %s, want %s", tt.now.Format("Mon 15:04"), got, tt.want)
		}
	}
	// A unit open every day around the clock is never asleep.
	always, _ := kiosk.ParseHours("00:00", "24:00", "1234567")
	if got := kiosk.StatusOf(seen, time.Date(2026, 4, 18, 3, 0, 0, 0, hel), always, hel); got != kiosk.Silent {
		t.Errorf("round the clock, Saturday night: %s", got)
	}
	// A unit with no open days never raises an alarm.
	never, _ := kiosk.ParseHours("08:00", "16:00", "")
	if got := kiosk.StatusOf(seen, seen.Add(48*time.Hour), never, hel); got != kiosk.Asleep {
		t.Errorf("never open: %s", got)
	}
}

func TestStatusRank(t *testing.T) {
	order := []kiosk.Status{kiosk.Silent, kiosk.Late, kiosk.New, kiosk.Asleep, kiosk.OK, kiosk.Revoked}
	for i := 1; i < len(order); i++ {
		if order[i-1].Rank() >= order[i].Rank() {
			t.Errorf("%s does not come before %s", order[i-1], order[i])
		}
	}
}
