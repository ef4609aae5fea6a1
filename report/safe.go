package report

import "strings"

// SafeCell keeps a text a text in Excel and CSV: a value that starts with
// =, +, -, @, a tab or a carriage return would be read as a formula, so it
// gets a leading apostrophe (SPEC §5).
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
