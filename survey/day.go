package survey

import (
	"strconv"
	"strings"
	"time"
)

// ParseDay reads a day written as YYYY-MM-DD or the Finnish and Swedish
// way, d.m.yyyy (26.11.2026, 3.4.2026), and returns it as YYYY-MM-DD.
func ParseDay(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if d, err := time.Parse(DateLayout, s); err == nil {
		return d.Format(DateLayout), true
	}
	parts := strings.Split(strings.TrimSuffix(s, "."), ".")
	if len(parts) != 3 || len(parts[2]) != 4 || len(parts[0]) > 2 || len(parts[1]) > 2 {
		return "", false
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return "", false
		}
		n[i] = v
	}
	d := time.Date(n[2], time.Month(n[1]), n[0], 0, 0, 0, 0, time.UTC)
	if d.Day() != n[0] || int(d.Month()) != n[1] {
		return "", false // 31.2.2026 is no day
	}
	return d.Format(DateLayout), true
}
