package grid

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/bhxh/bhxh/xlsxio/vntext"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/bhxh/bhxh/xlsxio/readerr"
)

// csvBook is a CSV file: one visible sheet with no name, every cell text,
// no merges, formulas or hidden rows and columns.
type csvBook struct {
	rows [][]string
	cols int
}

// openCSV reads CSV exports as Excel writes them: UTF-8 with or without a
// BOM, UTF-16 ("Unicode Text"), or the ANSI code page of a Vietnamese
// Windows (Windows-1258, what "CSV (Comma delimited)" writes there); comma,
// semicolon or tab separated (the separator the header line uses most),
// CRLF or LF.
func openCSV(data []byte, file string) (*csvBook, error) {
	data, err := csvText(data)
	if err != nil {
		return nil, &readerr.FileError{File: file, Err: fmt.Errorf("%w: %v", readerr.ErrNotWorkbook, err)}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = Separator(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	b := &csvBook{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &readerr.FileError{File: file, Err: fmt.Errorf("%w: %v", readerr.ErrNotWorkbook, err)}
		}
		b.rows = append(b.rows, rec)
		b.cols = max(b.cols, len(rec))
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
			return data, nil
		}
		if bytes.IndexByte(data, 0) >= 0 {
			return nil, fmt.Errorf("binary data, not a text export")
		}
		// Not UTF-8: the ANSI code page of the Windows that wrote it,
		// Windows-1258 for Vietnamese (tone marks combining; NFC later).
		enc = charmap.Windows1258
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("cannot decode the text: %v (save it from Excel as \"CSV UTF-8\")", err)
	}
	return bytes.TrimPrefix(out, []byte("\xEF\xBB\xBF")), nil
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

// Separator is the separator of a CSV text: of ';', ',' and tab, the one
// the first line holding any of them holds most (',' when none does).
func Separator(data []byte) rune {
	// the first line that holds any separator decides
	for _, line := range strings.SplitN(string(data[:min(len(data), 64<<10)]), "\n", 50) {
		best, n := ',', 0
		for _, sep := range []rune{';', ',', '\t'} {
			if k := strings.Count(line, string(sep)); k > n {
				best, n = sep, k
			}
		}
		if n > 0 {
			return best
		}
	}
	return ','
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
