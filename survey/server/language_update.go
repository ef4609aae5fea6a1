package server

import (
	"github.com/gofiber/fiber/v2"

	"palaute/survey"
)

// languageUpdate keeps the language the signed-in user chose for the staff
// pages and goes back to the page the switch was on.
func (s *Server) languageUpdate(c *fiber.Ctx) error {
	lang := c.FormValue("lang")
	if !survey.ValidLanguage(lang) {
		return &validationError{fields: []survey.FieldError{{Field: "lang", Code: survey.CodeUnknownLanguage}}}
	}
	pr := principalOf(c)
	if err := s.db.SetUserLanguage(c.UserContext(), pr.User.ID, lang); err != nil {
		return err
	}
	next := safeNext(c.FormValue("next"))
	if next == "" {
		next = "/account"
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}

// staffLang is the language of a staff page: a valid ?lang= first, then
// the user's choice, then the browser's.
func (s *Server) staffLang(c *fiber.Ctx) string {
	if l := c.Query("lang"); survey.ValidLanguage(l) {
		return l
	}
	if pr := principalOf(c); pr.User != nil && pr.User.Lang != "" {
		return pr.User.Lang
	}
	return s.cat.Pick(c.Get(fiber.HeaderAcceptLanguage))
}
