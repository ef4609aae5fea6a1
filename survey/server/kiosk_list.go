package server

import (
	"encoding/base64"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/skip2/go-qrcode"
)

// kiosksPage is what the kiosks page shows: the fleet, and NewLink and
// NewQR only right after a kiosk is added, since the token is shown once.
type kiosksPage struct {
	Kiosks  []fleetRow
	Version string // the app version the server hands out
	NewLink string
	NewQR   template.URL // a PNG as a data: URL, which html/template would refuse as a plain string
}

// fleetRow is a kiosk with its times written out for people: local time
// in the organisation's zone, and how long ago.
type fleetRow struct {
	fleetKiosk
	SeenAt, SentAt, ErrorWhen string
	// Offline: its last heartbeat said it could not send answers.
	Offline bool
}

// kioskList shows the fleet, with forms to add, reload, unpair and revoke
// kiosks.
func (s *Server) kioskList(c *fiber.Ctx) error {
	return s.kiosksPage(c, fiber.StatusOK, "", "")
}

func (s *Server) kiosksPage(c *fiber.Ctx, status int, link, infoKey string) error {
	list, err := s.fleet(c.UserContext())
	if err != nil {
		return err
	}
	p := s.staffPage(c, "admin.kiosks")
	data := kiosksPage{Version: s.kioskVersion, NewLink: link}
	for _, k := range list {
		data.Kiosks = append(data.Kiosks, fleetRow{fleetKiosk: k,
			SeenAt: s.when(p, k.LastSeen), SentAt: s.when(p, k.LastSent), ErrorWhen: s.when(p, k.ErrorAt),
			Offline: k.Online != nil && !*k.Online && !k.Revoked})
	}
	if link != "" {
		png, err := qrcode.Encode(link, qrcode.Medium, 256)
		if err != nil {
			return err
		}
		data.NewQR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
	}
	p.Data = data
	if infoKey != "" {
		p.Info = p.T(infoKey)
	}
	return s.renderStaff(c, status, "kiosks.html", p)
}

// when writes a time as the organisation's local time and how long ago it
// was, e.g. "12:30 (16 min ago)" today, "2026-04-14 12:30 (21 h ago)"
// before; "" for none.
func (s *Server) when(p page, t *time.Time) string {
	if t == nil {
		return ""
	}
	ago := max(s.now().Sub(*t), 0)
	key, n := "admin.ago_minutes", int(ago/time.Minute)
	switch {
	case ago >= 48*time.Hour:
		key, n = "admin.ago_days", int(ago/(24*time.Hour))
	case ago >= 2*time.Hour:
		key, n = "admin.ago_hours", int(ago/time.Hour)
	}
	layout := "2006-01-02 15:04"
	if local, today := t.In(s.loc), s.now().In(s.loc); local.YearDay() == today.YearDay() && local.Year() == today.Year() {
		layout = "15:04"
	}
	return t.In(s.loc).Format(layout) + " (" + strings.ReplaceAll(p.T(key), "{n}", strconv.Itoa(n)) + ")"
}
