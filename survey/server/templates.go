package server

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/gofiber/fiber/v2"

	"palaute/assets"
)

// templateNames are the pages every start must find; a missing one stops
// the server.
var templateNames = []string{"kiosk.html", "notice.html"}

func parseTemplates(sf *staticFiles) (map[string]*template.Template, error) {
	funcs := template.FuncMap{"asset": sf.URL}
	out := map[string]*template.Template{}
	for _, name := range templateNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(assets.Templates, "templates/"+name)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// render executes a page template into the response.
func (s *Server) render(c *fiber.Ctx, status int, name string, data any) error {
	t, ok := s.pages[name]
	if !ok {
		return fmt.Errorf("no template %s", name)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Status(status).Send(buf.Bytes())
}
