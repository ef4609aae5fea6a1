package report

import "sort"

// DefaultThreshold is the fewest responses a figure may be shown for;
// MinThreshold the lowest an organisation may set.
const (
	DefaultThreshold = 5
	MinThreshold     = 3
)

// Suppressed decides which groups of a breakdown are hidden: every group
// with fewer responses than the threshold, and, when what is hidden could
// be worked out from the total minus the visible groups (a single hidden
// group, or hidden groups adding up to fewer than the threshold), the
// smallest visible groups too, until it cannot.
func Suppressed(groups map[string]int, threshold int) map[string]bool {
	hidden := map[string]bool{}
	sum := 0
	var visible []string
	for g, n := range groups {
		switch {
		case n == 0:
		case n < threshold:
			hidden[g] = true
			sum += n
		default:
			visible = append(visible, g)
		}
	}
	if len(hidden) == 0 {
		return hidden
	}
	sort.Slice(visible, func(i, j int) bool {
		if groups[visible[i]] != groups[visible[j]] {
			return groups[visible[i]] < groups[visible[j]]
		}
		return visible[i] < visible[j]
	})
	for _, g := range visible {
		if len(hidden) >= 2 && sum >= threshold {
			break
		}
		hidden[g] = true
		sum += groups[g]
	}
	return hidden
}
