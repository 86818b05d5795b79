package rawxlsx

// The sheet tokenizer: the one reader of worksheet XML in bhxh. Both the
// streaming list scanner (scan.go) and the workbook reader (package grid)
// walk a sheet with it, item by item: each row, each of its cells (type,
// style, value, inline text, formula), the end of the row, then the column
// records and the merged ranges. It is lenient where Excel is (a missing
// r is the next row or column) and says so (Odd), so a reader that must
// agree with another one exactly can refuse such a sheet; it fails on what
// no reader can take (a cell beyond XFD1048576, an unknown cell type,
// malformed XML, a cell over the limit).

import (
	"bytes"
	"strconv"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/readerr"
)

// Item is what SheetReader.Next found.
type Item uint8

const (
	Done      Item = iota // the end of the part
	RowStart              // a <row>: SheetReader.Row
	CellItem              // a whole <c>: SheetReader.Cell
	RowEnd                // the end of the row (also of a <row/>)
	ColItem               // a <col> of <cols>: SheetReader.Col
	MergeItem             // a <mergeCell>: SheetReader.Merge
	RowsEnd               // </sheetData>: the rows are over (merged ranges follow)
	more      Item = 255  // internal: nothing to hand over yet
)

// RowInfo is a <row>.
type RowInfo struct {
	Num    int // 1-based: its r, else one after the previous row
	Style  int // s: the row's cell format, 0 when none
	Hidden bool
	// Odd: written as no spreadsheet program writes a row (no r, r not
	// after the previous row, a repeated, prefixed or odd attribute).
	Odd bool
}

// CellInfo is a <c>. Its slices are valid until the next call to Next.
type CellInfo struct {
	Col int // 0-based: from r, else right of the previous cell
	Row int // 1-based: the row's number
	// Type is the t attribute reduced to one byte: 'n' number (or no t),
	// 's' shared string, 'i' inline string, 'f' formula string (t="str"),
	// 'b' boolean, 'e' error, 'd' ISO date.
	Type          byte
	Style         int    // s: index of the cell format (0 when none)
	Value         []byte // text of <v>, entities decoded
	HasInline     bool   // an <is> element
	Inline        []byte // text of <is>: runs joined, phonetic runs left out
	HasFormula    bool   // an <f> element
	Formula       []byte // text of <f>
	SharedFormula bool   // <f t="shared">: the text is on the group's first cell only
	SharedIndex   int    // si of a shared formula: its group (-1 when none)
	// Odd: no r, r naming another row or a column not right of the
	// previous cell, a repeated, prefixed or odd attribute.
	Odd bool
}

// Text is the cell's stored text: an inline string's <is> text when it has
// one, else its <v>.
func (c *CellInfo) Text() []byte {
	if c.Type == 'i' && c.HasInline {
		return c.Inline
	}
	return c.Value
}

// ColInfo is a <col> record of <cols>: columns Min..Max (1-based).
type ColInfo struct {
	Min, Max int
	Style    int
	Hidden   bool
	Odd      bool // a missing or unreadable min/max/style/hidden
}

// where text goes
const (
	capNone uint8 = iota
	capV
	capT
	capF
)

// SheetReader walks one worksheet part. Call Next until Done (or an error).
type SheetReader struct {
	Row   RowInfo
	Cell  CellInfo
	Col   ColInfo
	Merge []byte // ref of a <mergeCell> ("A1:C2"), as written

	t           *tokenizer
	file, sheet string
	maxCell     int
	normCR      bool

	inData, inRow, inCell, inIS bool
	inCols, inMerges, sawData   bool
	rowEnd                      bool // a <row/> was read: RowEnd comes next
	capture                     uint8
	rph                         int
	lastRow, lastCol            int
	vbuf, ibuf, fbuf            []byte
	rowDigits                   []byte // the row's number, in decimal (cellCol)
	// general: no fast path (fastCell, fastRow); the tests read every
	// sheet both ways and compare.
	general bool
	// pick, when not nil, is the set of columns a reader wants (column c
	// when c < len(pick) && pick[c]): fastCell checks the cells of the
	// other columns as openCell would (reference, type, size) and hands
	// them over not at all. The general path hands every cell over.
	pick []bool
}

