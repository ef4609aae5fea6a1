package server

import (
	"bytes"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/printing"
)

// surveyFormShow answers the annual survey as an A4 form to print, in fi
// or sv, with the survey period on it.
func (s *Server) surveyFormShow(c *fiber.Ctx) error {
	form, err := printing.NewSurveyForm(s.reg.Current("satisfaction"), c.Query("lang", "fi"), s.kiosk.Period, s.cat)
	if err != nil {
		return fiber.NewError(fiber.StatusUnprocessableEntity, err.Error())
	}
	css, err := s.static.URL("print.css")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := printing.RenderSurveyForm(&buf, form, false, css); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Send(buf.Bytes())
}
