package report

import (
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
// workbook is zipped (putSheetRows). Text goes to excelize's shared
// strings, as SetCellStr puts it, by way of a scratch cell (sstIndex).

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
	// sst is each text's index in excelize's shared strings (empty in a
	// new workbook, each new text appended), put there through A1 of
	// scratch, an owned sheet, in excelize, cleared before writing.
	sst     map[string]int
	scratch string
}

// own makes ownCells keep sheet's cells; part is its worksheet part.
func (o *ownCells) own(sheet, part string) {
	if o.parts == nil {
		o.parts, o.grids = map[string]string{}, map[string]*cellGrid{}
	}
	o.parts[sheet] = part
	o.grids[sheet] = &cellGrid{rows: map[int]*gridRow{}}
	if o.scratch == "" {
		o.scratch = sheet
	}
}

// sstIndex is v's index in excelize's shared strings, adding it there
// when new. Only for text excelize keeps as it is (sharedText): its
// table is then keyed by the same text as sst.
func (o *ownCells) sstIndex(v string) (int, error) {
	if i, ok := o.sst[v]; ok {
		return i, nil
	}
	if o.sst == nil {
		o.sst = map[string]int{}
	}
	if err := o.f.SetCellStr(o.scratch, "A1", v); err != nil {
		return 0, err
	}
	o.sst[v] = len(o.sst)
	return o.sst[v], nil
}

// sharedText reports whether excelize's shared strings key v by v
// itself: not cut (within Excel's limit) and without "_x" (which it
// escapes). Other text is written inline.
func sharedText(v string) bool {
	return len(v) <= maxCellChars && !strings.Contains(v, "_x")
}

// put hands each owned sheet's rows to the zip writer of f, its scratch
// cell emptied; called once, when every cell is written.
func (o *ownCells) put() error {
	if o.sst != nil {
		if err := o.f.SetCellValue(o.scratch, "A1", nil); err != nil {
			return err
		}
	}
	for sheet, g := range o.grids {
		putSheetRows(o.f, o.parts[sheet], g.xml())
	}
	return nil
}

var errCellRef = msg.New("not a cell reference", "không phải địa chỉ ô")

// at is the cell of sheet at ref, made when missing; nil when sheet is
// not owned.
func (o *ownCells) at(sheet, ref string) (*gridCell, error) {
	g := o.grids[sheet]
	if g == nil {
		return nil, nil
	}
	col, row, ok := rawxlsx.ParseCellName([]byte(ref))
	if !ok {
		return nil, msg.Errorf("%s: %w", "%s: %w", ref, errCellRef)
	}
	return g.cell(col+1, row), nil
}

func (o *ownCells) SetCellStr(sheet, cell, v string) error {
	c, err := o.at(sheet, cell)
	if c == nil || err != nil {
		return cmpOr(err, func() error { return o.f.SetCellStr(sheet, cell, v) })
	}
	if !sharedText(v) {
		c.kind, c.v = textValue, v
		return nil
	}
	i, err := o.sstIndex(v)
	c.kind, c.v = sharedValue, strconv.Itoa(i)
	return err
}

func (o *ownCells) SetCellInt(sheet, cell string, v int64) error {
	c, err := o.at(sheet, cell)
	if c == nil || err != nil {
		return cmpOr(err, func() error { return o.f.SetCellInt(sheet, cell, v) })
	}
	c.kind, c.v = numberValue, strconv.FormatInt(v, 10)
	return nil
}

// SetCellDefault writes a number given as its decimal text ("46.12")
// straight into the cell, as excelize's does; other text as text.
func (o *ownCells) SetCellDefault(sheet, cell, v string) error {
	c, err := o.at(sheet, cell)
	if c == nil || err != nil {
		return cmpOr(err, func() error { return o.f.SetCellDefault(sheet, cell, v) })
	}
	switch {
	case decimalText(v):
		c.kind, c.v = numberValue, v
	case v == "":
		c.kind, c.v = noValue, ""
	default:
		c.kind, c.v = textValue, v
	}
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
		if !first {
			if r := g.rows[row]; r != nil && r.cells[col] != nil {
				r.cells[col].kind, r.cells[col].v = noValue, ""
			}
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

// cellGrid is one sheet's cells by row and column (1-based).
type cellGrid struct{ rows map[int]*gridRow }

type gridRow struct {
	height float64 // 0: the default
	cells  map[int]*gridCell
}

type gridCell struct {
	kind  valueKind
	v     string
	style int
}

type valueKind int

const (
	noValue valueKind = iota
	numberValue
	textValue   // inline
	sharedValue // v is the index in the shared strings
)

func (g *cellGrid) row(r int) *gridRow {
	gr := g.rows[r]
	if gr == nil {
		gr = &gridRow{cells: map[int]*gridCell{}}
		g.rows[r] = gr
	}
	return gr
}

func (g *cellGrid) cell(col, row int) *gridCell {
	gr := g.row(row)
	c := gr.cells[col]
	if c == nil {
		c = &gridCell{}
		gr.cells[col] = c
	}
	return c
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
	b := &s.buf
	rows := make([]int, 0, len(g.rows))
	for r := range g.rows {
		rows = append(rows, r)
	}
	slices.Sort(rows)
	var cols []int
	for _, r := range rows {
		gr := g.rows[r]
		cols = cols[:0]
		for c, cell := range gr.cells {
			if cell.kind != noValue || cell.style != 0 {
				cols = append(cols, c)
			}
		}
		if len(cols) == 0 && gr.height == 0 {
			continue
		}
		slices.Sort(cols)
		row := strconv.Itoa(r)
		b.WriteString(`<row r="`)
		b.WriteString(row)
		b.WriteString(`"`)
		if gr.height > 0 {
			b.WriteString(` ht="`)
			b.WriteString(strconv.FormatFloat(gr.height, 'f', -1, 64))
			b.WriteString(`" customHeight="1"`)
		}
		b.WriteString(`>`)
		for _, c := range cols {
			cell := gr.cells[c]
			b.WriteString(`<c r="`)
			b.WriteString(colName(c))
			b.WriteString(row)
			b.WriteString(`"`)
			if cell.style != 0 {
				b.WriteString(` s="`)
				b.WriteString(strconv.Itoa(cell.style))
				b.WriteString(`"`)
			}
			switch cell.kind {
			case numberValue:
				b.WriteString(`><v>`)
				b.WriteString(cell.v)
				b.WriteString(`</v></c>`)
			case sharedValue:
				b.WriteString(` t="s"><v>`)
				b.WriteString(cell.v)
				b.WriteString(`</v></c>`)
			case textValue:
				b.WriteString(` t="inlineStr"><is>`)
				s.text(cell.v)
				b.WriteString(`</is></c>`)
			default:
				b.WriteString(`/>`)
			}
		}
		b.WriteString(`</row>`)
	}
	return b.Bytes()
}
