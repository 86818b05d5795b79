package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// writeJSON writes v as one JSON document indented by indent, with a final
// newline. Nothing is HTML-escaped: a unit named "A & B" stays readable.
//
// An object (the compute report: objects in arrays in objects, 130 KB for
// 60 units) is written in one pass by jsonWriter: encoding/json checks
// again the bytes every MarshalJSON returns, at each level of nesting, and
// indents the whole document once more at the end, which made a JSON report
// take 2.4 times as long as a CSV one. The bytes are the same.
func writeJSON(w io.Writer, v any, indent string) error {
	if o, ok := v.(object); ok {
		jw := &jsonWriter{indent: indent, w: w}
		b := jw.value(make([]byte, 0, 2*spillAt), o, 0)
		if jw.err != nil {
			return jw.err
		}
		_, err := w.Write(append(b, '\n'))
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	return enc.Encode(v)
}

// jsonWriter appends a value as encoding/json's Encoder with SetIndent("",
// indent) and SetEscapeHTML(false) writes it.
type jsonWriter struct {
	indent string
	w      io.Writer // where the bytes go past spillAt, between elements of a list
	err    error
}

// spillAt is how much jsonWriter keeps before it writes out: grown
// whole, the buffer of a 180 KB report was copied a dozen times over.
const spillAt = 32 << 10

// spill writes b out once it is past spillAt and returns it emptied.
func (jw *jsonWriter) spill(b []byte) []byte {
	if len(b) < spillAt || jw.w == nil || jw.err != nil {
		return b
	}
	if _, err := jw.w.Write(b); err != nil {
		jw.err = err
	}
	return b[:0]
}

func (jw *jsonWriter) newline(b []byte, depth int) []byte {
	b = append(b, '\n')
	for range depth {
		b = append(b, jw.indent...)
	}
	return b
}

func (jw *jsonWriter) value(b []byte, v any, depth int) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return jw.str(b, v)
	case *string:
		if v == nil {
			return append(b, "null"...)
		}
		return jw.str(b, *v)
	case int64:
		return strconv.AppendInt(b, v, 10)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case bool:
		return strconv.AppendBool(b, v)
	case object:
		if len(v) == 0 {
			return append(b, "{}"...)
		}
		b = append(b, '{')
		for i, f := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = jw.newline(b, depth+1)
			b = jw.str(b, f.Key)
			b = append(b, ':', ' ')
			b = jw.value(b, f.Value, depth+1)
		}
		return append(jw.newline(b, depth), '}')
	case figures:
		return jw.figures(b, v, depth)
	case []string: // a figure's source cells: hundreds per report
		if v == nil {
			return append(b, "null"...)
		}
		return jsonList(jw, b, v, depth, func(b []byte, e string) []byte { return jw.str(b, e) })
	case []any:
		return jsonList(jw, b, v, depth, func(b []byte, e any) []byte { return jw.value(b, e, depth+1) })
	}
	return jw.other(b, v, depth)
}

// jsonList appends a JSON array of v's elements, each by elem, indented
// at depth.
func jsonList[T any](jw *jsonWriter, b []byte, v []T, depth int, elem func([]byte, T) []byte) []byte {
	if len(v) == 0 {
		return append(b, "[]"...)
	}
	b = append(b, '[')
	for i, e := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = jw.newline(b, depth+1)
		b = jw.spill(elem(b, e))
	}
	return append(jw.newline(b, depth), ']')
}

// str appends a JSON string. Text encoding/json writes as it is (printable
// ASCII but quote and backslash, valid UTF-8 but U+2028 and U+2029) is
// appended at once; anything else goes through encoding/json.
func (jw *jsonWriter) str(b []byte, s string) []byte {
	plain := true
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' {
			plain = false
			break
		}
		ascii = ascii && c < utf8.RuneSelf
	}
	if plain && (ascii || utf8.ValidString(s) && !strings.ContainsRune(s, '\u2028') && !strings.ContainsRune(s, '\u2029')) {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	return jw.other(b, s, 0)
}

// other appends what jsonWriter does not write itself, through
// encoding/json, indented at depth.
func (jw *jsonWriter) other(b []byte, v any, depth int) []byte {
	var raw bytes.Buffer
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		jw.err = err
		return b
	}
	var out bytes.Buffer
	prefix := strings.Repeat(jw.indent, depth)
	if err := json.Indent(&out, bytes.TrimSuffix(raw.Bytes(), []byte("\n")), prefix, jw.indent); err != nil {
		jw.err = err
		return b
	}
	return append(b, out.Bytes()...)
}

// figures is a JSON object of figures under keys, written by jsonWriter
// without boxing each figure in an interface: a compute report has 16 per
// indicator, six indicators per unit, and boxing them was most of its
// allocations (issue 17).
type figures struct {
	keys     []string
	figs     []figure
	decimals int
}

func (jw *jsonWriter) figures(b []byte, o figures, depth int) []byte {
	if len(o.keys) == 0 {
		return append(b, "{}"...)
	}
	b = append(b, '{')
	for i, k := range o.keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = jw.newline(b, depth+1)
		b = jw.str(b, k)
		b = append(b, ':', ' ')
		switch f := o.figs[i]; f.kind {
		case countFigure:
			b = strconv.AppendInt(b, f.n, 10)
		case noFigure:
			b = append(b, "null"...)
		default:
			b = jw.str(b, f.text(o.decimals))
		}
	}
	return append(jw.newline(b, depth), '}')
}

// MarshalJSON is for figures inside what encoding/json writes.
func (o figures) MarshalJSON() ([]byte, error) {
	obj := make(object, len(o.keys))
	for i, k := range o.keys {
		obj[i] = field{k, o.figs[i].json(o.decimals)}
	}
	return obj.MarshalJSON()
}

// object is a JSON object whose keys keep the order they are given in (a
// Go map would sort them): counts in coverage.CountKeys order, indicators
// in report order, schemes as counted.
type object []field

type field struct {
	Key   string
	Value any
}

func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b) // one for the object: thousands in a report
	enc.SetEscapeHTML(false)
	encode := func(v any) error {
		switch v := v.(type) {
		case int64: // counts, most of a report
			b.WriteString(strconv.FormatInt(v, 10))
			return nil
		case nil:
			b.WriteString("null")
			return nil
		}
		if err := enc.Encode(v); err != nil {
			return err
		}
		b.Truncate(b.Len() - 1) // Encode's newline
		return nil
	}
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := encode(f.Key); err != nil {
			return nil, err
		}
		b.WriteByte(':')
		if err := encode(f.Value); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// nullIfEmpty is s, or JSON null when s is empty.
func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// stringOrNull is a pointer to s for a struct field that is null when s
// is empty.
func stringOrNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
