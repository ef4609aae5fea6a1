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

// validateRole checks an item's role and wall sentence.
func (in *Instrument) validateRole(it Item, overall *bool) error {
	switch it.Role {
	case "":
	case RoleOverall:
		if !it.Scale() {
			return fmt.Errorf("role %q needs a five-point item", it.Role)
		}
		if *overall {
			return fmt.Errorf("role %q is given to two items", it.Role)
		}
		*overall = true
	default:
		return fmt.Errorf("unknown role %q (known: %s)", it.Role, RoleOverall)
	}
	if it.Wall == nil {
		return nil
	}
	if it.Type != TypeChoice {
		return fmt.Errorf("wall: only a choice item has a wall sentence")
	}
	if err := it.Wall.complete(); err != nil {
		return fmt.Errorf("wall: %w", err)
	}
	for lang, s := range it.Wall {
		for _, m := range wallPlaceholder.FindAllStringSubmatch(s, -1) {
			if !it.HasOption(m[1]) {
				return fmt.Errorf("wall (%s): {%s} is not one of the item's options", lang, m[1])
			}
		}
	}
	return nil
}
