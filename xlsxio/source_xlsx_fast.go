package xlsxio

// The fast xlsx source: a plain workbook's sheet is read in one pass of the
// sheet scanner's tokenizer (values, types, styles, formula marks, merges),
// the styles from styles.xml once, and excelize is opened only when a sheet
// or a cell needs it: a formula without a cached value (excelize resolves
// shared formulas and computes), or a sheet outside the plain shape checked
// here (rows or cells out of order, overlapping merges, another encoding…),
// which excelize then reads exactly as before. Each answer is the one the
// excelize path (source_xlsx.go) gives; source_xlsx_fast_test.go compares
// the two on every fixture.

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

const relOfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

type fastBook struct {
	data   []byte
	file   string
	pk     *pkg
	exact  map[string]*zip.File
	names  []string
	parts  []string // each sheet's part; "" lets excelize read the sheet
	sst    *sharedStrings
	sstStr []string // decoded shared strings, filled on use
	sstSet []bool
	styles []styleInfo // by cellXfs index
	ex     *xlsxBook   // excelize, opened on first need
	exErr  error
}

// openFast opens a plain, unencrypted workbook; nil means "let excelize do
// it" (anything unusual, including every error: excelize words those).
func openFast(data []byte, zr *zip.Reader, file string) *fastBook {
	lim := DefaultScanLimits
	lim.MaxPartBytes = maxPartBytes
	lim.MaxSharedBytes = maxPartBytes
	lim.MaxMetaBytes = maxPartBytes
	b := &fastBook{data: data, file: file, exact: map[string]*zip.File{}}
	b.pk = &pkg{name: file, lim: lim, files: map[string]*zip.File{}, normCR: true}
	for _, zf := range zr.File {
		low := strings.ToLower(zf.Name)
		if b.pk.files[low] != nil {
			return nil // names differing only in case: excelize's business
		}
		b.pk.files[low] = zf
		b.exact[zf.Name] = zf
	}
	var root xmlRels
	if ok, err := b.pk.readMeta("_rels/.rels", &root); !ok || err != nil {
		return nil
	}
	wbPath := ""
	for _, r := range root.Rels {
		if r.Type == relOfficeDocument {
			wbPath = strings.TrimPrefix(r.Target, "/")
			break
		}
	}
	if wbPath != "xl/workbook.xml" || b.exact[wbPath] == nil {
		return nil
	}
	var wb xmlWorkbook
	if ok, err := b.pk.readMeta(wbPath, &wb); !ok || err != nil {
		return nil
	}
	var rels xmlRels
	if ok, err := b.pk.readMeta("xl/_rels/workbook.xml.rels", &rels); !ok || err != nil || b.exact["xl/_rels/workbook.xml.rels"] == nil {
		return nil
	}
	seen := map[string]int{}
	for i, s := range wb.Sheets {
		b.names = append(b.names, s.Name)
		part := ""
		for _, r := range rels.Rels {
			if r.ID != s.RID {
				continue
			}
			p := strings.TrimPrefix(path.Clean("xl/"+r.Target), "/")
			if strings.HasPrefix(r.Target, "/") {
				p = strings.TrimPrefix(path.Clean(r.Target), "/")
			}
			if b.exact[p] != nil {
				part = p
			}
		}
		if !strings.HasPrefix(part, "xl/worksheets/") || strings.ContainsAny(part, "\\") {
			part = ""
		}
		key := strings.ToLower(s.Name)
		if j, dup := seen[key]; dup {
			b.parts[j], part = "", ""
		}
		seen[key] = i
		b.parts = append(b.parts, part)
	}
	if b.exact["xl/sharedStrings.xml"] != nil {
		zf := b.exact["xl/sharedStrings.xml"]
		data := readPart(zf)
		if data == nil {
			return nil
		}
		sst, err := b.pk.parseSharedStrings(&tokenizer{buf: data, srcEnd: true}, zf)
		if err != nil {
			return nil
		}
		b.sst = sst
		n := len(sst.offs) - 1
		b.sstStr, b.sstSet = make([]string, n), make([]bool, n)
	} else if b.pk.files["xl/sharedstrings.xml"] != nil {
		return nil
	}
	if !b.readStyles() {
		return nil
	}
	return b
}

