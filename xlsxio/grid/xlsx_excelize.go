package grid

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
	"github.com/bhxh/bhxh/xlsxio/readerr"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// maxFormulaCells bounds the cells visited checking one formula for cycles.
const maxFormulaCells = 100000

type xlsxBook struct {
	f    *excelize.File
	file string
	ev   *evaluator // formulas without values, made on first use
}

// openXLSX opens an xlsx held in data. The zip directory is checked against
// the limits first, so excelize never inflates a bomb (and never spills a
// sheet to $TMPDIR: the XML limit equals the part limit). A plain workbook
// is read by the fast source (xlsx_fast.go); an encrypted one, or
// one it does not take, by excelize.
func openXLSX(data []byte, file, password string) (Book, error) {
	if !IsOLE(data) {
		zr, err := rawxlsx.CheckZip(data)
		if err != nil {
			return nil, &readerr.FileError{File: file, Err: err}
		}
		if odfMime(zr) != "" {
			return openODS(zr, file) // an OpenDocument zip not laid out as the specification says
		}
		if b := openFast(data, zr, file); b != nil {
			return b, nil
		}
	}
	return openExcelize(data, file, password)
}

// openExcelize opens data with excelize (its zip already checked, or an
// OLE container excelize decrypts).
func openExcelize(data []byte, file, password string) (*xlsxBook, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		Password:          password,
		UnzipSizeLimit:    rawxlsx.MaxUnzippedBytes,
		UnzipXMLSizeLimit: rawxlsx.MaxPartBytes,
	})
	if err != nil {
		if password != "" && IsOLE(data) {
			return nil, &readerr.FileError{File: file, Err: msg.Errorf("cannot open with the password given: %v", "không mở được bằng mật khẩu đã cho: %v", err)}
		}
		return nil, &readerr.FileError{File: file, Err: fmt.Errorf("%w: %v", readerr.ErrNotWorkbook, err)}
	}
	return &xlsxBook{f: f, file: file}, nil
}

func (b *xlsxBook) Sheets() []SheetInfo {
	names := b.f.GetSheetList() // also reads the workbook part into b.f.WorkBook
	out := make([]SheetInfo, len(names))
	for i, n := range names {
		out[i].Name = n
		if wb := b.f.WorkBook; wb != nil && i < len(wb.Sheets.Sheet) {
			out[i].Visibility = visibility(wb.Sheets.Sheet[i].State)
		}
	}
	return out
}

// Active is the first workbook view's active tab when it names a sheet
// (as the fast source reads it; excelize's own GetActiveSheetIndex goes
// through sheet ids).
func (b *xlsxBook) Active() int {
	n := len(b.f.GetSheetList())
	if wb := b.f.WorkBook; wb != nil && wb.BookViews != nil && len(wb.BookViews.WorkBookView) > 0 {
		if tab := wb.BookViews.WorkBookView[0].ActiveTab; tab >= 0 && tab < n {
			return tab
		}
	}
	return 0
}

func (b *xlsxBook) Close() error { return b.f.Close() }

func (b *xlsxBook) Sheet(i int) (Sheet, error) {
	name := b.f.GetSheetList()[i]
	// Rows are kept sparse: a sheet with a stray cell at XFD1048576 holds
	// two rows, not a million (excelize's GetRows would pad them all).
	it, err := b.f.Rows(name)
	if err != nil {
		return nil, &readerr.FileError{File: b.file, Err: msg.Errorf("sheet %q: %w: %v", "trang tính %q: %w: %v", name, readerr.ErrNotWorkbook, err)}
	}
	s := b.newSheet(name)
	for r := 0; it.Next(); r++ {
		if it.GetRowOpts().Hidden {
			s.hidden[r] = true
		}
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			it.Close()
			return nil, &readerr.FileError{File: b.file, Err: msg.Errorf("sheet %q: %w: %v", "trang tính %q: %w: %v", name, readerr.ErrNotWorkbook, err)}
		}
		if len(cols) > 0 {
			s.rows[r] = cols
			s.nrows = r + 1
			s.cols = max(s.cols, len(cols))
		}
	}
	if err := it.Close(); err != nil {
		return nil, &readerr.FileError{File: b.file, Err: err}
	}
	mcs, err := b.f.GetMergeCells(name)
	if err == nil {
		for _, m := range mcs {
			if r0, c0, r1, c1, ok := rawxlsx.ParseRange([]byte(m.GetStartAxis() + ":" + m.GetEndAxis())); ok {
				s.merges = append(s.merges, Merge{r0, c0, r1, c1})
			}
		}
	}
	return s, nil
}

func (b *xlsxBook) newSheet(name string) *xlsxSheet {
	return &xlsxSheet{b: b, f: b.f, name: name, rows: map[int][]string{}, hidden: map[int]bool{},
		styles: map[int]rawxlsx.Style{}, cells: memo{}}
}