// SheetReader reads a worksheet part held whole in memory; sheet names it
// in messages.
func (p *Package) SheetReader(data []byte, sheet string) *SheetReader {
	return p.sheetReader(newTokenizer(data), sheet)
}

func (p *Package) sheetReader(t *tokenizer, sheet string) *SheetReader {
	return &SheetReader{t: t, file: p.name, sheet: sheet, maxCell: p.lim.MaxCellBytes, normCR: p.NormalizeCR, general: p.general}
}

func (s *SheetReader) cellErr(col, row int, val []byte, err error) error {
	return &readerr.CellError{File: s.file, Sheet: s.sheet, Cell: CellName(col, row), Value: string(val), Err: err}
}

func (s *SheetReader) xmlErr(row int, err error) error {
	return &readerr.FileError{File: s.file, Err: msg.Errorf("sheet %q near row %d: %w", "trang tính %q gần dòng %d: %w", s.sheet, row, err)}
}

// Next reads up to the next item.
func (s *SheetReader) Next() (Item, error) {
	if s.rowEnd {
		s.rowEnd = false
		return RowEnd, nil
	}
	t := s.t
	for {
		if s.inRow && !s.inCell && !s.general {
			if it, ok, err := s.fastCell(); ok {
				if it == more && err == nil {
					continue // a cell of a column not picked
				}
				return it, err
			}
		}
		if s.inData && !s.inCell && !s.general {
			if it, ok, err := s.fastRow(); ok {
				return it, err
			}
		}
		k, err := t.next()
		if err != nil {
			if _, ok := err.(*readerr.FileError); ok {
				return Done, err
			}
			return Done, s.xmlErr(s.lastRow, err)
		}
		var it Item = more
		switch k {
		case tokEOF:
			if s.inRow {
				return Done, s.xmlErr(s.lastRow, msg.Errorf("%w: the sheet ends inside a row", "%w: trang tính kết thúc giữa một dòng", readerr.ErrBadXML))
			}
			if !s.sawData {
				return Done, s.xmlErr(0, msg.Errorf("%w: no <sheetData>", "%w: không có <sheetData>", readerr.ErrBadXML))
			}
			return Done, nil
		case tokStart:
			it, err = s.start()
		case tokEnd:
			it, err = s.end()
		case tokText, tokCDATA:
			if s.capture != capNone {
				err = s.text(k == tokCDATA)
			}
		}
		if err != nil {
			return Done, err
		}
		if it != more {
			return it, nil
		}
	}
}

func (s *SheetReader) start() (Item, error) {
	t := s.t
	switch {
	case s.inCell:
		switch string(t.name) {
		case "v":
			s.capture = capNone
			if !t.selfClose && !s.inIS {
				s.capture = capV
			}
		case "f":
			s.Cell.HasFormula = true
			var v [2][]byte
			attrsOf(t.attrs, formulaAttrNames[:], v[:])
			s.Cell.SharedFormula = string(v[0]) == "shared"
			if si, ok := digitsInt(v[1]); ok && s.Cell.SharedFormula {
				s.Cell.SharedIndex = si
			}
			s.capture = capNone
			if !t.selfClose {
				s.capture = capF
			}
		case "is":
			s.inIS, s.Cell.HasInline = !t.selfClose, true
		case "t":
			s.capture = capNone
			if s.inIS && s.rph == 0 && !t.selfClose {
				s.capture = capT
			}
		case "rPh":
			if s.inIS && !t.selfClose {
				s.rph++
			}
		}
	case s.inRow:
		if string(t.name) == "c" {
			return s.startCell()
		}
	case s.inData:
		if string(t.name) == "row" {
			return s.startRow()
		}
	case s.inCols:
		if string(t.name) == "col" {
			s.readCol()
			return ColItem, nil
		}
	case s.inMerges:
		if string(t.name) == "mergeCell" {
			s.Merge = attr(t.attrs, "ref")
			return MergeItem, nil
		}
	default:
		switch string(t.name) {
		case "sheetData":
			if s.sawData {
				return Done, s.xmlErr(s.lastRow, msg.Errorf("%w: a second <sheetData>", "%w: có <sheetData> thứ hai", readerr.ErrBadXML))
			}
			s.sawData = true
			if t.selfClose {
				return RowsEnd, nil
			}
			s.inData = true
		case "cols":
			s.inCols = !t.selfClose
		case "mergeCells":
			s.inMerges = !t.selfClose
		}
	}
	return more, nil
}

