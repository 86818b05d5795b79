package report

import (
	"bytes"
	"encoding/json"
	"io"
)

// writeJSON writes v as one JSON document indented by indent, with a final
// newline. Nothing is HTML-escaped: a unit named "A & B" stays readable.
func writeJSON(w io.Writer, v any, indent string) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	return enc.Encode(v)
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
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshalNoEscape(f.Key)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		v, err := marshalNoEscape(f.Value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
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
