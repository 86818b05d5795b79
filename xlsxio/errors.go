package xlsxio

import (
	"errors"

	"github.com/bhxh/bhxh/xlsxio/grid"
	"github.com/bhxh/bhxh/xlsxio/readerr"
)

// Sentinel errors; compare with errors.Is.
var (
	ErrNotWholeNumber = errors.New("is not a whole number of people")
	ErrNegative       = errors.New("is negative: a count of people cannot be")
	ErrTooLarge       = errors.New("is beyond any real population (over 200,000,000 people)")
	ErrNotANumber     = errors.New("is not a number")
	ErrNoHeader       = errors.New("no recognisable table header (a row naming units and counts)")
	ErrDuplicateUnit  = errors.New("duplicate unit")
	ErrNotWorkbook    = readerr.ErrNotWorkbook
	ErrPassword       = grid.ErrPassword
	ErrTooBig         = readerr.ErrTooBig
	ErrFormula        = grid.ErrFormula
)

// The located errors of every reading layer (package readerr): a
// *FileError names the file, a *CellError the file, sheet and cell; an
// ErrorList carries every rejected cell of a file.
type (
	CellError = readerr.CellError
	FileError = readerr.FileError
	ErrorList = readerr.ErrorList
)

// MaxErrors is how many errors a file reports before giving up.
const MaxErrors = readerr.MaxErrors
