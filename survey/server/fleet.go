package server

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"palaute/kiosk"
	"palaute/survey/metrics"
)

// fleetKiosk is one kiosk as the fleet view and GET /api/v1/kiosks show
// it. Fields the kiosk has not reported yet are null.
type fleetKiosk struct {
	ID       int64         `json:"id"`
	Name     string        `json:"name"`
	Unit     string        `json:"unit"`
	Status   kiosk.Status  `json:"status"`
	LastSeen *time.Time    `json:"last_seen"`
	Outbox   *int          `json:"outbox"`
	LastSent *time.Time    `json:"last_sent"`
	Online   *bool         `json:"online"`
	Version  string        `json:"version"`
	Current  bool          `json:"current_version"`
	Error    string        `json:"last_error"`
	ErrorAt  *time.Time    `json:"last_error_at"`
	Command  kiosk.Command `json:"command"`
	Revoked  bool          `json:"revoked"`
	// Hours are the opening hours its status is judged by.
	Hours fleetHours `json:"opening_hours"`

	age time.Duration // since it was last heard from
}

// fleetHours are opening hours in JSON: local times and ISO weekdays
// (1 Monday … 7 Sunday).
type fleetHours struct {
	Opens  string `json:"opens"`
	Closes string `json:"closes"`
	Days   []int  `json:"days"`
}

func hoursOf(h kiosk.Hours) fleetHours {
	out := fleetHours{Opens: h.OpensAt(), Closes: h.ClosesAt(), Days: []int{}}
	for _, d := range h.DayDigits() {
		out.Days = append(out.Days, int(d-'0'))
	}
	return out
}

// fleet lists the kiosks, the most urgent first: silent, late, never
// heard from, asleep, ok, then switched off.
func (s *Server) fleet(ctx context.Context) ([]fleetKiosk, error) {
	list, err := s.db.KioskFleet(ctx)
	if err != nil {
		return nil, err
	}
	now := s.now()
	out := make([]fleetKiosk, 0, len(list))
	for _, k := range list {
		f := fleetKiosk{ID: k.ID, Name: k.Name, Unit: k.Unit, Command: k.Command, Revoked: k.Revoked,
			Hours: hoursOf(k.Hours)}
		var seen time.Time
		if st := k.State; st != nil {
			seen = st.Seen
			f.LastSeen, f.Outbox, f.Online = &st.Seen, &st.Outbox, &st.Online
			f.Version, f.Current, f.Error = st.Version, st.Version == s.kioskVersion, st.Error
			if !st.LastSent.IsZero() {
				f.LastSent = &st.LastSent
			}
			if !st.ErrorAt.IsZero() {
				f.ErrorAt = &st.ErrorAt
			}
			f.age = max(now.Sub(seen), 0)
		}
		f.Status = kiosk.StatusOf(seen, now, k.Hours, s.loc)
		if k.Revoked {
			f.Status = kiosk.Revoked
		}
		out = append(out, f)
	}
	slices.SortStableFunc(out, func(a, b fleetKiosk) int {
		if d := a.Status.Rank() - b.Status.Rank(); d != 0 {
			return d
		}
		if d := strings.Compare(a.Name, b.Name); d != 0 {
			return d
		}
		return int(a.ID - b.ID)
	})
	return out, nil
}

// kioskSamples are the gauges /metrics shows of each working kiosk that
// has been heard from.
func (s *Server) kioskSamples() []metrics.KioskSample {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	list, err := s.fleet(ctx)
	if err != nil {
		s.log.Warn("kiosk metrics unavailable", "err", err)
		return nil
	}
	var out []metrics.KioskSample
	for _, k := range list {
		if k.Revoked || k.LastSeen == nil {
			continue
		}
		out = append(out, metrics.KioskSample{ID: strconv.FormatInt(k.ID, 10), Name: k.Name, LastSeen: k.age, Outbox: *k.Outbox})
	}
	return out
}
