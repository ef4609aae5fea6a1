package kiosk

import (
	"testing"
	"time"
)

func day(m time.Month, d int) time.Time { return time.Date(2026, m, d, 12, 0, 0, 0, time.UTC) }

func TestSatisfactionOpen(t *testing.T) {
	s := DefaultSettings()
	if s.SatisfactionOpen(day(6, 1)) || !s.SatisfactionOpen(day(4, 15)) {
		t.Error("default period is not April")
	}
	s.OfferBoth = true
	if !s.SatisfactionOpen(day(6, 1)) {
		t.Error("offer both still closed in June")
	}
}
