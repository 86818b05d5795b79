package xlsxio

import (
	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/grid"
	"github.com/bhxh/bhxh/xlsxio/readerr"
)

// Sentinel errors; compare with errors.Is. Those of reading a file are
// declared, with every reading layer's, in readerr; the last three are
// this package's own (a CSV list's row, matching and joining units).
var (
	ErrNotWholeNumber = readerr.ErrNotWholeNumber
	ErrNegative       = readerr.ErrNegative
	ErrTooLarge       = readerr.ErrTooLarge
	ErrNotANumber     = readerr.ErrNotANumber
	ErrNoHeader       = readerr.ErrNoHeader
	ErrDuplicateUnit  = readerr.ErrDuplicateUnit
	ErrNumberName     = readerr.ErrNumberName
	ErrErrorValue     = readerr.ErrErrorValue
	ErrNotWorkbook    = readerr.ErrNotWorkbook
	ErrPassword       = grid.ErrPassword
	ErrTooBig         = readerr.ErrTooBig
	ErrFormula        = grid.ErrFormula

	// participant lists
	ErrPersonID      = readerr.ErrPersonID
	ErrNoPersonID    = readerr.ErrNoPersonID
	ErrUnknownKind   = readerr.ErrUnknownKind
	ErrNoKind        = readerr.ErrNoKind
	ErrNoUnit        = readerr.ErrNoUnit
	ErrNotUTF8       = readerr.ErrNotUTF8
	ErrEmptyList     = readerr.ErrEmptyList
	ErrAmbiguousKind = readerr.ErrAmbiguousKind
	// ErrMalformedRow is a CSV record whose fields do not line up with the
	// header's.
	ErrMalformedRow = msg.New("malformed row", "dòng sai cấu trúc")

	// ErrAmbiguousUnit: a ref matches several units at its best level.
	ErrAmbiguousUnit = msg.New("matches several units", "khớp với nhiều đơn vị")
	// ErrJoinConflict: two tables give one unit different values for a key.
	ErrJoinConflict = msg.New("two inputs disagree", "hai tệp vào mâu thuẫn nhau")
)

// errorValue is ErrErrorValue naming the value: held by the cell (as Excel
// last computed it), or given by its formula saved without a value.
type errorValue struct {
	value   string // "#N/A"
	formula bool
}

func (e errorValue) Error() string { return e.In(msg.EN) }

func (e errorValue) In(l msg.Lang) string {
	if e.formula {
		return msg.Sprintf("gives the error %s", "cho ra lỗi %s", e.value).In(l)
	}
	return msg.Sprintf("the cell holds the error %s", "ô chứa lỗi %s", e.value).In(l)
}

func (e errorValue) Is(target error) bool { return target == ErrErrorValue }

// numberName is ErrNumberName saying why it matters: a header shifted by a
// stray separator or quote reads a count column as the unit names.
type numberName struct{ name string }

func (e numberName) Error() string { return e.In(msg.EN) }

func (e numberName) In(l msg.Lang) string {
	return msg.Sprintf("the columns look shifted: the unit name %q is a number (a stray separator or quote in the header or the row?)",
		"các cột có vẻ bị lệch: tên đơn vị %q là một con số (dấu phân cách hoặc dấu nháy thừa ở dòng tiêu đề hay ở dòng này?)", e.name).In(l)
}

func (e numberName) Is(target error) bool { return target == ErrNumberName }

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
