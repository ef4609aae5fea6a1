package survey

import (
	"fmt"
	"time"
)

// MonthDay is a day of the year without the year.
type MonthDay struct {
	Month time.Month
	Day   int
}

func (m MonthDay) before(o MonthDay) bool {
	return m.Month < o.Month || (m.Month == o.Month && m.Day < o.Day)
}

// Period is a span of days that recurs every year, e.g. 1–30 April. A
// period may run over the new year (12-15..01-15).
type Period struct{ Start, End MonthDay }

// Contains reports whether day falls in the period.
func (p Period) Contains(day time.Time) bool {
	d := MonthDay{day.Month(), day.Day()}
	if !p.End.before(p.Start) {
		return !d.before(p.Start) && !p.End.before(d)
	}
	return !d.before(p.Start) || !p.End.before(d)
}

// EndedYear is the year of the period that ended last before day: this
// year's once its last day is over, otherwise last year's.
func (p Period) EndedYear(day time.Time) int {
	if p.End.before(MonthDay{day.Month(), day.Day()}) {
		return day.Year()
	}
	return day.Year() - 1
}

// String writes the period as MM-DD..MM-DD.
func (p Period) String() string {
	return fmt.Sprintf("%02d-%02d..%02d-%02d", p.Start.Month, p.Start.Day, p.End.Month, p.End.Day)
}

// ParsePeriod reads MM-DD..MM-DD, e.g. 04-01..04-30.
func ParsePeriod(s string) (Period, error) {
	var p Period
	var m1, d1, m2, d2 int
	if _, err := fmt.Sscanf(s, "%d-%d..%d-%d", &m1, &d1, &m2, &d2); err != nil {
		return p, fmt.Errorf("period %q must be MM-DD..MM-DD, e.g. 04-01..04-30", s)
	}
	for _, md := range [][2]int{{m1, d1}, {m2, d2}} {
		// 2024 is a leap year, so 02-29 is a valid day.
		t := time.Date(2024, time.Month(md[0]), md[1], 0, 0, 0, 0, time.UTC)
		if md[0] < 1 || md[0] > 12 || t.Day() != md[1] {
			return p, fmt.Errorf("period %q: %02d-%02d is not a day of the year", s, md[0], md[1])
		}
	}
	return Period{MonthDay{time.Month(m1), d1}, MonthDay{time.Month(m2), d2}}, nil
}
