package server

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/survey"
	"palaute/survey/store"
)

// validationError carries every bad field of a submission (422).
type validationError struct{ fields []survey.FieldError }

func (e *validationError) Error() string { return "invalid submission" }

// errMalformed means the body is not JSON at all (400).
var errMalformed = errors.New("malformed JSON")

// errOtherSurvey means a card's token was sent with another survey than
// the card's (403).
var errOtherSurvey = fmt.Errorf("%w: a card's token answers its card only", errForbidden)

const localLang = "lang"

// apiError is one entry of an error response.
type apiError struct {
	Field   string `json:"field,omitempty"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// statusOf maps an error to its HTTP status; this is the one place that
// does so.
func statusOf(err error) int {
	var fe *fiber.Error
	var ve *validationError
	var ps survey.Problems
	switch {
	case errors.As(err, &fe):
		return fe.Code
	case errors.As(err, &ve), errors.As(err, &ps):
		return fiber.StatusUnprocessableEntity
	case errors.Is(err, survey.ErrNotDefinition):
		return fiber.StatusBadRequest
	case errors.Is(err, errMalformed):
		return fiber.StatusBadRequest
	case errors.Is(err, errUnauthorized):
		return fiber.StatusUnauthorized
	case errors.Is(err, errForbidden):
		return fiber.StatusForbidden
	case errors.Is(err, errRateLimited):
		return fiber.StatusTooManyRequests
	case errors.Is(err, store.ErrConflict), errors.Is(err, store.ErrTokenUsed):
		return fiber.StatusConflict
	case errors.Is(err, store.ErrNotFound):
		return fiber.StatusNotFound
	case store.Unavailable(err), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return fiber.StatusServiceUnavailable
	}
	return fiber.StatusInternalServerError
}

// codeOf names the message of a non-validation error.
func codeOf(err error, status int) string {
	switch {
	case errors.Is(err, store.ErrTokenUsed):
		return "token_used"
	case errors.Is(err, errMalformed):
		return "malformed_json"
	case errors.Is(err, errOtherSurvey):
		return "other_survey"
	}
	switch status {
	case fiber.StatusUnauthorized:
		return "unauthorized"
	case fiber.StatusNotFound:
		return "not_found"
	case fiber.StatusMethodNotAllowed:
		return "method_not_allowed"
	case fiber.StatusRequestEntityTooLarge:
		return "too_large"
	case fiber.StatusConflict:
		return "conflict"
	case fiber.StatusBadRequest:
		return "malformed_json"
	case fiber.StatusServiceUnavailable:
		return "unavailable"
	case fiber.StatusForbidden:
		return "forbidden"
	case fiber.StatusTooManyRequests:
		return "rate_limited"
	}
	return "internal"
}

// handleError answers every failed request: JSON under /api/, plain text
// elsewhere, in the client's language. Internal details go to the log,
// never to the client.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	status := statusOf(err)
	if status >= 500 {
		s.log.Error("request failed", "method", c.Method(), "route", c.Route().Path, "status", status, "err", err)
	}
	lang, _ := c.Locals(localLang).(string)
	if lang == "" {
		lang = s.cat.Pick(c.Get(fiber.HeaderAcceptLanguage))
	}
	var errs []apiError
	var ve *validationError
	var fe *fiber.Error
	var ps survey.Problems
	if errors.As(err, &ve) {
		for _, f := range ve.fields {
			errs = append(errs, apiError{Field: f.Field, Code: f.Code, Message: s.cat.Get(lang, "error."+f.Code)})
		}
	} else if errors.As(err, &ps) {
		for _, p := range ps {
			errs = append(errs, apiError{Field: p.Field, Code: p.Code, Message: s.problemMessage(lang, p)})
		}
	} else if errors.As(err, &fe) && status == fiber.StatusUnprocessableEntity {
		// Our own explanation of what to change, in English.
		errs = []apiError{{Code: "invalid", Message: fe.Message}}
	} else {
		code := codeOf(err, status)
		errs = []apiError{{Code: code, Message: s.cat.Get(lang, "error."+code)}}
	}
	switch status {
	case fiber.StatusUnauthorized:
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="palaute"`)
	case fiber.StatusTooManyRequests:
		c.Set(fiber.HeaderRetryAfter, "60")
	}
	c.Status(status)
	if strings.HasPrefix(c.Path(), "/api/") {
		// The error handler runs after every middleware has returned, so
		// it names the charset itself.
		if err := c.JSON(fiber.Map{"errors": errs}); err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
		return nil
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextPlainCharsetUTF8)
	return c.SendString(errs[0].Message)
}
