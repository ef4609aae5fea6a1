package store

// SetRunBytes sets how much a bulk sort keeps in memory before it writes
// a run to disk, and returns what puts it back.
func SetRunBytes(n int) func() {
	old := runBytes
	runBytes = n
	return func() { runBytes = old }
}
