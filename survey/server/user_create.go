package server

import (
	"errors"
	"strings"
	"unicode"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// userCreate adds a login.
func (s *Server) userCreate(c *fiber.Ctx) error {
	name := strings.Clone(strings.TrimSpace(c.FormValue("name")))
	role, err := store.ParseRole(c.FormValue("role"))
	if err != nil || name == "" {
		return s.usersPage(c, fiber.StatusUnprocessableEntity, "staff.invalid", "")
	}
	cards := cardCodes(c.FormValue("cards"))
	if errKey := cardsForRole(role, cards); errKey != "" {
		return s.usersPage(c, fiber.StatusUnprocessableEntity, errKey, "")
	}
	_, err = s.db.CreateUser(c.UserContext(), name, role, c.FormValue("password"), cards)
	switch {
	case errors.Is(err, store.ErrExists):
		return s.usersPage(c, fiber.StatusConflict, "staff.user_exists", "")
	case errors.Is(err, store.ErrNoSuchCard):
		return s.usersPage(c, fiber.StatusUnprocessableEntity, "staff.card_unknown", "")
	case errors.Is(err, store.ErrInvalid):
		return s.usersPage(c, fiber.StatusUnprocessableEntity, "staff.password_short", "")
	case err != nil:
		return err
	}
	s.audit(c, principalOf(c).User.Name, "user.create", name+" ("+string(role)+withCards(cards)+")")
	return s.usersPage(c, fiber.StatusOK, "", "staff.saved")
}

// cardCodes splits the card codes typed in a form, by spaces or commas.
func cardCodes(v string) []string {
	var out []string
	for _, code := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) }) {
		out = append(out, strings.ToUpper(strings.Clone(code)))
	}
	return out
}

// cardsForRole names the message for cards that do not suit the role: a
// worker needs one at least, other roles none.
func cardsForRole(role store.Role, cards []string) string {
	if (role == store.RoleWorker) != (len(cards) > 0) {
		return "staff.worker_cards"
	}
	return ""
}

// withCards is ", cards A B" for the audit log, or "".
func withCards(cards []string) string {
	if len(cards) == 0 {
		return ""
	}
	return ", cards " + strings.Join(cards, " ")
}
