package kiosk

import "time"

// Status is how a kiosk stands, judged by when it was last heard from.
type Status string

// The statuses, from the most to the least urgent.
const (
	// Silent: its unit is open, and it has not been heard from for more
	// than SilentAfter of the unit's opening hours. Someone should go and
	// look.
	Silent Status = "silent"
	// Late: not heard from for more than LateAfter, during opening hours.
	Late Status = "late"
	// New: paired or registered, never heard from yet.
	New Status = "new"
	// Asleep: not heard from for more than LateAfter, but its unit is
	// closed now; tablets may sleep or be switched off at night.
	Asleep Status = "asleep"
	// OK: heard from within LateAfter.
	OK Status = "ok"
	// Revoked: switched off or unpaired; it no longer reports.
	Revoked Status = "revoked"
)

// A kiosk reports every Heartbeat; one not heard from for LateAfter is
// late, and for SilentAfter of opening hours silent.
const (
	Heartbeat   = 5 * time.Minute
	LateAfter   = 15 * time.Minute
	SilentAfter = 60 * time.Minute
)

// StatusOf judges a kiosk last heard from at seen (zero: never) at time
// now, given its unit's opening hours in loc.
func StatusOf(seen, now time.Time, h Hours, loc *time.Location) Status {
	if seen.IsZero() {
		return New
	}
	if now.Sub(seen) <= LateAfter {
		return OK
	}
	if !h.Open(now, loc) {
		return Asleep
	}
	if h.OpenTime(seen, now, loc, SilentAfter) > SilentAfter {
		return Silent
	}
	return Late
}

// Rank orders statuses for the fleet view: the most urgent first.
func (s Status) Rank() int {
	switch s {
	case Silent:
		return 0
	case Late:
		return 1
	case New:
		return 2
	case Asleep:
		return 3
	case OK:
		return 4
	}
	return 5
}

// Command is what the server asks of a kiosk in its answer to a
// heartbeat.
type Command string

// The commands.
const (
	// Reload: fetch the app again at the next idle moment.
	Reload Command = "reload"
	// Unpair: once the outbox is empty, forget the pairing and return to
	// the pairing page.
	Unpair Command = "unpair"
)
