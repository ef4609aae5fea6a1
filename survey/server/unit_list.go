package server

import (
	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// unitRow is a unit with a box for each weekday of its opening hours.
type unitRow struct {
	store.Unit
	Days []dayBox
}

// dayBox is one weekday's box: N is its ISO number, 1 Monday … 7 Sunday.
type dayBox struct {
	N    int
	Open bool
}

// unitList shows the units with forms to rename them, set their opening
// hours and add one.
func (s *Server) unitList(c *fiber.Ctx) error {
	return s.unitsPage(c, fiber.StatusOK, "", "")
}

func (s *Server) unitsPage(c *fiber.Ctx, status int, errKey, infoKey string) error {
	units, err := s.db.Units(c.UserContext())
	if err != nil {
		return err
	}
	rows := make([]unitRow, 0, len(units))
	for _, u := range units {
		r := unitRow{Unit: u}
		for n := 1; n <= 7; n++ {
			r.Days = append(r.Days, dayBox{N: n, Open: u.Hours.Days[n%7]})
		}
		rows = append(rows, r)
	}
	p := s.staffPage(c, "admin.units")
	p.Data = rows
	if errKey != "" {
		p.Error = p.T(errKey)
	}
	if infoKey != "" {
		p.Info = p.T(infoKey)
	}
	return s.renderStaff(c, status, "units.html", p)
}
