package server

import "github.com/gofiber/fiber/v2"

// unitList shows the units with forms to rename them and add one.
func (s *Server) unitList(c *fiber.Ctx) error {
	return s.unitsPage(c, fiber.StatusOK, "", "")
}

func (s *Server) unitsPage(c *fiber.Ctx, status int, errKey, infoKey string) error {
	units, err := s.db.Units(c.UserContext())
	if err != nil {
		return err
	}
	p := s.staffPage(c, "admin.units")
	p.Data = units
	if errKey != "" {
		p.Error = p.T(errKey)
	}
	if infoKey != "" {
		p.Info = p.T(infoKey)
	}
	return s.renderStaff(c, status, "units.html", p)
}
