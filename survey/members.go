package survey

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode"
)

// member is one name and raw value of a JSON object.
type member struct {
	key   string
	value json.RawMessage
}

// members reads a JSON object's members in the order given, and the names
// given more than once, sorted. ok is false when raw is not one JSON
// object. Go's own decoding keeps the last of two equal names without a
// word; a submission must not, since which one counts would be a guess.
// It checks the object's frame only: each value is checked when it is
// read (Decode has checked the whole body before).
func members(raw []byte) (fields []member, twice []string, ok bool) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return nil, nil, false
	}
	i = skipSpace(raw, i+1)
	if i < len(raw) && raw[i] == '}' {
		return nil, nil, skipSpace(raw, i+1) == len(raw)
	}
	for {
		end := stringEnd(raw, i)
		if end < 0 {
			return nil, nil, false
		}
		key, ok := jsonString(raw[i:end])
		if !ok {
			return nil, nil, false
		}
		i = skipSpace(raw, end)
		if i >= len(raw) || raw[i] != ':' {
			return nil, nil, false
		}
		i = skipSpace(raw, i+1)
		end = valueEnd(raw, i)
		if end < 0 {
			return nil, nil, false
		}
		if slices.ContainsFunc(fields, func(m member) bool { return m.key == key }) && !slices.Contains(twice, key) {
			twice = append(twice, key)
		}
		fields = append(fields, member{key: key, value: raw[i:end]})
		i = skipSpace(raw, end)
		if i >= len(raw) {
			return nil, nil, false
		}
		if raw[i] == '}' {
			break
		}
		if raw[i] != ',' {
			return nil, nil, false
		}
		i = skipSpace(raw, i+1)
	}
	if skipSpace(raw, i+1) != len(raw) {
		return nil, nil, false
	}
	slices.Sort(twice)
	return fields, twice, true
}

func skipSpace(raw []byte, i int) int {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index after the JSON string starting at i, or -1.
func stringEnd(raw []byte, i int) int {
	if i >= len(raw) || raw[i] != '"' {
		return -1
	}
	for j := i + 1; j < len(raw); j++ {
		switch raw[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// valueEnd returns the index after the JSON value starting at i, or -1.
func valueEnd(raw []byte, i int) int {
	if i >= len(raw) {
		return -1
	}
	switch raw[i] {
	case '"':
		return stringEnd(raw, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(raw); j++ {
			switch raw[j] {
			case '"':
				end := stringEnd(raw, j)
				if end < 0 {
					return -1
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(raw) && !strings.ContainsRune(",}] \t\r\n", rune(raw[j])) {
		j++
	}
	if j == i {
		return -1
	}
	return j
}

// jsonString reads a JSON string; ok is false when raw is not one.
func jsonString(raw []byte) (string, bool) {
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' {
		plain := true
		for _, c := range raw[1 : len(raw)-1] {
			if c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
				plain = false
				break
			}
		}
		if plain {
			return string(raw[1 : len(raw)-1]), true
		}
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false
	}
	return s, true
}

// cleanText takes out control characters other than line breaks and tabs,
// and the white space around the text.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// hasContent reports whether s says anything: a letter, digit, mark,
// punctuation or symbol. White space, control and format characters
// alone (a zero-width space) are no answer.
func hasContent(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool {
		return unicode.In(r, unicode.L, unicode.N, unicode.M, unicode.P, unicode.S)
	}) >= 0
}
