package server

import "github.com/gofiber/fiber/v2"

// entryShow draws the paper data-entry form of ?survey= (the visit card
// by default), keyboard first: Tab moves between fields, Enter saves and
// starts the next card. The language and day of the card before carry
// over.
func (s *Server) entryShow(c *fiber.Ctx) error {
	in, err := s.entrySurvey(c.Query("survey"))
	if err != nil {
		return err
	}
	values := map[string]string{fieldLang: c.Query(fieldLang, "fi"), fieldDate: c.Query(fieldDate)}
	return s.renderEntry(c, fiber.StatusOK, "/entry", in, values, nil, batchIDs(c))
}
