package server_test

import (
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkResponseCreate measures a whole submission through the Fiber
// app: authentication, checks and the durable commit.
func BenchmarkResponseCreate(b *testing.B) {
	f := newFixture(b)
	i := 0
	for b.Loop() {
		i++
		req := httptest.NewRequest("POST", "/api/v1/responses",
			strings.NewReader(visit(fmt.Sprintf("00000000-0000-4000-8000-%012d", i), "")))
		req.Header.Set("Authorization", "Bearer "+f.kioskToken)
		resp, err := f.app.Test(req, -1)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 201 {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}
