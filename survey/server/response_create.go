package server

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"palaute/survey"
	"palaute/survey/store"
)

// responseCreate stores a submitted response: 201 when it is new and
// durable, 200 for a resend of the same id and content, 503 when the
// database cannot take it (the client keeps it and resends). A card's
// one-time token answers only the visit card: anything else is 403.
func (s *Server) responseCreate(c *fiber.Ctx) error {
	ctx := c.UserContext()
	p := principalOf(c)
	sub, err := survey.Decode(c.Body())
	if err != nil {
		return errMalformed
	}
	c.Locals(localLang, sub.MessageLang())
	// A printed card's token answers that card and nothing else.
	if key := sub.SurveyKey(); p.CardToken != "" && key != "" && key != survey.CardSurvey {
		return errOtherSurvey
	}
	cards, lookupFailed := s.db.CardCheck(ctx)
	r, fields := survey.Check(sub, survey.Rules{Registry: s.reg, Today: s.today(), Channel: p.Channel, Card: p.Card, Cards: cards})
	if err := lookupFailed(); err != nil {
		return err
	}
	if fields != nil {
		return &validationError{fields: fields}
	}
	src := store.Source{UnitID: p.UnitID}
	if p.CardToken != "" {
		src.CardTokenHash = store.HashSecret(p.CardToken)
	}
	created, err := s.db.Submit(ctx, r, src)
	if errors.Is(err, store.ErrUnavailable) {
		s.log.Error("submission not stored: the database cannot take writes; answering 503 so the client keeps the answer and resends",
			"survey", r.Survey, "channel", r.Channel, "err", err)
	}
	if err != nil {
		return err
	}
	status := fiber.StatusOK
	if created {
		status = fiber.StatusCreated
	}
	return c.Status(status).JSON(fiber.Map{"id": r.ID})
}
