package server

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey"
)

// reportRaw streams a survey year's k-anonymous answer rows as an Excel
// file, in the language asked; the download is audited before a byte
// leaves.
func (s *Server) reportRaw(c *fiber.Ctx) error {
	in, year, _, err := s.reportQuery(c, true)
	if err != nil {
		return err
	}
	lang := c.Query("lang", s.staffLang(c))
	if !survey.ValidLanguage(lang) {
		return &validationError{fields: []survey.FieldError{{Field: "lang", Code: survey.CodeUnknownLanguage}}}
	}
	raw, err := s.src.LoadRaw(c.UserContext(), in.Key, year, lang, s.cat)
	if err != nil {
		return err
	}
	who := "API token"
	if p := principalOf(c); p.User != nil {
		who = p.User.Name
	}
	if err := s.auditStrict(c, who, "report.raw", fmt.Sprintf("%s %d (%s)", in.Key, year, lang)); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="palaute-%s-%d-rows.xlsx"`, strings.ToLower(in.Key), year))
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		if err := raw.Write(w); err != nil {
			s.log.Error("raw rows stopped", "survey", in.Key, "year", year, "err", err)
		}
		w.Flush()
	})
	return nil
}
