package kiosk

import (
	"palaute/survey"
	"time"
)

// Settings are what a kiosk screen is told by the server.
type Settings struct {
	// Idle is how long the screen waits without a touch before it offers
	// to continue; Countdown how long that offer stands before the answers
	// are wiped; Thanks how long the thank-you screen stays.
	Idle, Countdown, Thanks time.Duration
	// Period is when the annual survey runs each year.
	Period survey.Period
	// OfferBoth offers the annual survey all year round.
	OfferBoth bool
	// RetryMax caps the wait between attempts to send queued answers.
	RetryMax time.Duration
	// Heartbeat is how often a paired kiosk reports its state; zero means
	// the default, every five minutes.
	Heartbeat time.Duration
}

// DefaultSettings are the settings of a kiosk unless configured.
func DefaultSettings() Settings {
	return Settings{
		Idle: 60 * time.Second, Countdown: 10 * time.Second, Thanks: 8 * time.Second,
		Period: survey.Period{Start: survey.MonthDay{Month: time.April, Day: 1}, End: survey.MonthDay{Month: time.April, Day: 30}}, RetryMax: time.Minute,
		Heartbeat: Heartbeat,
	}
}

// Open reports whether a survey is offered on day: a survey that runs all
// year always, an annual one during its own period or, without one, the
// organisation's, or all year with OfferBoth.
func (s Settings) Open(in *survey.Instrument, day time.Time) bool {
	return !in.Annual || s.OfferBoth || s.PeriodOf(in).Contains(day)
}

// PeriodOf is when an annual survey runs: its own period, or else the
// organisation's.
func (s Settings) PeriodOf(in *survey.Instrument) survey.Period {
	if p, err := survey.ParsePeriod(in.Period); in.Period != "" && err == nil {
		return p
	}
	return s.Period
}

// HeartbeatEvery is how often a kiosk reports its state.
func (s Settings) HeartbeatEvery() time.Duration {
	if s.Heartbeat <= 0 {
		return Heartbeat
	}
	return s.Heartbeat
}
