package server

import (
	"context"
	"runtime"
	"sync/atomic"
	"time"

	"palaute/survey/store"
)

// hashGate bounds how many password hashes run at once: each argon2id
// hash takes 64 MiB, so a burst of logins waits its turn in a short queue,
// and past the queue is answered 429 at once.
type hashGate struct {
	slots   chan struct{}
	waiting atomic.Int64
	queue   int64
	wait    time.Duration
}

// Password hashes at once, requests that may wait for one, and how long.
const (
	hashSlots = 2
	hashQueue = 16
	hashWait  = 10 * time.Second
)

func newHashGate(slots, queue int, wait time.Duration) *hashGate {
	return &hashGate{slots: make(chan struct{}, slots), queue: int64(queue), wait: wait}
}

// do runs f when a slot is free; errRateLimited when the queue is full or
// the wait is too long.
func (g *hashGate) do(ctx context.Context, f func()) error {
	select {
	case g.slots <- struct{}{}:
	default:
		if g.waiting.Add(1) > g.queue {
			g.waiting.Add(-1)
			return errRateLimited
		}
		t := time.NewTimer(g.wait)
		defer t.Stop()
		select {
		case g.slots <- struct{}{}:
			g.waiting.Add(-1)
		case <-t.C:
			g.waiting.Add(-1)
			return errRateLimited
		case <-ctx.Done():
			g.waiting.Add(-1)
			return ctx.Err()
		}
	}
	defer func() { <-g.slots }()
	f()
	// The hash's 64 MiB is garbage now: collect it before the next hash
	// allocates its own, so a burst does not grow the heap to twice its
	// live size.
	runtime.GC()
	return nil
}

// authenticate checks a name and password through the gate.
func (s *Server) authenticate(ctx context.Context, name, password string) (u store.User, err error) {
	if gerr := s.hashes.do(ctx, func() { u, err = s.db.Authenticate(ctx, name, password) }); gerr != nil {
		return store.User{}, gerr
	}
	return u, err
}
