package server

import (
	"net/netip"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// clientAddr is the address of the client for rate limits. The peer of the
// connection is the client unless it is a configured trusted proxy; then
// X-Forwarded-For is read from the right, skipping trusted proxies, so a
// client cannot choose its own address by sending the header itself.
func (s *Server) clientAddr(c *fiber.Ctx) string {
	peer, err := netip.ParseAddr(c.Context().RemoteIP().String())
	if err != nil {
		return c.Context().RemoteIP().String()
	}
	peer = peer.Unmap()
	if !s.trusted(peer) {
		return peer.String()
	}
	hops := strings.Split(c.Get(fiber.HeaderXForwardedFor), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		a = a.Unmap()
		if !s.trusted(a) {
			return a.String()
		}
	}
	return peer.String()
}

func (s *Server) trusted(a netip.Addr) bool {
	for _, p := range s.proxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// secure reports whether the client reached Palaute over HTTPS, directly
// or through a trusted proxy that says so.
func (s *Server) secure(c *fiber.Ctx) bool {
	if c.Context().IsTLS() {
		return true
	}
	peer, err := netip.ParseAddr(c.Context().RemoteIP().String())
	return err == nil && s.trusted(peer.Unmap()) && strings.EqualFold(c.Get(fiber.HeaderXForwardedProto), "https")
}
