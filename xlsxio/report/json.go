package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bhxh/bhxh/msg"
)

// writeJSON writes v as one JSON document, compact and one record per
// line, with a final newline: every field of the document starts a line,
// and a list of objects (units, issues, inputs, a trend's series) has each
// object on a line of its own, compact; an object holding such a list (a
// trend's indicators) is laid out like the document. `jq .` indents it.
// Nothing is HTML-escaped: a unit named "A & B" stays readable.
//
// Whitespace is not part of a document's interface (README): indented, a
// compute report was 29 % spaces and took 1.3 times as long to write as
// its CSV (issue 17). A line per record keeps it diffable and greppable.
//
// An object (the compute report: objects in arrays in objects, 130 KB for
// 60 units) is written in one pass by jsonWriter: encoding/json checks
// again the bytes every MarshalJSON returns, at each level of nesting,
// which made a JSON report take 2.4 times as long as a CSV one. Anything
// else (a struct) is written by encoding/json and read back in order as
// an object, to be laid out the same way.
func writeJSON(w io.Writer, v any) error {
	o, ok := v.(object)
	if !ok {
		var err error
		if o, err = asObject(v); err != nil {
			return err
		}
	}
	jw := &jsonWriter{w: w}
	b := jw.fields(make([]byte, 0, 2*spillAt), o)
	if jw.err != nil {
		return jw.err
	}
	_, err := w.Write(append(b, '\n'))
	return err
}

// asObject is the object encoding/json writes for v, its keys in order,
// numbers as written.
func asObject(v any) (object, error) {
	var raw bytes.Buffer
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(&raw)
	dec.UseNumber()
	t, err := readJSON(dec)
	if err != nil {
		return nil, err
	}
	o, ok := t.(object)
	if !ok {
		return nil, msg.Errorf("a JSON document must be an object, not %T", "tài liệu JSON phải là một đối tượng, không phải %T", v)
	}
	return o, nil
}

// readJSON reads the next value from dec: objects as object (in order),
// arrays as []any, numbers as json.Number.
func readJSON(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		o := object{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := readJSON(dec)
			if err != nil {
				return nil, err
			}
			o = append(o, field{k.(string), v})
		}
		_, err := dec.Token() // }
		return o, err
	case json.Delim('['):
		a := []any{}
		for dec.More() {
			v, err := readJSON(dec)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err := dec.Token() // ]
		return a, err
	}
	return tok, nil
}

// jsonWriter appends a value compact, as encoding/json's Encoder with
// SetEscapeHTML(false) writes it (but for fields and lines, which lay out
// a document one record per line).
type jsonWriter struct {
	w   io.Writer // where the bytes go past spillAt, between elements of a list
	err error
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

// fields appends o with each field on a line of its own, each value laid
// out by lines.
func (jw *jsonWriter) fields(b []byte, o object) []byte {
	if len(o) == 0 {
		return append(b, "{}"...)
	}
	b = append(b, '{')
	for i, f := range o {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '\n')
		b = jw.str(b, f.Key)
		b = append(b, ':')
		b = jw.lines(b, f.Value)
	}
	return append(b, "\n}"...)
}

// lines appends v one record per line when it holds records (see
// hasRecords): a list of objects with an object on each line, an object
// with a field on each line. Anything else is compact.
func (jw *jsonWriter) lines(b []byte, v any) []byte {
	if !hasRecords(v) {
		return jw.value(b, v)
	}
	switch v := v.(type) {
	case object:
		return jw.fields(b, v)
	case []any:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '\n')
			b = jw.spill(jw.value(b, e))
		}
		return append(b, "\n]"...)
	}
	return jw.value(b, v)
}

// hasRecords is whether v is, or is an object holding, a list with an
// object in it: the records a document is made of.
func hasRecords(v any) bool {
	switch v := v.(type) {
	case object:
		for _, f := range v {
			if hasRecords(f.Value) {
				return true
			}
		}
	case []any:
		for _, e := range v {
			switch e.(type) {
			case object, objectWriter:
				return true
			}
		}
	}
	return false
}

