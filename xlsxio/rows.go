package xlsxio

// The rows under a header: each one a unit, the total, a subtotal, a
// section or the footer; a second table's header ends them.

import (
	"errors"
	"strings"
	"unicode"

	"github.com/bhxh/bhxh/msg"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio/grid"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// rowKind classifies a data row by its label.
type rowKind int

const (
	rowUnit rowKind = iota
	rowTotal
	rowSubtotal
	rowSection
	rowFooter
)

// numberingWhy is the Why of a row of column numbers ("(1) (2) (3)").
var numberingWhy = msg.Text{EN: "column numbers under the header", VI: "số thứ tự cột dưới dòng tiêu đề"}

func classify(label, first string) rowKind {
	switch {
	case isFooterLabel(label) || (label == "" && isFooterLabel(first)):
		return rowFooter
	case isTotalLabel(label) || (label == "" && isTotalLabel(first)):
		return rowTotal
	case isSubtotalLabel(label) || (label == "" && isSubtotalLabel(first)):
		return rowSubtotal
	case isSectionLabel(label):
		return rowSection
	}
	return rowUnit
}

// rowsReader reads the rows under a header into a Table, one row at a
// time: what kind of row it is (rowKindAt), its cells (unitAt), where it
// goes (keep); then what the whole table says (finish).
type rowsReader struct {
	s       grid.Sheet
	h       header
	t       *Table
	opt     Options
	ncols   int // the table is as wide as its header
	codeLen int // digits of the table's unit codes (codeWidth)
	errs    ErrorList
	numeric []bool     // h.cols not read that hold numbers (warned of)
	words   []wordCell // words in unit rows' cells of columns not read
	blank   []wordCell // the blank count cells of the row being read
	blanks  [][]string // per column of h.cols, the blank count cells of units kept
	seen    *UnitIndex // the units so far: index i is t.Units[i]
	parent  int        // the column of opt.Parent, -1 when none
	ref     func(r, c int) string
}

// readRows reads every row under the header until a footer, or until a
// row that is itself a header: a second table further down the sheet (an
// annex, "Phụ lục") is not part of this one.
func readRows(s grid.Sheet, h header, t *Table, opt Options) error {
	nrows, _ := s.Size()
	rr := &rowsReader{s: s, h: h, t: t, opt: opt, numeric: make([]bool, len(h.cols)), blanks: make([][]string, len(h.cols)), seen: NewUnitIndex(), ref: ref}
	var err error
	if rr.parent, err = parentColumn(t, h, opt.Parent); err != nil {
		return err
	}
	if v, ok := s.(interface{ Ref(r, c int) string }); ok {
		rr.ref = v.Ref // a transposed view names cells as the sheet does
	}
	// The table is as wide as its header: cells further right (a stray
	// note, a cell at XFD1048576) are not part of it.
	for _, col := range h.cols {
		if col.Header != "" {
			rr.ncols = col.Index + 1
		}
	}
	start := h.last + 1
	if start < nrows && isNumberingRow(rowTexts(s, start, rr.ncols)) {
		t.rowsAre(start, start, "numbering", numberingWhy)
		start++
	}
	rr.codeLen = codeWidth(s, h, start, nrows)
	var bd breakdowns
	end := nrows // the row reading stopped at
	for r := start; r < nrows; r++ {
		label, kind, empty := rr.rowKindAt(r)
		if empty {
			t.rowsAre(r, r, "blank", msg.Text{})
			continue
		}
		if kind == rowFooter {
			end = r
			t.rowsAre(r, nrows-1, "footer", msg.Sprintf("the table ends at %q: signatures and notes are not read", "bảng kết thúc ở %q: chữ ký và ghi chú không được đọc", oneLine(firstText(s, r, rr.ncols))))
			break
		}
		if kind == rowUnit && isNumberName(label) {
			// never read as a unit nor dropped as a heading: the header
			// is one column off the data, every figure would be wrong
			rr.errs = appendErr(rr.errs, &CellError{File: t.File, Sheet: t.Sheet, Cell: ref(r, h.unit), Err: numberName{label}})
			t.rowsAre(r, r, "rejected", msg.Text{EN: "a number in the unit column", VI: "một con số ở cột đơn vị"})
			if len(rr.errs) >= MaxErrors {
				return rr.errs
			}
			continue
		}
		label, marked := stripListMarker(label)
		if kind != rowUnit {
			bd.reset()
		} else if why := bd.at(s, h, r, label, marked, !anyCountCell(s, r, h)); why != (msg.Text{}) {
			t.Issues = append(t.Issues, Issue{Level: "note", Code: "breakdown_row", File: t.File, Sheet: t.Sheet,
				Cell: rr.ref(r, h.unit), Message: msg.Sprintf("row %d %q is a breakdown, %s: not a unit, not added to the total", "dòng %d %q là dòng chi tiết, %s: không phải đơn vị, không cộng vào tổng", r+1, label, why)})
			t.rowsAre(r, r, "breakdown", msg.Text{EN: "breakdown_row: not added to the total", VI: "breakdown_row: không cộng vào tổng"})
			continue
		}
		if kind == rowUnit && startsTable(s, h, opt, r) {
			if next, ok := continuation(s, h, opt, r); ok {
				// The same header again (an annex of "the units that did
				// not fit"): the table goes on under it. Said aloud.
				t.Notes = append(t.Notes, msg.Sprintf("rows %d–%d repeat the table's header: the block under them continues the table (another header would end it with second_table)", "dòng %d–%d lặp lại tiêu đề của bảng: khối bên dưới là phần tiếp của bảng (một tiêu đề khác thì bảng kết thúc, với second_table)", next.first+1, next.last+1))
				t.rowsAre(r, next.last, "header", msg.Text{EN: "the table's header again: the block below continues the table", VI: "tiêu đề của bảng lặp lại: khối bên dưới là phần tiếp của bảng"})
				r = next.last
				if r+1 < nrows && isNumberingRow(rowTexts(s, r+1, rr.ncols)) {
					r++
					t.rowsAre(r, r, "numbering", numberingWhy)
				}
				continue
			}
			// Said aloud: a different header ends the table.
			t.Issues = append(t.Issues, Issue{Level: "warning", Code: "second_table", File: t.File, Sheet: t.Sheet,
				Cell: rr.ref(r, h.unit), Message: msg.Sprintf("row %d is the header of another table; the table ends above it and the rows below are not read", "dòng %d là tiêu đề của một bảng khác; bảng kết thúc ở trên dòng này, các dòng dưới không được đọc", r+1)})
			end = r
			t.rowsAre(r, nrows-1, "second table", msg.Text{EN: "another table's header and the rows below it (second_table): not read", VI: "tiêu đề của một bảng khác và các dòng bên dưới (second_table): không đọc"})
			break
		}
		// a section marker in the row-number column ("I", "II", "A")
		// with a name beside it ("Khu vực phường")
		if kind == rowUnit && h.unit > 0 {
			if stt := textAt(s, r, 0); stt != "" && stt != label && isSectionLabel(stt) && !isDigits(stt) {
				kind = rowSection
			}
		}
		u, hasNumbers, full := rr.unitAt(r, label, kind)
		if full {
			return rr.errs
		}
		rr.keep(r, label, kind, u, hasNumbers)
		if kind == rowTotal && rr.opt.ownReport == ReportCompute && r+1 < nrows {
			// bhxh's own summary ends at its total: under it are its
			// note on the total's change, the evaluation block and the
			// signatures, none of them units.
			end = r + 1
			t.rowsAre(r+1, nrows-1, "footer", msg.Text{EN: "under the total of a `bhxh compute` report: its notes, evaluation and signatures are not read",
				VI: "dưới dòng tổng của báo cáo `bhxh compute`: ghi chú, phần đánh giá và chữ ký không được đọc"})
			break
		}
	}
	if _, view := s.(interface{ Ref(r, c int) string }); !view {
		rr.accountUnitNames(end) // a transposed view's rows are the sheet's columns
	}
	return rr.finish()
}

// rowKindAt classifies row r by its label (the unit column's text, else
// its first text); empty: the row holds nothing.
func (rr *rowsReader) rowKindAt(r int) (label string, kind rowKind, empty bool) {
	first := firstText(rr.s, r, rr.ncols)
	if first == "" {
		return "", rowUnit, true
	}
	label = textAt(rr.s, r, rr.h.unit)
	return label, classify(label, first), false
}

// unitAt reads row r's cells under their columns' keys. full: the file
// has MaxErrors errors, reading stops.
func (rr *rowsReader) unitAt(r int, label string, kind rowKind) (u coverage.Unit, hasNumbers, full bool) {
	s, h, t := rr.s, rr.h, rr.t
	u = coverage.Unit{
		Name:     label,
		Counts:   map[string]int64{},
		Percents: map[string]decimal.Decimal{},
		Shown:    map[string]int{},
		Cells:    map[string]string{"unit": rr.ref(r, h.unit)},
		Sources:  map[string][]string{},
		Row:      r + 1,
	}
	if h.code >= 0 {
		u.Code = padCode(codeText(s.Cell(r, h.code)), rr.codeLen)
	}
	rr.blank = rr.blank[:0]
	for i, col := range h.cols {
		cl := s.Cell(r, col.Index)
		if col.Key == "" || col.Key == "unit" || col.Key == "code" {
			if col.Key == "" && looksNumeric(cl) {
				rr.numeric[i] = true
			} else if col.Key == "" && kind == rowUnit && cl.Kind == grid.Text && hasWord(cl.Text) {
				rr.words = append(rr.words, wordCell{col: i, row: r, text: cl.Text})
			}
			continue
		}
		formula := ""
		if cl.Kind == grid.Formula {
			v, err := s.Eval(r, col.Index)
			if err != nil {
				rr.errs = appendErr(rr.errs, &CellError{File: t.File, Sheet: t.Sheet, Cell: rr.ref(r, col.Index), Value: cl.Text, Err: err})
				continue
			}
			formula, cl = cl.Text, v
		}
		if cl.Kind == grid.Error && !coverage.IsPercentKey(col.Key) {
			// "#N/A" is no number at all: say what the cell holds (a
			// rate column's "#DIV/0!" states no rate, below)
			if kind != rowSection {
				rr.errs = appendErr(rr.errs, &CellError{File: t.File, Sheet: t.Sheet, Cell: rr.ref(r, col.Index), Value: formula,
					Err: errorValue{value: cl.Text, formula: formula != ""}})
			}
			continue
		}
		if cl.Kind == grid.Empty {
			if kind == rowUnit && coverage.IsCountKey(col.Key) {
				rr.blank = append(rr.blank, wordCell{col: i, row: r})
				if rr.opt.ownReport != ReportTemplate {
					// an empty count is zero people (said: blank_count);
					// in bhxh's template, whose instructions say so, it
					// is not reported, as "x" is
					u.Counts[col.Key] = 0
					u.Sources[col.Key] = []string{CellSource(t.File, t.Sheet, rr.ref(r, col.Index))}
				}
			}
			continue // a total row's empty cell states nothing
		}
		hasNumbers = true
		u.Cells[col.Key] = rr.ref(r, col.Index)
		if err := setValue(&u, col.Key, cl); err != nil {
			if kind == rowSection {
				continue
			}
			rr.errs = appendErr(rr.errs, &CellError{File: t.File, Sheet: t.Sheet, Cell: rr.ref(r, col.Index), Value: cl.Text, Err: err})
		} else if stated(&u, col.Key) {
			u.Sources[col.Key] = []string{CellSource(t.File, t.Sheet, rr.ref(r, col.Index))}
		}
		if len(rr.errs) >= MaxErrors {
			return u, hasNumbers, true
		}
	}
	return u, hasNumbers, false
}

// keep puts the unit read from row r where its kind says: the total, the
// subtotals, or the units (a unit twice is an error; a row of numbers
// without a name is warned of and skipped).
func (rr *rowsReader) keep(r int, label string, kind rowKind, u coverage.Unit, hasNumbers bool) {
	s, h, t := rr.s, rr.h, rr.t
	switch kind {
	case rowTotal:
		if t.Total == nil {
			tu := u
			t.Total = &tu
			t.rowsAre(r, r, "total", msg.Text{EN: "cross-checked against the sum of the units", VI: "đối chiếu với tổng các đơn vị"})
		} else {
			t.rowsAre(r, r, "total", msg.Sprintf("a total again (row %d is the one cross-checked)", "lại một dòng tổng (dòng %d là dòng được đối chiếu)", t.Total.Row))
		}
	case rowSubtotal:
		t.Subtotals = append(t.Subtotals, u)
		t.rowsAre(r, r, "subtotal", msg.Text{EN: "not added: totals are sums of the units", VI: "không cộng: tổng là tổng các đơn vị"})
	case rowSection:
		if hasNumbers {
			t.Subtotals = append(t.Subtotals, u)
			t.rowsAre(r, r, "subtotal", msg.Text{EN: "a section's figures, not added: totals are sums of the units", VI: "số liệu của một nhóm, không cộng: tổng là tổng các đơn vị"})
		} else {
			t.rowsAre(r, r, "section", msg.Text{EN: "a heading over a group of units", VI: "tiêu đề của một nhóm đơn vị"})
		}
		if !hasNumbers && looksLikeUnitName(label) {
			// "I | Huyện Đông Sơn": a heading over the units below, said
			// as one (a name that reads as a unit's is never dropped unsaid)
			t.Issues = append(t.Issues, Issue{Level: "note", Code: "heading_row", File: t.File, Sheet: t.Sheet,
				Cell: rr.ref(r, h.unit), Message: msg.Sprintf("row %d %q heads a section (%s is %q) and has no figures in the columns read: a heading, not a unit", "dòng %d %q là tiêu đề một nhóm (%s là %q), không có số liệu ở các cột được đọc: tiêu đề, không phải đơn vị", r+1, label, rr.ref(r, 0), textAt(s, r, 0))})
		}
	case rowUnit:
		if label == "" {
			if hasNumbers {
				t.Issues = append(t.Issues, Issue{Level: "warning", Code: "unnamed_row", File: t.File, Sheet: t.Sheet,
					Cell: rr.ref(r, h.unit), Message: msg.Sprintf("row %d holds numbers but no unit name (%s is blank); skipped: %s", "dòng %d có số nhưng không có tên đơn vị (%s trống); bỏ qua: %s", r+1, ref(r, h.unit), rowLine(s, r, rr.ncols))})
				t.rowsAre(r, r, "skipped", msg.Text{EN: "numbers but no unit name (unnamed_row)", VI: "có số nhưng không có tên đơn vị (unnamed_row)"})
			} else {
				t.rowsAre(r, r, "skipped", msg.Text{EN: "no unit name and no figures in the columns read", VI: "không có tên đơn vị và không có số liệu ở các cột được đọc"})
			}
			return
		}
		if !hasNumbers && !anyCountCell(s, r, h) && !hasWord(label) {
			// no word in the unit column ("1\"\"2.345"): no heading, but a
			// row shifted or broken by a stray quote; said with what it holds
			t.Issues = append(t.Issues, Issue{Level: "warning", Code: "unnamed_row", File: t.File, Sheet: t.Sheet,
				Cell: ref(r, h.unit), Message: msg.Sprintf("row %d holds no unit name (%s is %q) and no figures in the columns read; skipped: %s", "dòng %d không có tên đơn vị (%s là %q) và không có số liệu ở các cột được đọc; bỏ qua: %s",
					r+1, ref(r, h.unit), label, rowLine(s, r, rr.ncols))})
			t.rowsAre(r, r, "skipped", msg.Text{EN: "no unit name and no figures (unnamed_row)", VI: "không có tên đơn vị và không có số liệu (unnamed_row)"})
			return
		}
		if !hasNumbers && !anyCountCell(s, r, h) {
			// a heading over units ("Huyện Đông Sơn" over its communes):
			// said, as a row that reads as a unit's and is not one
			t.Issues = append(t.Issues, Issue{Level: "note", Code: "heading_row", File: t.File, Sheet: t.Sheet,
				Cell: rr.ref(r, h.unit), Message: msg.Sprintf("row %d %q has no figures in the columns read: a heading, not a unit", "dòng %d %q không có số liệu ở các cột được đọc: là dòng tiêu đề nhóm, không phải đơn vị", r+1, label)})
			t.rowsAre(r, r, "heading", msg.Text{EN: "a name without figures (heading_row)", VI: "tên không có số liệu (heading_row)"})
			return
		}
		if rr.parent >= 0 {
			if u.Parent = strings.TrimSpace(textAt(s, r, rr.parent)); u.Parent == "" {
				rr.errs = appendErr(rr.errs, &CellError{File: t.File, Sheet: t.Sheet, Cell: rr.ref(r, rr.parent),
					Err: msg.Errorf("unit %q has no parent in column %q", "đơn vị %q không có đơn vị cấp trên ở cột %q", label, rr.opt.Parent)})
				t.rowsAre(r, r, "rejected", msg.Text{EN: "a unit without its parent", VI: "đơn vị không có đơn vị cấp trên"})
				return
			}
		}
		if _, err := rr.seen.Add(UnitRef{Code: u.Code, Name: label, Parent: u.Parent}); err != nil {
			rr.errs = appendErr(rr.errs, duplicateRowError(t, err, label, r+1, rr.ref(r, h.unit)))
			t.rowsAre(r, r, "rejected", msg.Text{EN: "a unit given twice", VI: "đơn vị ghi hai lần"})
			return
		}
		t.Units = append(t.Units, u)
		for _, b := range rr.blank {
			rr.blanks[b.col] = append(rr.blanks[b.col], rr.ref(b.row, h.cols[b.col].Index))
		}
	}
}

// finish ends the table: the errors of every row, else no unit at all is
// an error; columns not read that hold numbers are warned of.
func (rr *rowsReader) finish() error {
	h, t := rr.h, rr.t
	if len(rr.errs) > 0 {
		return rr.errs
	}
	if len(t.Units) == 0 {
		return &FileError{File: t.File, Err: msg.Errorf("%sno unit rows under the header (which ends on row %d)", "%skhông có dòng đơn vị nào dưới dòng tiêu đề (kết thúc ở dòng %d)", sheetPrefix(t.Sheet), h.last+1)}
	}
	for i, col := range h.cols {
		if col.Key == "" && rr.numeric[i] && !isRowNumberColumn(col) && col.Why != computedWhy {
			what := msg.Sprintf("column %s", "cột %s", col.Letter)
			if t.Transposed {
				// "row 13": the view's columns are the sheet's rows
				what = msg.Text{EN: col.Letter, VI: strings.Replace(col.Letter, "row ", "dòng ", 1)}
			}
			t.Issues = append(t.Issues, Issue{Level: "warning", Code: coverage.WarnUnknownColumn, File: t.File, Sheet: t.Sheet,
				Cell: rr.ref(h.last, col.Index),
				Message: msg.Sprintf("%s %q holds numbers but is not read (%s); to read it: --col '%s=KEY'", "%s %q có số nhưng không được đọc (%s); để đọc: --col '%s=KEY'",
					what, col.Header, WhyText(col.Why), strings.TrimSpace(col.Group+" "+col.Header))})
		}
	}
	for i, cells := range rr.blanks {
		if len(cells) > 0 && !strings.HasPrefix(h.cols[i].Key, coverage.PlanPrefix) {
			t.Issues = append(t.Issues, blankCountIssue(t, h.cols[i], cells, rr.opt.ownReport == ReportTemplate))
		}
	}
	for _, c := range h.choices {
		t.Issues = append(t.Issues, Issue{Level: "warning", Code: "column_choice", File: t.File, Sheet: t.Sheet,
			Cell: rr.ref(h.last, c.taken.Index),
			Message: msg.Sprintf("columns %s %q and %s %q both read as %s: %s taken, %s", "cột %s %q và %s %q đều đọc là %s: lấy cột %s, %s", c.taken.Letter, columnLabel(c.taken),
				c.left.Letter, columnLabel(c.left), c.key, c.taken.Letter, WhyText(c.why))})
	}
	// a name in a column of numbers: a row shifted by a stray separator
	// or quote ("4" read as the unit, its name one column right) is said
	for _, w := range rr.words {
		if col := h.cols[w.col]; rr.numeric[w.col] && !isRowNumberColumn(col) {
			t.Issues = append(t.Issues, Issue{Level: "warning", Code: "text_in_numbers", File: t.File, Sheet: t.Sheet,
				Cell: rr.ref(w.row, col.Index), Message: msg.Sprintf("row %d: %s holds the text %q in column %s %q, a column of numbers (a row shifted by a stray separator or quote?)", "dòng %d: %s chứa chữ %q trong cột số %s %q (dòng bị lệch do dấu phân cách hoặc dấu nháy thừa?)",
					w.row+1, rr.ref(w.row, col.Index), w.text, col.Letter, col.Header)})
		}
	}
	return nil
}

// rowLine is row r's texts as one line, so that a message names what a
// skipped row holds (a unit's name in another column).
func rowLine(s grid.Sheet, r, ncols int) string {
	var out []string
	for _, x := range rowTexts(s, r, ncols) {
		if x != "" {
			out = append(out, x)
		}
	}
	return strings.Join(out, " | ")
}

// wordCell is a cell holding words in a column not read (text_in_numbers).
type wordCell struct {
	col, row int
	text     string
}

// hasWord reports whether s holds two letters or more ("x" or "-" alone is
// no word).
func hasWord(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

// startsTable reports whether row r is the header of another table: no
// number in the count columns, and the row (alone or over the next one)
// reads as a header naming a unit column and counts.
func startsTable(s grid.Sheet, h header, opt Options, r int) bool {
	text := false
	for _, col := range h.cols {
		if !coverage.IsCountKey(col.Key) {
			continue
		}
		cl := s.Cell(r, col.Index)
		switch {
		case cl.Kind == grid.Text && !looksNumeric(cl) && !isAbsentText(cl.Text):
			text = true
		case cl.Kind != grid.Empty:
			return false
		}
	}
	if !text {
		return false
	}
	_, ncols := s.Size()
	if _, ok := tryHeader(s, opt, r, r, ncols); ok {
		return true
	}
	_, ok := tryHeader(s, opt, r, r+1, ncols)
	return ok
}

// continuation finds, at row r where startsTable found a header, a header
// of one to three rows whose columns hold the same keys as h's: the same
// table continued in a second block.
func continuation(s grid.Sheet, h header, opt Options, r int) (header, bool) {
	_, ncols := s.Size()
	// as many rows as the first header first: a numbering row under it is
	// no third header row
	height := h.last - h.first
	for _, d := range []int{height, 0, 1, 2} {
		if d > 2 {
			continue
		}
		if next, ok := tryHeader(s, opt, r, r+d, ncols); ok && sameKeys(h, next) {
			return next, true
		}
	}
	return header{}, false
}

// sameKeys: the two headers read the same key from every column.
func sameKeys(a, b header) bool {
	keys := func(h header) map[int]string {
		m := map[int]string{}
		for _, c := range h.cols {
			if c.Key != "" {
				m[c.Index] = c.Key
			}
		}
		return m
	}
	ka, kb := keys(a), keys(b)
	if len(ka) != len(kb) {
		return false
	}
	for i, k := range ka {
		if kb[i] != k {
			return false
		}
	}
	return true
}

func anyCountCell(s grid.Sheet, r int, h header) bool {
	for _, col := range h.cols {
		if coverage.IsCountKey(col.Key) && s.Cell(r, col.Index).Kind != grid.Empty {
			return true
		}
	}
	return false
}

func appendErr(errs ErrorList, err error) ErrorList {
	if len(errs) < MaxErrors {
		errs = append(errs, err)
	}
	return errs
}

// codeWidth is the number of digits the unit codes of the table have, so
// that a code typed as a number gets back its leading zeros (4402 →
// "04402"); 0 when it cannot be told. Official codes are 2 digits for a
// province, 3 for a (pre-2025) district, 5 for a commune. The level comes
// from the code column's header ("Mã xã", "Mã huyện", "Mã tỉnh"), else
// from the codes themselves: one of 4 or 5 digits is a commune's, a text
// code with leading zeros shows the width ("001", "04402"). A bare "Mã"
// or "Mã ĐVHC" over short numbers only says nothing: they are kept.
func codeWidth(s grid.Sheet, h header, start, nrows int) int {
	if h.code < 0 {
		return 0
	}
	var col Column
	for _, c := range h.cols {
		if c.Index == h.code {
			col = c
		}
	}
	words, _ := headerWords(col.Group + " " + col.Header)
	switch {
	case firstOf(words, "huyen", "quan", "thi xa", "district") != "":
		return 3 // before "xa": "Mã huyện, thị xã"
	case firstOf(words, "xa", "phuong", "dac khu", "thi tran", "commune", "ward") != "":
		return 5
	case firstOf(words, "tinh", "province") != "":
		return 2
	}
	width := 0
	for r := start; r < nrows; r++ {
		c := codeText(s.Cell(r, h.code))
		if !isDigits(c) {
			continue
		}
		switch {
		case len(c) == 4 || len(c) == 5:
			return 5
		case c[0] == '0' && len(c) > width:
			width = len(c)
		}
	}
	return width
}

// padCode puts back the leading zeros of a code of digits shorter than
// width.
func padCode(code string, width int) string {
	if len(code) >= width || !isDigits(code) {
		return code
	}
	return strings.Repeat("0", width-len(code)) + code
}

// stated reports whether u holds a value for key (an "x" holds none).
func stated(u *coverage.Unit, key string) bool {
	_, c := u.Counts[key]
	_, p := u.Percents[key]
	return c || p
}

// CellSource names a cell of an input as a figure's source: "x.xlsx!T11!H9",
// or "x.csv!H9" for a CSV file (which has no sheet).
func CellSource(file, sheet, cell string) string {
	if sheet == "" {
		return file + "!" + cell
	}
	return file + "!" + sheet + "!" + cell
}

// duplicateRowError says which two rows give one unit: the same name
// (within its parent, with --by), or one code given to two names.
func duplicateRowError(t *Table, err error, label string, row int, cell string) error {
	var dup *DuplicateUnitError
	if !errors.As(err, &dup) {
		return &FileError{File: t.File, Err: err}
	}
	p := t.Units[dup.First]
	if dup.Level == MatchCode && !sameSpelling(p.Name, label) {
		return &FileError{File: t.File, Err: msg.Errorf("%s%w: code %s is given to both %q (row %d, %s) and %q (row %d, %s)", "%s%w: mã %s được ghi cho cả %q (dòng %d, %s) và %q (dòng %d, %s)",
			sheetPrefix(t.Sheet), ErrDuplicateUnit, UnitCode(p.Code, p.Name), p.Name, p.Row, p.Cells["unit"], label, row, cell)}
	}
	return &FileError{File: t.File, Err: msg.Errorf("%s%w %q on rows %d and %d (%s, %s)", "%s%w %q ở dòng %d và %d (%s, %s)",
		sheetPrefix(t.Sheet), ErrDuplicateUnit, label, p.Row, row, p.Cells["unit"], cell)}
}

// parentColumn finds the column opt.Parent names (a header text or the key
// the reader gave it): -1 when none was asked for.
func parentColumn(t *Table, h header, col string) (int, error) {
	if col == "" {
		return -1, nil
	}
	fc := vntext.Fold(col)
	var hs []string
	for _, c := range h.cols {
		if c.Key == col || c.Header != "" && (vntext.Fold(c.Header) == fc || vntext.Fold(c.Group+" "+c.Header) == fc) {
			return c.Index, nil
		}
		if c.Header != "" {
			hs = append(hs, c.Header)
		}
	}
	return -1, &FileError{File: t.File, Err: msg.Errorf("%sno column %q (columns: %s)", "%skhông có cột %q (các cột: %s)", sheetPrefix(t.Sheet), col, quoteList(hs))}
}
