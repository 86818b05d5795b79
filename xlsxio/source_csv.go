package xlsxio

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// csvBook is a CSV file: one sheet with no name, every cell text.
type csvBook struct {
	rows [][]string
	cols int
}

// openCSV reads CSV exports as Excel writes them: UTF-8 with or without a
// BOM, comma, semicolon or tab separated (the separator the header line
// uses most), CRLF or LF.
func openCSV(data []byte, file string) (*csvBook, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		return nil, &FileError{File: file, Err: fmt.Errorf("%w: a CSV file must be UTF-8 (save it from Excel as \"CSV UTF-8\")", ErrNotWorkbook)}
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
