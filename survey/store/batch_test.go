package store

import (
	"slices"
	"testing"
)

func TestPieces(t *testing.T) {
	tests := []struct {
		n    int
		want []int
	}{
		{0, nil}, {1, []int{1}}, {5, []int{4, 1}}, {37, []int{16, 16, 4, 1}}, {130, []int{64, 64, 1, 1}},
	}
	for _, tt := range tests {
		if got := pieces(tt.n, responseSizes); !slices.Equal(got, tt.want) {
			t.Errorf("pieces(%d) = %v, want %v", tt.n, got, tt.want)
		}
	}
}

func TestPlaceholders(t *testing.T) {
	if got := placeholders(2, 3); got != "(?,?,?),(?,?,?)" {
		t.Errorf("placeholders(2, 3) = %q", got)
	}
	if got := placeholders(3, 1); got != "?,?,?" {
		t.Errorf("placeholders(3, 1) = %q", got)
	}
}
