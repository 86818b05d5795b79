package xlsxio

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
)

// maxFormulaCells bounds the cells visited checking one formula for cycles.
const maxFormulaCells = 100000

type xlsxBook struct {
	f    *excelize.File
	file string
}

// openXLSX opens an xlsx held in data. The zip directory is checked against
// the limits first, so excelize never inflates a bomb (and never spills a
// sheet to $TMPDIR: the XML limit equals the part limit). A plain workbook
// is read by the fast source (source_xlsx_fast.go); an encrypted one, or
// one it does not take, by excelize.
func openXLSX(data []byte, file, password string) (workbookSource, error) {
	if !isOLE(data) {
		zr, err := rawxlsx.CheckZip(data)
		if err != nil {
			return nil, &FileError{File: file, Err: err}
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
		if password != "" && isOLE(data) {
			return nil, &FileError{File: file, Err: fmt.Errorf("cannot open with the password given: %v", err)}
		}
		return nil, &FileError{File: file, Err: fmt.Errorf("%w: %v", ErrNotWorkbook, err)}
	}
	return &xlsxBook{f: f, file: file}, nil
}

func (b *xlsxBook) Sheets() []string { return b.f.GetSheetList() }
func (b *xlsxBook) Close() error     { return b.f.Close() }

func (b *xlsxBook) Sheet(i int) (sheetSource, error) {
	name := b.f.GetSheetList()[i]
	// Rows are kept sparse: a sheet with a stray cell at XFD1048576 holds
	// two rows, not a million (excelize's GetRows would pad them all).
	it, err := b.f.Rows(name)
	if err != nil {
		return nil, &FileError{File: b.file, Err: fmt.Errorf("sheet %q: %w: %v", name, ErrNotWorkbook, err)}
	}
	s := &xlsxSheet{f: b.f, name: name, rows: map[int][]string{}, styles: map[int]rawxlsx.Style{}, cells: map[int64]cell{}}
	for r := 0; it.Next(); r++ {
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			it.Close()
			return nil, &FileError{File: b.file, Err: fmt.Errorf("sheet %q: %w: %v", name, ErrNotWorkbook, err)}
		}
		if len(cols) > 0 {
			s.rows[r] = cols
			s.nrows = r + 1
			s.cols = max(s.cols, len(cols))
		}
	}
	if err := it.Close(); err != nil {
		return nil, &FileError{File: b.file, Err: err}
	}
	mcs, err := b.f.GetMergeCells(name)
	if err == nil {
		for _, m := range mcs {
			c0, r0, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
			c1, r1, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
			if err1 == nil && err2 == nil {
				s.merges = append(s.merges, mergeRange{r0 - 1, c0 - 1, r1 - 1, c1 - 1})
			}
		}
	}
	return s, nil
}

type xlsxSheet struct {
	f      *excelize.File
	name   string
	rows   map[int][]string // 0-based row → raw values; empty rows absent
	nrows  int
	cols   int
	merges []mergeRange
	styles map[int]rawxlsx.Style
	cells  map[int64]cell // decoded cells: the header finder asks for each many times
}

