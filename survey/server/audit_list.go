package server

import (
	"errors"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// auditPageSize is how many audit entries one page shows.
const auditPageSize = 200

// auditPage is what the audit log page shows: the filter, one page of
// entries, and the link to the next, older page ("" on the last).
type auditPage struct {
	Filter  store.AuditFilter
	Entries []store.AuditEntry
	Older   string
}

// auditList shows the audit log newest first, a page at a time, filtered
// by who (?who=), what (?what=) and month (?month=YYYY-MM); ?before=ID
// pages back.
func (s *Server) auditList(c *fiber.Ctx) error {
	q := func(k string) string { return strings.Clone(strings.TrimSpace(c.Query(k))) }
	f := store.AuditFilter{Actor: q("who"), Action: q("what"), Month: q("month"), Limit: auditPageSize + 1}
	if b := q("before"); b != "" {
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil || n < 1 {
			return fiber.NewError(fiber.StatusUnprocessableEntity, "before must be an entry number")
		}
		f.Before = n
	}
	entries, err := s.db.AuditSearch(c.UserContext(), f)
	if errors.Is(err, store.ErrInvalid) {
		return fiber.NewError(fiber.StatusUnprocessableEntity, "month must be YYYY-MM, e.g. 2026-04")
	}
	if err != nil {
		return err
	}
	data := auditPage{Filter: f, Entries: entries}
	if len(entries) > auditPageSize {
		data.Entries = entries[:auditPageSize]
		v := url.Values{}
		for k, val := range map[string]string{"who": f.Actor, "what": f.Action, "month": f.Month} {
			if val != "" {
				v.Set(k, val)
			}
		}
		v.Set("before", strconv.FormatInt(data.Entries[auditPageSize-1].ID, 10))
		data.Older = "/admin/audit?" + v.Encode()
	}
	p := s.staffPage(c, "staff.audit")
	p.Data = data
	return s.renderStaff(c, fiber.StatusOK, "audit.html", p)
}
