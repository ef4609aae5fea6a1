package report

import (
	"slices"

	"palaute/survey"
	"palaute/survey/store"
)

// layout places every reported item's values in one vector of counts:
// each closed item of the instrument has a run of slots, one per value
// (survey.Item.Values).
type layout struct {
	items []slotItem
	slots int
	byKey map[string]int
	buf   []int16
}

type slotItem struct {
	survey.Item
	offset  int
	dim     Dim // the respondent dimension the item gives, or Month for none
	option  map[string]int16
	cantSay int16 // the index of survey.CantSay among the values, -1 for none
}

func newLayout(in *survey.Instrument) layout {
	l := layout{byKey: map[string]int{}}
	for _, it := range in.Items {
		values := it.Values()
		if values == nil {
			continue
		}
		si := slotItem{Item: it, offset: l.slots, dim: Month, cantSay: int16(slices.Index(values, survey.CantSay))}
		switch it.Dimension {
		case survey.DimensionGender:
			si.dim = Gender
		case survey.DimensionAge:
			si.dim = Age
		case survey.DimensionClientTime:
			si.dim = ClientTime
		}
		if it.Type == survey.TypeChoice {
			si.option = map[string]int16{}
			for i, v := range values {
				si.option[v] = int16(i)
			}
		}
		l.byKey[it.Key] = len(l.items)
		l.items = append(l.items, si)
		l.slots += len(values)
	}
	l.buf = make([]int16, len(l.items))
	return l
}

// place returns each item's value index for a response's answers (-1 for
// none) and sets the respondent dimensions they give in at. The slice is
// reused by the next call.
func (l *layout) place(answers []store.ClosedAnswer, year int, at *cellKey) []int16 {
	for i := range l.buf {
		l.buf[i] = -1
	}
	for _, a := range answers {
		i, ok := l.byKey[a.Item]
		if !ok {
			continue // an item the current version no longer asks
		}
		it := &l.items[i]
		v := int16(-1)
		switch it.Type {
		case survey.TypeChoice:
			if o, ok := it.option[a.Choice]; ok {
				v = o
			}
		case survey.TypeLikert5, survey.TypeRating5:
			switch {
			case a.Choice == survey.CantSay:
				v = it.cantSay
			case a.Choice == "" && a.Num >= 1 && a.Num <= 5:
				v = int16(a.Num - 1)
			}
		case survey.TypeNPS:
			if a.Choice == "" && a.Num >= 0 && a.Num <= 10 {
				v = int16(a.Num)
			}
		default:
			v = int16(it.BandOf(int(a.Num), year))
		}
		l.buf[i] = v
		if v >= 0 && it.dim != Month {
			at[it.dim] = uint16(v + 1)
		}
	}
	return l.buf
}