func (s *xlsxSheet) Name() string         { return s.name }
func (s *xlsxSheet) Size() (int, int)     { return s.nrows, s.cols }
func (s *xlsxSheet) Merges() []mergeRange { return s.merges }
func ref(r, c int) string                 { return rawxlsx.CellName(c, r+1) }
func (s *xlsxSheet) raw(r, c int) (string, bool) {
	row := s.rows[r]
	if c < 0 || c >= len(row) {
		return "", false
	}
	return row[c], true
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

func (s *xlsxSheet) Cell(r, c int) cell {
	if len(s.rows[r]) == 0 || c < 0 {
		return cell{Kind: cellEmpty, Decimals: -1}
	}
	key := int64(r)<<16 | int64(c)
	if cl, ok := s.cells[key]; ok {
		return cl
	}
	cl := s.decode(r, c)
	s.cells[key] = cl
	return cl
}

// decode looks a cell up in the workbook: its stored value, type, style
// (font for legacy text, number format for decimals) and formula.
func (s *xlsxSheet) decode(r, c int) cell {
	v, _ := s.raw(r, c)
	axis := ref(r, c)
	if v == "" {
		// A formula saved without its cached value reads as empty: look for
		// one only in rows that hold something, so a stray far cell costs
		// nothing.
		if fm, _ := s.f.GetCellFormula(s.name, axis); fm != "" {
			si := s.style(axis)
			return cell{Kind: cellFormula, Text: "=" + fm, Decimals: si.Format.Decimals, Percent: si.Format.Percent}
		}
		return cell{Kind: cellEmpty, Decimals: -1}
	}
	typ, _ := s.f.GetCellType(s.name, axis)
	si := s.style(axis)
	switch typ {
	case excelize.CellTypeUnset, excelize.CellTypeNumber, excelize.CellTypeDate:
		return cell{Kind: cellNumber, Text: v, Raw: v, Decimals: si.Format.Decimals, Percent: si.Format.Percent}
	case excelize.CellTypeBool, excelize.CellTypeError:
		return cell{Kind: cellOther, Text: v, Decimals: -1}
	}
	return cell{Kind: cellText, Text: NFC(DecodeLegacy(v, si.Font)), Decimals: -1}
}

// refPattern finds cell references and ranges in a formula.
var refPattern = regexp.MustCompile(`(?:(?:'[^']+'|[A-Za-z_][\w.]*)!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?`)

// Eval computes a formula without a cached value with excelize's
// calculation engine, after checking it does not depend on itself
// (excelize would silently give 0 for a circular reference).
func (s *xlsxSheet) Eval(r, c int) (cell, error) {
	axis := ref(r, c)
	if err := s.checkCycle(axis); err != nil {
		return cell{}, err
	}
	v, err := s.f.CalcCellValue(s.name, axis, excelize.Options{RawCellValue: true})
	if err != nil {
		return cell{}, fmt.Errorf("%w: %v", ErrFormula, err)
	}
	si := s.style(axis)
	if strings.HasPrefix(v, "#") {
		return cell{}, fmt.Errorf("%w: it gives %s", ErrFormula, v)
	}
	if _, err := decimal.NewFromString(v); err == nil {
		return cell{Kind: cellNumber, Text: v, Raw: v, Decimals: si.Format.Decimals, Percent: si.Format.Percent}, nil
	}
	if v == "" {
		return cell{Kind: cellEmpty, Decimals: -1}, nil
	}
	return cell{Kind: cellText, Text: NFC(v), Decimals: -1}, nil
}

// checkCycle follows the same-sheet references of the formula at axis and
// fails when one leads back to a cell already on the path.
func (s *xlsxSheet) checkCycle(start string) error {
	visited := 0
	onPath := map[string]bool{}
	done := map[string]bool{}
	var visit func(axis string) error
	visit = func(axis string) error {
		if done[axis] {
			return nil
		}
		if onPath[axis] {
			return fmt.Errorf("%w: circular reference through %s", ErrFormula, axis)
		}
		visited++
		if visited > maxFormulaCells {
			return fmt.Errorf("%w: depends on more than %d cells", ErrFormula, maxFormulaCells)
		}
		fm, _ := s.f.GetCellFormula(s.name, axis)
		if fm == "" {
			done[axis] = true
			return nil
		}
		onPath[axis] = true
		for _, m := range refPattern.FindAllStringSubmatch(fm, -1) {
			if strings.Contains(m[0], "!") && !strings.HasPrefix(strings.Trim(m[0][:strings.Index(m[0], "!")], "'"), s.name) {
				continue // another sheet: not followed
			}
			c0, _ := excelize.ColumnNameToNumber(m[1])
			r0, _ := strconv.Atoi(m[2])
			c1, r1 := c0, r0
			if m[3] != "" {
				c1, _ = excelize.ColumnNameToNumber(m[3])
				r1, _ = strconv.Atoi(m[4])
			}
			if (r1-r0+1)*(c1-c0+1) > maxFormulaCells {
				return fmt.Errorf("%w: range %s is too large", ErrFormula, m[0])
			}
			for rr := r0; rr <= r1; rr++ {
				for cc := c0; cc <= c1; cc++ {
					n, err := excelize.CoordinatesToCellName(cc, rr)
					if err != nil {
						continue
					}
					if err := visit(n); err != nil {
						return err
					}
				}
			}
		}
		onPath[axis] = false
		done[axis] = true
		return nil
	}
	return visit(start)
}

// isOLE reports an OLE compound file: a legacy .xls, or an xlsx encrypted
// with a password (Excel wraps those in OLE).
func isOLE(data []byte) bool {
	return len(data) >= 8 && bytes.Equal(data[:8], []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
}

// isEncryptedOOXML spots the "EncryptedPackage" stream (UTF-16 name) of a
// password-protected xlsx.
func isEncryptedOOXML(data []byte) bool {
	name := []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")
	return isOLE(data) && bytes.Contains(data, name)
}
