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
	app.Get("/kiosk/pair", s.allow(public), s.limitByClient, s.kioskPair)
	app.Post("/kiosk/contact", s.allow(submitter), bodyLimit(4<<10), s.contactCreate)
	app.Get("/kiosk/sw.js", s.allow(public), s.kioskWorker)
	app.Get("/kiosk/manifest.webmanifest", s.allow(public), s.kioskManifest)
	// A paired tablet reports its state, and confirms an unpair asked of
	// it; only the kiosk itself, known by its credential.
	app.Post("/kiosk/heartbeat", s.allow(device), bodyLimit(2<<10), s.kioskHeartbeat)
	app.Post("/kiosk/unpair", s.allow(device), bodyLimit(2<<10), s.kioskUnpair)

	// A printed card's QR code opens the visit card on the client's phone.
	app.Get("/v/:token", s.allow(public), s.limitByClient, s.webCardShow)

	// The lobby poster is public: it shows only aggregates above the
	// anonymity threshold.
	app.Get("/poster", s.allow(public), s.posterShow)
	app.Get("/poster/sw.js", s.allow(public), s.posterWorker)

	// The quality group's downloads.
	app.Get("/reports", s.allow(readerUser), s.reportHome)
	app.Get("/reports/texts", s.allow(readerUser), s.reportTextList)
	app.Get("/reports/export.xlsx", s.allow(reader), s.reportExport)
	app.Get("/reports/raw.xlsx", s.allow(reader), s.reportRaw)
	app.Get("/reports/national.csv", s.allow(reader), s.reportNationalCSV)
	app.Get("/reports/charts", s.allow(reader), s.reportCharts)
	app.Get("/reports/charts/:file", s.allow(reader), s.reportChartDownload)
	app.Get("/reports/actions", s.allow(readerUser), s.actionList)
	app.Post("/reports/actions", s.allow(readerUser), bodyLimit(formLimit), s.actionCreate)
	app.Post("/reports/actions/:id/delete", s.allow(readerUser), bodyLimit(formLimit), s.actionDelete)

	// Staff pages. State changes are POSTs and carry the session's CSRF
	// token, which allow checks.
	app.Get("/login", s.allow(public), s.loginShow)
	app.Post("/login", s.allow(public), bodyLimit(formLimit), s.loginCreate)
	app.Post("/logout", s.allow(anyUser), bodyLimit(formLimit), s.logoutCreate)
	app.Get("/account", s.allow(anyUser), s.accountShow)
	app.Post("/account/password", s.allow(anyUser), bodyLimit(formLimit), s.passwordUpdate)
	app.Post("/account/language", s.allow(anyUser), bodyLimit(formLimit), s.languageUpdate)
	// A worker's own side: their cards' feedback, a page to print for the
	// year, and their cards to print.
	app.Get("/me", s.allow(worker), s.meShow)
	app.Get("/me/summary", s.allow(worker), s.meSummary)
	app.Get("/me/cards", s.allow(worker), s.meCardList)
	app.Post("/me/cards", s.allow(worker), bodyLimit(formLimit), s.meCardPrint)
	app.Get("/entry", s.allow(keyer), s.entryShow)
	app.Post("/entry", s.allow(keyer), bodyLimit(formLimit), s.entryCreate)
	app.Get("/entry/:id/edit", s.allow(keyer), s.entryEdit)
	app.Post("/entry/:id", s.allow(keyer), bodyLimit(formLimit), s.entryUpdate)
	app.Post("/entry/:id/delete", s.allow(keyer), bodyLimit(formLimit), s.entryDelete)
	app.Get("/admin/survey-form", s.allow(readerUser), s.surveyFormShow)
	// The survey editor: the next version of a survey, previewed as the
	// kiosk and a phone show it, then published.
	app.Get("/admin/surveys", s.allow(readerUser), s.surveyEditList)
	app.Get("/admin/surveys/:key", s.allow(readerUser), s.surveyDraftShow)
	app.Post("/admin/surveys/:key", s.allow(readerUser), bodyLimit(definitionLimit), s.surveyDraftSave)
	app.Get("/admin/surveys/:key/preview/:view", s.allow(readerUser), s.surveyDraftPreview)
	app.Get("/admin/settings", s.allow(admin), s.settingList)
	app.Post("/admin/settings", s.allow(admin), bodyLimit(formLimit), s.settingSave)
	app.Get("/admin/units", s.allow(admin), s.unitList)
	app.Post("/admin/units", s.allow(admin), bodyLimit(formLimit), s.unitSave)
	app.Post("/admin/units/:id", s.allow(admin), bodyLimit(formLimit), s.unitSave)
	app.Get("/admin/cards", s.allow(admin), s.cardList)
	app.Post("/admin/cards", s.allow(admin), bodyLimit(formLimit), s.cardSave)
	app.Post("/admin/cards/:code", s.allow(admin), bodyLimit(formLimit), s.cardSave)
	app.Get("/admin/kiosks", s.allow(admin), s.kioskList)
	app.Post("/admin/kiosks", s.allow(admin), bodyLimit(formLimit), s.kioskCreate)
	app.Post("/admin/kiosks/:id/revoke", s.allow(admin), bodyLimit(formLimit), s.kioskRevoke)
	app.Post("/admin/kiosks/:id/command", s.allow(admin), bodyLimit(formLimit), s.kioskCommand)
	app.Get("/admin/users", s.allow(admin), s.userList)
	app.Post("/admin/users", s.allow(admin), bodyLimit(formLimit), s.userCreate)
	app.Post("/admin/users/:id", s.allow(admin), bodyLimit(formLimit), s.userUpdate)
	app.Get("/admin/audit", s.allow(admin), s.auditList)
	app.Get("/admin/tokens", s.allow(admin), s.tokenList)
	app.Post("/admin/tokens/:id/revoke", s.allow(admin), bodyLimit(formLimit), s.tokenRevoke)
	app.Post("/admin/cards/:code/print", s.allow(admin), bodyLimit(formLimit), s.cardPrint)
	app.Get("/admin/contacts", s.allow(admin), s.contactList)
	app.Get("/admin/contacts.csv", s.allow(admin), s.contactExport)
	app.Post("/admin/contacts/:id/delete", s.allow(admin), bodyLimit(formLimit), s.contactDelete)

	api := app.Group("/api/v1")
	api.Get("/surveys", s.allow(public), s.surveyList)
	api.Get("/surveys/:key", s.allow(public), s.surveyShow)
	api.Put("/surveys/:key", s.allow(adminWriter), bodyLimit(definitionLimit), s.surveyUpdate)
	api.Get("/kiosks", s.allow(adminReader), s.fleetList)
	api.Get("/me/feedback", s.allow(worker), s.meFeedback)
	api.Get("/reports/summary", s.allow(reader), s.reportSummary)
	api.Get("/reports/compare", s.allow(reader), s.reportCompare)
	api.Get("/reports/texts", s.allow(reader), s.reportTexts)
	api.Get("/reports/dimensions", s.allow(reader), s.reportDimensions)
	api.Post("/responses", s.countSubmission, s.allow(submitter), bodyLimit(MaxBodyBytes), s.responseCreate)
}
