package survey

import (
	"testing"
	"time"
)

func day(m time.Month, d int) time.Time { return time.Date(2026, m, d, 12, 0, 0, 0, time.UTC) }

func TestPeriodContains(t *testing.T) {
	april, _ := ParsePeriod("04-01..04-30")
	winter, _ := ParsePeriod("12-15..01-15")
	tests := []struct {
		p    Period
		day  time.Time
		want bool
	}{
		{april, day(3, 31), false}, {april, day(4, 1), true}, {april, day(4, 30), true}, {april, day(5, 1), false},
		{winter, day(12, 14), false}, {winter, day(12, 31), true}, {winter, day(1, 15), true}, {winter, day(1, 16), false},
	}
	for _, tt := range tests {
		if got := tt.p.Contains(tt.day); got != tt.want {
			t.Errorf("%s contains %s = %v, want %v", tt.p, tt.day.Format("01-02"), got, tt.want)
		}
	}
}

func TestParsePeriodErrors(t *testing.T) {
	for _, s := range []string{"april", "04-31..05-01", "13-01..13-02", "04-01"} {
		if _, err := ParsePeriod(s); err == nil {
			t.Errorf("ParsePeriod(%q) accepted", s)
		}
	}
	if p, err := ParsePeriod("02-29..03-01"); err != nil || p.String() != "02-29..03-01" {
		t.Errorf("leap day: %v %v", p, err)
	}
}
