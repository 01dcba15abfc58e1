package loader

import (
	"encoding/binary"
	"sync"
	"unicode/utf8"
)

// decodeRecordFast decodes a JSONL line holding a flat object whose keys
// are exactly the field names of record and whose values are all strings,
// the common case, without reflection. It reports false for anything else
// (other keys, other value types, a \u escape of a surrogate, invalid
// UTF-8, control characters, malformed JSON); the caller then decodes the
// line with encoding/json, which gives the same result or the error
// message. When it reports true, rec is what json.Unmarshal would have
// stored.
func decodeRecordFast(line []byte, rec *record) bool {
	i := skipJSONSpace(line, 0)
	if i >= len(line) || line[i] != '{' {
		return false
	}
	i = skipJSONSpace(line, i+1)
	if i < len(line) && line[i] == '}' {
		return skipJSONSpace(line, i+1) == len(line)
	}
	bp, _ := decodeBufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	defer decodeBufs.Put(bp)
	buf := *bp
	defer func() { *bp = buf[:0] }()
	for {
		if i >= len(line) || line[i] != '"' {
			return false
		}
		ks := i + 1
		ke := ks
		for ke < len(line) && line[ke] != '"' {
			if c := line[ke]; c == '\\' || c < ' ' || c >= utf8.RuneSelf {
				return false
			}
			ke++
		}
		if ke >= len(line) {
			return false
		}
		var field *string
		switch string(line[ks:ke]) {
		case "id":
			field = &rec.ID
		case "url":
			field = &rec.URL
		case "title":
			field = &rec.Title
		case "publisher":
			field = &rec.Publisher
		case "published":
			field = &rec.Published
		case "text":
			field = &rec.Text
		case "html":
			field = &rec.HTML
		default:
			if foldsToRecordField(line[ks:ke]) {
				return false // encoding/json matches keys ignoring case
			}
		}
		i = skipJSONSpace(line, ke+1)
		if i >= len(line) || line[i] != ':' {
			return false
		}
		i = skipJSONSpace(line, i+1)
		if field == nil {
			var ok bool
			if i, ok = skipJSONValue(line, i, 0); !ok {
				return false
			}
		} else {
			if i >= len(line) || line[i] != '"' {
				return false
			}
			var ok bool
			*field, i, buf, ok = decodeJSONString(line, i+1, buf)
			if !ok {
				return false
			}
		}
		i = skipJSONSpace(line, i)
		if i >= len(line) {
			return false
		}
		switch line[i] {
		case ',':
			i = skipJSONSpace(line, i+1)
		case '}':
			return skipJSONSpace(line, i+1) == len(line)
		default:
			return false
		}
	}
}

// decodeBufs recycles the scratch buffers of decodeRecordFast, which hold
// strings with escapes while they are decoded.
var decodeBufs sync.Pool

// skipJSONSpace returns the index of the first byte at or after i that is
// not JSON white space.
func skipJSONSpace(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// jsonStrClass classifies the bytes of a JSON string body: 0 plain ASCII,
// 1 a quote, backslash or control character, 2 the start or continuation
// of a multi-byte UTF-8 sequence.
var jsonStrClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c == '"' || c == '\\' || c < ' ':
			t[c] = 1
		case c >= utf8.RuneSelf:
			t[c] = 2
		}
	}
	return t
}()

// Eight-byte masks: 0x01 and 0x80 in every byte.
const swarOnes, swarHighs = 0x0101010101010101, 0x8080808080808080

// decodeJSONString decodes the JSON string whose body starts at b[i] (just
// after the opening quote). It returns the string, the index after the
// closing quote, the scratch buffer for reuse, and false when the string
// is malformed or needs the general decoder.
func decodeJSONString(b []byte, i int, buf []byte) (string, int, []byte, bool) {
	start := i
	ascii := true
	escaped := false
	buf = buf[:0]
	for {
		// a run of bytes that need no decoding, eight at a time first
		j := i
		for j+8 <= len(b) {
			w := binary.LittleEndian.Uint64(b[j:])
			if hasZeroByte(w^('"'*swarOnes)) || hasZeroByte(w^('\\'*swarOnes)) || (w-' '*swarOnes)&^w&swarHighs != 0 {
				break // a quote, backslash or control byte among them
			}
			if w&swarHighs != 0 {
				ascii = false
			}
			j += 8
		}
		for j < len(b) && jsonStrClass[b[j]] != 1 {
			if b[j] >= utf8.RuneSelf {
				ascii = false
			}
			j++
		}
		if j >= len(b) {
			return "", 0, buf, false
		}
		if escaped {
			buf = append(buf, b[i:j]...)
		}
		i = j
		switch c := b[i]; {
		case c == '"':
			seg := b[start:i]
			if escaped {
				seg = buf
			}
			if !ascii && !utf8.Valid(seg) {
				return "", 0, buf, false
			}
			return string(seg), i + 1, buf, true
		case c < ' ':
			return "", 0, buf, false
		}
		// a backslash
		if !escaped {
			buf = append(buf, b[start:i]...)
			escaped = true
		}
		if i+1 >= len(b) {
			return "", 0, buf, false
		}
		switch b[i+1] {
		case '"', '\\', '/':
			buf = append(buf, b[i+1])
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			if i+6 > len(b) {
				return "", 0, buf, false
			}
			var r rune
			for _, h := range b[i+2 : i+6] {
				switch {
				case h >= '0' && h <= '9':
					h -= '0'
				case h >= 'a' && h <= 'f':
					h -= 'a' - 10
				case h >= 'A' && h <= 'F':
					h -= 'A' - 10
				default:
					return "", 0, buf, false
				}
				r = r<<4 | rune(h)
			}
			if r >= 0xD800 && r < 0xE000 {
				return "", 0, buf, false // surrogates: leave to encoding/json
			}
			if r >= utf8.RuneSelf {
				// valid by construction; the check above covers raw bytes
				buf = utf8.AppendRune(buf, r)
			} else {
				buf = append(buf, byte(r))
			}
			i += 6
			continue
		default:
			return "", 0, buf, false
		}
		i += 2
	}
}

