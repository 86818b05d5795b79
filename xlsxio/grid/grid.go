package grid

import (
	"bytes"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
	"github.com/bhxh/bhxh/xlsxio/readerr"
)

// Sentinel errors of opening a file, computing a formula and reading a
// CSV strictly; declared with every reading layer's in readerr.
var (
	ErrPassword   = readerr.ErrPassword
	ErrFormula    = readerr.ErrFormula
	ErrStrayQuote = readerr.ErrStrayQuote
	ErrBrokenRow  = readerr.ErrBrokenRow
)

// Kind says what a cell holds.
type Kind uint8

const (
	Empty   Kind = iota
	Text         // a string: shared, inline, typed in a CSV, or a formula's text result
	Number       // a stored number: Raw is its exact stored text
	Bool         // a boolean: Text is its stored value ("1" or "0"; "TRUE" or "FALSE" in an .xls)
	Error        // an error value: Text is it ("#N/A", "#REF!", "#DIV/0!")
	Formula      // a formula saved without its value: Text is "=" and the formula; Eval computes it
)

// Cell is one cell as its sheet holds it. A cell with a formula and a
// cached value has the kind of its value (Sheet.Formula gives the formula).
type Cell struct {
	Kind Kind
	// Text is what the cell holds as text: the string of a Text cell (NFC,
	// legacy fonts decoded), the stored value of a Number, Bool or Error
	// cell, "=" and the formula of a Formula cell.
	Text string
	Raw  string // Number: the stored value ("29024", "0.30000000000000004", or the ISO text of a date stored as such)
	// The number format: decimals shown (-1 for General or unknown), a
	// percentage (the stored value is a fraction), a date or time (the
	// stored value is a serial day number, or ISO text).
	Decimals int
	Percent  bool
	Date     bool
}

// empty is the cell where nothing is stored.
var empty = Cell{Kind: Empty, Decimals: -1}

// Merge is a merged range, 0-based and inclusive.
type Merge struct{ R0, C0, R1, C1 int }

// Contains reports whether (r, c) is in the range.
func (m Merge) Contains(r, c int) bool {
	return r >= m.R0 && r <= m.R1 && c >= m.C0 && c <= m.C1
}

// Visibility is a sheet's state: Excel shows a hidden sheet with "Unhide",
// a very hidden one only to macros.
type Visibility uint8

const (
	Visible Visibility = iota
	Hidden
	VeryHidden
)

func (v Visibility) String() string {
	switch v {
	case Hidden:
		return "hidden"
	case VeryHidden:
		return "veryHidden"
	}
	return "visible"
}

// visibility reads the state attribute of an xlsx sheet.
func visibility(state string) Visibility {
	switch state {
	case "hidden":
		return Hidden
	case "veryHidden":
		return VeryHidden
	}
	return Visible
}

// SheetInfo names a sheet of a book.
type SheetInfo struct {
	Name       string // "" for CSV
	Visibility Visibility
}

// Sheet is one sheet of an opened file: a grid of cells, 0-based (r, c).
type Sheet interface {
	Name() string
	// Size is the number of rows up to the last one holding a value, and
	// the widest such row's number of columns.
	Size() (rows, cols int)
	Cell(r, c int) Cell
	// Formula is the cell's formula without "=", as Excel's formula bar
	// shows it (a shared formula written for this cell); "" when none. A
	// merged cell's is the one of its range's first cell.
	Formula(r, c int) string
	// Eval computes a Formula cell (one saved without its value): a cell
	// of kind Number, Text or Empty, or an error wrapping ErrFormula.
	Eval(r, c int) (Cell, error)
	Merges() []Merge
	RowHidden(r int) bool
	ColHidden(c int) bool
}

// Book is an opened file: its sheets in tab order.
type Book interface {
	Sheets() []SheetInfo
	// Active is the sheet shown when the file opens (0 when the format
	// does not say).
	Active() int
	Sheet(i int) (Sheet, error)
	Close() error
}

