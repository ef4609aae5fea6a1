package server

import (
	"bytes"
	"encoding/csv"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"palaute/report"
)

// contactExport downloads the panel contacts as CSV, every cell kept a
// text so no spreadsheet reads a formula in it.
func (s *Server) contactExport(c *fiber.Ctx) error {
	contacts, err := s.db.Contacts(c.UserContext())
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff") // so Excel reads UTF-8
	w := csv.NewWriter(&buf)
	w.Write([]string{"month", "lang", "name", "contact", "note"})
	for _, k := range contacts {
		w.Write([]string{k.Month, k.Lang, report.SafeCell(k.Name), report.SafeCell(k.Contact), report.SafeCell(k.Note)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	// Contact details never leave unrecorded.
	if err := s.auditStrict(c, principalOf(c).User.Name, "contacts.export", fmt.Sprintf("%d contacts", len(contacts))); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="palaute-contacts.csv"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}
