package server

import (
	"io"

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
	return s.sendPrintPage(c, func(w io.Writer, css string) error { return printing.RenderSurveyForm(w, form, false, css) })
}
