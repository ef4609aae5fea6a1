package server

import (
	"time"

	"github.com/gofiber/fiber/v2"
)

// kioskCookie holds a paired tablet's credential. It is HttpOnly, so page
// script cannot read it, and SameSite=Strict, so no other site's page can
// make the tablet send it.
const kioskCookie = "palaute_kiosk"

// setKioskCookie stores the credential for 400 days, the most browsers
// keep a cookie; every visit to the kiosk page renews it.
func setKioskCookie(c *fiber.Ctx, token string) {
	c.Cookie(&fiber.Cookie{
		Name: kioskCookie, Value: token, Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteStrictMode,
		Secure: c.Protocol() == "https", Expires: time.Now().Add(400 * 24 * time.Hour),
	})
}

// clearKioskCookie makes the tablet forget its credential.
func clearKioskCookie(c *fiber.Ctx) {
	c.Cookie(&fiber.Cookie{
		Name: kioskCookie, Value: "", Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteStrictMode,
		Secure: c.Protocol() == "https", Expires: time.Unix(0, 0), MaxAge: -1,
	})
}
