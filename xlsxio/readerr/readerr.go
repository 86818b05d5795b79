// Package readerr holds the errors reading a file can give, in one place for
// every reading layer (raw xlsx, grid sources, table finder, participant
// lists): a *FileError names the file, a *CellError the file, sheet and cell
// (or line, in a CSV list),
// an ErrorList carries every rejected cell of a file; the sentinels say what
// kind of problem it was (compare with errors.Is).
//
// It only describes errors: it reads nothing and names no command-line flag
// (the command adds such hints).
package readerr

import (
	"errors"
	"fmt"
	"strings"
)

// The sentinels, every reading layer's in this one list; compare with
// errors.Is. xlsxio re-exports the ones its callers compare with.
var (
	// the file
	ErrNotWorkbook = errors.New("not a readable workbook")
	ErrTooBig      = errors.New("exceeds the size limits")
	ErrBadXML      = errors.New("malformed sheet XML")
	ErrCellRange   = errors.New("is beyond the last cell of a sheet (XFD1048576)")
	ErrNoHeader    = errors.New("no recognisable table header (a row naming units and counts)")

	// a cell of a unit table
	ErrNotWholeNumber = errors.New("is not a whole number of people")
	ErrNegative       = errors.New("is negative: a count of people cannot be")
	ErrTooLarge       = errors.New("is beyond any real population (over 200,000,000 people)")
	ErrNotANumber     = errors.New("is not a number")
	ErrDuplicateUnit  = errors.New("duplicate unit")
	ErrNumberName     = errors.New("the unit name is a number")
	ErrErrorValue     = errors.New("an error value (#N/A, #REF!…) where a number belongs")

	// a row of a participant list
	ErrPersonID    = errors.New("is not a mã số BHXH (10 digits, typed as text)")
	ErrNoPersonID  = errors.New("has no mã số BHXH")
	ErrUnknownKind = errors.New("is not a participation kind (bắt buộc, tự nguyện, BHTN, BHYT)")
	ErrNoKind      = errors.New("has no participation kind")
	ErrNoUnit      = errors.New("has no unit (code or name)")
	ErrNotUTF8     = errors.New("is not UTF-8 text (save the list as CSV UTF-8)")
	ErrEmptyList   = errors.New("an empty list")
	// ErrAmbiguousKind: a kind cell names BHXH without saying which.
	ErrAmbiguousKind = errors.New("does not say which BHXH: write \"BHXH bắt buộc\" (BB) or \"BHXH tự nguyện\" (TN)")
)

// CellError is a rejected cell: it names file, sheet and cell, or file and
// line for a CSV participant list (which may be far past what a
// spreadsheet opens). Its message reads
// `huyen.xlsx: T11!H12: "29.O24" is not a whole number of people`, or
// `ds.csv:12: "12345" is not a mã số BHXH (10 digits, typed as text)`.
type CellError struct {
	File  string // base name of the file
	Sheet string // "" for CSV
	Cell  string // "H12"; "" when Line is set
	Line  int64  // the CSV line (1-based) the record starts on; 0 for a cell
	Value string // the text as typed
	Err   error
}

func (e *CellError) Error() string {
	where := e.File + ": " + e.Cell
	switch {
	case e.Line > 0:
		where = fmt.Sprintf("%s:%d", e.File, e.Line)
	case e.Sheet != "":
		where = e.File + ": " + e.Sheet + "!" + e.Cell
	}
	if e.Value == "" {
		return fmt.Sprintf("%s: %v", where, e.Err)
	}
	return fmt.Sprintf("%s: %q %v", where, e.Value, e.Err)
}

func (e *CellError) Unwrap() error { return e.Err }

// FileError is an error about a whole file (not one cell).
type FileError struct {
	File string
	Err  error
}

func (e *FileError) Error() string { return fmt.Sprintf("%s: %v", e.File, e.Err) }
func (e *FileError) Unwrap() error { return e.Err }

// ErrorList collects every rejected cell of a file (up to MaxErrors), so an
// analyst fixes them all in one pass.
type ErrorList []error

// MaxErrors is how many errors a file reports before giving up.
const MaxErrors = 50

func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	if len(l) >= MaxErrors {
		msgs = append(msgs, fmt.Sprintf("(stopped after %d errors)", MaxErrors))
	}
	return strings.Join(msgs, "\n")
}

// Unwrap lets errors.Is / errors.As see every error in the list.
func (l ErrorList) Unwrap() []error { return l }
