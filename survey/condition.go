package survey

import "strconv"

// Condition is when a follow-up item is asked: the earlier item's answer
// is at least Min and at most Max (numeric items), or one of In (choice
// items). An unanswered item meets no condition.
type Condition struct {
	Item string   `json:"item"`
	Min  *int     `json:"min,omitempty"`
	Max  *int     `json:"max,omitempty"`
	In   []string `json:"in,omitempty"`
}

// Holds reports whether the answer given to the condition's item meets
// it; ok is false when the item was not answered.
func (c Condition) Holds(a Answer, ok bool) bool {
	if !ok || a.Choice == CantSay {
		return false
	}
	if len(c.In) > 0 {
		for _, k := range c.In {
			if k == a.Choice || (a.Choice == "" && k == strconv.FormatInt(a.Num, 10)) {
				return true
			}
		}
		return false
	}
	if a.Choice != "" {
		return false
	}
	return (c.Min == nil || a.Num >= int64(*c.Min)) && (c.Max == nil || a.Num <= int64(*c.Max))
}

// Applies reports whether the item is asked, given the response's other
// answers.
func (it Item) Applies(answers []Answer) bool {
	if it.ShowIf == nil {
		return true
	}
	for _, a := range answers {
		if a.Item == it.ShowIf.Item {
			return it.ShowIf.Holds(a, true)
		}
	}
	return false
}
