package server

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
)

// healthShow answers 200 when the database answers a query and takes a
// write, 503 otherwise: a read-only or full database is not healthy.
func (s *Server) healthShow(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
	defer cancel()
	err := s.db.Ping(ctx)
	if err == nil {
		err = s.db.WriteProbe(ctx)
	}
	if err != nil {
		s.log.Error("health check failed", "err", err)
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "unavailable"})
	}
	return c.JSON(fiber.Map{"status": "ok"})
}
