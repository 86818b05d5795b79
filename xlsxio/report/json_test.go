package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// TestWriteJSONKeepsOrderAndText: keys in the order given (not sorted),
// "&" and "<" as they are, compact, one record per line: each field of the
// document on a line, each object of a list on a line, an object holding
// such a list laid out like the document.
func TestWriteJSONKeepsOrderAndText(t *testing.T) {
	var b bytes.Buffer
	doc := object{{"z", 1}, {"a & <b>", nil}, {"m", object{{"y", "x"}, {"b", []any{int64(2)}}}}, {"e", object{}},
		{"units", []any{object{{"name", "A"}, {"from", []any{object{{"n", int64(1)}}}}}, object{{"name", "B"}}}},
		{"none", []any{}},
		{"indicators", object{{"bhxh", object{{"units", []any{object{{"n", int64(3)}}}}, {"total", object{{"n", int64(3)}}}}}}}}
	if err := writeJSON(&b, doc); err != nil {
		t.Fatal(err)
	}
	want := `{
"z":1,
"a & <b>":null,
"m":{"y":"x","b":[2]},
"e":{},
"units":[
{"name":"A","from":[{"n":1}]},
{"name":"B"}
],
"none":[],
"indicators":{
"bhxh":{
"units":[
{"n":3}
],
"total":{"n":3}
}
}
}
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// encodeJSONCompact is v as encoding/json writes it without HTML escapes:
// what writeJSON's document must be once its line breaks are taken out.
func encodeJSONCompact(t testing.TB, v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// compactJSON is b without the whitespace between its tokens (the
// strings, numbers and their escapes as they are), or a test failure when
// b is not JSON.
func compactJSON(t testing.TB, b []byte) string {
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		t.Fatalf("%v in\n%s", err, b)
	}
	return out.String()
}

// FuzzJSONWriter: the writer of objects writes what encoding/json writes
// (the same keys in the same order, the same strings with the same
// escapes, the same numbers), but for line breaks between tokens, for any
// text in keys and values (escapes, control characters, invalid UTF-8,
// U+2028, "<&>") and any nesting; so does a struct, written by
// encoding/json and read back. Only line breaks are added, each after
// "{", "[" or "," or before "}" or "]", and no line ends in a space.
func FuzzJSONWriter(f *testing.F) {
	f.Add("Xã Tân Phú", "a\"b\\c\n\t<&>", "\u2028\xff", int64(-7), true)
	f.Add("", "", "", int64(0), false)
	f.Fuzz(func(t *testing.T, a, b, c string, n int64, records bool) {
		list := []any{c, n, nil, object{}, []any{}, object{{b, object{{c, a}}}}, stringOrNull(c)}
		if !records {
			list = []any{c, n, nil, []any{}, stringOrNull(c)}
		}
		v := object{
			{a, b},
			{"list", list},
			{c, object{{"n", n}, {"raw", json.RawMessage(`{"x":[1,2,{"y":null}],"z":"` + "t" + `"}`)}}},
			{"empty", []any{}},
			{"cells", []string{a, b, c}}, {"no cells", []string{}}, {"nil cells", []string(nil)},
			{"nested cells", object{{"sources", []any{[]string{c}, []string{}}}}},
			{"units", []any{object{{"name", a}, {"n", n}, {"from", []any{object{{b, c}}}}}, object{{"name", c}}}},
		}
		s := struct {
			A    string `json:"a"`
			List []any  `json:"list"`
			Obj  object `json:"obj"`
			B    *bool  `json:"b"`
			F    float64
		}{a, list, v, &records, float64(n) / 3}
		for _, doc := range []any{v, s} {
			var got bytes.Buffer
			if err := writeJSON(&got, doc); err != nil {
				t.Fatal(err)
			}
			g, w := compactJSON(t, got.Bytes()), encodeJSONCompact(t, doc)
			if _, isObject := doc.(object); isObject && g != w {
				t.Fatalf("got\n%s\nwant\n%s", g, w)
			}
			// a struct's strings are read back: an invalid byte that
			// encoding/json wrote as \ufffd is then written as "�"
			// itself, the same string
			if gv, wv := readTree(t, g), readTree(t, w); !reflect.DeepEqual(gv, wv) {
				t.Fatalf("got\n%s\nwant\n%s", g, w)
			}
			if g := got.String(); !strings.HasPrefix(g, "{\n") || !strings.HasSuffix(g, "\n}\n") {
				t.Fatalf("not a document with its fields on lines of their own:\n%s", g)
			}
			checkLineBreaks(t, got.Bytes())
		}
	})
}

// readTree is the document s as readJSON reads it: objects in order,
// numbers as written.
func readTree(t *testing.T, s string) any {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	v, err := readJSON(dec)
	if err != nil {
		t.Fatalf("%v in\n%s", err, s)
	}
	return v
}

// checkLineBreaks fails unless every line break outside strings in b
// follows "{", "[" or "," or comes before "}" or "]", and there is no
// other whitespace outside strings.
func checkLineBreaks(t *testing.T, b []byte) {
	t.Helper()
	in, esc := false, false
	for i, c := range b {
		switch {
		case in && esc:
			esc = false
		case in && c == '\\':
			esc = true
		case c == '"':
			in = !in
		case in:
		case c == ' ' || c == '\t' || c == '\r':
			t.Fatalf("whitespace at %d:\n%s", i, b)
		case c == '\n' && i < len(b)-1:
			prev, next := b[i-1], b[i+1]
			if !strings.ContainsRune("{[,", rune(prev)) && !strings.ContainsRune("}]", rune(next)) {
				t.Fatalf("line break at %d between %q and %q:\n%s", i, prev, next, b)
			}
		}
	}
}