func (s *SheetReader) end() (Item, error) {
	switch string(s.t.name) {
	case "c":
		if s.inCell {
			s.inCell, s.capture = false, capNone
			s.Cell.Value, s.Cell.Inline, s.Cell.Formula = s.vbuf, s.ibuf, s.fbuf
			return CellItem, nil
		}
	case "v", "t", "f":
		s.capture = capNone
	case "rPh":
		if s.rph > 0 {
			s.rph--
		}
	case "is":
		s.inIS = false
	case "row":
		if s.inRow {
			if s.inCell {
				return Done, s.xmlErr(s.lastRow, msg.Errorf("%w: a cell not closed in its row", "%w: một ô không được đóng trong dòng của nó", readerr.ErrBadXML))
			}
			s.inRow = false
			return RowEnd, nil
		}
	case "sheetData":
		if s.inData {
			if s.inRow {
				return Done, s.xmlErr(s.lastRow, msg.Errorf("%w: the sheet ends inside a row", "%w: trang tính kết thúc giữa một dòng", readerr.ErrBadXML))
			}
			s.inData = false
			return RowsEnd, nil
		}
	case "cols":
		s.inCols = false
	case "mergeCells":
		s.inMerges = false
	}
	return more, nil
}

func (s *SheetReader) text(cdata bool) error {
	text := s.t.text
	if s.normCR {
		text = normalizeCR(text)
	}
	dst := &s.vbuf
	switch s.capture {
	case capT:
		dst = &s.ibuf
	case capF:
		dst = &s.fbuf
	}
	if cdata {
		*dst = append(*dst, text...)
	} else {
		var err error
		if *dst, err = appendText(*dst, text); err != nil {
			return s.cellErr(s.Cell.Col, s.Cell.Row, nil, err)
		}
	}
	if len(*dst) > s.maxCell {
		return s.tooLong()
	}
	return nil
}

func (s *SheetReader) tooLong() error {
	return s.cellErr(s.Cell.Col, s.Cell.Row, nil, msg.Errorf("holds more than %d bytes of text %w", "chứa hơn %d byte văn bản, %w", s.maxCell, readerr.ErrTooBig))
}

func (s *SheetReader) startRow() (Item, error) {
	t := s.t
	var v [3][]byte
	odd, bad := attrs3(t.attrs, "hidden", &v)
	if bad {
		return Done, s.xmlErr(s.lastRow, msg.Errorf("%w: bad attribute %q", "%w: thuộc tính hỏng %q", readerr.ErrBadXML, t.attrs))
	}
	return s.openRow(&v, odd, t.selfClose)
}

// openRow starts the row whose r, s and hidden attributes are v.
func (s *SheetReader) openRow(v *[3][]byte, odd, selfClose bool) (Item, error) {
	r := RowInfo{}
	if v[0] != nil {
		ref := bytes.TrimSpace(v[0])
		n, ok := digitsInt(ref)
		if !ok || n < 1 || n > MaxRow {
			return Done, s.cellErr(0, min(max(n, s.lastRow+1), MaxRow), nil, msg.Errorf("row %q %w", "dòng %q %w", v[0], readerr.ErrCellRange))
		}
		r.Num = n
		odd = odd || len(ref) != len(v[0]) || n <= s.lastRow
	} else {
		r.Num, odd = s.lastRow+1, true
		if r.Num > MaxRow {
			return Done, s.cellErr(0, MaxRow, nil, msg.Errorf("row %d %w", "dòng %d %w", r.Num, readerr.ErrCellRange))
		}
	}
	var ok bool
	if r.Style, ok = optInt(v[1]); !ok {
		odd = true
	}
	if r.Hidden, ok = optBool(v[2]); !ok {
		odd = true
	}
	r.Odd = odd
	s.Row = r
	s.rowDigits = strconv.AppendInt(s.rowDigits[:0], int64(r.Num), 10)
	s.lastRow, s.lastCol = r.Num, -1
	s.inRow = !selfClose
	s.rowEnd = selfClose
	return RowStart, nil
}

