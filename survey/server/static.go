package server

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"path"
	"sort"
	"strings"

	"palaute/assets"
)

// staticFile is one embedded file served at a checksummed URL.
type staticFile struct {
	body        []byte
	contentType string
}

// staticFiles maps file names to checksummed URLs and back. A file's URL
// changes whenever its content does, so it can be cached for a year.
type staticFiles struct {
	byURL map[string]staticFile
	url   map[string]string // file name → URL
}

func loadStatic() (*staticFiles, error) {
	sf := &staticFiles{byURL: map[string]staticFile{}, url: map[string]string{}}
	err := fs.WalkDir(assets.Static, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(assets.Static, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(body)
		ext := path.Ext(name)
		url := "/static/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:6]) + ext
		ct := mime.TypeByExtension(ext)
		if strings.HasPrefix(ct, "text/") && !strings.Contains(ct, "charset") {
			ct += "; charset=utf-8"
		}
		sf.byURL[url] = staticFile{body: body, contentType: ct}
		sf.url[name] = url
		return nil
	})
	return sf, err
}

// URL returns the checksummed URL of a static file; a missing file is an
// error at template execution, so a broken page never ships quietly.
func (sf *staticFiles) URL(name string) (string, error) {
	u, ok := sf.url[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return u, nil
}

// URLs lists every checksummed URL, sorted.
func (sf *staticFiles) URLs() []string {
	out := make([]string, 0, len(sf.byURL))
	for u := range sf.byURL {
		out = append(out, u)
	}
	sort.Strings(out)
	return out
}

// version is a checksum over every static file.
func (sf *staticFiles) version() string {
	h := sha256.New()
	for _, u := range sf.URLs() {
		h.Write([]byte(u))
	}
	h.Write(assets.Worker)
	return hex.EncodeToString(h.Sum(nil)[:6])
}
