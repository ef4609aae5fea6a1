package server

import (
	"fmt"
	"math"

	"palaute/report"
)

// scaleColours run from the most negative answer to the most positive:
// ColorBrewer's RdBu, which colour-blind readers tell apart.
var scaleColours = [5]string{"#ca0020", "#f4a582", "#bababa", "#92c5de", "#0571b0"}

// facesChart is the headline item's answers drawn as five faces, the best
// on top, each with a bar of its share.
type facesChart struct {
	Label string // the chart in words, for screen readers
	BarX  float64
	Bars  []faceBar
}

// faceBar is one face: its mouth's curve, colour, name, bar and share.
type faceBar struct {
	Mouth, Colour, Name, Label string
	Width, LabelX              float64
	Y                          int
}

// The chart is 800 units wide: faces, then names when there are any,
// then bars scaled so that 100 % leaves room for its label.
const (
	facesNamed, facesBare = 300.0, 80.0
	facesRoom             = 700.0
)

// newFacesChart draws sc with the scale's names in one language, or
// without names (nil) where the chart serves several languages.
func newFacesChart(sc *report.Scale, names []string, label string) *facesChart {
	ch := &facesChart{Label: label, BarX: facesBare}
	if names != nil {
		ch.BarX = facesNamed
	}
	for i := 4; i >= 0; i-- {
		curve := 9*float64(i) - 18 // a frown for 1, a smile for 5
		w := sc.Pct[i] / 100 * (facesRoom - ch.BarX)
		b := faceBar{
			Mouth:  fmt.Sprintf("M 16 38 Q 30 %.0f 44 38", 38+curve),
			Colour: scaleColours[i],
			Label:  fmt.Sprintf("%d %%", int(math.Round(sc.Pct[i]))),
			Width:  w,
			LabelX: ch.BarX + w + 10,
			Y:      (4 - i) * 64,
		}
		if names != nil {
			b.Name = names[i]
		}
		ch.Bars = append(ch.Bars, b)
	}
	return ch
}

// trendBar is one released month: the share of positive answers as a
// column's height (of 100) and as "7/10".
type trendBar struct {
	X, Height, Top float64
	Label          string
}

func trendBars(points []report.Point) []trendBar {
	var out []trendBar
	for i, p := range points {
		h := 100 * p.Positive
		out = append(out, trendBar{X: 20 + float64(i)*100, Height: h, Top: 130 - h, Label: fmt.Sprintf("%d/10", report.Tenths(p.Positive))})
	}
	return out
}
