package server

import (
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/report"
	"palaute/survey"
)

// fileQuery reads what a report file names: the survey, the year and the
// language of its headings (the reader's unless asked).
func (s *Server) fileQuery(c *fiber.Ctx) (*survey.Instrument, int, string, error) {
	in, year, _, err := s.reportQuery(c, true)
	if err != nil {
		return nil, 0, "", err
	}
	lang := c.Query("lang", s.staffLang(c))
	if !survey.ValidLanguage(lang) {
		return nil, 0, "", &validationError{fields: []survey.FieldError{{Field: "lang", Code: survey.CodeUnknownLanguage}}}
	}
	return in, year, lang, nil
}

// readerName names who reads a report in the audit log: the user, or the API
// token.
func readerName(c *fiber.Ctx) string {
	if p := principalOf(c); p.User != nil {
		return p.User.Name
	}
	return "API token"
}

// sendWorkbookHeaders audits a workbook download before a byte of it
// leaves and sets its headers; name ends the file name.
func (s *Server) sendWorkbookHeaders(c *fiber.Ctx, action string, in *survey.Instrument, year int, lang, name string) error {
	if err := s.auditStrict(c, readerName(c), action, fmt.Sprintf("%s %d (%s)", in.Key, year, lang)); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="palaute-%s-%d%s.xlsx"`, strings.ToLower(in.Key), year, name))
	c.Set(fiber.HeaderCacheControl, "no-store")
	return nil
}

// releasedTexts are the free texts of the figure a request names, as the
// disclosure rules release them; reading them is audited.
func (s *Server) releasedTexts(c *fiber.Ctx) (*survey.Instrument, int, report.Filter, []report.Text, bool, error) {
	in, year, f, err := s.reportQuery(c, true)
	if err != nil {
		return nil, 0, f, nil, false, err
	}
	y, err := s.src.Load(c.UserContext(), in.Key, year, report.TextRows)
	if err != nil {
		return nil, 0, f, nil, false, err
	}
	texts, released, errs := y.Texts(f)
	if errs != nil {
		return nil, 0, f, nil, false, fieldErrors(errs)
	}
	s.audit(c, readerName(c), "report.texts", in.Key)
	return in, year, f, texts, released, nil
}
