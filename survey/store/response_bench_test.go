package store_test

import (
	"context"
	"fmt"
	"testing"

	"palaute/survey"
	"palaute/survey/store"
	"palaute/survey/store/storetest"
)

// BenchmarkSubmitOne submits one response at a time, so each is a
// durable transaction of its own (synchronous=FULL): the raw rate a
// single writer reaches without batching.
func BenchmarkSubmitOne(b *testing.B) {
	db := storetest.MustOpenDB(b, nil)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		i++
		r := response(fmt.Sprintf("00000000-0000-4000-8000-%012d", i),
			survey.Answer{Item: "q1", Type: survey.TypeChoice, Choice: "yes"},
			survey.Answer{Item: "q2", Type: survey.TypeRating5, Num: 4},
			survey.Answer{Item: "q3", Type: survey.TypeText, Text: "Enemmän iltavastaanottoja"})
		if _, err := db.Submit(ctx, r, store.Source{}); err != nil {
			b.Fatal(err)
		}
	}
}
