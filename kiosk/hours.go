package kiosk

import (
	"fmt"
	"strings"
	"time"
)

// Hours are a unit's opening hours: the same times of day on each of its
// open weekdays, in the organisation's time zone. A kiosk is expected to
// be heard from only while its unit is open.
type Hours struct {
	// Opens and Closes are minutes after midnight; Opens < Closes.
	Opens, Closes int
	// Days holds the open weekdays, indexed by time.Weekday.
	Days [7]bool
}

// DefaultHours are Monday to Friday, 8 to 16.
func DefaultHours() Hours {
	h := Hours{Opens: 8 * 60, Closes: 16 * 60}
	for d := time.Monday; d <= time.Friday; d++ {
		h.Days[d] = true
	}
	return h
}

// ParseHours reads opening and closing times as HH:MM and the open days
// as ISO weekday digits, 1 Monday to 7 Sunday ("12345" is Monday to
// Friday; "" is never open).
func ParseHours(opens, closes, days string) (Hours, error) {
	var h Hours
	var err error
	if h.Opens, err = parseClock(opens); err != nil {
		return h, err
	}
	if h.Closes, err = parseClock(closes); err != nil {
		return h, err
	}
	if h.Closes <= h.Opens {
		return h, fmt.Errorf("closing time %s must come after opening time %s", closes, opens)
	}
	for _, r := range days {
		if r < '1' || r > '7' {
			return h, fmt.Errorf("open days %q must be digits 1 (Monday) to 7 (Sunday)", days)
		}
		h.Days[int(r-'0')%7] = true
	}
	return h, nil
}

func parseClock(s string) (int, error) {
	var hh, mm int
	if len(s) != 5 || s[2] != ':' {
		return 0, fmt.Errorf("time %q must be HH:MM, e.g. 08:00", s)
	}
	if _, err := fmt.Sscanf(s, "%2d:%2d", &hh, &mm); err != nil || hh > 24 || mm > 59 || (hh == 24 && mm > 0) {
		return 0, fmt.Errorf("time %q must be HH:MM, e.g. 08:00", s)
	}
	return hh*60 + mm, nil
}

// OpensAt writes the opening time as HH:MM.
func (h Hours) OpensAt() string { return clock(h.Opens) }

// ClosesAt writes the closing time as HH:MM.
func (h Hours) ClosesAt() string { return clock(h.Closes) }

func clock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// DayDigits writes the open days as ISO weekday digits, Monday first.
func (h Hours) DayDigits() string {
	var b strings.Builder
	for iso := 1; iso <= 7; iso++ {
		if h.Days[iso%7] {
			b.WriteByte(byte('0' + iso))
		}
	}
	return b.String()
}

// Open reports whether t, read in loc, falls within the opening hours.
func (h Hours) Open(t time.Time, loc *time.Location) bool {
	t = t.In(loc)
	m := t.Hour()*60 + t.Minute()
	return h.Days[t.Weekday()] && m >= h.Opens && m < h.Closes
}

// OpenTime adds up the opening hours between from and to, read in loc,
// stopping once the sum passes limit: a kiosk's silence counts only
// while its unit is open, and only up to the point that matters.
func (h Hours) OpenTime(from, to time.Time, loc *time.Location, limit time.Duration) time.Duration {
	var sum time.Duration
	from, to = from.In(loc), to.In(loc)
	if !to.After(from) || h.DayDigits() == "" {
		return 0
	}
	y, mo, d := from.Date()
	// A year of days is more than any limit needs; it bounds the loop for
	// a kiosk last heard from long ago.
	for i := 0; i < 366 && sum <= limit; i++ {
		day := time.Date(y, mo, d+i, 0, 0, 0, 0, loc)
		if !day.Before(to) {
			break
		}
		if !h.Days[day.Weekday()] {
			continue
		}
		open := time.Date(y, mo, d+i, h.Opens/60, h.Opens%60, 0, 0, loc)
		shut := time.Date(y, mo, d+i, h.Closes/60, h.Closes%60, 0, 0, loc)
		if open.Before(from) {
			open = from
		}
		if shut.After(to) {
			shut = to
		}
		if shut.After(open) {
			sum += shut.Sub(open)
		}
	}
	return sum
}
