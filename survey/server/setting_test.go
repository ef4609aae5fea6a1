package server_test

import (
	"context"
	"encoding/json"
	"net/url"
	"testing"

	"palaute/report"
)

// TestThresholdIsOneSetting: the admin settings page changes the
// threshold that the API uses from the next request on, refuses one
// below the minimum, and the dimensions route lists only shown values.
func TestThresholdIsOneSetting(t *testing.T) {
	f := newFixture(t)
	f.addUsers(t)
	f.seed(t, "2025-03-10", "", 4, 4, 4, 4, 4, 4)
	f.seed(t, "2025-05-10", "BLUE", 5, 5)
	var s summary
	if f.report(t, "/api/v1/reports/summary?survey=visit&year=2025", &s); s.Suppressed || *s.N != 8 {
		t.Fatalf("8 answers at threshold 5: %+v", s)
	}
	var dims struct{ Dimensions map[string][]any }
	f.report(t, "/api/v1/reports/dimensions?survey=visit&year=2025", &dims)
	if len(dims.Dimensions["card"]) != 0 || len(dims.Dimensions["month"]) != 0 || len(dims.Dimensions["language"]) != 3 {
		// BLUE (2) is hidden; March (6) with it, or the year minus March
		// would give May away.
		got, _ := json.Marshal(dims)
		t.Errorf("dimensions %s", got)
	}
	b := f.browser()
	_, csrf := b.login(t, "admin", "admin-password-123")
	for value, want := range map[string]int{"2": 422, "x": 422, "9": 200} {
		r, body := b.do(t, "POST", "/admin/settings", url.Values{"_csrf": {csrf}, "threshold": {value}})
		if r.StatusCode != want {
			t.Errorf("threshold %s: %d, want %d\n%s", value, r.StatusCode, want, body)
		}
	}
	if n, _ := report.Threshold(context.Background(), f.db); n != 9 {
		t.Fatalf("stored threshold %d", n)
	}
	if f.report(t, "/api/v1/reports/summary?survey=visit&year=2025", &s); !s.Suppressed {
		t.Fatalf("8 answers shown at threshold 9: %+v", s)
	}
}
