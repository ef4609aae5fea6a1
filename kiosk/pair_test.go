package kiosk

import "testing"

func TestPairPathEscapesToken(t *testing.T) {
	tests := []struct{ token, want string }{
		{"abc_DEF-123", "/kiosk/pair?token=abc_DEF-123"},
		{"a b&c", "/kiosk/pair?token=a+b%26c"},
	}
	for _, tt := range tests {
		if got := PairPath(tt.token); got != tt.want {
			t.Errorf("PairPath(%q) = %q, want %q", tt.token, got, tt.want)
		}
	}
}
