package report

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"palaute/survey"
	"palaute/survey/store"
)

// The disclosure rules of the product contract (§6), all of them in this
// file. Every figure, text and row that leaves Palaute comes from a Year,
// whose methods apply these rules before any renderer sees a number.
//
//  1. Primary: a figure of fewer responses than the threshold is hidden.
//  2. Secondary: for every figure and every dimension it does not fix, its
//     breakdown by that dimension is protected: the hidden parts are none,
//     or at least two adding up to at least the threshold; otherwise the
//     smallest shown parts are hidden too. Responses without a value of
//     the dimension (no card, no gender answered) count as a hidden part.
//     Every part of a hidden figure is hidden. A figure narrowed by two or
//     three dimensions is hidden too when the responses outside all of its
//     values, worked out from shown figures by adding and subtracting, are
//     fewer than the threshold. Cards lie within units: a unit's figure
//     less its cards' shown figures (the same period and group) leaves its
//     hidden cards and its answers without a card, which are kept safe
//     the same way. Repeated until nothing changes, so every breakdown
//     holds together with every other.
//  3. Combinations: a request names the period and at most one
//     organisational (card, unit, channel) and one respondent (language,
//     gender, age, client time) dimension; more is too_specific.
//  4. Closed months: only months that have ended are counted at all.
//  5. Free text: only for a shown figure, labelled with a month only where
//     that month's figure is shown, in random order.
//  6. Raw rows: k-anonymous, see kAnonymous.
//  7. Nested figures: a unit's figure is shown beside the figure of one
//     of its cards only when both are shown and the unit has at least the
//     threshold of responses beyond the card's; otherwise the one, taken
//     from the other, would tell the few responses of the unit's other
//     cards. Over a year and its months the same holds for what the
//     year's pair, less the months' pairs shown, would tell. See
//     besideUnit.

// DefaultThreshold is the fewest responses a figure may be shown for when
// the organisation has set none; MinThreshold the lowest it may set.
const (
	DefaultThreshold = 5
	MinThreshold     = 3
)

const thresholdSetting = "threshold"

// Threshold returns the organisation's anonymity threshold.
func Threshold(ctx context.Context, db *store.DB) (int, error) {
	v, ok, err := db.Setting(ctx, thresholdSetting)
	if err != nil || !ok {
		return DefaultThreshold, err
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("the stored threshold %q is not a number: set it again with palaute settings set threshold N", v)
	}
	return max(n, MinThreshold), nil
}

// SetThreshold stores the organisation's anonymity threshold; seed stores
// it only when none is set yet.
func SetThreshold(ctx context.Context, db *store.DB, n int, seed bool) error {
	if n < MinThreshold {
		return fmt.Errorf("the threshold must be %d or more: fewer answers could identify a client", MinThreshold)
	}
	if seed {
		return db.SeedSetting(ctx, thresholdSetting, strconv.Itoa(n))
	}
	return db.SetSetting(ctx, thresholdSetting, strconv.Itoa(n))
}

// closedThrough is the last month of year that has ended by today: rule 4.
func closedThrough(year int, today time.Time) int {
	switch {
	case year < today.Year():
		return 12
	case year == today.Year():
		return int(today.Month()) - 1
	}
	return 0
}

// CheckFilter applies rule 3 to a request's filter.
func CheckFilter(f Filter) []survey.FieldError {
	var org, resp []string
	for _, d := range Dims {
		if _, ok := f.By[d]; !ok {
			continue
		}
		if d.Organisational() {
			org = append(org, d.String())
		} else if d.Respondent() {
			resp = append(resp, d.String())
		}
	}
	var errs []survey.FieldError
	for _, names := range [][]string{org, resp} {
		for _, name := range names[min(1, len(names)):] {
			errs = append(errs, survey.FieldError{Field: name, Code: survey.CodeTooSpecific})
		}
	}
	return errs
}

