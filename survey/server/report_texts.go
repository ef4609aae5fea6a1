package server

import (
	"github.com/gofiber/fiber/v2"

	"palaute/report"
)

// reportTexts lists the free-text answers of a figure the disclosure
// rules release, in random order, labelled no finer than the released
// months.
func (s *Server) reportTexts(c *fiber.Ctx) error {
	in, year, f, err := s.reportQuery(c, true)
	if err != nil {
		return err
	}
	y, err := s.src.Load(c.UserContext(), in.Key, year, report.TextRows)
	if err != nil {
		return err
	}
	texts, released, errs := y.Texts(f)
	if errs != nil {
		return fieldErrors(errs)
	}
	who := "API token"
	if p := principalOf(c); p.User != nil {
		who = p.User.Name
	}
	s.audit(c, who, "report.texts", in.Key)
	return c.JSON(fiber.Map{"survey": in.Key, "year": year, "suppressed": !released, "texts": texts})
}
