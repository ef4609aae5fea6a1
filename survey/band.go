package survey

// Respondent dimensions an item can define: reports break responses down
// by them, and disclosure control protects them. The instrument marks the
// item with "dimension"; no code names the item itself.
const (
	DimensionGender     = "gender"      // a choice item: its options
	DimensionAge        = "age"         // a year item (birth year): AgeBands
	DimensionClientTime = "client_time" // a months item: ClientTimeBands
)

// Band is a named range of whole numbers, both ends included. Key is the
// stable name used in filters and files.
type Band struct {
	Key    string
	Lo, Hi int
}

// AgeBands group clients by age in the report's year; ClientTimeBands by
// whole months as a client. Reports and raw rows show these, never the
// exact birth year or months.
var (
	AgeBands        = []Band{{"<25", 0, 24}, {"25-34", 25, 34}, {"35-49", 35, 49}, {"50-64", 50, 64}, {"65+", 65, 200}}
	ClientTimeBands = []Band{{"<6m", 0, 5}, {"6-23m", 6, 23}, {"2-5y", 24, 60}, {">5y", 61, MaxMonths}}
)

// Bands returns the bands a year or months item's answers are reported
// in; nil for other types.
func (it Item) Bands() []Band {
	switch it.Type {
	case TypeYear:
		return AgeBands
	case TypeMonths:
		return ClientTimeBands
	}
	return nil
}

// BandOf returns the index in it.Bands() of an answer given in year, or
// -1. A year item's answer is a birth year and is banded by age.
func (it Item) BandOf(v, year int) int {
	if it.Type == TypeYear {
		v = year - v
	}
	for i, b := range it.Bands() {
		if v >= b.Lo && v <= b.Hi {
			return i
		}
	}
	return -1
}

// Values are the keys of the values an item is reported by: option keys,
// "1"…"5" for five-point scales (and CantSay last where allowed), "0"…"10"
// for nps, band keys for years and months; nil for free text.
func (it Item) Values() []string {
	switch it.Type {
	case TypeChoice:
		out := make([]string, len(it.Options))
		for i, o := range it.Options {
			out[i] = o.Key
		}
		return out
	case TypeLikert5, TypeRating5:
		if it.CantSay {
			return []string{"1", "2", "3", "4", "5", CantSay}
		}
		return []string{"1", "2", "3", "4", "5"}
	case TypeNPS:
		return []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}
	case TypeYear, TypeMonths:
		out := make([]string, len(it.Bands()))
		for i, b := range it.Bands() {
			out[i] = b.Key
		}
		return out
	}
	return nil
}

// Scale reports whether the item is answered on a five-point scale whose
// mean is reported: agreement statements and faces.
func (it Item) Scale() bool { return it.Type == TypeLikert5 || it.Type == TypeRating5 }
