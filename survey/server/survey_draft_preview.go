package server

import (
	"github.com/gofiber/fiber/v2"

	"palaute/survey"
	"palaute/survey/locale"
)

// surveyDraftPreview shows the draft exactly as the kiosk or a client's
// phone would, sending nothing. A draft with problems cannot be previewed:
// the editor shows them.
func (s *Server) surveyDraftPreview(c *fiber.Ctx) error {
	ctx := c.UserContext()
	in, err := s.draftOf(ctx, c.Params("key"))
	if err != nil {
		return err
	}
	view := c.Params("view")
	if view != "kiosk" && view != "phone" {
		return fiber.ErrNotFound
	}
	if err := in.Validate(); err != nil {
		p := s.staffPage(c, "editor.title")
		p.Error = p.T("editor.fix_first")
		return s.renderEditor(c, fiber.StatusUnprocessableEntity, p, in)
	}
	cards, err := s.db.Cards(ctx)
	if err != nil {
		return err
	}
	data := s.screenData(nil, cards)
	data.Surveys = []string{in.Key}
	data.Instruments[in.Key] = in
	lang := s.staffLang(c)
	if !survey.ValidLanguage(lang) {
		lang = locale.Default
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	p := s.answerPage(data, lang, c.Path())
	p.Web, p.Preview, p.PreviewNote = view == "phone", true, s.cat.Get(lang, "editor.preview_note")
	return s.render(c, fiber.StatusOK, "kiosk.html", p)
}
