package xlsxio

// Transposed tables: the province's "Biểu tổng hợp", indicators down a
// column ("Chỉ tiêu": "Lực lượng lao động", "Số người tham gia BHXH bắt
// buộc", …) and units across a header row. When a sheet holds no header
// the usual way, bhxh looks for such a label column and reads the sheet
// through a view that swaps rows and columns: the label column becomes the
// header row, the units' row the unit column, and the usual reader does the
// rest (totals, sections, codes, text numbers). Cells are named as they
// are in the file.

import (
	"fmt"

	"github.com/bhxh/bhxh/msg"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio/grid"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
)

// transposedView shows rows of a sheet as columns: view (r, c) is the
// sheet's (rows[c], cols[r]).
type transposedView struct {
	s          grid.Sheet
	rows, cols []int // the sheet's rows (the view's columns) and columns (the view's rows)
	merges     []grid.Merge
	corner     map[[2]int]grid.Cell // a merge's first cell in the view, when the sheet's is not in view
}

func (v *transposedView) Name() string         { return v.s.Name() }
func (v *transposedView) Size() (int, int)     { return len(v.cols), len(v.rows) }
func (v *transposedView) Merges() []grid.Merge { return v.merges }
func (v *transposedView) RowHidden(r int) bool { return r < len(v.cols) && v.s.ColHidden(v.cols[r]) }
func (v *transposedView) ColHidden(c int) bool { return c < len(v.rows) && v.s.RowHidden(v.rows[c]) }

func (v *transposedView) at(r, c int) (int, int, bool) {
	if r < 0 || c < 0 || r >= len(v.cols) || c >= len(v.rows) {
		return 0, 0, false
	}
	return v.rows[c], v.cols[r], true
}

func (v *transposedView) Cell(r, c int) grid.Cell {
	if cl, ok := v.corner[[2]int{r, c}]; ok {
		return cl
	}
	sr, sc, ok := v.at(r, c)
	if !ok {
		return grid.Cell{Kind: grid.Empty, Decimals: -1}
	}
	return v.s.Cell(sr, sc)
}

func (v *transposedView) Formula(r, c int) string {
	if sr, sc, ok := v.at(r, c); ok {
		return v.s.Formula(sr, sc)
	}
	return ""
}

func (v *transposedView) Eval(r, c int) (grid.Cell, error) {
	sr, sc, ok := v.at(r, c)
	if !ok {
		return grid.Cell{Kind: grid.Empty, Decimals: -1}, nil
	}
	return v.s.Eval(sr, sc)
}

// Ref names view cell (r, c) as the sheet names it.
func (v *transposedView) Ref(r, c int) string {
	sr, sc, _ := v.at(r, c)
	return ref(sr, sc)
}

// maxTransposedScan bounds the rows and columns looked at for a label
// column: a summary form is a few dozen indicators by a few dozen units.
const (
	maxTransposedRows = 300
	maxLabelCol       = 10
)

// transposed finds a label column of indicators in s and returns the view
// reading it as a table, the overrides naming its unit column, and the
// sheet's row where the table starts (its header).
func transposed(s grid.Sheet, opt Options) (*transposedView, Options, int, bool) {
	nrows, ncols := s.Size()
	nrows = min(nrows, maxTransposedRows)
	label, best := -1, 1
	var indicatorRows []int
	for c := 0; c < min(ncols, maxLabelCol); c++ {
		var rows []int
		for r := 0; r < nrows; r++ {
			if s.Cell(r, c).Kind != grid.Text {
				continue
			}
			if k, _ := matchHeaderCached("", textAt(s, r, c)); coverage.IsCountKey(k) {
				rows = append(rows, r)
			}
		}
		if len(rows) > best {
			label, best, indicatorRows = c, len(rows), rows
		}
	}
	if label < 0 {
		return nil, opt, 0, false
	}
	// the table's header: the label column's first cell of its own above
	// the indicators ("Chỉ tiêu", "Nội dung")
	first := -1
	for r := 0; r < indicatorRows[0]; r++ {
		if cl := s.Cell(r, label); cl.Kind == grid.Text {
			if _, merged := mergeAt(s, r, label); !merged || mergeStarts(s, r, label) {
				first = r
				break
			}
		}
	}
	if first < 0 {
		return nil, opt, 0, false
	}
	heading := textAt(s, first, label)
	// rows: from the header down to the first empty row under the indicators
	end := nrows
	for r := indicatorRows[len(indicatorRows)-1] + 1; r < nrows; r++ {
		if rowEmptyFrom(s, r, label, ncols) {
			end = r
			break
		}
	}
	v := &transposedView{s: s, corner: map[[2]int]grid.Cell{}}
	// columns: the label column and those right of it holding numbers on
	// the indicators' rows (not the "Đơn vị tính" column of "người", "%")
	v.cols = []int{label}
	for c := label + 1; c < ncols; c++ {
		if holdsNumbers(s, c, indicatorRows) {
			v.cols = append(v.cols, c)
		}
	}
	if len(v.cols) < 2 {
		return nil, opt, 0, false
	}
	// rows: those holding something under the units (a section's title
	// row, "II BẢO HIỂM XÃ HỘI", holds nothing there and is no column)
	for r := first; r < end; r++ {
		for _, c := range v.cols[1:] {
			if s.Cell(r, c).Kind != grid.Empty || inMerge(s, r, c) {
				v.rows = append(v.rows, r)
				break
			}
		}
	}
	v.mapMerges()
	// the heading of the label column names the units' row
	o := opt
	o.Columns = map[string]string{heading: "unit"}
	for k, val := range opt.Columns {
		o.Columns[k] = val
	}
	return v, o, first, true
}