const rowEndTag = "</row>"

// plainQuoted is the index of the '"' closing an attribute value that
// starts at b[j], when the value holds no entity, '<' or '>' and a byte
// follows the quote in b; else -1 (the fast paths leave such a tag to the
// general path).
func plainQuoted(b []byte, j int) int {
	for j < len(b) && b[j] != '"' {
		if b[j] == '&' || b[j] == '<' || b[j] == '>' {
			return -1
		}
		j++
	}
	if j+1 >= len(b) {
		return -1
	}
	return j
}

// tagClose reads the end of a start tag at b[i]: ">" (n 1) or "/>" (n 2,
// selfClose); n 0 when neither.
func tagClose(b []byte, i int) (n int, selfClose bool) {
	switch {
	case b[i] == '>':
		return 1, false
	case b[i] == '/' && i+1 < len(b) && b[i+1] == '>':
		return 2, true
	}
	return 0, false
}

// fastRow is fastCell's counterpart for <row r="7" spans="1:7" …> and
// </row>: the tags as spreadsheet programs write them (attributes without
// a prefix, in double quotes, one space apart, no entity), wholly in the
// buffer. Anything else is left to the general path, nothing consumed.
func (s *SheetReader) fastRow() (it Item, ok bool, err error) {
	t := s.t
	b := t.buf[t.pos:]
	if s.inRow {
		if len(b) < len(rowEndTag) || string(b[:len(rowEndTag)]) != rowEndTag {
			return more, false, nil
		}
		t.pos += len(rowEndTag)
		s.inRow = false
		return RowEnd, true, nil
	}
	if len(b) < 6 || string(b[:5]) != "<row " {
		return more, false, nil
	}
	if num, digits, n := excelRow(b); n > 0 {
		t.pos += n
		s.Row = RowInfo{Num: num, Odd: num <= s.lastRow}
		s.rowDigits = append(s.rowDigits[:0], digits...)
		s.lastRow, s.lastCol = num, -1
		s.inRow, s.rowEnd = true, false
		return RowStart, true, nil
	}
	var v [3][]byte
	i := 5
	for {
		ns := i
		for i < len(b) && (b[i] >= 'a' && b[i] <= 'z' || b[i] >= 'A' && b[i] <= 'Z' || b[i] >= '0' && b[i] <= '9') {
			i++
		}
		if i == ns || i+2 >= len(b) || b[i] != '=' || b[i+1] != '"' {
			return more, false, nil
		}
		k := -1
		switch string(b[ns:i]) {
		case "r":
			k = 0
		case "s":
			k = 1
		case "hidden":
			k = 2
		}
		j := plainQuoted(b, i+2)
		if j < 0 {
			return more, false, nil
		}
		if k >= 0 {
			if v[k] != nil {
				return more, false, nil
			}
			v[k] = b[i+2 : j]
		}
		i = j + 1
		if b[i] != ' ' {
			break
		}
		i++
	}
	n, selfClose := tagClose(b, i)
	if n == 0 {
		return more, false, nil
	}
	i += n
	t.pos += i
	it, err = s.openRow(&v, false, selfClose)
	return it, true, err
}

func (s *SheetReader) startCell() (Item, error) {
	t := s.t
	var v [3][]byte
	odd, bad := attrs3(t.attrs, "t", &v)
	if bad {
		return Done, s.xmlErr(s.Row.Num, msg.Errorf("%w: bad attribute %q", "%w: thuộc tính hỏng %q", readerr.ErrBadXML, t.attrs))
	}
	if err := s.openCell(&v, odd); err != nil {
		return Done, err
	}
	if t.selfClose {
		return CellItem, nil
	}
	if val, n, ok := plainValue(t.buf[t.pos:], s.normCR); ok {
		if len(val) > s.maxCell {
			return Done, s.tooLong()
		}
		t.pos += n
		s.Cell.Value = val
		return CellItem, nil
	}
	s.inCell = true
	return more, nil
}

