package server

import (
	"strconv"
	"strings"

	"palaute/survey"
)

// problemMessage says what is wrong with an instrument definition in
// lang, naming the field as the editor shows it: "Kysymys 3 (s2), teksti
// ruotsiksi: puuttuu."
func (s *Server) problemMessage(lang string, p survey.Problem) string {
	msg := s.fieldName(lang, p.Field, p.Item) + ": " + s.cat.Get(lang, "problem."+p.Code)
	if p.Value != "" {
		msg += " (" + p.Value + ")"
	}
	return msg
}

// fieldName names a definition's field, given as its path in the JSON
// ("items.3.options.1.text.sv"), in lang.
func (s *Server) fieldName(lang, field, item string) string {
	t := func(key string) string { return s.cat.Get(lang, "field."+key) }
	num := func(seg string) string {
		n, err := strconv.Atoi(seg)
		if err != nil {
			return seg
		}
		return strconv.Itoa(n + 1)
	}
	parts := strings.Split(field, ".")
	var out []string
	for i := 0; i < len(parts); i++ {
		seg := parts[i]
		switch {
		case survey.ValidLanguage(seg):
			out = append(out, t("in_"+seg))
		case seg == "items" && i+1 < len(parts):
			name := t("item") + " " + num(parts[i+1])
			if item != "" {
				name += " (" + item + ")"
			}
			out = append(out, name)
			i++
		case seg == "options" && i+1 < len(parts):
			out = append(out, t("option")+" "+num(parts[i+1]))
			i++
		case seg == "groups" && i+1 < len(parts):
			out = append(out, t("group")+" "+num(parts[i+1]))
			i++
		case seg == "scales" && i+1 < len(parts):
			out = append(out, t("scale")+" "+parts[i+1])
			i++
			if i+1 < len(parts) && !survey.ValidLanguage(parts[i+1]) {
				out = append(out, t("label")+" "+num(parts[i+1]))
				i++
			}
		default:
			if name := s.cat.Get(lang, "field."+seg); name != "field."+seg {
				out = append(out, name)
			} else {
				out = append(out, seg)
			}
		}
	}
	return strings.Join(out, ", ")
}
