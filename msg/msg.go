// Package msg holds the product's messages in both of its languages,
// Vietnamese (the default) and English, so one run renders them in the
// language its --lang chose and a concurrent run in the other.
//
// A message is built where the problem is found, with both texts and one
// set of arguments:
//
//	msg.Errorf("%q is not a number", "%q không phải là số", v) // an error
//	msg.New("duplicate unit", "đơn vị trùng")                 // a sentinel
//	msg.Sprintf("row %d: skipped", "dòng %d: bỏ qua", r)      // a Text (warnings)
//
// Error() and String() are English: logs, JSON and errors.Is/As work as
// before. Render(err, lang) gives the message in a language: errors of this
// package and types with an In(Lang) method speak for themselves; any other
// wrapper (fmt.Errorf("%s: %w", file, err), a *readerr.CellError) is taken
// to add only language-neutral text (a file, a sheet!cell) around its
// errors' texts, which Render replaces by their rendering. It is a leaf
// package: coverage, targets, crosswalk and xlsxio all build messages, and
// coverage imports no xlsxio package.
package msg

import (
	"fmt"
	"strings"
)

// Lang is a language messages are rendered in.
type Lang string

const (
	VI Lang = "vi" // Vietnamese, the default
	EN Lang = "en"
)

// Parse reads a --lang value; "" is the default, Vietnamese.
func Parse(s string) (Lang, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "vi":
		return VI, true
	case "en":
		return EN, true
	}
	return VI, false
}

// Text is a message in both languages, formatted. Its zero value is empty
// in both; a Text whose VI is empty renders its English in Vietnamese.
type Text struct{ EN, VI string }

// Sprintf formats both texts with the same arguments, each argument that
// is a Text, a Number or an error rendered in the text's language. Use explicit
// argument indices (%[2]s) where the two texts order them differently.
func Sprintf(en, vi string, args ...any) Text {
	return Text{EN: format(en, EN, args), VI: format(vi, VI, args)}
}

// Plain is text that reads the same in both languages (a name, a number).
func Plain(s string) Text { return Text{EN: s, VI: s} }

// In is the text in language l.
func (t Text) In(l Lang) string {
	if l == VI && t.VI != "" {
		return t.VI
	}
	return t.EN
}

// String is the English text.
func (t Text) String() string { return t.EN }

// MarshalText keeps machine output (JSON "message") English whatever --lang.
func (t Text) MarshalText() ([]byte, error) { return []byte(t.EN), nil }

// format is fmt.Sprintf in language l: %w reads as %v, and Text and error
// arguments are given in l.
func format(f string, l Lang, args []any) string {
	if len(args) == 0 {
		return f
	}
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case Text:
			out[i] = v.In(l)
		case Number:
			out[i] = v.In(l)
		case error:
			out[i] = Render(v, l)
		default:
			out[i] = a
		}
	}
	return fmt.Sprintf(strings.ReplaceAll(f, "%w", "%v"), out...)
}

// Error is an error with a message in both languages. Its %w arguments are
// unwrapped as fmt.Errorf's are.
type Error struct {
	text    Text
	wrapped []error
}

// New is an error with a fixed message, for a sentinel (errors.Is compares
// it by identity).
func New(en, vi string) error { return &Error{text: Text{EN: en, VI: vi}} }

// Errorf is fmt.Errorf with the Vietnamese text beside the English: same
// arguments, %w wraps.
func Errorf(en, vi string, args ...any) error {
	e := &Error{text: Sprintf(en, vi, args...)}
	switch u := fmt.Errorf(en, args...).(type) {
	case interface{ Unwrap() error }:
		e.wrapped = []error{u.Unwrap()}
	case interface{ Unwrap() []error }:
		e.wrapped = u.Unwrap()
	}
	return e
}

// Wrap is err with a message in both languages (a Text built with
// Sprintf) instead of its own: errors.Is and errors.As still see err.
func Wrap(err error, t Text) error { return &Error{text: t, wrapped: []error{err}} }

func (e *Error) Error() string   { return e.text.EN }
func (e *Error) Unwrap() []error { return e.wrapped }

// In is the message in language l.
func (e *Error) In(l Lang) string { return e.text.In(l) }

// Text is the message in both languages.
func (e *Error) Text() Text { return e.text }

// Render is err's message in language l (see the package comment).
func Render(err error, l Lang) string {
	if err == nil {
		return ""
	}
	if t, ok := err.(interface{ In(Lang) string }); ok {
		return t.In(l)
	}
	s := err.Error()
	if l == EN {
		return s
	}
	var kids []error
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		kids = []error{u.Unwrap()}
	case interface{ Unwrap() []error }:
		kids = u.Unwrap()
	}
	done := 0 // replace after what was replaced, so a later child's text is not sought in an earlier one's
	for _, k := range kids {
		if k == nil {
			continue
		}
		en, vi := k.Error(), Render(k, l)
		if en == vi || en == "" {
			continue
		}
		if i := strings.Index(s[done:], en); i >= 0 {
			s = s[:done+i] + vi + s[done+i+len(en):]
			done += i + len(vi)
		}
	}
	return s
}

// TextOf is err's message in both languages.
func TextOf(err error) Text { return Text{EN: Render(err, EN), VI: Render(err, VI)} }

// Join is strings.Join of texts, in each language.
func Join(ts []Text, sep string) Text {
	var en, vi []string
	for _, t := range ts {
		en, vi = append(en, t.EN), append(vi, t.In(VI))
	}
	return Text{EN: strings.Join(en, sep), VI: strings.Join(vi, sep)}
}
