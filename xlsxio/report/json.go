package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
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
