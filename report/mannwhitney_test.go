package report

import (
	"math"
	"testing"
)

func TestMannWhitney(t *testing.T) {
	// a = 1,2,3 ; b = 4,5: every b outranks every a, so U_a = 0.
	// n1 = 3, n2 = 2, no ties: variance = 3·2/12·6 = 3, mean 3,
	// z = (|0−3| − 0.5)/√3 = 1.4434, p = erfc(z/√2) = 0.1489.
	u, p, ok := MannWhitney(map[int]int{1: 1, 2: 1, 3: 1}, map[int]int{4: 1, 5: 1})
	if !ok || u != 0 || math.Abs(p-0.14891) > 1e-4 {
		t.Fatalf("U=%v p=%v ok=%v, want U=0 p≈0.1489", u, p, ok)
	}
	// With ties: a = 1,1,2 ; b = 2,3,3.
	// Ranks: 1,1 → 1.5 each; 2,2 → 3.5 each; 3,3 → 5.5 each.
	// R_a = 1.5+1.5+3.5 = 6.5, U_a = 6.5 − 6 = 0.5.
	// Σ(t³−t) = 6+6+6 = 18; variance = 9/12·(7 − 18/30) = 4.8;
	// z = (|0.5 − 4.5| − 0.5)/√4.8 = 1.5975, p = 0.1101.
	u, p, ok = MannWhitney(map[int]int{1: 2, 2: 1}, map[int]int{2: 1, 3: 2})
	if !ok || u != 0.5 || math.Abs(p-0.11014) > 1e-4 {
		t.Fatalf("with ties: U=%v p=%v ok=%v, want U=0.5 p≈0.1101", u, p, ok)
	}
	// Every answer the same: no variance, the test cannot hold.
	if _, _, ok := MannWhitney(map[int]int{4: 5}, map[int]int{4: 6}); ok {
		t.Fatal("test held with no variance")
	}
	if _, _, ok := MannWhitney(map[int]int{}, map[int]int{4: 6}); ok {
		t.Fatal("test held with an empty sample")
	}
}
