package server

import (
	"github.com/gofiber/fiber/v2"

	"palaute/report"
)

// settingsData is what the settings page shows.
type settingsData struct {
	Threshold, Min int
}

// settingList shows the organisation's settings: the anonymity threshold.
func (s *Server) settingList(c *fiber.Ctx) error {
	return s.settingsPage(c, fiber.StatusOK, "", "")
}

func (s *Server) settingsPage(c *fiber.Ctx, status int, errKey, infoKey string) error {
	t, err := report.Threshold(c.UserContext(), s.db)
	if err != nil {
		return err
	}
	p := s.staffPage(c, "admin.settings")
	p.Data = settingsData{Threshold: t, Min: report.MinThreshold}
	if errKey != "" {
		p.Error = p.T(errKey)
	}
	if infoKey != "" {
		p.Info = p.T(infoKey)
	}
	return s.renderStaff(c, status, "settings.html", p)
}
