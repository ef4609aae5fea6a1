package server

import (
	"bufio"

	"github.com/gofiber/fiber/v2"
)

// reportRaw streams a survey year's k-anonymous answer rows as an Excel
// file, in the language asked; the download is audited before a byte
// leaves.
func (s *Server) reportRaw(c *fiber.Ctx) error {
	in, year, lang, err := s.fileQuery(c)
	if err != nil {
		return err
	}
	raw, err := s.src.LoadRaw(c.UserContext(), in.Key, year, lang, s.cat)
	if err != nil {
		return err
	}
	if err := s.sendWorkbookHeaders(c, "report.raw", in, year, lang, "-rows"); err != nil {
		return err
	}
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		if err := raw.Write(w); err != nil {
			s.log.Error("raw rows stopped", "survey", in.Key, "year", year, "err", err)
		}
		w.Flush()
	})
	return nil
}
