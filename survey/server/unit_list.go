package server

import (
	"slices"

	"github.com/gofiber/fiber/v2"

	"palaute/survey/store"
)

// unitRow is a unit with a box for each weekday of its opening hours.
type unitRow struct {
	store.Unit
	Days []dayBox
	// Surveys is a box for each survey its kiosks may offer.
	Surveys []surveyBox
}

// surveyBox is one survey a unit's kiosks may offer.
type surveyBox struct {
	Key, Title string
	Offered    bool
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
	p := s.staffPage(c, "admin.units")
	rows := make([]unitRow, 0, len(units))
	for _, u := range units {
		r := unitRow{Unit: u}
		for n := 1; n <= 7; n++ {
			r.Days = append(r.Days, dayBox{N: n, Open: u.Hours.Days[n%7]})
		}
		offered, err := s.db.UnitSurveys(c.UserContext(), u.ID)
		if err != nil {
			return err
		}
		for _, in := range cardSurveyFirst(s.reg.List()) {
			r.Surveys = append(r.Surveys, surveyBox{Key: in.Key, Title: in.Title[p.Lang], Offered: slices.Contains(offered, in.Key)})
		}
		rows = append(rows, r)
	}
	p.Data = rows
	if errKey != "" {
		p.Error = p.T(errKey)
	}
	if infoKey != "" {
		p.Info = p.T(infoKey)
	}
	return s.renderStaff(c, status, "units.html", p)
}
