package server

import (
	"github.com/gofiber/fiber/v2"
)

// reportTexts lists a survey's free-text answers by month, for the
// quality group. Free text can hold personal details, so it is shown only
// where at least the threshold of responses stand behind the period.
func (s *Server) reportTexts(c *fiber.Ctx) error {
	_, f, err := s.reportQuery(c)
	if err != nil {
		return err
	}
	if f.Year == 0 {
		return &validationError{fields: requiredField("year")}
	}
	n, err := s.db.CountFiltered(c.UserContext(), f)
	if err != nil {
		return err
	}
	hidden, err := s.hidden(c, f, n)
	if err != nil {
		return err
	}
	type text struct {
		Month int    `json:"month"`
		Item  string `json:"item"`
		Text  string `json:"text"`
	}
	out := []text{}
	if !hidden {
		texts, err := s.db.Texts(c.UserContext(), f)
		if err != nil {
			return err
		}
		for _, t := range texts {
			out = append(out, text{Month: t.Month, Item: t.Item, Text: t.Body})
		}
	}
	who := "API token"
	if p := principalOf(c); p.User != nil {
		who = p.User.Name
	}
	s.audit(c, who, "report.texts", f.Survey)
	return c.JSON(fiber.Map{"survey": f.Survey, "year": f.Year, "suppressed": hidden, "texts": out})
}
