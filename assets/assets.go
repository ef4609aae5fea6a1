// Package assets embeds the files Palaute serves or reads at start: the
// per-language message catalogues and, as the web screens grow, static
// files and templates.
package assets

import "embed"

// Locales holds one flat JSON catalogue per language, locale/<lang>.json.
//
//go:embed locale/*.json
var Locales embed.FS
