package kiosk

import (
	"testing"
	"time"

	"palaute/survey"
)

func day(m time.Month, d int) time.Time { return time.Date(2026, m, d, 12, 0, 0, 0, time.UTC) }

func TestOpen(t *testing.T) {
	s := DefaultSettings()
	annual := &survey.Instrument{Annual: true}
	if s.Open(annual, day(6, 1)) || !s.Open(annual, day(4, 15)) || !s.Open(&survey.Instrument{}, day(6, 1)) {
		t.Error("default period is not April")
	}
	s.OfferBoth = true
	if !s.Open(annual, day(6, 1)) {
		t.Error("offer both still closed in June")
	}
	// A survey's own period comes before the organisation's.
	s.OfferBoth = false
	june := &survey.Instrument{Annual: true, Period: "06-01..06-30"}
	if !s.Open(june, day(6, 1)) || s.Open(june, day(4, 15)) {
		t.Error("a survey's own period is not followed")
	}
}
