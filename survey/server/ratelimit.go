package server

import (
	"sync"
	"time"
)

// window counts events per key over a sliding window, for limits such as
// "10 failed logins in 15 minutes". Memory is bounded: past maxKeys the
// oldest half of the keys is forgotten.
type window struct {
	mu     sync.Mutex
	span   time.Duration
	events map[string][]time.Time
}

const maxKeys = 100_000

func newWindow(span time.Duration) *window {
	return &window{span: span, events: map[string][]time.Time{}}
}

// reserve records an event for every key when each has fewer than limit
// in the window, all at once; otherwise it records nothing and returns
// the first key at its limit. A caller counts an attempt before doing the
// costly work, so simultaneous attempts cannot all pass one check.
func (w *window) reserve(now time.Time, limit int, keys ...string) (blocked string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, k := range keys {
		if len(w.prune(k, now)) >= limit {
			return k
		}
	}
	if len(w.events)+len(keys) > maxKeys {
		w.forget()
	}
	for _, k := range keys {
		w.events[k] = append(w.events[k], now)
	}
	return ""
}

// release takes back the newest event of each key: the attempt it
// reserved did not count after all.
func (w *window) release(keys ...string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, k := range keys {
		if ev := w.events[k]; len(ev) > 1 {
			w.events[k] = ev[:len(ev)-1]
		} else {
			delete(w.events, k)
		}
	}
}

// forget drops keys until half of maxKeys are left.
func (w *window) forget() {
	for k := range w.events {
		delete(w.events, k)
		if len(w.events) < maxKeys/2 {
			break
		}
	}
}

func (w *window) prune(key string, now time.Time) []time.Time {
	ev := w.events[key]
	i := 0
	for i < len(ev) && now.Sub(ev[i]) >= w.span {
		i++
	}
	if i == len(ev) {
		delete(w.events, key)
		return nil
	}
	ev = ev[i:]
	w.events[key] = ev
	return ev
}

// bucket is a token bucket per key: rate tokens a second up to burst.
type bucket struct {
	mu    sync.Mutex
	rate  float64
	burst float64
	state map[string]*tokens
}

type tokens struct {
	n    float64
	last time.Time
}

func newBucket(perSecond float64, burst int) *bucket {
	return &bucket{rate: perSecond, burst: float64(burst), state: map[string]*tokens{}}
}

// allow takes a token for key if one is left.
func (b *bucket) allow(key string, now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	t, ok := b.state[key]
	if !ok {
		if len(b.state) >= maxKeys {
			b.state = map[string]*tokens{}
		}
		t = &tokens{n: b.burst, last: now}
		b.state[key] = t
	}
	t.n = min(b.burst, t.n+now.Sub(t.last).Seconds()*b.rate)
	t.last = now
	if t.n < 1 {
		return false
	}
	t.n--
	return true
}
