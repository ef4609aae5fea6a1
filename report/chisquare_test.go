package report

import (
	"math"
	"testing"
)

// The statistics are worked by hand from the tables' expected counts; the
// p-values from the chi-square survival function's closed forms: df 1,
// erfc(√(χ²/2)); df 2, exp(−χ²/2); df 3, erfc(√x) + 2√(x/π)·e^(−x), x = χ²/2.
func TestChiSquare(t *testing.T) {
	for _, tc := range []struct {
		a, b map[int]int
		chi2 float64
		df   int
		p    float64
	}{
		// expected 25 in every cell: 4 × 25/25 = 4
		{map[int]int{1: 20, 2: 30}, map[int]int{1: 30, 2: 20}, 4, 1, 0.04550026},
		// expected 12.5, 17.5, 30 per row: 2 × 2.5²/12.5 + 2 × 2.5²/17.5 = 12/7
		{map[int]int{1: 10, 2: 20, 3: 30}, map[int]int{1: 15, 2: 15, 3: 30}, 12.0 / 7, 2, math.Exp(-6.0 / 7)},
		{map[int]int{1: 50, 2: 10, 3: 5, 4: 5}, map[int]int{1: 20, 2: 20, 3: 20, 4: 20}, 33.673469, 3, 2.3219314e-07},
	} {
		chi2, df, p, ok := ChiSquare(tc.a, tc.b)
		if !ok || df != tc.df || math.Abs(chi2-tc.chi2) > 1e-4 || math.Abs(p-tc.p) > 1e-3*tc.p+1e-9 {
			t.Errorf("ChiSquare(%v, %v) = %v, %d, %v, %v; want %v, %d, %v", tc.a, tc.b, chi2, df, p, ok, tc.chi2, tc.df, tc.p)
		}
	}
	if _, _, _, ok := ChiSquare(map[int]int{1: 5}, map[int]int{1: 7}); ok {
		t.Error("one value answered: the test cannot hold")
	}
	if _, _, _, ok := ChiSquare(map[int]int{}, map[int]int{1: 7, 2: 1}); ok {
		t.Error("an empty sample: the test cannot hold")
	}
}
