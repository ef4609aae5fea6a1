package main

import (
	"fmt"
	"strings"

	"palaute/survey"
	"palaute/survey/store"
)

// cmdCardAdd adds a worker card. A palette colour brings its names in
// fi, sv and en; any other colour needs at least --name-fi.
func cmdCardAdd(e env, args []string) error {
	fs, dbPath := newFlags(e, "card add")
	code := fs.String("code", "", "card code: 1–12 letters A–Z or digits, e.g. BLUE or K7 (required)")
	colour := fs.String("colour", "", "hex colour, e.g. #0072B2 (required)")
	nameFi := fs.String("name-fi", "", "colour name in Finnish")
	nameSv := fs.String("name-sv", "", "colour name in Swedish (default: from the palette, else the Finnish name)")
	nameEn := fs.String("name-en", "", "colour name in English (default: from the palette, else the Finnish name)")
	workerName := fs.String("worker", "", "worker's display name")
	unit := fs.String("unit", "", "unit name; created if new")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *code == "" || *colour == "" {
		return usagef("--code and --colour are required")
	}
	c := store.Card{Code: *code, Colour: *colour, NameFi: *nameFi, NameSv: *nameSv, NameEn: *nameEn, Worker: *workerName, Unit: *unit}
	hex := strings.ToUpper(*colour)
	if !strings.HasPrefix(hex, "#") {
		hex = "#" + hex
	}
	p, inPalette := survey.PaletteColour(hex)
	if inPalette {
		c.NameFi = firstOf(c.NameFi, p.Name["fi"])
		c.NameSv = firstOf(c.NameSv, p.Name["sv"])
		c.NameEn = firstOf(c.NameEn, p.Name["en"])
	} else {
		if c.NameFi == "" {
			return usagef("colour %s is not in the palette, so give its name with --name-fi (and --name-sv, --name-en), or pick a palette colour: %s", hex, paletteList())
		}
		c.NameSv = firstOf(c.NameSv, c.NameFi)
		c.NameEn = firstOf(c.NameEn, c.NameFi)
	}
	db, err := openDB(e, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err = db.CreateCard(e.ctx, c)
	if err != nil {
		return explain(err, "choose another --code")
	}
	db.Audit(e.ctx, "command line", "card.add", c.Code+" "+c.Colour)
	if !inPalette {
		fmt.Fprintf(e.stderr, "note: %s is not in the colour-blind-safe palette (%s); cards still print the name and code.\n", c.Colour, paletteList())
	}
	fmt.Fprintf(e.stdout, "card %s added: %s (%s)", c.Code, c.NameFi, c.Colour)
	if c.Worker != "" {
		fmt.Fprintf(e.stdout, ", %s", c.Worker)
	}
	if c.Unit != "" {
		fmt.Fprintf(e.stdout, ", %s", c.Unit)
	}
	fmt.Fprintln(e.stdout)
	return nil
}

func firstOf(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

func paletteList() string {
	var parts []string
	for _, c := range survey.Palette {
		parts = append(parts, c.Hex+" "+c.Name["en"])
	}
	return strings.Join(parts, ", ")
}