// foldsToRecordField reports whether the ASCII key equals a field name of
// record ignoring case.
func foldsToRecordField(key []byte) bool {
	for _, f := range [...]string{"id", "url", "title", "publisher", "published", "text", "html"} {
		if len(key) == len(f) && hasPrefixFold(string(key), f) {
			return true
		}
	}
	return false
}

// skipJSONValue returns the index just after the JSON value starting at
// b[i], and false when it is malformed or nested too deeply for the fast
// path.
func skipJSONValue(b []byte, i, depth int) (int, bool) {
	if i >= len(b) || depth > 64 {
		return 0, false
	}
	switch c := b[i]; {
	case c == '"':
		return skipJSONString(b, i+1)
	case c == '[' || c == '{':
		end := byte(']')
		if c == '{' {
			end = '}'
		}
		i = skipJSONSpace(b, i+1)
		if i < len(b) && b[i] == end {
			return i + 1, true
		}
		for {
			if end == '}' {
				if i >= len(b) || b[i] != '"' {
					return 0, false
				}
				var ok bool
				if i, ok = skipJSONString(b, i+1); !ok {
					return 0, false
				}
				i = skipJSONSpace(b, i)
				if i >= len(b) || b[i] != ':' {
					return 0, false
				}
				i = skipJSONSpace(b, i+1)
			}
			var ok bool
			if i, ok = skipJSONValue(b, i, depth+1); !ok {
				return 0, false
			}
			i = skipJSONSpace(b, i)
			if i >= len(b) {
				return 0, false
			}
			if b[i] == end {
				return i + 1, true
			}
			if b[i] != ',' {
				return 0, false
			}
			i = skipJSONSpace(b, i+1)
		}
	case c == 't':
		return skipJSONLiteral(b, i, "true")
	case c == 'f':
		return skipJSONLiteral(b, i, "false")
	case c == 'n':
		return skipJSONLiteral(b, i, "null")
	case c == '-' || c >= '0' && c <= '9':
		return skipJSONNumber(b, i)
	}
	return 0, false
}

func skipJSONLiteral(b []byte, i int, lit string) (int, bool) {
	if len(b)-i < len(lit) || string(b[i:i+len(lit)]) != lit {
		return 0, false
	}
	return i + len(lit), true
}

// skipJSONNumber skips -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func skipJSONNumber(b []byte, i int) (int, bool) {
	digits := func(i int) (int, bool) {
		s := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i, i > s
	}
	if b[i] == '-' {
		i++
	}
	if i >= len(b) {
		return 0, false
	}
	if b[i] == '0' {
		i++
	} else {
		var ok bool
		if i, ok = digits(i); !ok {
			return 0, false
		}
	}
	if i < len(b) && b[i] == '.' {
		var ok bool
		if i, ok = digits(i + 1); !ok {
			return 0, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		var ok bool
		if i, ok = digits(i); !ok {
			return 0, false
		}
	}
	return i, true
}

// skipJSONString skips the body of a JSON string starting at b[i] (after
// the opening quote) and returns the index after the closing quote.
func skipJSONString(b []byte, i int) (int, bool) {
	for i < len(b) {
		switch c := b[i]; {
		case c == '"':
			return i + 1, true
		case c < ' ':
			return 0, false
		case c == '\\':
			if i+1 >= len(b) {
				return 0, false
			}
			switch b[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(b) {
					return 0, false
				}
				for _, h := range b[i+2 : i+6] {
					if !(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F') {
						return 0, false
					}
				}
				i += 6
			default:
				return 0, false
			}
		default:
			i++
		}
	}
	return 0, false
}
