package server

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey"
)

// reportExport answers the yearly Excel workbook of a survey, with
// headings in the language asked (fi, sv or en).
func (s *Server) reportExport(c *fiber.Ctx) error {
	in, year, _, err := s.reportQuery(c, true)
	if err != nil {
		return err
	}
	lang := c.Query("lang", s.staffLang(c))
	if !survey.ValidLanguage(lang) {
		return &validationError{fields: []survey.FieldError{{Field: "lang", Code: survey.CodeUnknownLanguage}}}
	}
	wb, err := s.src.LoadWorkbook(c.UserContext(), in.Key, year, lang, s.cat)
	if err != nil {
		return err
	}
	wb.RawLink = fmt.Sprintf("%s/reports/raw.xlsx?survey=%s&year=%d&lang=%s", s.public, in.Key, year, lang)
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		return err
	}
	who := "API token"
	if p := principalOf(c); p.User != nil {
		who = p.User.Name
	}
	if err := s.auditStrict(c, who, "report.export", fmt.Sprintf("%s %d (%s)", in.Key, year, lang)); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="palaute-%s-%d.xlsx"`, strings.ToLower(in.Key), year))
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}
