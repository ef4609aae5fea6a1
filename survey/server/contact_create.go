package server

import (
	"encoding/json"
	"errors"

	"github.com/gofiber/fiber/v2"

	"palaute/survey"
	"palaute/survey/store"
)

// contactCreate takes a client's offer to join the client panel from the
// kiosk's thank-you screen. It is stored apart from every answer, with
// nothing that links the two.
func (s *Server) contactCreate(c *fiber.Ctx) error {
	var in struct {
		Lang    string `json:"lang"`
		Name    string `json:"name"`
		Contact string `json:"contact"`
	}
	if err := json.Unmarshal(c.Body(), &in); err != nil {
		return errMalformed
	}
	if !survey.ValidLanguage(in.Lang) {
		in.Lang = "fi"
	}
	c.Locals(localLang, in.Lang)
	// A card's token is spent once the card is answered: it posts nothing
	// more, a contact neither.
	if token := principalOf(c).CardToken; token != "" {
		_, used, err := s.db.CardByToken(c.UserContext(), token)
		if err != nil {
			return err
		}
		if used {
			return store.ErrTokenUsed
		}
	}
	err := s.db.AddContact(c.UserContext(), store.Contact{Lang: in.Lang, Name: in.Name, Contact: in.Contact})
	if errors.Is(err, store.ErrInvalid) {
		return &validationError{fields: []survey.FieldError{{Field: "contact", Code: survey.CodeRequired}}}
	}
	if err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
