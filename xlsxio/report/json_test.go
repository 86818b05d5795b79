package report

import (
	"bytes"
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
