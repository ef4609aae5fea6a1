package report

// Dim is a dimension a report can narrow or break responses down by.
type Dim uint8

// The dimensions, named in requests exactly as String returns them. Card,
// unit and channel are organisational; language, gender, age and client
// time describe the respondent.
const (
	Month Dim = iota
	Card
	Unit
	Channel
	Language
	Gender
	Age
	ClientTime
	numDims
)

var dimNames = [numDims]string{"month", "card", "unit", "channel", "language", "gender", "age", "client_time"}

// Dims lists every dimension, in the order files show them.
var Dims = []Dim{Month, Card, Unit, Channel, Language, Gender, Age, ClientTime}

func (d Dim) String() string { return dimNames[d] }

// Organisational reports whether d is card, unit or channel.
func (d Dim) Organisational() bool { return d >= Card && d <= Channel }

// Respondent reports whether d describes the respondent: language,
// gender, age or client time.
func (d Dim) Respondent() bool { return d >= Language && d < numDims }

// Filter narrows a report: a month of the year (0 for the whole year) and
// values of other dimensions, by dimension.
type Filter struct {
	Month int
	By    map[Dim]string
}

// With returns the filter narrowed by one more value.
func (f Filter) With(d Dim, value string) Filter {
	out := Filter{Month: f.Month, By: map[Dim]string{}}
	for k, v := range f.By {
		out.By[k] = v
	}
	if d == Month {
		return out
	}
	out.By[d] = value
	return out
}
