package report

import (
	"encoding/xml"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
)

// The compute report's sheets of cells (the summary above all) keep their
// cells here rather than in excelize: excelize's per-cell calls and its
// reflective XML encoding of every cell were over a third of the time of
// a batch of xlsx reports (issue 17). ownCells has the names and
// signatures of excelize's cell functions; the sheets stay excelize
// sheets (columns, merges, panes, filters, conditional formats, page
// setup), and their rows are put into their empty sheetData as the
// workbook is zipped (putSheetRows). Text goes to the shared strings as
// SetCellStr would put it there; ownCells writes that part itself
// (sstIndex, putSharedStrings). The compute report sets its cells by
// column and row (xlsxReport.setValue): the A1 names are for callers
// shared with other reports (writeOfficialFoot).

// cellWriter is where setFigure writes: an excelize file, or ownCells.
type cellWriter interface {
	SetCellStyle(sheet, from, to string, style int) error
	SetCellInt(sheet, cell string, v int64) error
	SetCellDefault(sheet, cell, v string) error
	SetCellStr(sheet, cell, v string) error
}

// sheetWriter is a cellWriter that also merges cells and sets row
// heights (writeOfficialFoot).
type sheetWriter interface {
	cellWriter
	MergeCell(sheet, from, to string) error
	SetRowHeight(sheet string, row int, height float64) error
}

var _ sheetWriter = (*excelize.File)(nil)

// ownCells holds the cells of the sheets it owns; calls for any other
// sheet go to excelize.
type ownCells struct {
	f     *excelize.File
	parts map[string]string // sheet → its part ("xl/worksheets/sheet1.xml")
	grids map[string]*cellGrid
	// sst is each text's index in the shared strings, shared the texts
	// in that order. The first goes to excelize's table through A1 of
	// scratch, an owned sheet (cleared before writing), which makes
	// excelize declare the part; put writes the part whole (sstXML):
	// excelize's per-text cell call and its reflective encoding of the
	// table were a tenth of a batch of reports (issue 17).
	sst     map[string]int
	shared  []string
	scratch string
}

// own makes ownCells keep sheet's cells; part is its worksheet part.
func (o *ownCells) own(sheet, part string) {
	if o.parts == nil {
		o.parts, o.grids = map[string]string{}, map[string]*cellGrid{}
	}
	o.parts[sheet] = part
	o.grids[sheet] = &cellGrid{}
	if o.scratch == "" {
		o.scratch = sheet
	}
}

// sstIndex is v's index in the shared strings, adding it there when
// new. Only for text excelize would keep as it is (sharedText).
func (o *ownCells) sstIndex(v string) (int, error) {
	if i, ok := o.sst[v]; ok {
		return i, nil
	}
	if o.sst == nil {
		o.sst = map[string]int{}
		if err := o.f.SetCellStr(o.scratch, "A1", v); err != nil {
			return 0, err
		}
	}
	o.sst[v] = len(o.shared)
	o.shared = append(o.shared, v)
	return o.sst[v], nil
}

// sharedText reports whether excelize's shared strings key v by v
// itself: not cut (within Excel's limit) and without "_x" (which it
// escapes). Other text is written inline.
func sharedText(v string) bool {
	return len(v) <= maxCellChars && !strings.Contains(v, "_x")
}

// put hands each owned sheet's rows to the zip writer of f, and the
// shared strings to f's package, its scratch cell emptied; called once,
// when every cell is written.
func (o *ownCells) put() error {
	if o.sst != nil {
		if err := o.f.SetCellValue(o.scratch, "A1", nil); err != nil {
			return err
		}
		putSharedStrings(o.f, o.shared)
	}
	for sheet, g := range o.grids {
		putSheetRows(o.f, o.parts[sheet], g.xml())
	}
	return nil
}