// openCell starts the cell whose r, s and t attributes are v.
func (s *SheetReader) openCell(v *[3][]byte, odd bool) error {
	col, refOdd, err := s.cellCol(v[0])
	if err != nil {
		return err
	}
	return s.openCellAt(col, v, odd || refOdd)
}

// openCellAt is openCell once the cell's column is known (cellCol).
func (s *SheetReader) openCellAt(col int, v *[3][]byte, odd bool) error {
	row := s.Row.Num
	s.lastCol = col
	typ := cellType(v[2])
	if typ == 0 {
		return s.cellErr(col, row, v[2], msg.Errorf("%w: unknown cell type", "%w: kiểu ô không rõ", readerr.ErrBadXML))
	}
	style, ok := optInt(v[1])
	// zeroed in place, then filled: a composite literal is built aside and
	// copied, 9 % of a list's scan
	s.Cell = CellInfo{}
	c := &s.Cell
	c.Col, c.Row, c.Type, c.Style, c.Odd, c.SharedIndex = col, row, typ, style, odd || !ok, -1
	s.vbuf, s.ibuf, s.fbuf = s.vbuf[:0], s.ibuf[:0], s.fbuf[:0]
	s.inIS, s.capture, s.rph = false, capNone, 0
	return nil
}

// cellCol is the column of the cell of the current row whose r attribute
// is ref (nil: right of the previous cell); odd when ref is missing or
// names another row or a column not right of the previous cell.
func (s *SheetReader) cellCol(ref []byte) (col int, odd bool, err error) {
	row := s.Row.Num
	if ref == nil {
		col = s.lastCol + 1
		if col >= MaxCol {
			return 0, true, s.cellErr(MaxCol-1, row, nil, msg.Errorf("column %d %w", "cột %d %w", col+1, readerr.ErrCellRange))
		}
		return col, true, nil
	}
	if n := len(ref) - len(s.rowDigits); n >= 1 && n <= 3 && len(s.rowDigits) > 0 && sameBytes(ref[n:], s.rowDigits) {
		// the row's own number (as ParseCellName would read it): the
		// letters alone say the column
		col := 0
		for _, c := range ref[:n] {
			c |= 0x20 // lower case
			if c < 'a' || c > 'z' {
				col = MaxCol + 1
				break
			}
			col = col*26 + int(c-'a'+1)
		}
		if col <= MaxCol {
			return col - 1, col-1 <= s.lastCol, nil
		}
	}
	c, r, ok := ParseCellName(ref)
	if !ok {
		return 0, true, s.cellErr(max(s.lastCol+1, 0), row, ref, msg.Errorf("cell reference %w", "địa chỉ ô %w", readerr.ErrCellRange))
	}
	return c, r != row || c <= s.lastCol, nil
}

// sameBytes is bytes.Equal for the few digits of a row number, without
// the call.
func sameBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// skipCell passes over a whole cell of a column not picked whose r, s and
// t attributes are v and whose value is val: it fails where openCell and
// the size check would, and hands nothing over.
func (s *SheetReader) skipCell(col int, v *[3][]byte, val []byte) error {
	s.lastCol = col
	if cellType(v[2]) == 0 {
		return s.cellErr(col, s.Row.Num, v[2], msg.Errorf("%w: unknown cell type", "%w: kiểu ô không rõ", readerr.ErrBadXML))
	}
	if len(val) > s.maxCell {
		s.Cell.Col, s.Cell.Row = col, s.Row.Num
		return s.tooLong()
	}
	return nil
}

