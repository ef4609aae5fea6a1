package server

import (
	"github.com/gofiber/fiber/v2"

	"palaute/survey"
)

// surveyRow is one survey on the editor's list.
type surveyRow struct {
	Key, Title string
	Version    int
	Annual     bool
	Items      int
	Draft      bool
}

// surveyEditList lists the surveys the editor can make a next version of.
func (s *Server) surveyEditList(c *fiber.Ctx) error {
	p := s.staffPage(c, "editor.title")
	var rows []surveyRow
	for _, in := range cardSurveyFirst(s.reg.List()) {
		_, err := s.db.Draft(c.UserContext(), in.Key)
		rows = append(rows, surveyRow{Key: in.Key, Title: in.Title[p.Lang], Version: in.Version, Annual: in.Annual, Items: len(in.Items), Draft: err == nil})
	}
	p.Data = struct {
		Rows       []surveyRow
		CardSurvey string
	}{rows, survey.CardSurvey}
	return s.renderStaff(c, fiber.StatusOK, "surveys.html", p)
}