// readStyles reads what GetStyle would give for each cell format: the font
// family and the number format's decimals and percent.
func (b *fastBook) readStyles() bool {
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Fonts []struct {
			Name *struct {
				Val *string `xml:"val,attr"`
			} `xml:"name"`
		} `xml:"fonts>font"`
		Xfs []struct {
			NumFmtID  *int  `xml:"numFmtId,attr"`
			FontID    *int  `xml:"fontId,attr"`
			ApplyFont *bool `xml:"applyFont,attr"`
		} `xml:"cellXfs>xf"`
	}
	if b.exact["xl/styles.xml"] == nil {
		return b.pk.files["xl/styles.xml"] == nil
	}
	if ok, err := b.pk.readMeta("xl/styles.xml", &st); !ok || err != nil {
		return false
	}
	b.styles = make([]styleInfo, len(st.Xfs))
	for i, xf := range st.Xfs {
		si := styleInfo{decimals: -1}
		if (xf.ApplyFont == nil || *xf.ApplyFont) && xf.FontID != nil && *xf.FontID >= 0 && *xf.FontID < len(st.Fonts) {
			if n := st.Fonts[*xf.FontID].Name; n != nil && n.Val != nil {
				si.font = *n.Val
			}
		}
		code := "General"
		if xf.NumFmtID != nil {
			id := *xf.NumFmtID
			if isBuiltinNumFmt(id) {
				code = builtinFormat(id)
			} else {
				for _, nf := range st.NumFmts {
					if nf.ID == id {
						code = nf.Code
					}
				}
			}
		}
		si.decimals, si.percent = formatDecimals(code)
		b.styles[i] = si
	}
	return true
}

// isBuiltinNumFmt: the ids excelize takes as built-in formats (its own code
// table and the language-dependent ranges), whatever numFmts says.
func isBuiltinNumFmt(id int) bool {
	return (0 <= id && id <= 4) || (9 <= id && id <= 22) || (37 <= id && id <= 49) ||
		(27 <= id && id <= 36) || (50 <= id && id <= 62) || (67 <= id && id <= 81)
}

func (b *fastBook) Sheets() []string { return b.names }

func (b *fastBook) Close() error {
	if b.ex != nil {
		return b.ex.Close()
	}
	return nil
}

// excel opens the workbook with excelize, once.
func (b *fastBook) excel() (*xlsxBook, error) {
	if b.ex == nil && b.exErr == nil {
		b.ex, b.exErr = openExcelize(b.data, b.file, "")
	}
	return b.ex, b.exErr
}

func (b *fastBook) Sheet(i int) (sheetSource, error) {
	if b.parts[i] != "" {
		if s := b.scanSheet(i); s != nil {
			return s, nil
		}
	}
	ex, err := b.excel()
	if err != nil {
		return nil, err
	}
	return ex.Sheet(i)
}

func (b *fastBook) shared(i int) string {
	if i < 0 || i >= len(b.sstStr) {
		return ""
	}
	if !b.sstSet[i] {
		v, _ := b.sst.get(i)
		b.sstStr[i], b.sstSet[i] = bstrDecode(v), true
	}
	return b.sstStr[i]
}

// bstrDecode undoes the _xHHHH_ escapes of OOXML strings as excelize does
// ("_x005F_" is "_"; an escape of no valid character is dropped).
func bstrDecode(v []byte) string {
	if !bytes.Contains(v, []byte("_x")) {
		return string(v)
	}
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); {
		if v[i] == '_' && i+7 <= len(v) && v[i+1] == 'x' && v[i+6] == '_' && isHex4(v[i+2:i+6]) {
			h := string(v[i+2 : i+6])
			if h == "005F" {
				out = append(out, '_')
			} else if r, err := strconv.ParseUint(h, 16, 32); err == nil && utf8.ValidRune(rune(r)) {
				out = utf8.AppendRune(out, rune(r))
			}
			i += 7
			continue
		}
		out = append(out, v[i])
		i++
	}
	return string(out)
}

