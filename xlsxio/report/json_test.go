package report

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestWriteJSONKeepsOrderAndText: keys in the order given (not sorted),
// "&" and "<" as they are, nested objects indented like the rest.
func TestWriteJSONKeepsOrderAndText(t *testing.T) {
	var b bytes.Buffer
	doc := object{{"z", 1}, {"a & <b>", nil}, {"m", object{{"y", "x"}, {"b", []any{int64(2)}}}}, {"e", object{}}}
	if err := writeJSON(&b, doc, " "); err != nil {
		t.Fatal(err)
	}
	want := `{
 "z": 1,
 "a & <b>": null,
 "m": {
  "y": "x",
  "b": [
   2
  ]
 },
 "e": {}
}
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// encodeJSONSlow is how writeJSON wrote an object before jsonWriter: the
// reference jsonWriter must match byte for byte.
func encodeJSONSlow(t testing.TB, v any, indent string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// FuzzJSONWriter: the streaming writer of objects writes what
// encoding/json writes, for any text in keys and values (escapes, control
// characters, invalid UTF-8, U+2028, "<&>"), any nesting and both indents.
func FuzzJSONWriter(f *testing.F) {
	f.Add("Xã Tân Phú", "a\"b\\c\n\t<&>", "\u2028\xff", int64(-7), true)
	f.Add("", "", "", int64(0), false)
	f.Fuzz(func(t *testing.T, a, b, c string, n int64, twoSpaces bool) {
		indent := " "
		if twoSpaces {
			indent = "  "
		}
		v := object{
			{a, b},
			{"list", []any{c, n, nil, object{}, []any{}, object{{b, object{{c, a}}}}, stringOrNull(c)}},
			{c, object{{"n", n}, {"raw", json.RawMessage(`{"x":[1,2,{"y":null}],"z":"` + "t" + `"}`)}}},
			{"empty", []any{}},
			{"cells", []string{a, b, c}}, {"no cells", []string{}}, {"nil cells", []string(nil)},
			{"nested cells", object{{"sources", []any{[]string{c}, []string{}}}}},
		}
		var got bytes.Buffer
		if err := writeJSON(&got, v, indent); err != nil {
			t.Fatal(err)
		}
		if want := encodeJSONSlow(t, v, indent); got.String() != want {
			t.Fatalf("got\n%s\nwant\n%s", got.String(), want)
		}
	})
}
