package store

import (
	"crypto/rand"
	"encoding/binary"
	"time"
)

// epoch is day 0 of response keys.
var epoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// randomBits is how many low bits of a response key are random.
const randomBits = 46

// newRowID is a response's row key: the day the response belongs to (which
// every response keeps anyway) in the high bits and 46 random bits below
// it, so that no key, and no order of the table, tells which of a day's
// responses came first. Keeping a day's keys together keeps a day's
// answers on a few pages of the answers tree, which random keys across
// the whole tree would scatter. Two keys of one day collide about once in
// ten million days of ten thousand responses; the INSERT that meets such
// a pair is tried again with new keys.
func newRowID(day string) int64 {
	var b [8]byte
	rand.Read(b[:])
	return dayBits(day) | int64(binary.BigEndian.Uint64(b[:])&(1<<randomBits-1))
}

// dayBits is the high part of a row key: the day, in days since epoch.
func dayBits(day string) int64 {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil || d.Before(epoch) {
		return 0
	}
	return int64(d.Sub(epoch)/(24*time.Hour)) << randomBits
}
