package xlsxio

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// csvBook is a CSV file: one sheet with no name, every cell text.
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
		return nil, &FileError{File: file, Err: fmt.Errorf("%w: %v", ErrNotWorkbook, err)}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sniffSeparator(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	b := &csvBook{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &FileError{File: file, Err: fmt.Errorf("%w: %v", ErrNotWorkbook, err)}
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
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), looksUTF16(data, 1):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	case bytes.HasPrefix(data, []byte("\xFE\xFF")), looksUTF16(data, 0):
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

// looksUTF16 spots UTF-16 without a BOM: NUL at every other byte (at odd
// offsets for little-endian, zero = 1, even ones for big-endian) of the
// first characters, which are ASCII in any header or title.
func looksUTF16(data []byte, zero int) bool {
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

func sniffSeparator(data []byte) rune {
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

func (b *csvBook) Sheets() []string { return []string{""} }
func (b *csvBook) Close() error     { return nil }
func (b *csvBook) Sheet(int) (sheetSource, error) {
	return b, nil
}
func (b *csvBook) Name() string         { return "" }
func (b *csvBook) Size() (int, int)     { return len(b.rows), b.cols }
func (b *csvBook) Merges() []mergeRange { return nil }
func (b *csvBook) Cell(r, c int) cell {
	if r < 0 || r >= len(b.rows) || c < 0 || c >= len(b.rows[r]) {
		return cell{Kind: cellEmpty, Decimals: -1}
	}
	v := strings.TrimSpace(b.rows[r][c])
	if v == "" {
		return cell{Kind: cellEmpty, Decimals: -1}
	}
	if LooksLikeTCVN3(v) {
		v = DecodeLegacy(v, ".VnTime")
	}
	return cell{Kind: cellText, Text: NFC(v), Decimals: -1}
}
func (b *csvBook) Eval(int, int) (cell, error) { return cell{}, ErrFormula }
