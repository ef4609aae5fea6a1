package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/gofiber/fiber/v2"

	"palaute/kiosk"
	"palaute/survey/store"
)

// maxKioskError is how much of a kiosk's error message is kept.
const maxKioskError = 200

// heartbeatBody is what a kiosk reports. Nothing else is accepted, so a
// heartbeat cannot carry answers.
type heartbeatBody struct {
	Version  string  `json:"version"`
	Outbox   int     `json:"outbox"`
	LastSent *string `json:"last_sent"`
	Online   bool    `json:"online"`
	Error    string  `json:"error"`
}

// heartbeatAnswer tells the kiosk the server's current app version, and
// the command waiting for it, if any.
type heartbeatAnswer struct {
	Version string        `json:"version"`
	Command kiosk.Command `json:"command,omitempty"`
}

// kioskHeartbeat keeps a paired kiosk's latest state in place of the one
// before and answers with its waiting command. The kiosk is the one its
// credential names.
func (s *Server) kioskHeartbeat(c *fiber.Ctx) error {
	var in heartbeatBody
	dec := json.NewDecoder(bytes.NewReader(c.Body()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return errMalformed
		}
		return fiber.NewError(fiber.StatusUnprocessableEntity, "a heartbeat has version, outbox, last_sent, online and error, and nothing else")
	}
	now := s.now()
	hb := store.KioskHeartbeat{Seen: now, Version: in.Version, Outbox: in.Outbox, Online: in.Online, Error: cleanKioskError(in.Error)}
	if !validVersion(in.Version) {
		return fiber.NewError(fiber.StatusUnprocessableEntity, "version must be 1–64 letters, digits, dots, dashes or underscores")
	}
	if in.Outbox < 0 || in.Outbox > 1_000_000 {
		return fiber.NewError(fiber.StatusUnprocessableEntity, "outbox must be a count from 0 to 1000000")
	}
	if in.LastSent != nil && *in.LastSent != "" {
		t, err := time.Parse(time.RFC3339, *in.LastSent)
		if err != nil {
			return fiber.NewError(fiber.StatusUnprocessableEntity, "last_sent must be an RFC 3339 time, e.g. 2026-04-15T09:30:00Z")
		}
		// A tablet's clock may run fast; nothing was sent in the future.
		if t.After(now) {
			t = now
		}
		hb.LastSent = t
	}
	cmd, err := s.db.RecordHeartbeat(c.UserContext(), principalOf(c).KioskID, hb)
	if errors.Is(err, store.ErrNotFound) {
		return errUnauthorized
	}
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(heartbeatAnswer{Version: s.kioskVersion, Command: cmd})
}

// validVersion accepts what the server itself hands out as a version.
func validVersion(v string) bool {
	if v == "" || len(v) > 64 {
		return false
	}
	for _, r := range v {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// cleanKioskError keeps the first line of an error message, without
// control or formatting characters, cut to maxKioskError characters. The kiosk scrubs
// the client's answers out of it before sending; this bounds what is kept
// whatever a tablet sends.
func cleanKioskError(msg string) string {
	msg, _, _ = strings.Cut(strings.TrimSpace(msg), "\n")
	var b strings.Builder
	n := 0
	for _, r := range msg {
		if n == maxKioskError {
			b.WriteString("…")
			break
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == unicode.ReplacementChar {
			continue
		}
		b.WriteRune(r)
		n++
	}
	return strings.TrimSpace(b.String())
}
