package store

import (
	"crypto/rand"
	"encoding/binary"
)

// newRowID is a response's row key: a random positive 63-bit number, so
// that no key, and no order of the table, tells which response came
// first. Two keys collide once in billions of billions of responses; the
// batch holding such a pair fails and its submissions are sent again.
func newRowID() int64 {
	var b [8]byte
	rand.Read(b[:])
	return int64(binary.BigEndian.Uint64(b[:])>>1) | 1
}