// Open sniffs the format from the bytes (an .xlsx named .xls works, a
// random file named .xlsx fails clearly) and opens data; file (a base
// name) names it in messages, password opens an encrypted xlsx.
func Open(data []byte, file, password string) (Book, error) {
	ext := strings.ToLower(filepath.Ext(file))
	switch {
	case len(data) == 0:
		return nil, &readerr.FileError{File: file, Err: msg.Errorf("%w: the file is empty", "%w: tệp rỗng", readerr.ErrNotWorkbook)}
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return openZip(data, file, password)
	case isEncryptedOOXML(data):
		if password == "" {
			return nil, &readerr.FileError{File: file, Err: ErrPassword}
		}
		return openXLSX(data, file, password)
	case IsOLE(data):
		return openXLS(data, file)
	case ext == ".csv" || ext == ".txt" || ext == ".tsv":
		return openCSV(data, file)
	case bytes.HasPrefix(data, []byte("PK")):
		return nil, &readerr.FileError{File: file, Err: msg.Errorf("%w: a damaged or truncated zip", "%w: tệp zip bị hỏng hoặc bị cắt cụt", readerr.ErrNotWorkbook)}
	}
	if what := flatXML(data); what.EN != "" {
		return nil, &readerr.FileError{File: file, Err: msg.Errorf("%w: %s, which bhxh does not read: save it as .xlsx or .ods",
			"%w: %s, bhxh không đọc loại này: hãy lưu lại dạng .xlsx hoặc .ods", readerr.ErrNotWorkbook, what)}
	}
	if looksLikeCSV(data) {
		return nil, &readerr.FileError{File: file, Err: msg.Errorf("%w: it is a text (CSV) file named %s: rename it to .csv", "%w: đây là tệp văn bản (CSV) mang đuôi %s: hãy đổi đuôi thành .csv", readerr.ErrNotWorkbook, ext)}
	}
	return nil, &readerr.FileError{File: file, Err: msg.Errorf("%w: not an xlsx, xls, ods or CSV file", "%w: không phải tệp xlsx, xls, ods hay CSV", readerr.ErrNotWorkbook)}
}

// flatXML names a spreadsheet saved as one XML file: LibreOffice's flat
// OpenDocument (.fods) or Excel 2003's "XML Spreadsheet"; "" for anything
// else.
func flatXML(data []byte) msg.Text {
	head := bytes.TrimLeft(bytes.TrimPrefix(data[:min(len(data), 8192)], []byte("\xef\xbb\xbf")), " \t\r\n")
	if !bytes.HasPrefix(head, []byte("<?xml")) && !bytes.HasPrefix(head, []byte("<office:document")) {
		return msg.Text{}
	}
	switch {
	case bytes.Contains(head, []byte("<office:document")):
		return msg.Sprintf("a flat OpenDocument spreadsheet (.fods)", "bảng tính OpenDocument dạng một tệp XML (.fods)")
	case bytes.Contains(head, []byte("urn:schemas-microsoft-com:office:spreadsheet")):
		return msg.Sprintf("an Excel 2003 XML spreadsheet", "bảng tính Excel 2003 dạng XML")
	}
	return msg.Text{}
}

// openZip opens a zip: an OpenDocument spreadsheet (.ods), else an xlsx.
func openZip(data []byte, file, password string) (Book, error) {
	if !isODF(data) {
		return openXLSX(data, file, password)
	}
	zr, err := rawxlsx.CheckZip(data)
	if err != nil {
		return nil, &readerr.FileError{File: file, Err: err}
	}
	return openODS(zr, file)
}

// looksLikeCSV: the first line is UTF-8 text holding a comma, semicolon or
// tab (a CSV export saved under an .xlsx name).
func looksLikeCSV(data []byte) bool {
	line, _, _ := bytes.Cut(data[:min(len(data), 4096)], []byte("\n"))
	line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(line) || !bytes.ContainsAny(line, ",;\t") {
		return false
	}
	for _, r := range string(line) {
		if r < 0x20 && r != '\t' && r != '\r' {
			return false
		}
	}
	return true
}

// IsOLE reports an OLE compound file: a legacy .xls, or an xlsx encrypted
// with a password (Excel wraps those in OLE).
func IsOLE(data []byte) bool {
	return len(data) >= 8 && bytes.Equal(data[:8], []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
}

// isEncryptedOOXML spots the "EncryptedPackage" stream (UTF-16 name) of a
// password-protected xlsx.
func isEncryptedOOXML(data []byte) bool {
	name := []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")
	return IsOLE(data) && bytes.Contains(data, name)
}