// fastCell is the hot path of a sheet: a whole cell as spreadsheet programs
// write it, <c r="B7" s="2" t="s"><v>12</v></c> or <c r="B7" s="2"/>
// (attributes r, s and t only, each at most once, in double quotes, one
// space apart, no entity anywhere), wholly in the buffer. It reads it in
// one pass over the bytes, as the general path would (start, startCell,
// plainValue), and reports ok; anything else is left to the general path
// untouched (ok false, nothing consumed). It saves the tokenizer's tag
// search and the attribute loop on ~7 cells of every row of a list.
func (s *SheetReader) fastCell() (it Item, ok bool, err error) {
	t := s.t
	var v [3][]byte
	val, i, selfClose, ok := plainCell(t.buf[t.pos:], s.normCR, &v)
	if !ok {
		return more, false, nil
	}
	col, odd, err := s.cellCol(v[0])
	if err != nil {
		return Done, true, err
	}
	if s.pick != nil && (col >= len(s.pick) || !s.pick[col]) {
		if err := s.skipCell(col, &v, val); err != nil {
			return Done, true, err
		}
		t.pos += i
		return more, true, nil
	}
	if err := s.openCellAt(col, &v, odd); err != nil {
		return Done, true, err
	}
	if len(val) > s.maxCell {
		return Done, true, s.tooLong()
	}
	t.pos += i
	if !selfClose {
		s.Cell.Value = val
	}
	return CellItem, true, nil
}

// plainCell reads a cell written as fastCell takes it at the start of b:
// its r, s and t attributes into v (nil when absent), its value (nil for
// <c …/>) and the bytes it takes; ok false when it is not written so.
func plainCell(b []byte, noCR bool, v *[3][]byte) (val []byte, n int, selfClose, ok bool) {
	if len(b) < 4 || b[0] != '<' || b[1] != 'c' || b[2] != ' ' {
		return nil, 0, false, false
	}
	i := 3
	for {
		if i+3 >= len(b) || b[i+1] != '=' || b[i+2] != '"' {
			return nil, 0, false, false
		}
		var k int
		switch b[i] {
		case 'r':
			k = 0
		case 's':
			k = 1
		case 't':
			k = 2
		default:
			return nil, 0, false, false
		}
		if v[k] != nil {
			return nil, 0, false, false
		}
		j := plainQuoted(b, i+3)
		if j < 0 {
			return nil, 0, false, false
		}
		v[k] = b[i+3 : j]
		i = j + 1
		if b[i] != ' ' {
			break
		}
		i++
	}
	n, selfClose = tagClose(b, i)
	if n == 0 {
		return nil, 0, false, false
	}
	i += n
	if !selfClose {
		var m int
		if val, m, ok = plainValue(b[i:], noCR); !ok {
			return nil, 0, false, false
		}
		i += m
	}
	return val, i, selfClose, true
}

// formulaAttrNames are the attributes of <f> the reader keeps.
var formulaAttrNames = [2]string{"t", "si"}

func (s *SheetReader) readCol() {
	var v [4][]byte
	odd, bad := attrsOf(s.t.attrs, colAttrNames[:], v[:])
	c := ColInfo{Odd: odd || bad || v[0] == nil || v[1] == nil}
	var ok [4]bool
	c.Min, ok[0] = digitsInt(v[0])
	c.Max, ok[1] = digitsInt(v[1])
	c.Style, ok[2] = optInt(v[2])
	c.Hidden, ok[3] = optBool(v[3])
	c.Odd = c.Odd || !ok[0] || !ok[1] || !ok[2] || !ok[3]
	s.Col = c
}

var colAttrNames = [4]string{"min", "max", "style", "hidden"}

func cellType(t []byte) byte {
	switch string(t) {
	case "", "n":
		return 'n'
	case "s":
		return 's'
	case "inlineStr":
		return 'i'
	case "str":
		return 'f'
	case "b":
		return 'b'
	case "e":
		return 'e'
	case "d":
		return 'd'
	}
	return 0
}

// optInt reads an optional non-negative number attribute (0 when absent).
func optInt(v []byte) (int, bool) {
	if v == nil {
		return 0, true
	}
	return digitsInt(v)
}

// optBool reads an optional xsd:boolean attribute (false when absent).
func optBool(v []byte) (bool, bool) {
	switch string(v) {
	case "":
		return false, v == nil
	case "1", "true":
		return true, true
	case "0", "false":
		return false, true
	}
	return false, false
}

