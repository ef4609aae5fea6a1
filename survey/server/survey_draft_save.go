package server

import (
	"encoding/json"
	"errors"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey"
)

// surveyDraftSave keeps the editor's form as the survey's draft, applies
// the button pressed (add, move or remove a question or an option, preview
// or publish) and shows the editor again. Publishing a draft with
// problems shows them, in the user's language, and publishes nothing.
func (s *Server) surveyDraftSave(c *fiber.Ctx) error {
	ctx := c.UserContext()
	key := c.Params("key")
	in, err := s.draftOf(ctx, key)
	if err != nil {
		return err
	}
	s.draftForm(c, in)
	op := strings.Clone(c.FormValue("op"))
	if op == "discard" {
		if err := s.db.DeleteDraft(ctx, key); err != nil {
			return err
		}
		return c.Redirect("/admin/surveys/"+url.PathEscape(key), fiber.StatusSeeOther)
	}
	draftEdit(in, op)
	def, err := json.Marshal(in)
	if err != nil {
		return err
	}
	actor := s.actorName(c)
	if err := s.db.SaveDraft(ctx, key, def, actor); err != nil {
		return err
	}
	p := s.staffPage(c, "editor.title")
	switch op {
	case "preview:kiosk", "preview:phone":
		return c.Redirect("/admin/surveys/"+url.PathEscape(key)+"/preview/"+strings.TrimPrefix(op, "preview:"), fiber.StatusSeeOther)
	case "publish":
		pub, err := s.db.Publish(ctx, in, actor)
		var ps survey.Problems
		if errors.As(err, &ps) {
			p.Error = p.T("editor.not_published")
			return s.renderEditor(c, fiber.StatusUnprocessableEntity, p, in)
		}
		if err != nil {
			return err
		}
		return c.Redirect("/admin/surveys/"+url.PathEscape(key)+"?published="+strconv.Itoa(pub.Version), fiber.StatusSeeOther)
	}
	p.Info = p.T("editor.saved")
	return s.renderEditor(c, fiber.StatusOK, p, in)
}
