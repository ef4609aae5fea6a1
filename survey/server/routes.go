package server

import "github.com/gofiber/fiber/v2"

// routes registers every route with the access it needs.
func (s *Server) routes(app *fiber.App) {
	app.Get("/healthz", s.allow(public), s.healthShow)
	app.Get("/metrics", s.allow(metricsReader), s.metricsShow)

	api := app.Group("/api/v1")
	api.Get("/surveys", s.allow(public), s.surveyList)
	api.Post("/responses", s.countSubmission, s.allow(submitter), bodyLimit(MaxBodyBytes), s.responseCreate)
}
