package grid

// The OpenDocument spreadsheet source (.ods, LibreOffice's own format):
// content.xml read in one pass of rawxlsx's XML tokenizer, within the zip
// limits of an xlsx. The tokenizer rather than encoding/xml: the same
// limits, DTD refusal and entity rules as every other part bhxh reads, and
// no allocation per token over a content.xml of millions of cells.
//
// An .ods states repetition instead of writing cells out: a row of
// table:number-rows-repeated="1048560", a cell of
// table:number-columns-repeated="16374", adjacent equal values as one cell
// repeated. The sheet keeps those runs as runs (a lookup is two binary
// searches), so memory follows the size of the XML, and bounds the cells
// the runs stand for (maxODSCells): a few bytes cannot make a sheet of a
// billion values.

import (
	"archive/zip"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
	"github.com/bhxh/bhxh/xlsxio/readerr"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// Bounds of what the repeat attributes of one .ods may stand for: the
// values of a full 1,048,576-row list of 16 columns, and as many merged
// ranges as a sheet of real reports could hold.
const (
	maxODSCells  = 1 << 24
	maxODSMerges = 1 << 16
)

const odsMime = "application/vnd.oasis.opendocument.spreadsheet"

// isODF reports an OpenDocument package as the specification lays it out:
// the uncompressed "mimetype" entry first, its content right after the
// local header.
func isODF(data []byte) bool {
	return len(data) > 38 && string(data[30:38]) == "mimetype" &&
		strings.HasPrefix(string(data[38:min(len(data), 38+80)]), "application/vnd.oasis.opendocument")
}

// odfMime is the mimetype entry of a zip ("" when none).
func odfMime(zr *zip.Reader) string {
	for _, f := range zr.File {
		if f.Name != "mimetype" || f.UncompressedSize64 > 200 {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return ""
		}
		b := make([]byte, 200)
		n, _ := rc.Read(b)
		rc.Close()
		return strings.TrimSpace(string(b[:n]))
	}
	return ""
}

type odsBook struct {
	sheets []*odsSheet
	infos  []SheetInfo
	active int
}

// openODS reads an OpenDocument spreadsheet whose zip directory passed
// CheckZip.
func openODS(zr *zip.Reader, file string) (*odsBook, error) {
	mime := odfMime(zr)
	if !strings.HasPrefix(mime, odsMime) {
		what := msg.Sprintf("an OpenDocument file that is not a spreadsheet", "tệp OpenDocument không phải bảng tính")
		if mime == "" {
			what = msg.Sprintf("a zip that is neither an xlsx nor an .ods", "tệp zip không phải xlsx cũng không phải .ods")
		}
		return nil, &readerr.FileError{File: file, Err: msg.Errorf("%w: %s", "%w: %s", readerr.ErrNotWorkbook, what)}
	}
	pk := rawxlsx.NewPackage(zr, file, rawxlsx.WholeLimits)
	zf := pk.Part("content.xml")
	if zf == nil {
		return nil, &readerr.FileError{File: file, Err: msg.Errorf("%w: an .ods without content.xml", "%w: tệp .ods không có content.xml", readerr.ErrNotWorkbook)}
	}
	x, err := pk.ReadXMLPart(zf)
	if err != nil {
		return nil, err
	}
	p := &odsParser{x: x, file: file, tableStyles: map[string]bool{}, cellStyles: map[string]odsCellStyle{}, numStyles: map[string]int{}}
	if err := p.parse(); err != nil {
		var fe *readerr.FileError
		if errors.As(err, &fe) {
			return nil, err
		}
		return nil, &readerr.FileError{File: file, Err: msg.Errorf("content.xml: %w", "content.xml: %w", err)}
	}
	b := &odsBook{sheets: p.sheets}
	for _, s := range p.sheets {
		b.infos = append(b.infos, SheetInfo{Name: s.name, Visibility: s.vis})
	}
	if zs := pk.Part("settings.xml"); zs != nil {
		if name := activeTable(pk, zs); name != "" {
			for i, s := range p.sheets {
				if s.name == name {
					b.active = i
				}
			}
		}
	}
	return b, nil
}

func (b *odsBook) Sheets() []SheetInfo { return b.infos }
func (b *odsBook) Active() int         { return b.active }
func (b *odsBook) Close() error        { return nil }
func (b *odsBook) Sheet(i int) (Sheet, error) {
	if i < 0 || i >= len(b.sheets) {
		return nil, msg.Errorf("no sheet %d", "không có trang tính %d", i+1)
	}
	return b.sheets[i], nil
}

// activeTable is the sheet settings.xml says was shown when the file was
// saved (config item ActiveTable); "" when it does not say or cannot be
// read (the first sheet then).
func activeTable(pk *rawxlsx.Package, zf *zip.File) string {
	x, err := pk.ReadXMLPart(zf)
	if err != nil {
		return ""
	}
	in := false
	for {
		tok, err := x.Next()
		if err != nil || tok == rawxlsx.XMLEOF {
			return ""
		}
		switch {
		case tok == rawxlsx.XMLStart && x.Is("config:config-item"):
			name, _, _ := x.Attr("config:name")
			in = name == "ActiveTable" && !x.SelfClosing()
		case tok == rawxlsx.XMLText && in:
			return vntext.NFC(string(x.Text()))
		case tok == rawxlsx.XMLEnd:
			in = false
		}
	}
}

// odsCellRun is one stored cell repeated n times from column c0.
type odsCellRun struct {
	c0, n   int
	cell    Cell
	formula string
}

// odsRowRun is one stored row repeated n times from row r0, its cells.
type odsRowRun struct {
	r0, n int
	cells []odsCellRun
}

type span struct{ lo, hi int } // inclusive

type odsSheet struct {
	name         string
	vis          Visibility
	rows         []odsRowRun // ascending, only rows holding a value
	nrows, ncols int
	merges       []Merge
	hiddenRows   []span
	hiddenCols   []span
}

func (s *odsSheet) Name() string     { return s.name }
func (s *odsSheet) Size() (int, int) { return s.nrows, s.ncols }
func (s *odsSheet) Merges() []Merge  { return s.merges }

func (s *odsSheet) run(r, c int) *odsCellRun {
	i := sort.Search(len(s.rows), func(i int) bool { return s.rows[i].r0+s.rows[i].n > r })
	if i == len(s.rows) || s.rows[i].r0 > r {
		return nil
	}
	cells := s.rows[i].cells
	j := sort.Search(len(cells), func(j int) bool { return cells[j].c0+cells[j].n > c })
	if j == len(cells) || cells[j].c0 > c {
		return nil
	}
	return &cells[j]
}

func (s *odsSheet) Cell(r, c int) Cell {
	if run := s.run(r, c); run != nil {
		return run.cell
	}
	return empty
}

// Formula is the cell's formula in OpenFormula syntax without its "of:="
// ("SUM([.D5:.D10])"); a merged cell's is its range's first cell's.
func (s *odsSheet) Formula(r, c int) string {
	for _, m := range s.merges {
		if m.Contains(r, c) {
			r, c = m.R0, m.C0
			break
		}
	}
	if run := s.run(r, c); run != nil {
		return run.formula
	}
	return ""
}

// Eval: an .ods formula saved without its value is not computed (bhxh
// evaluates Excel's formula language, not OpenFormula).
func (s *odsSheet) Eval(r, c int) (Cell, error) {
	return Cell{}, msg.Errorf("%w: an .ods formula saved without its value (open the file in LibreOffice and save it again)",
		"%w: công thức trong tệp .ods được lưu mà không có giá trị (hãy mở tệp trong LibreOffice rồi lưu lại)", ErrFormula)
}

func (s *odsSheet) RowHidden(r int) bool { return inSpans(s.hiddenRows, r) }
func (s *odsSheet) ColHidden(c int) bool { return inSpans(s.hiddenCols, c) }

func inSpans(ss []span, i int) bool {
	for _, sp := range ss {
		if sp.lo <= i && i <= sp.hi {
			return true
		}
	}
	return false
}

// odsCellStyle is what a table-cell style says that bhxh needs.
type odsCellStyle struct {
	dataStyle, font string
}

// odsParser reads content.xml: the automatic styles (hidden sheets, cell
// fonts, decimals of number formats), then each table.
type odsParser struct {
	x           *rawxlsx.XMLReader
	file        string
	sheets      []*odsSheet
	tableStyles map[string]bool // table style → hidden (table:display="false")
	cellStyles  map[string]odsCellStyle
	numStyles   map[string]int // data style → decimals shown
	cells       int            // values the runs stand for, all sheets
	merges      int

	// the style being read
	style, family string
	numStyle      string

	// the table being read
	sheet     *odsSheet
	row       int // the current row's first index
	rowRepeat int
	rowHidden bool
	rowCells  []odsCellRun
	col       int
}

func (p *odsParser) attr(name string) (string, error) {
	v, _, err := p.x.Attr(name)
	return v, err
}

// repeat reads a repeat attribute: 1 when absent; a value that is no
// positive number is an error.
func (p *odsParser) repeat(name string) (int, error) {
	v, ok, err := p.x.Attr(name)
	if err != nil || !ok {
		return 1, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%w: %s=%q", readerr.ErrBadXML, name, v)
	}
	return min(n, rawxlsx.MaxRow), nil
}

func (p *odsParser) parse() error {
	for {
		tok, err := p.x.Next()
		if err != nil {
			return err
		}
		switch tok {
		case rawxlsx.XMLEOF:
			if p.sheet != nil {
				return msg.Errorf("%w: unexpected end inside a table", "%w: kết thúc đột ngột giữa một bảng", readerr.ErrBadXML)
			}
			return nil
		case rawxlsx.XMLEnd:
			if err := p.end(); err != nil {
				return err
			}
		case rawxlsx.XMLStart:
			if p.sheet != nil && (p.x.Is("table:table-cell") || p.x.Is("table:covered-table-cell")) {
				// read up to its end tag
				if err := p.cell(); err != nil {
					return err
				}
				continue
			}
			closes := p.x.SelfClosing()
			if err := p.start(); err != nil {
				return err
			}
			if closes {
				if err := p.end(); err != nil {
					return err
				}
			}
		}
	}
}

func (p *odsParser) start() error {
	x := p.x
	switch {
	case x.Is("style:style"):
		p.style, _ = p.attr("style:name")
		p.family, _ = p.attr("style:family")
		if p.family == "table-cell" {
			ds, err := p.attr("style:data-style-name")
			if err != nil {
				return err
			}
			p.cellStyles[p.style] = odsCellStyle{dataStyle: ds}
		}
	case x.Is("style:table-properties") && p.family == "table":
		if d, _ := p.attr("table:display"); d == "false" {
			p.tableStyles[p.style] = true
		}
	case x.Is("style:text-properties") && p.family == "table-cell":
		if f, _ := p.attr("style:font-name"); f != "" {
			cs := p.cellStyles[p.style]
			cs.font = f
			p.cellStyles[p.style] = cs
		}
	case x.Is("number:number-style"), x.Is("number:percentage-style"), x.Is("number:currency-style"):
		p.numStyle, _ = p.attr("style:name")
	case x.Is("number:number") && p.numStyle != "":
		if d, ok, _ := x.Attr("number:decimal-places"); ok {
			if n, err := strconv.Atoi(d); err == nil && n >= 0 && n <= 30 {
				p.numStyles[p.numStyle] = n
			}
		}
	case x.Is("table:table"):
		if p.sheet != nil {
			return msg.Errorf("%w: a table inside a table", "%w: một bảng nằm trong một bảng", readerr.ErrBadXML)
		}
		name, err := p.attr("table:name")
		if err != nil {
			return err
		}
		st, _ := p.attr("table:style-name")
		p.sheet = &odsSheet{name: vntext.NFC(name)}
		if p.tableStyles[st] {
			p.sheet.vis = Hidden
		}
		p.row, p.col = 0, 0
	case p.sheet == nil:
	case x.Is("table:table-column"):
		n, err := p.repeat("table:number-columns-repeated")
		if err != nil {
			return err
		}
		if v, _ := p.attr("table:visibility"); v == "collapsed" || v == "filter" {
			p.sheet.hiddenCols = addSpan(p.sheet.hiddenCols, p.col, p.col+n-1)
		}
		p.col += n
	case x.Is("table:table-row"):
		n, err := p.repeat("table:number-rows-repeated")
		if err != nil {
			return err
		}
		v, _ := p.attr("table:visibility")
		p.rowRepeat, p.rowHidden, p.rowCells, p.col = n, v == "collapsed" || v == "filter", nil, 0
	}
	return nil
}

func addSpan(ss []span, lo, hi int) []span {
	if n := len(ss); n > 0 && ss[n-1].hi+1 == lo {
		ss[n-1].hi = hi
		return ss
	}
	return append(ss, span{lo, hi})
}

func (p *odsParser) end() error {
	x := p.x
	switch {
	case x.Is("style:style"):
		p.style, p.family = "", ""
	case x.Is("number:number-style"), x.Is("number:percentage-style"), x.Is("number:currency-style"):
		p.numStyle = ""
	case x.Is("table:table") && p.sheet != nil:
		p.sheet.nrows = 0
		for _, rr := range p.sheet.rows {
			p.sheet.nrows = rr.r0 + rr.n
			for _, c := range rr.cells {
				p.sheet.ncols = max(p.sheet.ncols, c.c0+c.n)
			}
		}
		p.sheets = append(p.sheets, p.sheet)
		p.sheet = nil
	case x.Is("table:table-row") && p.sheet != nil:
		return p.endRow()
	}
	return nil
}

// endRow keeps the row just read when it holds a value.
func (p *odsParser) endRow() error {
	s := p.sheet
	r0, n := p.row, p.rowRepeat
	p.row += n
	if p.rowHidden && r0 < rawxlsx.MaxRow {
		s.hiddenRows = addSpan(s.hiddenRows, r0, min(r0+n, rawxlsx.MaxRow)-1)
	}
	if len(p.rowCells) == 0 {
		return nil
	}
	if r0+n > rawxlsx.MaxRow {
		return msg.Errorf("sheet %q: row %d %w", "trang tính %q: dòng %d %w", s.name, min(r0+n, rawxlsx.MaxRow+1), readerr.ErrCellRange)
	}
	per := 0
	for _, c := range p.rowCells {
		per += c.n
	}
	p.cells += per * n
	if p.cells > maxODSCells {
		return msg.Errorf("%w: its repeated cells stand for more than %d values", "%w: các ô lặp lại của nó tương ứng với hơn %d giá trị", readerr.ErrTooBig, maxODSCells)
	}
	s.rows = append(s.rows, odsRowRun{r0: r0, n: n, cells: p.rowCells})
	p.rowCells = nil
	return nil
}

// cell reads a table-cell (or a covered one, which only takes room) and
// its paragraphs, up to its end tag.
func (p *odsParser) cell() error {
	x := p.x
	n, err := p.repeat("table:number-columns-repeated")
	if err != nil {
		return err
	}
	c0 := p.col
	p.col += n
	covered := x.Is("table:covered-table-cell")
	var (
		vt, calc, value, formula, style string
		spanC, spanR                    = 1, 1
	)
	if !covered {
		for _, a := range []struct {
			name string
			dst  *string
		}{{"office:value-type", &vt}, {"calcext:value-type", &calc}, {"table:formula", &formula}, {"table:style-name", &style}} {
			if *a.dst, err = p.attr(a.name); err != nil {
				return err
			}
		}
		switch vt {
		case "float", "percentage", "currency":
			value, err = p.attr("office:value")
		case "date":
			value, err = p.attr("office:date-value")
		case "boolean":
			value, err = p.attr("office:boolean-value")
		case "string":
			value, err = p.attr("office:string-value")
		}
		if err != nil {
			return err
		}
		if spanC, err = p.repeat("table:number-columns-spanned"); err != nil {
			return err
		}
		if spanR, err = p.repeat("table:number-rows-spanned"); err != nil {
			return err
		}
	}
	text, err := p.paragraphs()
	if err != nil {
		return err
	}
	if covered {
		return nil // its content, if any, is hidden under the merge
	}
	if spanC > 1 || spanR > 1 {
		for k := 0; k < p.rowRepeat; k++ {
			for i := 0; i < n; i++ {
				if p.merges++; p.merges > maxODSMerges {
					return msg.Errorf("%w: more than %d merged ranges", "%w: hơn %d vùng ô gộp", readerr.ErrTooBig, maxODSMerges)
				}
				r, c := p.row+k, c0+i
				if r >= rawxlsx.MaxRow || c >= rawxlsx.MaxCol {
					continue
				}
				p.sheet.merges = append(p.sheet.merges, Merge{R0: r, C0: c, R1: min(r+spanR, rawxlsx.MaxRow) - 1, C1: min(c+spanC, rawxlsx.MaxCol) - 1})
			}
		}
	}
	cl := p.value(vt, calc, value, formula, style, text)
	if cl.Kind == Empty {
		return nil
	}
	if c0+n > rawxlsx.MaxCol {
		return msg.Errorf("sheet %q: row %d: column %d %w", "trang tính %q: dòng %d: cột %d %w", p.sheet.name, p.row+1, min(c0+n, rawxlsx.MaxCol+1), readerr.ErrCellRange)
	}
	p.rowCells = append(p.rowCells, odsCellRun{c0: c0, n: n, cell: cl, formula: odsFormula(formula)})
	return nil
}

// odsFormula is a table:formula without its namespace and "=":
// "of:=SUM([.D5:.D10])" → "SUM([.D5:.D10])".
func odsFormula(f string) string {
	if i := strings.IndexByte(f, ':'); i >= 0 && i < strings.IndexByte(f+"=", '=') {
		f = f[i+1:]
	}
	return strings.TrimSpace(strings.TrimPrefix(f, "="))
}

// value makes the cell from what its attributes and text say.
func (p *odsParser) value(vt, calc, value, formula, style, text string) Cell {
	cs := p.cellStyles[style]
	dec, ok := p.numStyles[cs.dataStyle]
	if !ok {
		dec = -1
	}
	switch {
	case calc == "error":
		return Cell{Kind: Error, Text: strings.TrimSpace(text), Decimals: -1}
	case vt == "float" || vt == "currency" || vt == "percentage":
		v := strings.TrimSpace(value)
		return Cell{Kind: Number, Text: v, Raw: v, Decimals: dec, Percent: vt == "percentage"}
	case vt == "date":
		v := strings.TrimSpace(value)
		return Cell{Kind: Number, Text: v, Raw: v, Decimals: -1, Date: true}
	case vt == "boolean":
		b := "0"
		if value == "true" {
			b = "1"
		}
		return Cell{Kind: Bool, Text: b, Decimals: -1}
	case vt == "string" && value != "":
		text = value
	case vt == "" && odsFormula(formula) != "":
		return Cell{Kind: Formula, Text: "=" + odsFormula(formula), Decimals: dec}
	}
	if strings.TrimSpace(text) == "" {
		return empty
	}
	return Cell{Kind: Text, Text: vntext.NFC(vntext.DecodeLegacy(text, cs.font)), Decimals: -1}
}

// paragraphs reads a cell's content up to its end tag: the text of its
// paragraphs (text:p), one per line, with text:s spaces, tabs and line
// breaks; comments (office:annotation) and drawings are not its value.
func (p *odsParser) paragraphs() (string, error) {
	x := p.x
	if x.SelfClosing() {
		return "", nil
	}
	var b strings.Builder
	depth, skip, paras := 1, 0, 0
	limit := rawxlsx.DefaultLimits.MaxCellBytes
	for depth > 0 {
		tok, err := x.Next()
		if err != nil {
			return "", err
		}
		switch tok {
		case rawxlsx.XMLEOF:
			return "", msg.Errorf("%w: unexpected end inside a cell", "%w: kết thúc đột ngột giữa một ô", readerr.ErrBadXML)
		case rawxlsx.XMLStart:
			if x.Is("table:table-cell") || x.Is("table:table-row") || x.Is("table:table") {
				return "", msg.Errorf("%w: <%s> inside a cell", "%w: thẻ <%s> nằm trong một ô", readerr.ErrBadXML, x.Name())
			}
			closes := x.SelfClosing()
			if !closes {
				depth++
			}
			switch {
			case skip > 0:
				if !closes {
					skip++
				}
			case x.Is("office:annotation") || strings.HasPrefix(string(x.Name()), "draw:"):
				if !closes {
					skip = 1
				}
			case x.Is("text:p") || x.Is("text:h"):
				if paras > 0 {
					b.WriteByte('\n')
				}
				paras++
			case x.Is("text:s"):
				n, err := p.repeat("text:c")
				if err != nil {
					return "", err
				}
				b.WriteString(strings.Repeat(" ", min(n, limit)))
			case x.Is("text:tab"):
				b.WriteByte('\t')
			case x.Is("text:line-break"):
				b.WriteByte('\n')
			}
		case rawxlsx.XMLEnd:
			depth--
			if skip > 0 {
				skip--
			}
		case rawxlsx.XMLText:
			if skip == 0 && depth > 1 {
				b.Write(x.Text())
			}
		}
		if b.Len() > limit {
			return "", msg.Errorf("%w: a cell of more than %d bytes", "%w: một ô dài hơn %d byte", readerr.ErrTooBig, limit)
		}
	}
	return b.String(), nil
}
