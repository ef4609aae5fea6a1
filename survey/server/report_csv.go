package server

import (
	"bytes"
	"fmt"
	"io"

	"github.com/gofiber/fiber/v2"

	"palaute/report"
)

// sendCSV answers a report as a CSV download, with headers in the
// reader's language: RFC 4180, or with ?excel=1 the flavour Finnish Excel
// opens in columns (report.CSV).
func (s *Server) sendCSV(c *fiber.Ctx, name string, write func(out io.Writer, excel bool, l report.Labels) error) error {
	excel := c.Query("excel") == "1"
	var buf bytes.Buffer
	if err := write(&buf, excel, report.Labels{Lang: s.staffLang(c), Catalog: s.cat}); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	if excel {
		name += "-excel"
	}
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s.csv"`, name))
	return c.Send(buf.Bytes())
}
