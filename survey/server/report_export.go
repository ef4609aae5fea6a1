package server

import (
	"bytes"
	"fmt"

	"github.com/gofiber/fiber/v2"
)

// reportExport answers the yearly Excel workbook of a survey, with
// headings in the language asked (fi, sv or en).
func (s *Server) reportExport(c *fiber.Ctx) error {
	in, year, lang, err := s.fileQuery(c)
	if err != nil {
		return err
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
	if err := s.sendWorkbookHeaders(c, "report.export", in, year, lang, ""); err != nil {
		return err
	}
	return c.Send(buf.Bytes())
}
