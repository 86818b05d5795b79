package msg

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

var errNotNumber = New("is not a number", "không phải là số")

// cellError wraps like readerr.CellError: a language-neutral place around
// its error's text.
type cellError struct {
	where string
	err   error
}

func (e *cellError) Error() string { return e.where + ": " + e.err.Error() }
func (e *cellError) Unwrap() error { return e.err }

func TestRender(t *testing.T) {
	cell := &cellError{`huyen.xlsx: T11!F14`, Errorf("%q %w", "%q %w", "29.O24", errNotNumber)}
	cases := []struct {
		name   string
		err    error
		en, vi string
	}{
		{"sentinel", errNotNumber, "is not a number", "không phải là số"},
		{"formatted", Errorf("row %d: %s", "dòng %d: %s", 7, "Xã A"), "row 7: Xã A", "dòng 7: Xã A"},
		{"reordered", Errorf("%s of %s", "%[2]s có %[1]s", "bhyt", "Xã A"), "bhyt of Xã A", "Xã A có bhyt"},
		{"neutral wrapper", cell, `huyen.xlsx: T11!F14: "29.O24" is not a number`, `huyen.xlsx: T11!F14: "29.O24" không phải là số`},
		{"fmt.Errorf prefix", fmt.Errorf("tinh.xlsx: %w", cell),
			`tinh.xlsx: huyen.xlsx: T11!F14: "29.O24" is not a number`, `tinh.xlsx: huyen.xlsx: T11!F14: "29.O24" không phải là số`},
		{"joined", errors.Join(errNotNumber, Errorf("row %d", "dòng %d", 2)), "is not a number\nrow 2", "không phải là số\ndòng 2"},
		{"same text twice", errors.Join(errNotNumber, errNotNumber), "is not a number\nis not a number", "không phải là số\nkhông phải là số"},
		{"bilingual wrapper", Errorf("reading %s: %w", "đọc %s: %w", "a.xlsx", cell),
			`reading a.xlsx: huyen.xlsx: T11!F14: "29.O24" is not a number`, `đọc a.xlsx: huyen.xlsx: T11!F14: "29.O24" không phải là số`},
		{"English only stays English", fmt.Errorf("open x: %w", fs.ErrNotExist), "open x: file does not exist", "open x: file does not exist"},
		{"Text argument", Errorf("%s!", "%s!", Sprintf("row", "dòng")), "row!", "dòng!"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.err.Error(); got != c.en {
				t.Errorf("Error() %q, want %q", got, c.en)
			}
			if got := Render(c.err, EN); got != c.en {
				t.Errorf("en %q, want %q", got, c.en)
			}
			if got := Render(c.err, VI); got != c.vi {
				t.Errorf("vi %q, want %q", got, c.vi)
			}
		})
	}
}

func TestErrorsIsAs(t *testing.T) {
	cell := &cellError{"a.xlsx: B2", errNotNumber}
	err := Errorf("reading %s: %w", "đọc %s: %w", "a.xlsx", cell)
	if !errors.Is(err, errNotNumber) {
		t.Error("errors.Is lost the sentinel")
	}
	var ce *cellError
	if !errors.As(err, &ce) || ce != cell {
		t.Error("errors.As lost the cell error")
	}
	two := Errorf("%w and %w", "%w và %w", errNotNumber, fs.ErrNotExist)
	if !errors.Is(two, fs.ErrNotExist) || !errors.Is(two, errNotNumber) {
		t.Error("errors.Is lost one of two wrapped errors")
	}
	if w := Wrap(fs.ErrNotExist, Sprintf("no such file", "không có tệp")); !errors.Is(w, fs.ErrNotExist) || Render(w, VI) != "không có tệp" {
		t.Errorf("Wrap: %v", w)
	}
}

func TestTextJSONIsEnglish(t *testing.T) {
	b, err := json.Marshal(struct {
		Message Text `json:"message"`
	}{Sprintf("row %d skipped", "bỏ qua dòng %d", 3)})
	if err != nil || string(b) != `{"message":"row 3 skipped"}` {
		t.Errorf("%s %v", b, err)
	}
	if got := (Text{EN: "only English"}).In(VI); got != "only English" {
		t.Errorf("no Vietnamese: %q", got)
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Lang{"": VI, "vi": VI, "VI": VI, "en": EN, " en ": EN} {
		if got, ok := Parse(in); !ok || got != want {
			t.Errorf("Parse(%q) = %q %v", in, got, ok)
		}
	}
	if _, ok := Parse("fr"); ok {
		t.Error("fr accepted")
	}
}
