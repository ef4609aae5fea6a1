package server

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metricsShow answers the Prometheus metrics.
func (s *Server) metricsShow(c *fiber.Ctx) error {
	return s.metricsHTTP(c)
}

// metricsHandler adapts the Prometheus handler to Fiber once.
func metricsHandler(m interface{ Gatherer() prometheus.Gatherer }) fiber.Handler {
	return adaptor.HTTPHandler(promhttp.HandlerFor(m.Gatherer(), promhttp.HandlerOpts{}))
}