// protect applies rules 1 and 2 to every figure of the year.
func (y *Year) protect() {
	t := y.Threshold
	y.hidden = map[key]bool{}
	for _, k := range y.keys {
		if y.n[k] < t {
			y.hidden[k] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for _, k := range y.keys {
			for _, d := range k.free() {
				if y.protectLine(k, d) {
					changed = true
				}
			}
			if y.protectCombination(k) {
				changed = true
			}
			if y.protectNesting(k) {
				changed = true
			}
		}
	}
}

// protectLine protects figure k's breakdown by d; it reports whether it
// hid anything.
func (y *Year) protectLine(k key, d Dim) bool {
	type part struct {
		k key
		n int
	}
	var parts []part
	rest := y.n[k]
	for v := range y.values[d] {
		c := k.with(d, uint16(v+1))
		if n := y.n[c]; n > 0 {
			parts = append(parts, part{c, n})
			rest -= n
		}
	}
	if len(parts) == 0 {
		return false
	}
	changed := false
	if y.hidden[k] {
		for _, p := range parts {
			if !y.hidden[p.k] {
				y.hidden[p.k], changed = true, true
			}
		}
		return changed
	}
	sort.SliceStable(parts, func(i, j int) bool { return parts[i].n < parts[j].n })
	count, sum := 0, 0
	for _, p := range parts {
		if y.hidden[p.k] {
			count++
			sum += p.n
		}
	}
	safe := func() bool {
		if count == 0 {
			return rest == 0 || rest >= y.Threshold
		}
		return count >= 2 && sum >= y.Threshold
	}
	for _, p := range parts {
		if safe() {
			break
		}
		if !y.hidden[p.k] {
			y.hidden[p.k], changed = true, true
			count++
			sum += p.n
		}
	}
	return changed
}

// protectCombination hides figure k, narrowed by two or more dimensions,
// when for some of them the responses of the wider figure outside all of
// k's values (the wider figure minus each narrower one, plus what was
// subtracted twice) are fewer than the threshold; it reports whether it
// hid k.
func (y *Year) protectCombination(k key) bool {
	if y.hidden[k] {
		return false
	}
	var fixed []Dim
	for _, d := range []Dim{Month, k.org, k.resp} {
		if d == Month && k.month == 0 || d != Month && k.value(d) == 0 {
			continue
		}
		if len(fixed) == 0 || fixed[len(fixed)-1] != d {
			fixed = append(fixed, d)
		}
	}
	for set := 1; set < 1<<len(fixed); set++ {
		if bitCount(set) < 2 {
			continue
		}
		base := k
		for i, d := range fixed {
			if set&(1<<i) != 0 {
				base = base.with(d, 0)
			}
		}
		outside, known := 0, true
		for sub := 0; sub < 1<<len(fixed) && known; sub++ {
			if sub&^set != 0 {
				continue
			}
			f := base
			for i, d := range fixed {
				if sub&(1<<i) != 0 {
					f = f.with(d, k.value(d))
				}
			}
			known = y.released(f)
			if bitCount(sub)%2 == 0 {
				outside += y.n[f]
			} else {
				outside -= y.n[f]
			}
		}
		if known && outside > 0 && outside < y.Threshold {
			y.hidden[k] = true
			return true
		}
	}
	return false
}

// protectNesting protects a unit's figure k as a breakdown by the cards
// answered in the unit: taking the shown cards' figures from the unit's
// leaves the rest, which must be safe as in protectLine. A card whose
// figure reaches beyond the unit is part of the rest too, since its shown
// figure does not tell its answers within the unit. The rest must be
// none, or at least two parts (answers without a card being one) adding
// up to at least the threshold, or answers without a card alone at least
// the threshold; otherwise the smallest shown card is hidden, or the
// unit's figure when no card is left. It reports whether it hid anything.
func (y *Year) protectNesting(k key) bool {
	if k.org != Unit || y.hidden[k] {
		return false
	}
	inUnit := map[uint16]int{} // each card's answers within the figure
	noCard := y.n[k]
	for at, c := range y.cells {
		if at[Card] != 0 && k.matches(at) {
			inUnit[at[Card]] += c.n
			noCard -= c.n
		}
	}
	var shown []key
	parts, sum := 0, noCard
	if noCard > 0 {
		parts++
	}
	for v, n := range inUnit {
		if c := k.with(Card, v); y.released(c) && y.n[c] == n {
			shown = append(shown, c)
		} else {
			parts++
			sum += n
		}
	}
	if parts == 0 || parts == 1 && noCard >= y.Threshold || parts >= 2 && sum >= y.Threshold {
		return false
	}
	if len(shown) == 0 {
		y.hidden[k] = true
		return true
	}
	smallest := shown[0]
	for _, c := range shown[1:] {
		if y.n[c] < y.n[smallest] || y.n[c] == y.n[smallest] && c.less(smallest) {
			smallest = c
		}
	}
	y.hidden[smallest] = true
	return true
}

func bitCount(v int) int {
	n := 0
	for ; v != 0; v &= v - 1 {
		n++
	}
	return n
}

// released reports whether figure k may be shown.
func (y *Year) released(k key) bool { return y.n[k] >= y.Threshold && !y.hidden[k] }

// besideUnit applies rule 7 to a card and its unit: the periods (0 for
// the year, else a month) in which the unit's figure may stand beside the
// card's. Each needs both figures shown and at least the threshold of
// other responses in the unit: those of no card or another card. When
// the year's pair is shown, the other responses of the months left out
// (the year's less the shown months') must be none or at least the
// threshold too; the shown month with the fewest is left out until they
// are.
func (y *Year) besideUnit(card, unit uint16) map[int]bool {
	others := make([]int, 13) // the unit's other responses: the year, then each month
	for at, c := range y.cells {
		if at[Unit] == unit && at[Card] != card {
			others[0] += c.n
			others[at[Month]] += c.n
		}
	}
	mine, theirs := key{}.with(Card, card), key{}.with(Unit, unit)
	shown := map[int]bool{}
	for m := 0; m <= y.Through; m++ {
		k := uint16(m)
		if y.released(mine.with(Month, k)) && y.released(theirs.with(Month, k)) && others[m] >= y.Threshold {
			shown[m] = true
		}
	}
	for shown[0] {
		rest, fewest := 0, 0
		for m := 1; m <= y.Through; m++ {
			switch {
			case !shown[m]:
				rest += others[m]
			case fewest == 0 || others[m] < others[fewest]:
				fewest = m
			}
		}
		if rest == 0 || rest >= y.Threshold || fewest == 0 {
			break
		}
		delete(shown, fewest)
	}
	return shown
}

// shortfall is how many more responses figure k needs before it can be
// shown under rule 1, or 0 when it has enough and is hidden by the other
// rules, or shown.
func (y *Year) shortfall(k key) int {
	return max(0, y.Threshold-y.n[k])
}

// textMonth is the month a free text of a response in cell at may be
// labelled with under figure k (rule 5): its month when that month's
// figure is shown, else 0.
func (y *Year) textMonth(k key, at cellKey) int {
	if m := k.with(Month, at[Month]); y.released(m) {
		return int(at[Month])
	}
	return 0
}

// blankOrder is the order in which kAnonymous blanks a raw row's
// attributes, least informative first: the month (the monthly sheet has
// the months), how it came in and in what language, then the background
// bands, and last the card and unit the rows are read by.
var blankOrder = []Dim{Month, Channel, Language, ClientTime, Age, Gender, Card, Unit}

// kAnonymous applies rule 6 to raw rows: a card or unit is shown only
// where its figure is; then every combination of the eight attributes
// that fewer rows than the threshold share has its rows' next attribute
// blanked (blankOrder), until every combination is shared by at least the
// threshold. Rows blanked throughout that are still too few take the
// smallest remaining combination with them.
func (y *Year) kAnonymous(rows []cellKey) {
	for i := range rows {
		for _, d := range []Dim{Card, Unit} {
			if v := rows[i][d]; v != 0 && !y.released(key{org: d, orgV: v}) {
				rows[i][d] = 0
			}
		}
	}
	level := make([]int, len(rows)) // how many attributes of blankOrder each row has blanked
	for {
		groups := map[cellKey][]int{}
		for i, at := range rows {
			groups[at] = append(groups[at], i)
		}
		var small []cellKey
		for at, members := range groups {
			if len(members) < y.Threshold {
				small = append(small, at)
			}
		}
		if len(small) == 0 {
			return
		}
		moved := false
		for _, at := range small {
			for _, i := range groups[at] {
				for level[i] < len(blankOrder) && rows[i][blankOrder[level[i]]] == 0 {
					level[i]++
				}
				if level[i] < len(blankOrder) {
					rows[i][blankOrder[level[i]]] = 0
					level[i]++
					moved = true
				}
			}
		}
		if moved {
			continue
		}
		// Only the fully blank rows are too few: blank the smallest other
		// combination with them.
		var smallest cellKey
		best := -1
		for at, members := range groups {
			if at != (cellKey{}) && (best < 0 || len(members) < best || len(members) == best && keyLess(at, smallest)) {
				smallest, best = at, len(members)
			}
		}
		if best < 0 {
			return // every row is blank: the period has at least the threshold
		}
		for _, i := range groups[smallest] {
			rows[i], level[i] = cellKey{}, len(blankOrder)
		}
	}
}

func keyLess(a, b cellKey) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}
