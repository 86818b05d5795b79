package grid

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/vntext"
	"github.com/shakinm/xlsReader/xls"
	"github.com/shakinm/xlsReader/xls/structure"

	"github.com/bhxh/bhxh/xlsxio/readerr"
)

// xlsBook is a legacy BIFF8 workbook (.xls), read with shakinm/xlsReader,
// which reads LibreOffice- and Gnumeric-written files correctly. It does not
// expose merged cells, fonts, formulas, hidden rows or columns: the table
// finder copes without merges, legacy text is recognised by its look, and
// formula cells (totals) read as empty, which a total row treats as "not
// stated". Sheet names, states and the active sheet come from the
// workbook globals (xls_globals.go).
type xlsBook struct {
	wb   xls.Workbook
	file string
	g    xlsGlobals
}

func openXLS(data []byte, file string) (b *xlsBook, err error) {
	defer func() {
		// The BIFF parser indexes slices from record lengths it trusts; a
		// corrupt file must give an error, not a crash.
		if r := recover(); r != nil {
			b, err = nil, &readerr.FileError{File: file, Err: msg.Errorf("%w: corrupt .xls (%v)", "%w: tệp .xls bị hỏng (%v)", readerr.ErrNotWorkbook, r)}
		}
	}()
	wb, err := xls.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, &readerr.FileError{File: file, Err: fmt.Errorf("%w: %v", readerr.ErrNotWorkbook, err)}
	}
	b = &xlsBook{wb: wb, file: file}
	if g, ok := readXLSGlobals(data); ok && len(g.names) == len(wb.GetSheets()) {
		b.g = g
	}
	return b, nil
}

func (b *xlsBook) Sheets() []SheetInfo {
	var out []SheetInfo
	for i, s := range b.wb.GetSheets() {
		out = append(out, SheetInfo{Name: b.name(i, s.GetName())})
		if b.g.states != nil {
			out[i].Visibility = b.g.states[i]
		}
	}
	return out
}

// name is sheet i's name as stored, else as the parser gives it.
func (b *xlsBook) name(i int, parsed string) string {
	if b.g.names != nil {
		return vntext.NFC(b.g.names[i])
	}
	return parsed
}

func (b *xlsBook) Active() int {
	if b.g.active >= 0 && b.g.active < len(b.g.names) {
		return b.g.active
	}
	return 0
}
func (b *xlsBook) Close() error { return nil }

func (b *xlsBook) Sheet(i int) (src Sheet, err error) {
	defer func() {
		if r := recover(); r != nil {
			src, err = nil, &readerr.FileError{File: b.file, Err: msg.Errorf("%w: corrupt .xls sheet (%v)", "%w: trang tính .xls bị hỏng (%v)", readerr.ErrNotWorkbook, r)}
		}
	}()
	sh, err := b.wb.GetSheet(i)
	if err != nil {
		return nil, &readerr.FileError{File: b.file, Err: fmt.Errorf("%w: %v", readerr.ErrNotWorkbook, err)}
	}
	s := &xlsSheet{name: b.name(i, sh.GetName())}
	for r := 0; r < sh.GetNumberRows(); r++ {
		row, err := sh.GetRow(r)
		var cells []Cell
		if err == nil && row != nil {
			for c, cd := range row.GetCols() {
				for len(cells) < c {
					cells = append(cells, empty)
				}
				cells = append(cells, xlsCell(cd))
			}
		}
		s.rows = append(s.rows, cells)
		s.cols = max(s.cols, len(cells))
	}
	return s, nil
}

func xlsCell(cd structure.CellData) Cell {
	if cd == nil {
		return empty
	}
	typ := cd.GetType()
	v := cd.GetString()
	switch {
	case strings.HasSuffix(typ, "Number"), strings.HasSuffix(typ, "Rk"), strings.HasSuffix(typ, "RK"):
		// BIFF stores an IEEE double; its shortest round-trip text is
		// rounded to 15 significant digits by ParseCellNumber, as Excel shows it.
		return Cell{Kind: Number, Text: v, Raw: v, Decimals: -1}
	case strings.HasSuffix(typ, "Blank"):
		return empty
	case strings.HasSuffix(typ, "BoolErr"):
		if v == "TRUE" || v == "FALSE" {
			return Cell{Kind: Bool, Text: v, Decimals: -1}
		}
		return Cell{Kind: Error, Text: v, Decimals: -1}
	}
	if !utf8.ValidString(v) {
		// BIFF8 stores a string whose characters all fit in one byte
		// "compressed": those bytes are Latin-1, which the parser hands
		// over as they are.
		v = latin1(v)
	}
	v = strings.TrimSpace(v)
	if v == "" {
		return empty
	}
	if vntext.LooksLikeTCVN3(v) {
		v = vntext.DecodeLegacy(v, ".VnTime")
	}
	return Cell{Kind: Text, Text: vntext.NFC(v), Decimals: -1}
}

type xlsSheet struct {
	name string
	rows [][]Cell
	cols int
}

func (s *xlsSheet) Name() string            { return s.name }
func (s *xlsSheet) Size() (int, int)        { return len(s.rows), s.cols }
func (s *xlsSheet) Merges() []Merge         { return nil }
func (s *xlsSheet) Formula(int, int) string { return "" }
func (s *xlsSheet) RowHidden(int) bool      { return false }
func (s *xlsSheet) ColHidden(int) bool      { return false }
func (s *xlsSheet) Cell(r, c int) Cell {
	if r < 0 || r >= len(s.rows) || c < 0 || c >= len(s.rows[r]) {
		return empty
	}
	return s.rows[r][c]
}
func (s *xlsSheet) Eval(int, int) (Cell, error) { return Cell{}, ErrFormula }

func latin1(s string) string {
	r := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		r[i] = rune(s[i])
	}
	return string(r)
}