type xlsxSheet struct {
	b      *xlsxBook
	f      *excelize.File
	name   string
	rows   map[int][]string // 0-based row → raw values; empty rows absent
	hidden map[int]bool     // 0-based hidden rows
	nrows  int
	cols   int
	merges []Merge
	styles map[int]rawxlsx.Style
	cells  memo
}

func (s *xlsxSheet) Name() string         { return s.name }
func (s *xlsxSheet) Size() (int, int)     { return s.nrows, s.cols }
func (s *xlsxSheet) Merges() []Merge      { return s.merges }
func (s *xlsxSheet) RowHidden(r int) bool { return s.hidden[r] }
func ref(r, c int) string                 { return rawxlsx.CellName(c, r+1) }
func (s *xlsxSheet) raw(r, c int) (string, bool) {
	row := s.rows[r]
	if c < 0 || c >= len(row) {
		return "", false
	}
	return row[c], true
}

func (s *xlsxSheet) ColHidden(c int) bool {
	if c < 0 {
		return false
	}
	visible, err := s.f.GetColVisible(s.name, rawxlsx.ColumnLetters(c))
	return err == nil && !visible
}

func (s *xlsxSheet) Formula(r, c int) string {
	if r < 0 || c < 0 {
		return ""
	}
	fm, _ := s.f.GetCellFormula(s.name, ref(r, c))
	return fm
}

func (s *xlsxSheet) style(axis string) rawxlsx.Style {
	id, err := s.f.GetCellStyle(s.name, axis)
	if err != nil {
		return rawxlsx.Style{Format: rawxlsx.General}
	}
	if si, ok := s.styles[id]; ok {
		return si
	}
	si := rawxlsx.Style{Format: rawxlsx.General}
	if st, err := s.f.GetStyle(id); err == nil && st != nil {
		if st.Font != nil {
			si.Font = st.Font.Family
		}
		si.Format = rawxlsx.BuiltinFormat(st.NumFmt)
		if st.CustomNumFmt != nil {
			si.Format = rawxlsx.ParseFormat(*st.CustomNumFmt)
		}
	}
	s.styles[id] = si
	return si
}

func (s *xlsxSheet) Cell(r, c int) Cell {
	if len(s.rows[r]) == 0 || c < 0 {
		return empty
	}
	return s.cells.get(r, c, s.decode)
}

// memo keeps decoded cells: the header finder asks for each many times,
// and decoding one looks its style up in the workbook.
type memo map[int64]Cell

func (m memo) get(r, c int, decode func(r, c int) Cell) Cell {
	key := int64(r)<<16 | int64(c)
	if cl, ok := m[key]; ok {
		return cl
	}
	cl := decode(r, c)
	m[key] = cl
	return cl
}

// number is a Number cell of style si.
func number(v string, f rawxlsx.NumFormat) Cell {
	return Cell{Kind: Number, Text: v, Raw: v, Decimals: f.Decimals, Percent: f.Percent, Date: f.Date}
}

// decode looks a cell up in the workbook: its stored value, type, style
// (font for legacy text, number format for decimals) and formula.
func (s *xlsxSheet) decode(r, c int) Cell {
	v, _ := s.raw(r, c)
	axis := ref(r, c)
	if v == "" {
		// A formula saved without its cached value reads as empty: look for
		// one only in rows that hold something, so a stray far cell costs
		// nothing.
		if fm, _ := s.f.GetCellFormula(s.name, axis); fm != "" {
			si := s.style(axis)
			return Cell{Kind: Formula, Text: "=" + fm, Decimals: si.Format.Decimals, Percent: si.Format.Percent, Date: si.Format.Date}
		}
		return empty
	}
	typ, _ := s.f.GetCellType(s.name, axis)
	si := s.style(axis)
	switch typ {
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
		return number(v, si.Format)
	case excelize.CellTypeDate:
		f := si.Format
		f.Date = true
		return number(v, f)
	case excelize.CellTypeBool:
		return Cell{Kind: Bool, Text: v, Decimals: -1}
	case excelize.CellTypeError:
		return Cell{Kind: Error, Text: v, Decimals: -1}
	}
	return Cell{Kind: Text, Text: vntext.NFC(vntext.DecodeLegacy(v, si.Font)), Decimals: -1}
}

// Eval computes a formula without a cached value (eval.go).
func (s *xlsxSheet) Eval(r, c int) (Cell, error) {
	return s.b.evaluator().eval(s.name, r, c)
}

// evaluator is the book's, made on first use: the sheets it reads are
// excelize's.
func (b *xlsxBook) evaluator() *evaluator {
	if b.ev == nil {
		loaded := map[string]*xlsxSheet{}
		b.ev = newEvaluator(b.f, func(name string) evalSheet {
			for i, n := range b.f.GetSheetList() {
				if !strings.EqualFold(n, name) {
					continue
				}
				if s, ok := loaded[n]; ok {
					return s
				}
				sh, err := b.Sheet(i)
				if err != nil {
					return nil
				}
				loaded[n] = sh.(*xlsxSheet)
				return loaded[n]
			}
			return nil
		})
	}
	return b.ev
}