// attrs3 reads the attributes r, s and third (local names) of a tag into
// v (nil when absent): r, s, t of each <c> and r, s, hidden of each <row>,
// the hot path. odd: one of them repeated, prefixed or holding an entity;
// bad: the attributes are not well-formed.
func attrs3(raw []byte, third string, v *[3][]byte) (odd, bad bool) {
	for i := 0; ; {
		name, val, next, done, bad := nextAttr(raw, i)
		if done || bad {
			return odd, bad
		}
		i = next
		name, prefixed := localName(name)
		var k int
		switch {
		case len(name) == 1 && name[0] == 'r':
			k = 0
		case len(name) == 1 && name[0] == 's':
			k = 1
		case string(name) == third:
			k = 2
		default:
			continue
		}
		odd = odd || prefixed || v[k] != nil || hasAmp(val)
		v[k] = val
	}
}

func hasAmp(b []byte) bool {
	for _, c := range b {
		if c == '&' {
			return true
		}
	}
	return false
}

// attrsOf reads the attributes named (local names) into vals, as cellAttrs.
func attrsOf(raw []byte, names []string, vals [][]byte) (odd, bad bool) {
	for i := 0; ; {
		name, val, next, done, bad := nextAttr(raw, i)
		if done || bad {
			return odd, bad
		}
		i = next
		name, prefixed := localName(name)
		for k, n := range names {
			if string(name) == n {
				odd = odd || prefixed || vals[k] != nil || hasAmp(val)
				vals[k] = val
			}
		}
	}
}

// attr is one attribute's value (by local name), nil when absent or when
// the attributes are not well-formed.
func attr(raw []byte, name string) []byte {
	var v [1][]byte
	if _, bad := attrsOf(raw, []string{name}, v[:]); bad {
		return nil
	}
	return v[0]
}

func localName(name []byte) ([]byte, bool) {
	for i, c := range name {
		if c == ':' {
			return name[i+1:], true
		}
	}
	return name, false
}

// plainValue is the fast path of the commonest cell body, "<v>TEXT</v></c>"
// with no entity in TEXT (nor a CR when noCR), wholly in b: it returns
// TEXT and how many bytes of b it takes, up to the closing </c>. Anything
// else is left to the general path. (plainBetween with the tags written
// out: compared with constants, they are two loads, not two calls.)
func plainValue(b []byte, noCR bool) (v []byte, n int, ok bool) {
	const open, end = "<v>", "</v></c>"
	if len(b) < len(open)+len(end) || string(b[:len(open)]) != open {
		return nil, 0, false
	}
	j := len(open)
	for j < len(b) && b[j]-'0' < 10 {
		j++ // digits, the text of most cells: a number, a shared string's index
	}
	if j < len(b) && b[j] != '<' {
		j = plainText(b, j, noCR)
	}
	if j < 0 || len(b)-j < len(end) || string(b[j:j+len(end)]) != end {
		return nil, 0, false
	}
	return b[len(open):j], j + len(end), true
}

// plainBetween reads open + TEXT + end at the start of b, TEXT holding no
// '<', no entity and no CR when noCR: TEXT and the bytes taken; ok false
// when b does not start so.
func plainBetween(b []byte, open, end string, noCR bool) (text []byte, n int, ok bool) {
	if len(b) < len(open)+len(end) || string(b[:len(open)]) != open {
		return nil, 0, false
	}
	j := plainText(b, len(open), noCR)
	if j < 0 || len(b)-j < len(end) || string(b[j:j+len(end)]) != end {
		return nil, 0, false
	}
	return b[len(open):j], j + len(end), true
}

// plainText is the index of the first '<' of b from j on (len(b) when
// none), or -1 when an '&' (or a CR when noCR) comes before. Texts are
// short: one plain loop beats three vector searches.
func plainText(b []byte, j int, noCR bool) int {
	for ; j < len(b); j++ {
		c := b[j]
		if c == '<' {
			break
		}
		if c == '&' || c == '\r' && noCR {
			return -1
		}
	}
	return j
}
