package report

import "math"

// ChiSquare tests whether two samples of unordered answers, given as
// counts per value, come from the same distribution: the statistic of the
// 2×k table of the values either sample has, its degrees of freedom and
// the p-value. ok is false when the test cannot hold: an empty sample, or
// fewer than two values answered at all.
func ChiSquare(a, b map[int]int) (chi2 float64, df int, p float64, ok bool) {
	n1, n2 := total(a), total(b)
	if n1 == 0 || n2 == 0 {
		return 0, 0, 0, false
	}
	values := map[int]bool{}
	for v, c := range a {
		values[v] = values[v] || c > 0
	}
	for v, c := range b {
		values[v] = values[v] || c > 0
	}
	n := float64(n1 + n2)
	k := 0
	for v, any := range values {
		if !any {
			continue
		}
		k++
		col := float64(a[v] + b[v])
		for _, s := range []struct{ obs, row float64 }{{float64(a[v]), float64(n1)}, {float64(b[v]), float64(n2)}} {
			want := s.row * col / n
			chi2 += (s.obs - want) * (s.obs - want) / want
		}
	}
	if k < 2 {
		return 0, 0, 0, false
	}
	df = k - 1
	return chi2, df, upperGamma(float64(df)/2, chi2/2), true
}

// upperGamma is the regularised upper incomplete gamma function Q(s, x),
// the chi-square survival function at 2x with 2s degrees of freedom: a
// series below s+1, a continued fraction above (Numerical Recipes §6.2).
func upperGamma(s, x float64) float64 {
	if x <= 0 {
		return 1
	}
	lg, _ := math.Lgamma(s)
	front := math.Exp(-x + s*math.Log(x) - lg)
	if x < s+1 {
		sum, term := 1/s, 1/s
		for i := 1; i < 1000; i++ {
			term *= x / (s + float64(i))
			sum += term
			if term < sum*1e-15 {
				break
			}
		}
		return math.Max(0, 1-sum*front)
	}
	const tiny = 1e-300
	b := x + 1 - s
	c, d := 1/tiny, 1/b
	h := d
	for i := 1; i < 1000; i++ {
		an := -float64(i) * (float64(i) - s)
		b += 2
		d = an*d + b
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = b + an/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		delta := d * c
		h *= delta
		if math.Abs(delta-1) < 1e-15 {
			break
		}
	}
	return math.Min(1, front*h)
}
