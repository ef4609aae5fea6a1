package survey

import "strconv"

// ValueOf returns the key among it.Values() that an answer given in year
// is reported by: the option key of a choice, "1"…"5" on a five-point
// scale, the band of a year or months answer. ok is false for an answer
// no value holds (free text, an option or number outside the item's).
func (it Item) ValueOf(num int64, choice string, year int) (key string, ok bool) {
	switch it.Type {
	case TypeChoice:
		return choice, it.HasOption(choice)
	case TypeLikert5, TypeRating5:
		if it.CantSay && choice == CantSay {
			return CantSay, true
		}
		if choice == "" && num >= 1 && num <= 5 {
			return strconv.FormatInt(num, 10), true
		}
	case TypeNPS:
		if choice == "" && num >= 0 && num <= 10 {
			return strconv.FormatInt(num, 10), true
		}
	case TypeYear, TypeMonths:
		if i := it.BandOf(int(num), year); i >= 0 {
			return it.Bands()[i].Key, true
		}
	}
	return "", false
}
