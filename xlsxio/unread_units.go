package xlsxio

// No unit's row vanishes without a word. After the rows under a header are
// read, every row of the sheet holding a unit's name (a cell that starts
// with an administrative type: "Xã An Phú", "- Phường 1") is a unit, or a
// row an issue names with that name, or it is said now. Each way a row
// could be lost is caught by this one check rather than by each path that
// skips rows: a header cut by a line break (the names in a column the
// header does not name, the unit column holding row numbers), a data row
// taken into the header or left above it, a name right of the header's
// last column, a row whose unit cell is blank, rows below a footer or a
// second table.

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/grid"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
)

// warnUnitRowNotRead is the issue code of a row holding a unit's name that
// is not read as a unit and that no other issue names.
const warnUnitRowNotRead = "unit_row_not_read"

// looksLikeUnitName: text is a unit's name with its administrative type
// ("Xã An Phú", "P. Tân An", "- Thị trấn Đông Hà"), short as names are
// (a title sentence that happens to start with "Huyện" is not one).
func looksLikeUnitName(text string) bool {
	name, _ := stripListMarker(oneLine(text))
	if name == "" || len(name) > 120 || strings.Count(name, " ") > 8 {
		return false
	}
	switch unicode.ToLower([]rune(name)[0]) {
	case 'x', 'p', 't', 'h', 'q', 'đ':
	default:
		return false
	}
	n := parseName(name)
	return n.typ != "" && n.plain != ""
}

// accountUnitNames is the check, run by the rows reader once its rows are
// read (end: the row reading stopped at, nrows when none). A unit read under a row number while its row's name stands in a
// column the header does not name is an error (every figure of the table
// is then under a header that is not its own); any other row is warned of.
func (rr *rowsReader) accountUnitNames(end int) {
	s, h, t := rr.s, rr.h, rr.t
	nrows, ncols := s.Size()
	units := map[int]*coverage.Unit{}
	for i := range t.Units {
		units[t.Units[i].Row-1] = &t.Units[i]
	}
	others := map[int]string{} // the total's and subtotals' rows: their labels; "" rows rejected
	for _, u := range append(t.Subtotals, totalRows(t)...) {
		others[u.Row-1] = u.Name
	}
	for _, sp := range t.Rows {
		if sp.What == "rejected" { // in an error already
			for r := sp.First - 1; r < sp.Last; r++ {
				others[r] = ""
			}
		}
	}
	said := map[int][]string{} // issues by row
	for _, is := range t.Issues {
		if r, ok := cellRow(is.Cell); ok {
			said[r] = append(said[r], is.Message.EN)
		}
	}
	// a row shifted right by stray separators still shows its name; a
	// stray cell at XFD1048576 must not make every row cost 16,384 lookups
	ncols = min(ncols, rr.ncols+16)
	var blanks []rowSpan // runs of rows blank in the table's columns
	for _, sp := range t.Rows {
		if sp.What == "blank" {
			blanks = append(blanks, sp)
		}
	}
	b := 0
	for r := 0; r < nrows; r++ {
		from := 0
		for b < len(blanks) && blanks[b].Last-1 < r {
			b++
		}
		if b < len(blanks) && blanks[b].First-1 <= r {
			if r-(blanks[b].First-1) >= maxBlankLook {
				r = blanks[b].Last - 1 // the empty rows down to a stray cell far below
				continue
			}
			from = rr.ncols // only a name right of the table can be there
		}
		if (r <= h.last || r >= end) && !rr.countFigures(r) {
			continue // titles, the header, signatures: no unit's row without figures
		}
		own := -1 // a unit's own name cell: it is read (unitNameRead would say so), no need to parse it
		if units[r] != nil {
			own = h.unit
		}
		for c := from; c < ncols; c++ {
			if c == own {
				continue
			}
			cl := shown(s, r, c)
			if cl.Kind != grid.Text || !looksLikeUnitName(cl.Text) {
				continue
			}
			name, _ := stripListMarker(oneLine(cl.Text))
			if !rr.unitNameRead(r, c, name, end, units, others, said) {
				break // one word per row
			}
		}
	}
}

// maxBlankLook is how many rows of a blank run are looked at right of
// the table: a row shifted right sits among the table's rows, not a
// thousand rows below it.
const maxBlankLook = 100

