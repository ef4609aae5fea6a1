package survey

import (
	"fmt"
	"regexp"
)

// RoleOverall marks an instrument's headline item: the five-point item the
// lobby poster draws as a picture and follows month by month. An
// instrument has at most one.
const RoleOverall = "overall"

// Overall returns the instrument's headline item.
func (in *Instrument) Overall() (Item, bool) {
	for _, it := range in.Items {
		if it.Role == RoleOverall {
			return it, true
		}
	}
	return Item{}, false
}

// wallPlaceholder is an option's place in an item's Wall sentence.
var wallPlaceholder = regexp.MustCompile(`\{([a-z][a-z0-9_]*)\}`)

// WallSentence fills an item's Wall sentence in lang: each {option} becomes
// the number given for that option (its share in tenths, "7" of 10).
func (it Item) WallSentence(lang string, tenths map[string]int) string {
	return wallPlaceholder.ReplaceAllStringFunc(it.Wall[lang], func(m string) string {
		return fmt.Sprint(tenths[m[1:len(m)-1]])
	})
}
