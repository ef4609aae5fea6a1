package assets

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
)

// TestScriptsAreES2017 keeps the kiosk's scripts runnable on a five-year-
// old tablet browser: esbuild rewrites any syntax newer than ES2017 when
// asked to target it, so the output for ES2017 must equal the output for
// the newest JavaScript.
func TestScriptsAreES2017(t *testing.T) {
	scripts := map[string]string{"worker/sw.js": string(Worker)}
	fs.WalkDir(Static, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".js") {
			b, _ := fs.ReadFile(Static, p)
			scripts[p] = string(b)
		}
		return err
	})
	if len(scripts) < 2 {
		t.Fatalf("found only %d scripts", len(scripts))
	}
	for name, src := range scripts {
		transform := func(target api.Target) string {
			res := api.Transform(src, api.TransformOptions{Loader: api.LoaderJS, Target: target, Sourcefile: name})
			for _, m := range res.Errors {
				t.Errorf("%s (target %v): %s at line %d", name, target, m.Text, m.Location.Line)
			}
			return string(res.Code)
		}
		if newest, es2017 := transform(api.ESNext), transform(api.ES2017); newest != es2017 {
			t.Errorf("%s uses syntax newer than ES2017 (esbuild had to rewrite it)", name)
		}
	}
}
