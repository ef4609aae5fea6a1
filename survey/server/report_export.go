package server

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/report"
	"palaute/survey"
)

// reportExport answers the yearly Excel workbook of a survey, with
// headings in the language asked (fi, sv or en).
func (s *Server) reportExport(c *fiber.Ctx) error {
	in, f, err := s.reportQuery(c)
	if err != nil {
		return err
	}
	if f.Year == 0 {
		return &validationError{fields: requiredField("year")}
	}
	lang := c.Query("lang", "fi")
	if !survey.ValidLanguage(lang) {
		return &validationError{fields: []survey.FieldError{{Field: "lang", Code: survey.CodeUnknownLanguage}}}
	}
	var buf bytes.Buffer
	wb := report.Workbook{DB: s.db, Survey: in, Year: f.Year, Lang: lang, Catalog: s.cat, Threshold: s.threshold}
	if err := wb.Write(c.UserContext(), &buf); err != nil {
		return err
	}
	who := "API token"
	if p := principalOf(c); p.User != nil {
		who = p.User.Name
	}
	if err := s.auditStrict(c, who, "report.export", fmt.Sprintf("%s %d (%s)", in.Key, f.Year, lang)); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="palaute-%s-%d.xlsx"`, strings.ToLower(in.Key), f.Year))
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}
