package main

import (
	"context"
	"fmt"
	"time"

	"palaute/survey"
	"palaute/survey/store"
)

type rawResult struct {
	n    int
	took time.Duration
	rate float64
}

// rawRate stores responses one at a time through the writer, in
// process, for d: with nobody else submitting, each is a transaction of
// its own.
func rawRate(ctx context.Context, path string, d time.Duration) (rawResult, error) {
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		return rawResult{}, err
	}
	defer db.Close()
	reg, err := survey.Builtin()
	if err != nil {
		return rawResult{}, err
	}
	// Only the store is timed: responses are decoded and checked first.
	var n int
	var took time.Duration
	for took < d {
		r, err := checked(reg, n)
		if err != nil {
			return rawResult{}, err
		}
		start := time.Now()
		if _, err := db.Submit(ctx, r, store.Source{}); err != nil {
			return rawResult{}, err
		}
		took += time.Since(start)
		n++
	}
	return rawResult{n: n, took: took, rate: float64(n) / took.Seconds()}, nil
}

// body is the submission every run sends, numbered.
func body(n int) string {
	return fmt.Sprintf(`{"id":"%08x-0000-4000-8000-%012d","survey":"visit","lang":"fi","answers":{"q1":"yes","q2":%d,"q3":"Enemmän iltavastaanottoja"}}`,
		n>>20, n, 1+n%5)
}

// checked decodes and checks the numbered body as the server would.
func checked(reg *survey.Registry, n int) (survey.Response, error) {
	sub, err := survey.Decode([]byte(body(n)))
	if err != nil {
		return survey.Response{}, err
	}
	r, errs := survey.Check(sub, survey.Rules{Registry: reg, Today: time.Now(), Channel: survey.ChannelKiosk})
	if errs != nil {
		return survey.Response{}, fmt.Errorf("body does not pass the checks: %v", errs)
	}
	return r, nil
}