func isHex4(h []byte) bool {
	for _, c := range h {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// normalizeCR turns CRLF and lone CR into LF, as encoding/xml does with
// character data.
func normalizeCR(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\r' {
			out = append(out, '\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			continue
		}
		out = append(out, b[i])
	}
	return out
}

// cellMeta is what a stored <c> says besides its value.
type cellMeta struct {
	col   int32
	style int32
	typ   byte // cellType's letter
	hasF  bool
}

type fastRow struct {
	vals  []string   // as excelize's row iterator gives them (raw values, padded)
	meta  []cellMeta // every stored cell, ascending columns
	style int
	dec   []cell // decoded cells, by column below len(vals), once asked for
	got   []bool
}

type colStyle struct{ min, max, style int }

type fastSheet struct {
	b      *fastBook
	idx    int
	name   string
	rows   map[int]*fastRow // 0-based row
	nrows  int
	cols   int
	colSty []colStyle
	merges []mergeRange
	cells  map[int64]cell // decoded cells right of a row's last value
	slow   *xlsxSheet     // excelize's view, for formulas without a cached value
}

var errNotPlain = errors.New("not a plain sheet")

// scanSheet reads sheet i in one pass; nil when the sheet is not plain.
func (b *fastBook) scanSheet(i int) *fastSheet {
	data := readPart(b.exact[b.parts[i]])
	if data == nil || !utf8Declared(data) {
		return nil
	}
	s := &fastSheet{b: b, idx: i, name: b.names[i], rows: map[int]*fastRow{}, cells: map[int64]cell{}}
	if err := s.scan(data); err != nil {
		return nil
	}
	return s
}

// readPart inflates a part whole, within the part limit; nil on any
// failure (excelize then reads the file and words the error).
func readPart(zf *zip.File) []byte {
	if zf.UncompressedSize64 > maxPartBytes {
		return nil
	}
	rc, err := zf.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	data := make([]byte, 0, zf.UncompressedSize64+1)
	for {
		n, err := rc.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data
		}
		if err != nil || len(data) > maxPartBytes {
			return nil
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// utf8Declared: the XML declaration names no encoding other than UTF-8.
func utf8Declared(data []byte) bool {
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return !bytes.HasPrefix(data, []byte("\xef\xbb\xbf<?xml")) || utf8Declared(data[3:])
	}
	end := bytes.Index(data, []byte("?>"))
	if end < 0 {
		return false
	}
	decl := data[:end]
	k := bytes.Index(decl, []byte("encoding"))
	if k < 0 {
		return true
	}
	rest := bytes.TrimLeft(decl[k+len("encoding"):], " \t\r\n=")
	if len(rest) == 0 {
		return false
	}
	rest = bytes.Trim(rest[1:], " \t\r\n")
	q := bytes.IndexAny(rest, `"'`)
	if q < 0 {
		return false
	}
	enc := strings.ToLower(string(rest[:q]))
	return enc == "utf-8" || enc == "utf8"
}

// attrInt reads a non-negative decimal attribute (no spaces: a plain file
// writes none).
func attrInt(v []byte) (int, bool) { return digitsInt(v) }

// attrsN reads the attributes named in names (local names) into vals.
func attrsN(raw []byte, names []string, vals [][]byte) error {
	for i := range vals {
		vals[i] = nil
	}
	for i := 0; ; {
		name, val, next, done, bad := nextAttr(raw, i)
		if done {
			return nil
		}
		if bad {
			return errNotPlain
		}
		i = next
		if bytes.IndexByte(name, ':') >= 0 {
			continue // a prefixed attribute (xr:uid, x14ac:dyDescent) is none of ours
		}
		for j, n := range names {
			if string(name) == n {
				if vals[j] != nil || bytes.IndexByte(val, '&') >= 0 {
					return errNotPlain
				}
				vals[j] = val
			}
		}
	}
}

func (s *fastSheet) scan(data []byte) error {
	t := &tokenizer{buf: data, srcEnd: true}
	var (
		av                    = make([][]byte, 3)
		inData, inRow, inCell bool
		inIS, capV, capT      bool
		inCols, inMerges      bool
		rph                   int
		lastRow               = 0
		row                   *fastRow
		rowNum                int
		col, lastCol          int
		typ                   byte
		style                 int
		hasF, hasIS           bool
		vbuf, tbuf            []byte
		mergeRefs             [][]byte
		sawData               bool
	)
	endCell := func() {
		var val string
		switch typ {
		case 's':
			if len(vbuf) > 0 {
				i, ok := atoiBytes(vbuf)
				if !ok {
					i = 0
				}
				val = s.b.shared(i)
			}
		case 'i':
			if hasIS {
				val = bstrDecode(tbuf)
			} else {
				val = string(vbuf)
			}
		default:
			val = string(vbuf)
		}
		if val != "" || hasF {
			for len(row.vals) < col {
				row.vals = append(row.vals, "")
			}
			row.vals = append(row.vals, val)
		}
		row.meta = append(row.meta, cellMeta{col: int32(col), style: int32(style), typ: typ, hasF: hasF})
		inCell = false
	}
	for {
		k, err := t.next()
		if err != nil {
			return err
		}
		switch k {
		case tokEOF:
			if !sawData || inRow || inCell {
				return errNotPlain
			}
			return s.finish(mergeRefs)
		case tokStart:
			name := string(t.name)
			switch {
			case inCell:
				switch name {
				case "v":
					capV = !t.selfClose && !inIS
				case "f":
					hasF = true
				case "is":
					inIS, hasIS = !t.selfClose, true
				case "t":
					capT = inIS && rph == 0 && !t.selfClose
				case "rPh":
					if inIS && !t.selfClose {
						rph++
					}
				}
			case inRow:
				if name != "c" {
					continue
				}
				if err := attrsN(t.attrs, []string{"r", "s", "t"}, av); err != nil {
					return err
				}
				c, r, ok := parseRef(av[0])
				if !ok || c <= lastCol || r != rowNum {
					return errNotPlain
				}
				col, lastCol = c, c
				style = 0
				if av[1] != nil {
					if style, ok = attrInt(av[1]); !ok {
						return errNotPlain
					}
				}
				if typ = cellType(av[2]); typ == 0 {
					return errNotPlain
				}
				vbuf, tbuf = vbuf[:0], tbuf[:0]
				hasF, hasIS, inIS, capV, capT, rph = false, false, false, false, false, 0
				inCell = true
				if t.selfClose {
					endCell()
				}
			case inData:
				if name != "row" {
					continue
				}
				if err := attrsN(t.attrs, []string{"r", "s"}, av[:2]); err != nil {
					return err
				}
				n, ok := attrInt(av[0])
				if !ok || n <= lastRow || n > maxRow {
					return errNotPlain
				}
				rowNum, lastRow, lastCol = n, n, -1
				row = &fastRow{}
				if av[1] != nil {
					if row.style, ok = attrInt(av[1]); !ok {
						return errNotPlain
					}
				}
				inRow = !t.selfClose
				if inRow || row.style != 0 {
					s.rows[n-1] = row
				}
			case inCols:
				if name == "col" {
					if err := attrsN(t.attrs, []string{"min", "max", "style"}, av); err != nil {
						return err
					}
					var cs colStyle
					var ok1, ok2, ok3 = true, true, true
					cs.min, ok1 = attrInt(av[0])
					cs.max, ok2 = attrInt(av[1])
					if av[2] != nil {
						cs.style, ok3 = attrInt(av[2])
					}
					if av[0] == nil || av[1] == nil || !ok1 || !ok2 || !ok3 {
						return errNotPlain
					}
					s.colSty = append(s.colSty, cs)
				}
			case inMerges:
				if name == "mergeCell" {
					if err := attrsN(t.attrs, []string{"ref"}, av[:1]); err != nil {
						return err
					}
					mergeRefs = append(mergeRefs, append([]byte(nil), av[0]...))
				}
			default:
				switch name {
				case "sheetData":
					if sawData {
						return errNotPlain
					}
					sawData, inData = true, !t.selfClose
				case "cols":
					inCols = !t.selfClose
				case "mergeCells":
					inMerges = !t.selfClose
				}
			}
		case tokEnd:
			switch string(t.name) {
			case "c":
				if inCell {
					endCell()
				}
			case "v":
				capV = false
			case "t":
				capT = false
			case "rPh":
				if rph > 0 {
					rph--
				}
			case "is":
				inIS = false
			case "row":
				if inRow && !inCell {
					inRow = false
					if len(row.vals) > 0 {
						s.nrows = rowNum
						s.cols = max(s.cols, len(row.vals))
					}
				}
			case "sheetData":
				if inRow {
					return errNotPlain
				}
				inData = false
			case "cols":
				inCols = false
			case "mergeCells":
				inMerges = false
			}
		case tokText, tokCDATA:
			if !capV && !capT {
				continue
			}
			text := normalizeCR(t.text)
			var dst *[]byte = &vbuf
			if capT {
				dst = &tbuf
			}
			if k == tokCDATA {
				*dst = append(*dst, text...)
			} else if *dst, err = appendText(*dst, text); err != nil {
				return err
			}
		}
	}
}

// finish checks the merged ranges: each a plain "A1:B2", none overlapping
// another (excelize would join those).
func (s *fastSheet) finish(refs [][]byte) error {
	for _, ref := range refs {
		a, b, ok := bytes.Cut(ref, []byte(":"))
		if !ok {
			return errNotPlain
		}
		c0, r0, ok1 := parseRef(a)
		c1, r1, ok2 := parseRef(b)
		if !ok1 || !ok2 || c0 > c1 || r0 > r1 {
			return errNotPlain
		}
		m := mergeRange{r0 - 1, c0, r1 - 1, c1}
		for _, o := range s.merges {
			if m.r0 <= o.r1 && o.r0 <= m.r1 && m.c0 <= o.c1 && o.c0 <= m.c1 {
				return errNotPlain
			}
		}
		s.merges = append(s.merges, m)
	}
	return nil
}

func (s *fastSheet) Name() string         { return s.name }
func (s *fastSheet) Size() (int, int)     { return s.nrows, s.cols }
func (s *fastSheet) Merges() []mergeRange { return s.merges }

func (s *fastSheet) raw(r, c int) string {
	row := s.rows[r]
	if row == nil || c < 0 || c >= len(row.vals) {
		return ""
	}
	return row.vals[c]
}

// meta finds the stored cell at (r, c).
func (s *fastSheet) meta(r, c int) (cellMeta, bool) {
	row := s.rows[r]
	if row == nil {
		return cellMeta{}, false
	}
	lo, hi := 0, len(row.meta)
	for lo < hi {
		m := (lo + hi) / 2
		if int(row.meta[m].col) < c {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(row.meta) && int(row.meta[lo].col) == c {
		return row.meta[lo], true
	}
	return cellMeta{}, false
}

// styleOf is GetCellStyle then GetStyle: the cell's format, else its row's,
// else its column's.
func (s *fastSheet) styleOf(r, c int) styleInfo {
	id := 0
	if m, ok := s.meta(r, c); ok {
		id = int(m.style)
	}
	if id == 0 {
		if row := s.rows[r]; row != nil {
			id = row.style
		}
	}
	if id == 0 {
		for _, cs := range s.colSty {
			if cs.min <= c+1 && c+1 <= cs.max && cs.style != 0 {
				id = cs.style
				break
			}
		}
	}
	if id < 0 || id >= len(s.b.styles) {
		return styleInfo{decimals: -1}
	}
	return s.b.styles[id]
}

// anchor is where excelize looks up a cell's type and formula: the first
// cell of the merged range holding it.
func (s *fastSheet) anchor(r, c int) (int, int) {
	for _, m := range s.merges {
		if m.contains(r, c) {
			return m.r0, m.c0
		}
	}
	return r, c
}

func (s *fastSheet) Cell(r, c int) cell {
	row := s.rows[r]
	if row == nil || len(row.vals) == 0 || c < 0 {
		return cell{Kind: cellEmpty, Decimals: -1}
	}
	if c < len(row.vals) {
		if row.dec == nil {
			row.dec, row.got = make([]cell, len(row.vals)), make([]bool, len(row.vals))
		}
		if !row.got[c] {
			row.dec[c], row.got[c] = s.decode(r, c), true
		}
		return row.dec[c]
	}
	key := int64(r)<<16 | int64(c)
	if cl, ok := s.cells[key]; ok {
		return cl
	}
	cl := s.decode(r, c)
	s.cells[key] = cl
	return cl
}

func (s *fastSheet) decode(r, c int) cell {
	v := s.raw(r, c)
	ar, ac := s.anchor(r, c)
	m, _ := s.meta(ar, ac)
	if v == "" {
		if m.hasF {
			if sl := s.slowSheet(); sl != nil {
				return sl.decode(r, c)
			}
		}
		return cell{Kind: cellEmpty, Decimals: -1}
	}
	si := s.styleOf(r, c)
	switch m.typ {
	case 0, 'n', 'd':
		return cell{Kind: cellNumber, Text: v, Raw: v, Decimals: si.decimals, Percent: si.percent}
	case 'b', 'e':
		return cell{Kind: cellOther, Text: v, Decimals: -1}
	}
	return cell{Kind: cellText, Text: NFC(DecodeLegacy(v, si.font)), Decimals: -1}
}

// slowSheet is the sheet as excelize sees it, for formulas; nil if
// excelize cannot open the file.
func (s *fastSheet) slowSheet() *xlsxSheet {
	if s.slow == nil {
		ex, err := s.b.excel()
		if err != nil {
			return nil
		}
		s.slow = &xlsxSheet{f: ex.f, name: s.name, rows: map[int][]string{}, styles: map[int]styleInfo{}, cells: map[int64]cell{}}
	}
	return s.slow
}

func (s *fastSheet) Eval(r, c int) (cell, error) {
	sl := s.slowSheet()
	if sl == nil {
		_, err := s.b.excel()
		return cell{}, err
	}
	return sl.Eval(r, c)
}
