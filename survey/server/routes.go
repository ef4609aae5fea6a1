package server

import "github.com/gofiber/fiber/v2"

// routes registers every route with the access it needs.
func (s *Server) routes(app *fiber.App) {
	app.Get("/healthz", s.allow(public), s.healthShow)
	app.Get("/metrics", s.allow(metricsReader), s.metricsShow)
	app.Get("/static/:file", s.allow(public), s.staticShow)

	// The kiosk page is public: an unpaired browser is shown how to set
	// the tablet up, never a bare 401.
	app.Get("/kiosk", s.allow(public), s.kioskShow)
	app.Get("/kiosk/pair", s.allow(public), s.kioskPair)
	app.Get("/kiosk/sw.js", s.allow(public), s.kioskWorker)
	app.Get("/kiosk/manifest.webmanifest", s.allow(public), s.kioskManifest)

	api := app.Group("/api/v1")
	api.Get("/surveys", s.allow(public), s.surveyList)
	api.Post("/responses", s.countSubmission, s.allow(submitter), bodyLimit(MaxBodyBytes), s.responseCreate)
}