// putSharedStrings puts shared, in order, as f's shared strings part,
// the bytes excelize's encoding of its table would give: it then has
// none to write.
func putSharedStrings(f *excelize.File, shared []string) {
	var s rowsXML
	s.grow(64 * len(shared))
	s.ws(xml.Header)
	s.ws(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="`)
	n := strconv.Itoa(len(shared))
	s.ws(n)
	s.ws(`" uniqueCount="`)
	s.ws(n)
	s.ws(`">`)
	for _, v := range shared {
		s.ws(`<si>`)
		s.sharedText(v)
		s.ws(`</si>`)
	}
	s.ws(`</sst>`)
	f.Pkg.Store(sharedStringsPart, s.b)
	f.SharedStrings = nil
}

const sharedStringsPart = "xl/sharedStrings.xml"

var errCellRef = msg.New("not a cell reference", "không phải địa chỉ ô")

// at is the column and row (1-based) of ref in sheet's grid; nil when
// sheet is not owned.
func (o *ownCells) at(sheet, ref string) (g *cellGrid, col, row int, err error) {
	g = o.grids[sheet]
	if g == nil {
		return nil, 0, 0, nil
	}
	c, r, ok := rawxlsx.ParseCellName([]byte(ref))
	if !ok {
		return nil, 0, 0, msg.Errorf("%s: %w", "%s: %w", ref, errCellRef)
	}
	return g, c + 1, r, nil
}

func (o *ownCells) SetCellStr(sheet, cell, v string) error {
	g, col, row, err := o.at(sheet, cell)
	if g == nil || err != nil {
		return cmpOr(err, func() error { return o.f.SetCellStr(sheet, cell, v) })
	}
	return o.setStr(g, col, row, v)
}

// setStr writes text v at col, row of g (1-based).
func (o *ownCells) setStr(g *cellGrid, col, row int, v string) error {
	c := g.cell(col, row)
	if !sharedText(v) {
		c.kind, c.v = textValue, v
		return nil
	}
	i, err := o.sstIndex(v)
	c.kind, c.n, c.v = sharedValue, int64(i), ""
	return err
}

func (o *ownCells) SetCellInt(sheet, cell string, v int64) error {
	g, col, row, err := o.at(sheet, cell)
	if g == nil || err != nil {
		return cmpOr(err, func() error { return o.f.SetCellInt(sheet, cell, v) })
	}
	g.setInt(col, row, v)
	return nil
}

// SetCellDefault writes a number given as its decimal text ("46.12")
// straight into the cell, as excelize's does; other text as text.
func (o *ownCells) SetCellDefault(sheet, cell, v string) error {
	g, col, row, err := o.at(sheet, cell)
	if g == nil || err != nil {
		return cmpOr(err, func() error { return o.f.SetCellDefault(sheet, cell, v) })
	}
	g.setDefault(col, row, v)
	return nil
}

// SetCellStyle styles the cells from..to, values kept.
func (o *ownCells) SetCellStyle(sheet, from, to string, style int) error {
	g := o.grids[sheet]
	if g == nil {
		return o.f.SetCellStyle(sheet, from, to, style)
	}
	return g.each(from, to, func(col, row int) { g.cell(col, row).style = style })
}

// MergeCell merges from..to in excelize (merges are not cells); as
// excelize's, it clears the values of the cells but the first.
func (o *ownCells) MergeCell(sheet, from, to string) error {
	if err := o.f.MergeCell(sheet, from, to); err != nil {
		return err
	}
	g := o.grids[sheet]
	if g == nil {
		return nil
	}
	first := true
	return g.each(from, to, func(col, row int) {
		if !first && row <= len(g.rows) && col <= len(g.rows[row-1].cells) {
			c := &g.rows[row-1].cells[col-1]
			c.kind, c.n, c.v = noValue, 0, ""
		}
		first = false
	})
}

func (o *ownCells) SetRowHeight(sheet string, row int, height float64) error {
	g := o.grids[sheet]
	if g == nil {
		return o.f.SetRowHeight(sheet, row, height)
	}
	if row < 1 || height <= 0 {
		return msg.Errorf("row %d height %v", "dòng %d cao %v", row, height)
	}
	g.row(row).height = height
	return nil
}

// GetRowHeight is a row's height in points, as excelize's: the height
// set, else the default.
func (o *ownCells) GetRowHeight(sheet string, row int) (float64, error) {
	g := o.grids[sheet]
	if g == nil {
		return o.f.GetRowHeight(sheet, row)
	}
	if row >= 1 && row <= len(g.rows) && g.rows[row-1].height > 0 {
		return g.rows[row-1].height, nil
	}
	return defaultRowHeight, nil
}

// cmpOr is err, or else what call returns.
func cmpOr(err error, call func() error) error {
	if err != nil {
		return err
	}
	return call()
}

// decimalText reports whether v is a plain decimal ("46.12", "-3", "0.5").
func decimalText(v string) bool {
	if v != "" && v[0] == '-' {
		v = v[1:]
	}
	digits, dot := 0, false
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case '0' <= c && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// cellGrid is one sheet's cells, rows[r-1].cells[c-1] the cell at
// column c, row r; a cell never written is the zero gridCell.
type cellGrid struct {
	rows  []gridRow
	width int // the most cells of a row
}

type gridRow struct {
	height float64 // 0: the default
	cells  []gridCell
}

type gridCell struct {
	kind  valueKind
	style int
	n     int64  // intValue: the number; sharedValue: the index
	v     string // numberValue: the decimal; textValue: the text
}

type valueKind int

const (
	noValue     valueKind = iota
	numberValue           // v, a decimal
	intValue              // n
	textValue             // v, inline
	sharedValue           // n, the index in the shared strings
)

// row is row r (1-based), made when missing.
func (g *cellGrid) row(r int) *gridRow {
	if r > len(g.rows) {
		g.rows = append(g.rows, make([]gridRow, r-len(g.rows))...)
	}
	return &g.rows[r-1]
}

// cell is the cell at col, row (1-based), made when missing; valid until
// the next call that makes a row or cell.
func (g *cellGrid) cell(col, row int) *gridCell {
	gr := g.row(row)
	if col > len(gr.cells) {
		if col > cap(gr.cells) { // room for the widest row so far: rows are written cell by cell
			gr.cells = slices.Grow(gr.cells, max(col, g.width)-len(gr.cells))
		}
		gr.cells = gr.cells[:col]
		g.width = max(g.width, col)
	}
	return &gr.cells[col-1]
}

func (g *cellGrid) setInt(col, row int, v int64) {
	c := g.cell(col, row)
	c.kind, c.n, c.v = intValue, v, ""
}

// setDefault is SetCellDefault at col, row.
func (g *cellGrid) setDefault(col, row int, v string) {
	c := g.cell(col, row)
	switch {
	case decimalText(v):
		c.kind, c.n, c.v = numberValue, 0, v
	case v == "":
		c.kind, c.n, c.v = noValue, 0, ""
	default:
		c.kind, c.n, c.v = textValue, 0, v
	}
}

// each calls fn for every cell of the range from..to, row by row.
func (g *cellGrid) each(from, to string, fn func(col, row int)) error {
	c0, r0, ok0 := rawxlsx.ParseCellName([]byte(from))
	c1, r1, ok1 := rawxlsx.ParseCellName([]byte(to))
	if !ok0 || !ok1 {
		return msg.Errorf("%s:%s: %w", "%s:%s: %w", from, to, errCellRef)
	}
	for r := min(r0, r1); r <= max(r0, r1); r++ {
		for c := min(c0, c1); c <= max(c0, c1); c++ {
			fn(c+1, r)
		}
	}
	return nil
}

// xml is the grid's rows as sheetData XML, in order; a cell with neither
// value nor style is left out, and a row with no cell and no height, as
// excelize leaves them out.
func (g *cellGrid) xml() []byte {
	var s rowsXML
	s.grow(48 * g.width * len(g.rows)) // about a cell's XML, "<c r="B7" s="5"><v>1328914</v></c>"
	num := make([]byte, 0, 64)
	for i := range g.rows {
		gr := &g.rows[i]
		if gr.height == 0 && !gr.shown() {
			continue
		}
		r := i + 1
		num = strconv.AppendInt(num[:0], int64(r), 10)
		rowEnd := len(num)
		s.ws(`<row r="`)
		s.w(num)
		s.wb('"')
		if gr.height > 0 {
			s.ws(` ht="`)
			s.w(strconv.AppendFloat(num[rowEnd:], gr.height, 'f', -1, 64))
			s.ws(`" customHeight="1"`)
		}
		s.wb('>')
		for j := range gr.cells {
			cell := &gr.cells[j]
			if !cell.shown() {
				continue
			}
			s.ws(`<c r="`)
			s.ws(colName(j + 1))
			s.w(num[:rowEnd])
			s.wb('"')
			if cell.style != 0 {
				s.ws(` s="`)
				s.w(strconv.AppendInt(num[rowEnd:], int64(cell.style), 10))
				s.wb('"')
			}
			switch cell.kind {
			case numberValue:
				s.ws(`><v>`)
				s.ws(cell.v)
				s.ws(`</v></c>`)
			case intValue:
				s.ws(`><v>`)
				s.w(strconv.AppendInt(num[rowEnd:], cell.n, 10))
				s.ws(`</v></c>`)
			case sharedValue:
				s.ws(` t="s"><v>`)
				s.w(strconv.AppendInt(num[rowEnd:], cell.n, 10))
				s.ws(`</v></c>`)
			case textValue:
				s.ws(` t="inlineStr"><is>`)
				s.text(cell.v)
				s.ws(`</is></c>`)
			default:
				s.ws(`/>`)
			}
		}
		s.ws(`</row>`)
	}
	return s.b
}

// shown reports whether the row has a cell to write.
func (r *gridRow) shown() bool {
	for i := range r.cells {
		if r.cells[i].shown() {
			return true
		}
	}
	return false
}

// shown reports whether the cell is written: it has a value or a style.
func (c *gridCell) shown() bool { return c.kind != noValue || c.style != 0 }
