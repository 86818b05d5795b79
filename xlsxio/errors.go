package xlsxio

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors; compare with errors.Is.
var (
	ErrNotWholeNumber = errors.New("is not a whole number of people")
	ErrNegative       = errors.New("is negative: a count of people cannot be")
	ErrTooLarge       = errors.New("is beyond any real population (over 200,000,000 people)")
	ErrNotANumber     = errors.New("is not a number")
	ErrNoHeader       = errors.New("no recognisable table header (a row naming units and counts)")
	ErrNoUnitColumn   = errors.New("no unit column (\"Đơn vị\", \"Tên đơn vị\", \"Xã, phường\"…)")
	ErrDuplicateUnit  = errors.New("duplicate unit")
	ErrNotWorkbook    = errors.New("not a readable workbook")
	ErrPassword       = errors.New("the workbook is password-protected: give --password")
	ErrTooBig         = errors.New("exceeds the size limits")
	ErrFormula        = errors.New("formula cannot be evaluated")
)

// CellError is a rejected cell: it names file, sheet and cell.
// Its message reads `huyen.xlsx: T11!H12: "29.O24" is not a whole number of people`.
type CellError struct {
	File  string // base name of the file
	Sheet string // "" for CSV
	Cell  string // "H12"
	Value string // the text as typed
	Err   error
}

func (e *CellError) Error() string {
	loc := e.Cell
	if e.Sheet != "" {
		loc = e.Sheet + "!" + e.Cell
	}
	if e.Value == "" {
		return fmt.Sprintf("%s: %s: %v", e.File, loc, e.Err)
	}
	return fmt.Sprintf("%s: %s: %q %v", e.File, loc, e.Value, e.Err)
}

func (e *CellError) Unwrap() error { return e.Err }

// ErrorList collects every rejected cell of a file (up to a limit), so an
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

// FileError is an error about a whole file (not one cell).
type FileError struct {
	File string
	Err  error
}

func (e *FileError) Error() string { return fmt.Sprintf("%s: %v", e.File, e.Err) }
func (e *FileError) Unwrap() error { return e.Err }
