package xlsxio

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/shakinm/xlsReader/xls"
	"github.com/shakinm/xlsReader/xls/structure"
)

// xlsBook is a legacy BIFF8 workbook (.xls), read with shakinm/xlsReader,
// which reads LibreOffice- and Gnumeric-written files correctly. It does not
// expose merged cells, fonts or formulas; the table finder copes without
// merges, legacy text is recognised by its look, and formula cells (totals)
// read as empty, which a total row treats as "not stated".
type xlsBook struct {
	wb   xls.Workbook
	file string
}

func openXLS(data []byte, file string) (b *xlsBook, err error) {
	defer func() {
		// The BIFF parser indexes slices from record lengths it trusts; a
		// corrupt file must give an error, not a crash.
		if r := recover(); r != nil {
			b, err = nil, &FileError{File: file, Err: fmt.Errorf("%w: corrupt .xls (%v)", ErrNotWorkbook, r)}
		}
	}()
	wb, err := xls.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, &FileError{File: file, Err: fmt.Errorf("%w: %v", ErrNotWorkbook, err)}
	}
	return &xlsBook{wb: wb, file: file}, nil
}

func (b *xlsBook) Sheets() []string {
	var names []string
	for _, s := range b.wb.GetSheets() {
		names = append(names, s.GetName())
	}
	return names
}

func (b *xlsBook) Close() error { return nil }

func (b *xlsBook) Sheet(i int) (src sheetSource, err error) {
	defer func() {
		if r := recover(); r != nil {
			src, err = nil, &FileError{File: b.file, Err: fmt.Errorf("%w: corrupt .xls sheet (%v)", ErrNotWorkbook, r)}
		}
	}()
	sh, err := b.wb.GetSheet(i)
	if err != nil {
		return nil, &FileError{File: b.file, Err: fmt.Errorf("%w: %v", ErrNotWorkbook, err)}
	}
	s := &xlsSheet{name: sh.GetName()}
	for r := 0; r < sh.GetNumberRows(); r++ {
		row, err := sh.GetRow(r)
		var cells []cell
		if err == nil && row != nil {
			for c, cd := range row.GetCols() {
				for len(cells) < c {
					cells = append(cells, cell{Kind: cellEmpty, Decimals: -1})
				}
				cells = append(cells, xlsCell(cd))
			}
		}
		s.rows = append(s.rows, cells)
		s.cols = max(s.cols, len(cells))
	}
	return s, nil
}

func xlsCell(cd structure.CellData) cell {
	if cd == nil {
		return cell{Kind: cellEmpty, Decimals: -1}
	}
	typ := cd.GetType()
	v := cd.GetString()
	switch {
	case strings.HasSuffix(typ, "Number"), strings.HasSuffix(typ, "Rk"), strings.HasSuffix(typ, "RK"):
		// BIFF stores an IEEE double; its shortest round-trip text is
		// rounded to 15 significant digits by ParseCellNumber, as Excel shows it.
		return cell{Kind: cellNumber, Text: v, Raw: v, Decimals: -1}
	case strings.HasSuffix(typ, "Blank"):
		return cell{Kind: cellEmpty, Decimals: -1}
	case strings.HasSuffix(typ, "BoolErr"):
		return cell{Kind: cellOther, Text: v, Decimals: -1}
	}
	if !utf8.ValidString(v) {
		// BIFF8 stores a string whose characters all fit in one byte
		// "compressed": those bytes are Latin-1, which the parser hands
		// over as they are.
		v = latin1(v)
	}
	v = strings.TrimSpace(v)
	if v == "" {
		return cell{Kind: cellEmpty, Decimals: -1}
	}
	if LooksLikeTCVN3(v) {
		v = DecodeLegacy(v, ".VnTime")
	}
	return cell{Kind: cellText, Text: NFC(v), Decimals: -1}
}

type xlsSheet struct {
	name string
	rows [][]cell
	cols int
}

func (s *xlsSheet) Name() string         { return s.name }
func (s *xlsSheet) Size() (int, int)     { return len(s.rows), s.cols }
func (s *xlsSheet) Merges() []mergeRange { return nil }
func (s *xlsSheet) Cell(r, c int) cell {
	if r < 0 || r >= len(s.rows) || c < 0 || c >= len(s.rows[r]) {
		return cell{Kind: cellEmpty, Decimals: -1}
	}
	return s.rows[r][c]
}
func (s *xlsSheet) Eval(int, int) (cell, error) { return cell{}, ErrFormula }

func latin1(s string) string {
	r := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		r[i] = rune(s[i])
	}
	return string(r)
}