// value appends v compact.
func (jw *jsonWriter) value(b []byte, v any) []byte {
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
	case json.Number: // read back by readJSON: as encoding/json wrote it
		return append(b, v...)
	case bool:
		return strconv.AppendBool(b, v)
	case object:
		if len(v) == 0 {
			return append(b, "{}"...)
		}
		b = append(b, '{')
		for i, f := range v {
			b = jw.value(jw.key(b, f.Key, i == 0), f.Value)
		}
		return append(b, '}')
	case objectWriter:
		return v.appendJSON(jw, b)
	case []string: // a figure's source cells: hundreds per report
		if v == nil {
			return append(b, "null"...)
		}
		return jsonList(jw, b, v, jw.str)
	case []any:
		return jsonList(jw, b, v, jw.value)
	}
	return jw.other(b, v)
}

// jsonList appends a JSON array of v's elements, each by elem.
func jsonList[T any](jw *jsonWriter, b []byte, v []T, elem func([]byte, T) []byte) []byte {
	if len(v) == 0 {
		return append(b, "[]"...)
	}
	b = append(b, '[')
	for i, e := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = jw.spill(elem(b, e))
	}
	return append(b, ']')
}

// str appends a JSON string. Text encoding/json writes as it is (printable
// ASCII but quote and backslash, valid UTF-8 but U+2028 and U+2029) is
// appended at once; anything else goes through encoding/json.
func (jw *jsonWriter) str(b []byte, s string) []byte {
	i := 0
	for i < len(s) && jsonASCII[s[i]] { // a cell's name, a file's: most strings
		i++
	}
	if i < len(s) && !jsonAsIs(s[i:]) {
		return jw.other(b, s)
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// jsonASCII is whether encoding/json writes byte c as it is when c is
// ASCII: printable (DEL too), but quote and backslash.
var jsonASCII = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// jsonAsIs is whether encoding/json writes s as it is: valid UTF-8 without
// control characters, quote, backslash, U+2028 or U+2029.
func jsonAsIs(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
			return false
		}
	}
	return utf8.ValidString(s) && !strings.ContainsRune(s, '\u2028') && !strings.ContainsRune(s, '\u2029')
}

// strOrNull appends s as a JSON string, null when it is empty.
func (jw *jsonWriter) strOrNull(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return jw.str(b, s)
}

// other appends what jsonWriter does not write itself, through
// encoding/json.
func (jw *jsonWriter) other(b []byte, v any) []byte {
	var raw bytes.Buffer
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		jw.err = err
		return b
	}
	return append(b, bytes.TrimSuffix(raw.Bytes(), []byte("\n"))...)
}

// key appends an object's key (after a comma unless first) and its colon.
func (jw *jsonWriter) key(b []byte, k string, first bool) []byte {
	if !first {
		b = append(b, ',')
	}
	return append(jw.str(b, k), ':')
}

// jsonKey is k written as an object's key, with its colon: the keys a
// report writes thousands of times are written once.
func jsonKey(k string) string {
	return string((&jsonWriter{}).key(nil, k, true))
}

// jsonKeys are jsonKey of each of keys.
func jsonKeys(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = jsonKey(k)
	}
	return out
}

// figure appends f under key (as jsonKey writes it, after a comma unless
// first): an integer for a count, null for nothing, a string for a
// percentage (rounded half-up to decimals: digits, a sign and a point,
// nothing to escape) or a word.
func (jw *jsonWriter) figure(b []byte, key string, first bool, f figure, decimals int) []byte {
	if !first {
		b = append(b, ',')
	}
	b = append(b, key...)
	switch f.kind {
	case countFigure:
		return strconv.AppendInt(b, f.n, 10)
	case pctFigure:
		b = f.pct.AppendFormat(append(b, '"'), decimals)
		return append(b, '"')
	case wordFigure:
		return jw.str(b, f.word)
	}
	return append(b, "null"...)
}

// objectWriter is an object that appends itself, compact: a compute
// report's unit, written straight from its result.
type objectWriter interface {
	appendJSON(jw *jsonWriter, b []byte) []byte
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
