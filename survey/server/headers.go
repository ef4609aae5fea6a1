package server

import (
	"strings"

	"github.com/gofiber/fiber/v2"
)

// contentSecurityPolicy allows scripts, styles and everything else from
// Palaute itself only: no inline script, no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; " +
	"form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries, and a charset
// on every text response.
func (s *Server) securityHeaders(c *fiber.Ctx) error {
	h := &c.Response().Header
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	if s.secure(c) {
		h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
	}
	err := c.Next()
	if ct := string(h.ContentType()); (strings.HasPrefix(ct, "text/") || strings.HasSuffix(ct, "json")) && !strings.Contains(ct, "charset") {
		h.SetContentType(ct + "; charset=utf-8")
	}
	return err
}
