package server

import "palaute/survey"

// noticeText is one language's part of a notice page.
type noticeText struct{ Lang, Title, Body string }

// notice builds a page that says the same thing in every language, for
// screens where nobody has chosen one yet.
func (s *Server) notice(titleKey, bodyKey string) []noticeText {
	out := make([]noticeText, 0, len(survey.Languages))
	for _, lang := range survey.Languages {
		n := noticeText{Lang: lang, Title: s.cat.Get(lang, titleKey)}
		if bodyKey != "" {
			n.Body = s.cat.Get(lang, bodyKey)
		}
		out = append(out, n)
	}
	return out
}
