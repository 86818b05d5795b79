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
	"fmt"
	"strings"

	"github.com/bhxh/bhxh/msg"
)

// The sentinels, every reading layer's in this one list; compare with
// errors.Is. xlsxio re-exports the ones its callers compare with.
var (
	// the file
	ErrNotWorkbook = msg.New("not a readable workbook", "không phải bảng tính đọc được")
	ErrTooBig      = msg.New("exceeds the size limits", "vượt giới hạn kích thước")
	ErrBadXML      = msg.New("malformed sheet XML", "XML của trang tính bị hỏng")
	ErrCellRange   = msg.New("is beyond the last cell of a sheet (XFD1048576)", "vượt quá ô cuối cùng của trang tính (XFD1048576)")
	ErrNoHeader    = msg.New("no recognisable table header (a row naming units and counts)", "không tìm thấy dòng tiêu đề của bảng (dòng ghi tên đơn vị và các số liệu)")
	ErrPassword    = msg.New("the workbook is password-protected", "bảng tính có mật khẩu")
	ErrFormula     = msg.New("formula cannot be evaluated", "không tính được công thức")
	// ErrStrayQuote: a quote in a CSV file that glues rows together or
	// moves fields under the wrong headers (the line is in the message).
	ErrStrayQuote = msg.New("a stray quote", "dấu nháy thừa")
	// ErrBrokenRow: a CSV row cut in two by a line break that is not
	// inside quotes (the line is in the message).
	ErrBrokenRow = msg.New("a broken row", "dòng bị vỡ")

	// a cell of a unit table
	ErrNotWholeNumber = msg.New("is not a whole number of people", "không phải là số người nguyên")
	ErrNegative       = msg.New("is negative: a count of people cannot be", "là số âm: số người không thể âm")
	ErrTooLarge       = msg.New("is beyond any real population (over 200,000,000 people)", "vượt mọi dân số thực tế (trên 200.000.000 người)")
	ErrNotANumber     = msg.New("is not a number", "không phải là số")
	ErrDuplicateUnit  = msg.New("duplicate unit", "đơn vị trùng")
	ErrNumberName     = msg.New("the unit name is a number", "tên đơn vị là một con số")
	ErrErrorValue     = msg.New("an error value (#N/A, #REF!…) where a number belongs", "giá trị lỗi (#N/A, #REF!…) ở chỗ cần một con số")

	// a row of a participant list
	ErrPersonID    = msg.New("is not a mã số BHXH (10 digits, typed as text)", "không phải mã số BHXH (10 chữ số, nhập dạng văn bản)")
	ErrNoPersonID  = msg.New("has no mã số BHXH", "không có mã số BHXH")
	ErrUnknownKind = msg.New("is not a participation kind (bắt buộc, tự nguyện, BHTN, BHYT)", "không phải loại hình tham gia (bắt buộc, tự nguyện, BHTN, BHYT)")
	ErrNoKind      = msg.New("has no participation kind", "không có loại hình tham gia")
	ErrNoUnit      = msg.New("has no unit (code or name)", "không có đơn vị (mã hoặc tên)")
	ErrNotUTF8     = msg.New("is not UTF-8 text (save the list as CSV UTF-8)", "không phải văn bản UTF-8 (hãy lưu danh sách dạng CSV UTF-8)")
	ErrEmptyList   = msg.New("an empty list", "danh sách rỗng")
	// ErrAmbiguousKind: a kind cell names BHXH without saying which.
	ErrAmbiguousKind = msg.New("does not say which BHXH: write \"BHXH bắt buộc\" (BB) or \"BHXH tự nguyện\" (TN)", "không nói rõ loại BHXH nào: ghi \"BHXH bắt buộc\" (BB) hoặc \"BHXH tự nguyện\" (TN)")
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

// Error is the list in English.
func (l ErrorList) Error() string { return l.In(msg.EN) }

// In is the list in language l, each error rendered by msg.Render.
func (l ErrorList) In(lang msg.Lang) string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = msg.Render(e, lang)
	}
	if len(l) >= MaxErrors {
		msgs = append(msgs, msg.Sprintf("(stopped after %d errors)", "(dừng sau %d lỗi)", MaxErrors).In(lang))
	}
	return strings.Join(msgs, "\n")
}

// Unwrap lets errors.Is / errors.As see every error in the list.
func (l ErrorList) Unwrap() []error { return l }
