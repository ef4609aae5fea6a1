package server

import (
	"strings"
	"testing"
)

func TestEveryTemplateParses(t *testing.T) {
	sf, err := loadStatic()
	if err != nil {
		t.Fatal(err)
	}
	pages, err := parseTemplates(sf)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != len(templateNames)+len(staffPages) {
		t.Fatalf("%d templates parsed, want %d", len(pages), len(templateNames)+len(staffPages))
	}
}

func TestMissingTemplateFailsLoudly(t *testing.T) {
	saved := templateNames
	t.Cleanup(func() { templateNames = saved })
	templateNames = append([]string{"nowhere.html"}, saved...)
	sf, _ := loadStatic()
	if _, err := parseTemplates(sf); err == nil || !strings.Contains(err.Error(), "nowhere.html") {
		t.Fatalf("missing template: %v", err)
	}
}

func TestMissingAssetFailsAtRender(t *testing.T) {
	sf, _ := loadStatic()
	if _, err := sf.URL("nowhere.css"); err == nil {
		t.Fatal("a missing static file has a URL")
	}
	if u, err := sf.URL("kiosk.js"); err != nil || !strings.HasPrefix(u, "/static/kiosk.") || !strings.HasSuffix(u, ".js") {
		t.Fatalf("kiosk.js URL %q %v", u, err)
	}
}
