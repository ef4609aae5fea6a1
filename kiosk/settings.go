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

// SatisfactionOpen reports whether the annual survey is offered on day.
func (s Settings) SatisfactionOpen(day time.Time) bool {
	return s.OfferBoth || s.Period.Contains(day)
}

// HeartbeatEvery is how often a kiosk reports its state.
func (s Settings) HeartbeatEvery() time.Duration {
	if s.Heartbeat <= 0 {
		return Heartbeat
	}
	return s.Heartbeat
}
