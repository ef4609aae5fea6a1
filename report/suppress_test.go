package report

import (
	"reflect"
	"testing"
)

func TestSuppressed(t *testing.T) {
	tests := []struct {
		name   string
		groups map[string]int
		want   map[string]bool
	}{
		{"all at the threshold", map[string]int{"BLUE": 5, "ORANGE": 9}, map[string]bool{}},
		// One group below: total minus the others would reveal it, so the
		// smallest other group is hidden with it.
		{"one below", map[string]int{"BLUE": 4, "ORANGE": 9, "GREEN": 7}, map[string]bool{"BLUE": true, "GREEN": true}},
		// Two below that add up to the threshold: enough on their own.
		{"two below adding up", map[string]int{"BLUE": 3, "ORANGE": 2, "GREEN": 7}, map[string]bool{"BLUE": true, "ORANGE": true}},
		// Two below adding up to less: one more is hidden.
		{"two below, too few together", map[string]int{"BLUE": 1, "ORANGE": 2, "GREEN": 7, "SKY": 6}, map[string]bool{"BLUE": true, "ORANGE": true, "SKY": true}},
		{"only one group, below", map[string]int{"BLUE": 2}, map[string]bool{"BLUE": true}},
	}
	for _, tt := range tests {
		if got := Suppressed(tt.groups, 5); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
