package grid

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/vntext"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/bhxh/bhxh/xlsxio/readerr"
)

// csvBook is a CSV file: one visible sheet with no name, every cell text,
// no merges, formulas or hidden rows and columns.
type csvBook struct {
	rows  [][]string
	lines []int // the line each row starts on: a quoted line break makes them differ
	cols  int
}

// openCSV reads CSV exports as Excel writes them: UTF-8 with or without a
// BOM, UTF-16 ("Unicode Text"), or the ANSI code page of a Vietnamese
// Windows (Windows-1258, what "CSV (Comma delimited)" writes there); comma,
// semicolon or tab separated (the one the table's rows use: Separator);
// CRLF, LF or CR-only ("CSV (Macintosh)") line ends.
//
// It reads strictly (csv_strict.go): a quote that is never closed, or one
// closed lines later so that rows would be glued into one, is an error
// naming the line, never rows silently lost; a quoted field may run over
// several lines (a header typed with Alt+Enter) when its row is as wide as
// the table. A quote inside an unquoted field is a character, as in Excel.
func openCSV(data []byte, file string) (*csvBook, error) {
	data, err := csvText(data)
	if err != nil {
		return nil, &readerr.FileError{File: file, Err: msg.Errorf("%w: %v", "%w: %v", readerr.ErrNotWorkbook, err)}
	}
	sep := byte(Separator(data))
	recs, err := csvRecords(data, sep)
	if err != nil {
		return nil, &readerr.FileError{File: file, Err: err}
	}
	if errs := checkCSV(recs, sep); len(errs) > 0 {
		list := make(readerr.ErrorList, 0, len(errs))
		for _, e := range errs {
			list = append(list, &readerr.FileError{File: file, Err: e})
		}
		if len(list) == 1 {
			return nil, list[0]
		}
		return nil, list
	}
	b := &csvBook{}
	for _, r := range recs {
		b.rows = append(b.rows, r.fields)
		b.lines = append(b.lines, r.line)
		b.cols = max(b.cols, len(r.fields))
	}
	return b, nil
}

// csvText turns the bytes of a text export into UTF-8 without a BOM.
func csvText(data []byte) ([]byte, error) {
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), LooksUTF16(data, 1):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	case bytes.HasPrefix(data, []byte("\xFE\xFF")), LooksUTF16(data, 0):
		enc = unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	}
	if enc == nil {
		if utf8.Valid(data) {
			return crLines(data), nil
		}
		if bytes.IndexByte(data, 0) >= 0 {
			return nil, msg.New("binary data, not a text export", "dữ liệu nhị phân, không phải tệp văn bản (CSV)")
		}
		// Not UTF-8: the ANSI code page of the Windows that wrote it,
		// Windows-1258 for Vietnamese (tone marks combining; NFC later).
		enc = charmap.Windows1258
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, msg.Errorf("cannot decode the text: %v (save it from Excel as \"CSV UTF-8\")", "không giải mã được văn bản: %v (hãy lưu lại từ Excel dạng \"CSV UTF-8\")", err)
	}
	return crLines(bytes.TrimPrefix(out, []byte("\xEF\xBB\xBF"))), nil
}

// LooksUTF16 spots UTF-16 without a BOM: NUL at every other byte (at odd
// offsets for little-endian, zero = 1, even ones for big-endian) of the
// first characters, which are ASCII in any header or title.
func LooksUTF16(data []byte, zero int) bool {
	n := min(len(data), 64) &^ 1
	if n < 8 {
		return false
	}
	for i := zero; i < n; i += 2 {
		if data[i] != 0 || data[i^1] == 0 {
			return false
		}
	}
	return true
}

func (b *csvBook) Sheets() []SheetInfo         { return []SheetInfo{{}} }
func (b *csvBook) Active() int                 { return 0 }
func (b *csvBook) Close() error                { return nil }
func (b *csvBook) Sheet(int) (Sheet, error)    { return b, nil }
func (b *csvBook) Name() string                { return "" }
func (b *csvBook) Size() (int, int)            { return len(b.rows), b.cols }
func (b *csvBook) Merges() []Merge             { return nil }
func (b *csvBook) Formula(int, int) string     { return "" }
func (b *csvBook) RowHidden(int) bool          { return false }
func (b *csvBook) ColHidden(int) bool          { return false }
func (b *csvBook) Eval(int, int) (Cell, error) { return Cell{}, ErrFormula }

// Line is the 1-based line of the file row r (0-based) starts on, for
// messages: rows and lines differ below a field typed over two lines.
func (b *csvBook) Line(r int) int {
	if r < 0 || r >= len(b.lines) {
		return r + 1
	}
	return b.lines[r]
}

func (b *csvBook) Cell(r, c int) Cell {
	if r < 0 || r >= len(b.rows) || c < 0 || c >= len(b.rows[r]) {
		return empty
	}
	v := strings.TrimSpace(b.rows[r][c])
	if v == "" {
		return empty
	}
	if vntext.LooksLikeTCVN3(v) {
		v = vntext.DecodeLegacy(v, ".VnTime")
	}
	return Cell{Kind: Text, Text: vntext.NFC(v), Decimals: -1}
}
