// Package assets embeds the files Palaute serves or reads at start: the
// per-language message catalogues, static files, templates and the
// kiosk's service worker.
package assets

import "embed"

// Locales holds one flat JSON catalogue per language, locale/<lang>.json.
//
//go:embed locale/*.json
var Locales embed.FS

// Static holds the files served at checksummed URLs under /static/.
//
//go:embed static
var Static embed.FS

// Templates holds the HTML templates, parsed once at start.
//
//go:embed templates/*.html
var Templates embed.FS

// Worker is the kiosk's service worker script.
//
//go:embed worker/sw.js
var Worker []byte

// WallWorker is the wall screen's service worker script.
//
//go:embed worker/wall.js
var WallWorker []byte
