package server

import (
	"encoding/base64"
	"html/template"

	"github.com/gofiber/fiber/v2"
	"github.com/skip2/go-qrcode"

	"palaute/survey/store"
)

// kiosksPage is what the kiosks page shows; NewLink and NewQR only right
// after a kiosk is added, since the token is shown once.
type kiosksPage struct {
	Kiosks  []store.Kiosk
	NewLink string
	NewQR   template.URL // a PNG as a data: URL, which html/template would refuse as a plain string
}

// kioskList shows the kiosks, with forms to add and revoke them.
func (s *Server) kioskList(c *fiber.Ctx) error {
	return s.kiosksPage(c, fiber.StatusOK, "", "")
}

func (s *Server) kiosksPage(c *fiber.Ctx, status int, link, infoKey string) error {
	kiosks, err := s.db.Kiosks(c.UserContext())
	if err != nil {
		return err
	}
	data := kiosksPage{Kiosks: kiosks, NewLink: link}
	if link != "" {
		png, err := qrcode.Encode(link, qrcode.Medium, 256)
		if err != nil {
			return err
		}
		data.NewQR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
	}
	p := s.staffPage(c, "admin.kiosks")
	p.Data = data
	if infoKey != "" {
		p.Info = p.T(infoKey)
	}
	return s.renderStaff(c, status, "kiosks.html", p)
}