func inMerge(s grid.Sheet, r, c int) bool {
	_, ok := mergeAt(s, r, c)
	return ok
}

func mergeStarts(s grid.Sheet, r, c int) bool {
	m, _ := mergeAt(s, r, c)
	return m.R0 == r && m.C0 == c
}

// rowEmptyFrom: row r holds nothing from column c on.
func rowEmptyFrom(s grid.Sheet, r, c, ncols int) bool {
	for ; c < ncols; c++ {
		if s.Cell(r, c).Kind != grid.Empty {
			return false
		}
	}
	return true
}

// holdsNumbers: column c holds a number on one of rows.
func holdsNumbers(s grid.Sheet, c int, rows []int) bool {
	for _, r := range rows {
		if cl := s.Cell(r, c); looksNumeric(cl) || cl.Kind == grid.Formula {
			return true
		}
	}
	return false
}

// mapMerges shows the sheet's merges in the view, each clipped to the rows
// and columns in view.
func (v *transposedView) mapMerges() {
	span := func(idx []int, lo, hi int) (int, int, bool) {
		a, b := -1, -1
		for i, x := range idx {
			if x >= lo && x <= hi {
				if a < 0 {
					a = i
				}
				b = i
			}
		}
		return a, b, a >= 0
	}
	for _, m := range v.s.Merges() {
		c0, c1, okc := span(v.rows, m.R0, m.R1)
		r0, r1, okr := span(v.cols, m.C0, m.C1)
		if !okc || !okr {
			continue
		}
		vm := grid.Merge{R0: r0, C0: c0, R1: r1, C1: c1}
		v.merges = append(v.merges, vm)
		if sr, sc, _ := v.at(r0, c0); sr != m.R0 || sc != m.C0 {
			v.corner[[2]int{r0, c0}] = v.s.Cell(m.R0, m.C0)
		}
	}
}

// readTransposed reads sheet s as a transposed table, if it is one.
func readTransposed(s grid.Sheet, file, sum string, opt Options) (*Table, header, error, bool) {
	v, vopt, first, ok := transposed(s, opt)
	if !ok {
		return nil, header{}, nil, false
	}
	h, ok := findHeader(v, vopt)
	if !ok || h.first != 0 {
		return nil, h, nil, false
	}
	h = unitSpan(v, h)
	unitRow := v.rows[h.unit]
	for i := range h.cols {
		// a column of the view is a row of the sheet
		h.cols[i].Letter = fmt.Sprintf("row %d", v.rows[h.cols[i].Index]+1)
		switch col := &h.cols[i]; {
		case col.Key == "unit":
			col.Why = fmt.Sprintf("the units across row %d (a transposed table: indicators down column %s)", unitRow+1, rawxlsx.ColumnLetters(v.cols[0]))
		case col.Key == "code":
			col.Why = fmt.Sprintf("the units' codes across row %d (%s)", v.rows[col.Index]+1, col.Why)
		case col.Index < h.unit:
			col.Why = fmt.Sprintf("a header row over the units' names (row %d)", unitRow+1)
			col.Header = "" // not a column of figures: no --col to suggest
		}
	}
	t := &Table{File: file, Sheet: s.Name(), SHA256: sum, Columns: h.cols, Transposed: true}
	for r := first; r <= unitRow; r++ {
		t.HeaderRows = append(t.HeaderRows, r+1)
	}
	t.Period, t.PeriodSpan = findPeriod(s, header{last: unitRow})
	if t.Period == "" && s.Name() != "" {
		t.Period, _ = periodFromName(s.Name())
	}
	t.Title = titleLines(s, header{first: first})
	t.Notes = append(t.Notes, msg.Sprintf("sheet %q is transposed: indicators down column %s, units across row %d; read as one row per unit", "trang tính %q bị xoay: chỉ số theo cột %s, đơn vị theo dòng %d; được đọc thành mỗi đơn vị một dòng", s.Name(), rawxlsx.ColumnLetters(v.cols[0]), unitRow+1))
	t.rowsAre(0, h.last, "header", msg.Sprintf("the indicators down column %s", "các chỉ số theo cột %s", rawxlsx.ColumnLetters(v.cols[0])))
	err := readRows(v, h, t, vopt)
	if err != nil && len(t.Units) == 0 && !isCellErrors(err) {
		return nil, h, err, true
	}
	return t, h, err, true
}
