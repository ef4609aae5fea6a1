package server

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"palaute/report"
)

// settingSave stores the anonymity threshold; every report, export and
// poster uses it from the next request on.
func (s *Server) settingSave(c *fiber.Ctx) error {
	n, err := strconv.Atoi(strings.TrimSpace(c.FormValue("threshold")))
	if err != nil || n < report.MinThreshold {
		return s.settingsPage(c, fiber.StatusUnprocessableEntity, "settings.threshold_invalid", "")
	}
	if err := report.SetThreshold(c.UserContext(), s.db, n, false); err != nil {
		return err
	}
	s.audit(c, principalOf(c).User.Name, "settings.threshold", strconv.Itoa(n))
	return s.settingsPage(c, fiber.StatusOK, "", "staff.saved")
}
