package server

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/gofiber/fiber/v2"

	"palaute/assets"
	"palaute/survey"
	"palaute/survey/locale"
	"palaute/survey/store"
)

// templateNames are the pages every start must find; a missing one stops
// the server. Staff pages are drawn inside layout.html.
var (
	templateNames = []string{"kiosk.html", "notice.html", "poster.html", "me_summary.html"}
	staffPages    = []string{"login.html", "account.html", "users.html", "audit.html", "contacts.html", "entry.html", "units.html", "cards.html", "kiosks.html", "charts.html", "actions.html", "settings.html", "tokens.html", "me.html", "me_cards.html", "reports.html", "texts.html", "surveys.html", "survey_editor.html"}
	// partials are parsed with every page: pictures several pages draw.
	partials = []string{"templates/faces.html"}
)

func parseTemplates(sf *staticFiles) (map[string]*template.Template, error) {
	funcs := template.FuncMap{"asset": sf.URL, "dict": dict, "inc": func(i int) int { return i + 1 }}
	out := map[string]*template.Template{}
	for _, name := range templateNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(assets.Templates, append([]string{"templates/" + name}, partials...)...)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		out[name] = t
	}
	for _, name := range staffPages {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(assets.Templates, append([]string{"templates/layout.html", "templates/" + name}, partials...)...)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		if t.Lookup("content") == nil {
			return nil, fmt.Errorf("template %s defines no content", name)
		}
		out[name] = t
	}
	return out, nil
}

// render executes a standalone page template into the response.
func (s *Server) render(c *fiber.Ctx, status int, name string, data any) error {
	return s.execute(c, status, name, name, data)
}

func (s *Server) execute(c *fiber.Ctx, status int, name, entry string, data any) error {
	t, ok := s.pages[name]
	if !ok {
		return fmt.Errorf("no template %s", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, entry, data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(status).Send(buf.Bytes())
}

// page is what every staff page is drawn with.
type page struct {
	Lang  string
	Title string // message key
	User  *store.User
	CSRF  string
	Error string
	Info  string
	Roles []store.Role
	Year  int      // the current year, for links to this year's reports
	Path  string   // the page's own path, where the language switch returns
	Langs []string // the languages the switch offers
	Data  any
	cat   *locale.Catalog
}

// T translates a message key into the page's language.
func (p page) T(key string) string { return p.cat.Get(p.Lang, key) }

// staffPage starts a page for the request's user, in the language they
// chose (staffLang).
func (s *Server) staffPage(c *fiber.Ctx, title string) page {
	p := page{Lang: s.staffLang(c), Path: c.OriginalURL(), Langs: survey.Languages, Title: title, cat: s.cat, Year: s.today().Year(),
		Roles: store.Roles}
	if pr := principalOf(c); pr.Session != nil {
		p.User, p.CSRF = &pr.Session.User, pr.Session.CSRF
	}
	return p
}

// renderStaff draws a staff page inside the layout.
func (s *Server) renderStaff(c *fiber.Ctx, status int, name string, p page) error {
	return s.execute(c, status, name, "layout", p)
}

// dict makes a map of its key and value arguments, for handing several
// values to a template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict needs keys and values in pairs")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