// unitNameRead checks one cell holding a unit's name; false when it said
// something about the row.
func (rr *rowsReader) unitNameRead(r, c int, name string, end int, units map[int]*coverage.Unit, others map[int]string, said map[int][]string) bool {
	s, h, t := rr.s, rr.h, rr.t
	if u := units[r]; u != nil {
		switch {
		case c == h.unit || sameSpelling(u.Name, name):
			return true
		case !hasWord(u.Name):
			// "1" read as the unit, "Xã An Phú" beside it: a header cut or
			// shifted by a line break or a stray quote
			rr.errs = appendErr(rr.errs, &CellError{File: t.File, Sheet: t.Sheet, Cell: ref(r, h.unit),
				Err: unitBesideName{where: rowWhere(s, r), label: u.Name, unitCol: columnCalled(h, h.unit), name: name, cell: ref(r, c), col: columnCalled(h, c)}})
			return false
		}
		return true // another column of names (a parent's, a note)
	}
	if label, ok := others[r]; ok && (label == name || label == "") {
		return true // a total or subtotal labelled by it, or a row rejected
	}
	for _, m := range said[r] {
		if strings.Contains(m, name) {
			return true
		}
	}
	figures := rr.countFigures(r)
	var why msg.Text
	switch {
	case r <= h.last && !figures:
		return true // a title or a header ("Xã, phường, thị trấn")
	case r < h.first:
		why = msg.Sprintf("it is above the header (rows %d–%d): is the header found too low, or cut?", "dòng này ở trên dòng tiêu đề (dòng %d–%d): tiêu đề tìm thấy quá thấp, hay bị cắt?", h.first+1, h.last+1)
	case r <= h.last:
		why = msg.Sprintf("it is read as part of the header (rows %d–%d)", "dòng này được đọc như một phần của tiêu đề (dòng %d–%d)", h.first+1, h.last+1)
	case r >= end && !figures:
		return true // a signature or a "Nơi nhận" line below the table
	case r >= end:
		why = msg.Sprintf("the table ends on row %d", "bảng kết thúc ở dòng %d", end+1)
	case c >= rr.ncols:
		why = msg.Sprintf("%s is right of the header's last column", "%s nằm bên phải cột cuối của tiêu đề", ref(r, c))
	case textAt(s, r, h.unit) == "":
		why = msg.Sprintf("its unit cell %s is blank", "ô đơn vị %s trống", ref(r, h.unit))
	default:
		why = msg.Sprintf("its unit cell %s holds %q", "ô đơn vị %s chứa %q", ref(r, h.unit), textAt(s, r, h.unit))
	}
	t.Issues = append(t.Issues, Issue{Level: "warning", Code: warnUnitRowNotRead, File: t.File, Sheet: t.Sheet, Cell: ref(r, c),
		Message: msg.Sprintf("%s holds the unit name %q (%s) but is not read as a unit: %s; its line: %s",
			"%s chứa tên đơn vị %q (%s) nhưng không được đọc là một đơn vị: %s; nội dung dòng: %s",
			rowWhere(s, r), name, ref(r, c), why, rowLine(s, r, max(rr.ncols, c+1)))})
	return false
}

// countFigures: row r holds a number in a column read as a count.
func (rr *rowsReader) countFigures(r int) bool {
	for _, col := range rr.h.cols {
		if coverage.IsCountKey(col.Key) && looksNumeric(shown(rr.s, r, col.Index)) {
			return true
		}
	}
	return false
}

func totalRows(t *Table) []coverage.Unit {
	if t.Total == nil {
		return nil
	}
	return []coverage.Unit{*t.Total}
}

// cellRow is the 0-based row of a cell name ("B12" → 11).
func cellRow(cell string) (int, bool) {
	i := strings.IndexAny(cell, "0123456789")
	if i <= 0 {
		return 0, false
	}
	n, err := strconv.Atoi(cell[i:])
	return n - 1, err == nil && n > 0
}

// rowWhere names row r as a message does: "row 8", and in a CSV file
// whose rows and lines differ (a quoted field over two lines above it),
// "row 8 (line 9)".
func rowWhere(s grid.Sheet, r int) msg.Text {
	if l, ok := s.(interface{ Line(r int) int }); ok && l.Line(r) != r+1 {
		return msg.Sprintf("row %d (line %d)", "dòng %d (dòng %d của tệp)", r+1, l.Line(r))
	}
	return msg.Sprintf("row %d", "dòng %d", r+1)
}

// columnCalled is column c as a message names it: `B "Lực"`.
func columnCalled(h header, c int) string {
	for _, col := range h.cols {
		if col.Index == c && col.Header != "" {
			return fmt.Sprintf("%s %q", col.Letter, col.Header)
		}
	}
	return rawxlsx.ColumnLetters(c)
}

// unitBesideName: the unit column holds no name, a unit's name stands in
// another column of the row.
type unitBesideName struct {
	where                           msg.Text
	label, unitCol, name, cell, col string
}

func (e unitBesideName) Error() string { return e.In(msg.EN) }

func (e unitBesideName) In(l msg.Lang) string {
	return msg.Sprintf("%s: the unit column %s holds %q, no name, while %s in column %s holds the unit name %q: the header is not over the columns it names (cut by a line break or a stray quote?)",
		"%s: cột đơn vị %s chứa %q, không phải tên, còn %s ở cột %s chứa tên đơn vị %q: tiêu đề không nằm trên đúng các cột nó ghi (bị cắt bởi dấu xuống dòng hay dấu nháy thừa?)",
		e.where, e.unitCol, e.label, e.cell, e.col, e.name).In(l)
}
