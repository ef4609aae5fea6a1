package server

import (
	"context"
	"sync"
	"time"

	"palaute/report"
)

// wallFresh is how long a drawn wall stays in posterCache. The poster is
// public: without it, every request would read four survey years.
const wallFresh = 10 * time.Minute

// posterCache keeps the wall of each survey and unit for wallFresh. One
// wall is read at a time, so a stream of requests costs at most one
// reading per survey and unit every wallFresh.
type posterCache struct {
	mu    sync.Mutex
	walls map[wallKey]cachedWall
}

type wallKey struct {
	survey, unit string
	annualYear   int
}

type cachedWall struct {
	wall *report.Wall
	at   time.Time
}

// get returns the wall, reading it with load when it is missing or stale.
func (pc *posterCache) get(ctx context.Context, k wallKey, now time.Time, load func(context.Context) (*report.Wall, error)) (*report.Wall, error) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if c, ok := pc.walls[k]; ok && now.Sub(c.at) < wallFresh && !now.Before(c.at) && sameDay(c.at, now) {
		return c.wall, nil
	}
	w, err := load(ctx)
	if err != nil {
		return nil, err
	}
	if pc.walls == nil {
		pc.walls = map[wallKey]cachedWall{}
	}
	pc.walls[k] = cachedWall{wall: w, at: now}
	return w, nil
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}
