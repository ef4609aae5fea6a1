package report

import (
	"math"
	"testing"
)

func TestDescribe(t *testing.T) {
	tests := []struct {
		name   string
		counts map[int]int
		want   Figures
	}{
		{"empty", map[int]int{}, Figures{}},
		{"one answer", map[int]int{4: 1}, Figures{N: 1, Mean: 4, Agree: 1}},
		// 1, 2, 3, 4, 4, 5, 5: sum 24, mean 24/7.
		{"seven answers", map[int]int{1: 1, 2: 1, 3: 1, 4: 2, 5: 2}, Figures{
			N: 7, Mean: 24.0 / 7,
			// Σ(x−x̄)² = Σx² − n·x̄² = (1+4+9+32+50) − 576/7 = 96 − 576/7 = 96/7.
			// SD = √((96/7)/6) = √(16/7).
			SD:    math.Sqrt(16.0 / 7),
			CI95:  1.959963984540054 * math.Sqrt(16.0/7) / math.Sqrt(7),
			Agree: 4.0 / 7,
		}},
		{"all the same", map[int]int{3: 5}, Figures{N: 5, Mean: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Describe(tt.counts)
			if got.N != tt.want.N || !near(got.Mean, tt.want.Mean) || !near(got.SD, tt.want.SD) ||
				!near(got.CI95, tt.want.CI95) || !near(got.Agree, tt.want.Agree) {
				t.Fatalf("Describe(%v) = %+v, want %+v", tt.counts, got, tt.want)
			}
		})
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }
