package survey

import "strings"

// Colour is one colour of the card palette.
type Colour struct {
	Code string // suggested card code
	Hex  string // #RRGGBB, upper case
	Name Text
}

// Palette is the Okabe–Ito palette, whose colours stay apart for people
// with the common forms of colour blindness. Cards always print the
// colour's name and code as well, so colour is never the only cue.
var Palette = []Colour{
	{"ORANGE", "#E69F00", Text{"fi": "Oranssi", "sv": "Orange", "en": "Orange"}},
	{"SKY", "#56B4E9", Text{"fi": "Taivaansininen", "sv": "Himmelsblå", "en": "Sky blue"}},
	{"GREEN", "#009E73", Text{"fi": "Sinivihreä", "sv": "Blågrön", "en": "Bluish green"}},
	{"YELLOW", "#F0E442", Text{"fi": "Keltainen", "sv": "Gul", "en": "Yellow"}},
	{"BLUE", "#0072B2", Text{"fi": "Sininen", "sv": "Blå", "en": "Blue"}},
	{"RED", "#D55E00", Text{"fi": "Punaoranssi", "sv": "Rödorange", "en": "Red-orange"}},
	{"PURPLE", "#CC79A7", Text{"fi": "Punavioletti", "sv": "Rödlila", "en": "Reddish purple"}},
	{"BLACK", "#000000", Text{"fi": "Musta", "sv": "Svart", "en": "Black"}},
}

// PaletteColour returns the palette colour with the given hex value.
func PaletteColour(hex string) (Colour, bool) {
	for _, c := range Palette {
		if strings.EqualFold(c.Hex, hex) {
			return c, true
		}
	}
	return Colour{}, false
}
