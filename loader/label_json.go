package loader

import (
	"errors"
	"math"
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends the JSON encoding of l to dst, byte for byte what
// encoding/json's Marshal produces with HTML escaping off (as a json.Encoder
// after SetEscapeHTML(false) writes it, without the newline), but without
// reflection. It fails only on a NaN or infinite number, which JSON cannot
// hold.
func (l LabelArticle) AppendJSON(dst []byte) ([]byte, error) {
	dst = append(dst, `{"id":`...)
	dst = appendJSONString(dst, l.ID)
	dst = append(dst, `,"source":{`...)
	comma := false
	for _, f := range [...]struct{ key, val string }{
		{`"url":`, l.Source.URL}, {`"title":`, l.Source.Title},
		{`"publisher":`, l.Source.Publisher}, {`"published":`, l.Source.Published},
	} {
		if f.val == "" {
			continue
		}
		if comma {
			dst = append(dst, ',')
		}
		comma = true
		dst = append(dst, f.key...)
		dst = appendJSONString(dst, f.val)
	}
	dst = append(dst, `},"companies":`...)
	if l.Companies == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i, c := range l.Companies {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"name":`...)
			dst = appendJSONString(dst, c.Name)
			dst = append(dst, `,"aliases":`...)
			dst = appendJSONStrings(dst, c.Aliases)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"platforms":`...)
	if l.Platforms == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i, p := range l.Platforms {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"name":`...)
			dst = appendJSONString(dst, p.Name)
			dst = append(dst, `,"aliases":`...)
			dst = appendJSONStrings(dst, p.Aliases)
			dst = append(dst, `,"owner":`...)
			if p.Owner == nil {
				dst = append(dst, "null"...)
			} else {
				dst = appendJSONString(dst, *p.Owner)
			}
			if p.Kind != "" {
				dst = append(dst, `,"kind":`...)
				dst = appendJSONString(dst, p.Kind)
			}
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"deals":`...)
	if l.Deals == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i, d := range l.Deals {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"parties":`...)
			dst = appendJSONStrings(dst, d.Parties)
			dst = append(dst, `,"roles":`...)
			dst = appendJSONStrings(dst, d.Roles)
			dst = append(dst, `,"type":`...)
			dst = appendJSONString(dst, d.Type)
			dst = append(dst, `,"platforms":`...)
			dst = appendJSONStrings(dst, d.Platforms)
			dst = append(dst, `,"year":`...)
			if d.Year == nil {
				dst = append(dst, "null"...)
			} else {
				dst = strconv.AppendInt(dst, int64(*d.Year), 10)
			}
			dst = append(dst, `,"status":`...)
			dst = appendJSONString(dst, d.Status)
			if d.Value != nil {
				dst = append(dst, `,"value":`...)
				var err error
				if dst, err = appendJSONFloat(dst, *d.Value); err != nil {
					return dst, err
				}
			}
			if d.Currency != "" {
				dst = append(dst, `,"currency":`...)
				dst = appendJSONString(dst, d.Currency)
			}
			dst = append(dst, `,"evidence":{"sentence":`...)
			dst = appendJSONString(dst, d.Evidence.Sentence)
			dst = append(dst, `,"start":`...)
			dst = strconv.AppendInt(dst, int64(d.Evidence.Start), 10)
			dst = append(dst, `,"end":`...)
			dst = strconv.AppendInt(dst, int64(d.Evidence.End), 10)
			dst = append(dst, `},"confidence":`...)
			var err error
			if dst, err = appendJSONFloat(dst, d.Confidence); err != nil {
				return dst, err
			}
			if len(d.Rules) > 0 {
				dst = append(dst, `,"rules":`...)
				dst = appendJSONStrings(dst, d.Rules)
			}
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	return append(dst, '}'), nil
}

// appendJSONStrings appends a JSON array of strings, null for nil.
func appendJSONStrings(dst []byte, xs []string) []byte {
	if xs == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, x := range xs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, x)
	}
	return append(dst, ']')
}

// errJSONNumber is returned for a number JSON cannot hold.
var errJSONNumber = errors.New("json: unsupported value: NaN or infinite number")

// appendJSONFloat formats f as encoding/json does: like %g as in
// ECMAScript, with exponents only for very small or large magnitudes.
func appendJSONFloat(dst []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return dst, errJSONNumber
	}
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// e-09 becomes e-9
		if n := len(dst); n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst, nil
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string without HTML escaping:
// quotes, backslashes and control characters are escaped, invalid UTF-8
// becomes \ufffd, and U+2028 and U+2029 are escaped.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
