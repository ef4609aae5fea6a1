package server

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"palaute/survey"
	"palaute/survey/store"
)

// entryEdit draws a keyed-in paper response again, for correcting it.
func (s *Server) entryEdit(c *fiber.Ctx) error {
	r, in, err := s.paperResponse(c)
	if err != nil {
		return err
	}
	values := map[string]string{fieldCard: r.Card, fieldLang: r.Lang, fieldDate: r.Day}
	for _, it := range in.Items {
		v, ok := r.Answers[it.Key]
		if !ok {
			continue
		}
		id := itemID(it.Key)
		switch it.Type {
		case survey.TypeChoice:
			for i, o := range it.Options {
				if o.Key == v {
					values[id] = strconv.Itoa(i + 1)
				}
			}
		case survey.TypeLikert5:
			values[id] = v
			if v == survey.CantSay {
				values[id] = "0"
			}
		case survey.TypeMonths:
			n, _ := strconv.Atoi(v)
			values[id], values[id+monthsPart] = strconv.Itoa(n/12), strconv.Itoa(n%12)
		default:
			values[id] = v
		}
	}
	return s.renderEntry(c, fiber.StatusOK, "/entry/"+r.ID, in, values, nil, batchIDs(c))
}

// paperResponse reads the keyed-in response the route names, and its
// instrument; 404 for any other response.
func (s *Server) paperResponse(c *fiber.Ctx) (store.StoredResponse, *survey.Instrument, error) {
	r, err := s.db.ResponseByID(c.UserContext(), c.Params("id"))
	if errors.Is(err, store.ErrNotFound) || (err == nil && r.Channel != survey.ChannelPaper) {
		return r, nil, fiber.ErrNotFound
	}
	if err != nil {
		return r, nil, err
	}
	in, err := s.entrySurvey(r.Survey)
	return r, in, err
}
