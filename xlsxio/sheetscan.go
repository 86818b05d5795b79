package xlsxio

// A streaming reader of one worksheet of an xlsx, for the one job excelize's
// row iterator does badly: participant lists of up to Excel's 1,048,576 rows.
// excelize's Rows spills the sheet XML to $TMPDIR and decodes it with
// encoding/xml; this reader inflates the sheet with archive/zip and scans its
// bytes for the handful of elements a cell value needs (<row>, <c r= t=>,
// <v>, <is><t>), in three goroutines: inflate ‖ scan ‖ the caller's callback.
// It never writes a file and never expands DTD entities (a DOCTYPE is refused).

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Sentinel errors of the sheet scanner.
var (
	ErrCellRange = errors.New("is beyond the last cell of a sheet (XFD1048576)")
	ErrBadXML    = errors.New("malformed sheet XML")
)

// ScanLimits bound what ScanSheet inflates and holds. A zero field takes its
// default (DefaultScanLimits).
type ScanLimits struct {
	MaxPartBytes     int64 // uncompressed XML of one part (sheet, shared strings)
	MaxRatio         int64 // uncompressed/compressed, checked once a part passes 16 MiB
	MaxMetaBytes     int64 // workbook.xml and .rels parts
	MaxSharedStrings int   // entries of the shared-strings table
	MaxSharedBytes   int64 // text held by the shared-strings table
	MaxCellBytes     int   // text of one cell (Excel's own limit is 32,767 characters)
}

// DefaultScanLimits: generous for real files (a full 1,048,576-row list of 7
// columns is ~450 MB of sheet XML, compressed ~10:1), tight against bombs.
var DefaultScanLimits = ScanLimits{
	MaxPartBytes:     4 << 30,
	MaxRatio:         200,
	MaxMetaBytes:     16 << 20,
	MaxSharedStrings: 1 << 24,
	MaxSharedBytes:   256 << 20,
	MaxCellBytes:     128 << 10,
}

const ratioCheckFrom = 16 << 20 // small parts may compress better than any ratio

func (l ScanLimits) withDefaults() ScanLimits {
	d := DefaultScanLimits
	if l.MaxPartBytes > 0 {
		d.MaxPartBytes = l.MaxPartBytes
	}
	if l.MaxRatio > 0 {
		d.MaxRatio = l.MaxRatio
	}
	if l.MaxMetaBytes > 0 {
		d.MaxMetaBytes = l.MaxMetaBytes
	}
	if l.MaxSharedStrings > 0 {
		d.MaxSharedStrings = l.MaxSharedStrings
	}
	if l.MaxSharedBytes > 0 {
		d.MaxSharedBytes = l.MaxSharedBytes
	}
	if l.MaxCellBytes > 0 {
		d.MaxCellBytes = l.MaxCellBytes
	}
	return d
}

// Cell is one non-empty cell as ScanSheet hands it over.
type Cell struct {
	Col int // 0-based column index (A = 0)
	// Type is the cell's t attribute reduced to one byte: 'n' number (or no
	// t), 's' shared string, 'i' inline string, 'f' formula string (t="str"),
	// 'b' boolean, 'e' error, 'd' ISO date.
	Type byte
	// Value is the text: shared strings resolved, entities decoded, a number
	// as written ("1.5E+3"). Valid only during the callback.
	Value []byte
}

// Row is one row that holds at least one non-empty cell.
type Row struct {
	Num   int    // 1-based
	Cells []Cell // in the order of the sheet (ascending columns in any sane file)
}

// SheetInfo says what ScanSheet read.
type SheetInfo struct {
	File  string // base name
	Sheet string
	Rows  int // rows handed to the callback
}

// CellName is "B12" for column 1 (0-based) and row 12.
func CellName(col, row int) string {
	return ColumnLetters(col) + strconv.Itoa(row)
}

// ColumnLetters is "A" for 0, "Z" for 25, "AA" for 26.
func ColumnLetters(col int) string {
	var b [8]byte
	i := len(b)
	for col >= 0 {
		i--
		b[i] = byte('A' + col%26)
		col = col/26 - 1
	}
	return string(b[i:])
}

// ScanSheet reads one worksheet of the xlsx at path (sheet: name, 1-based
// index, or "" for the first) and calls fn for each non-empty row, in order.
// fn's error stops the scan and is returned as is.
func ScanSheet(file, sheet string, lim ScanLimits, fn func(*Row) error) (SheetInfo, error) {
	f, err := os.Open(file)
	if err != nil {
		return SheetInfo{File: filepath.Base(file)}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return SheetInfo{File: filepath.Base(file)}, err
	}
	return ScanSheetReader(f, st.Size(), filepath.Base(file), sheet, lim, fn)
}

// ScanSheetReader is ScanSheet over an already open file; name is used in
// messages.
func ScanSheetReader(r io.ReaderAt, size int64, name, sheet string, lim ScanLimits, fn func(*Row) error) (SheetInfo, error) {
	lim = lim.withDefaults()
	info := SheetInfo{File: name}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		var head [8]byte
		if n, _ := r.ReadAt(head[:], 0); n == len(head) && !bytes.HasPrefix(head[:], []byte("PK")) {
			// Not a zip at all: a CSV or an old .xls, which this reader does not take.
			return info, &FileError{File: name, Err: fmt.Errorf("%w: not an .xlsx file (a CSV or .xls list is not read here): open it in Excel and save it as .xlsx", ErrNotWorkbook)}
		}
		return info, &FileError{File: name, Err: fmt.Errorf("%w: %v", ErrNotWorkbook, err)}
	}
	pk := pkg{name: name, lim: lim, files: map[string]*zip.File{}}
	for _, zf := range zr.File {
		pk.files[strings.ToLower(strings.TrimPrefix(zf.Name, "/"))] = zf
	}
	sheetName, sheetPath, sstPath, err := pk.locateSheet(sheet)
	if err != nil {
		return info, err
	}
	info.Sheet = sheetName
	var sst *sharedStrings
	if sstPath != "" {
		if sst, err = pk.readSharedStrings(sstPath); err != nil {
			return info, err
		}
	}
	zf := pk.files[strings.ToLower(sheetPath)]
	if zf == nil {
		return info, &FileError{File: name, Err: fmt.Errorf("%w: sheet %q has no part %s", ErrNotWorkbook, sheetName, sheetPath)}
	}
	n, err := pk.scanWorksheet(zf, sheetName, sst, fn)
	info.Rows = n
	return info, err
}

// pkg is an opened xlsx package.
type pkg struct {
	name  string
	lim   ScanLimits
	files map[string]*zip.File // by lower-cased name
	// normCR turns raw CR and CRLF in shared strings into LF, as
	// encoding/xml (and so excelize) does; `bhxh count` keeps them.
	normCR bool
}

func (p *pkg) errf(format string, a ...any) error {
	return &FileError{File: p.name, Err: fmt.Errorf("%w: "+format, append([]any{ErrNotWorkbook}, a...)...)}
}

// readMeta reads a small XML part into v with encoding/xml (not the hot path;
// encoding/xml knows only the predefined entities and never reads a DTD).
func (p *pkg) readMeta(name string, v any) (bool, error) {
	zf := p.files[strings.ToLower(name)]
	if zf == nil {
		return false, nil
	}
	if zf.UncompressedSize64 > uint64(p.lim.MaxMetaBytes) {
		return true, &FileError{File: p.name, Err: fmt.Errorf("%s %w", name, ErrTooBig)}
	}
	rc, err := zf.Open()
	if err != nil {
		return true, p.errf("%s: %v", name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, p.lim.MaxMetaBytes+1))
	if err != nil {
		return true, p.errf("%s: %v", name, err)
	}
	if int64(len(data)) > p.lim.MaxMetaBytes {
		return true, &FileError{File: p.name, Err: fmt.Errorf("%s %w", name, ErrTooBig)}
	}
	if bytes.Contains(data, []byte("<!DOCTYPE")) {
		return true, p.errf("%s declares a DTD", name)
	}
	if err := xml.Unmarshal(data, v); err != nil {
		return true, p.errf("%s: %v", name, err)
	}
	return true, nil
}

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

type xmlWorkbook struct {
	Sheets []struct {
		Name string `xml:"name,attr"`
		RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
}

// resolve turns a relationship target into a part name relative to the
// package root.
func resolve(base, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean(path.Join(path.Dir(base), target)), "/")
}

func relsOf(part string) string {
	return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
}

func (p *pkg) locateSheet(sheet string) (name, sheetPath, sstPath string, err error) {
	wbPath := "xl/workbook.xml"
	var root xmlRels
	if ok, err := p.readMeta("_rels/.rels", &root); err != nil {
		return "", "", "", err
	} else if ok {
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = resolve("", r.Target)
			}
		}
	}
	var wb xmlWorkbook
	if ok, err := p.readMeta(wbPath, &wb); err != nil {
		return "", "", "", err
	} else if !ok {
		return "", "", "", p.errf("no workbook part")
	}
	if len(wb.Sheets) == 0 {
		return "", "", "", p.errf("the workbook lists no sheet")
	}
	var rels xmlRels
	if _, err := p.readMeta(relsOf(wbPath), &rels); err != nil {
		return "", "", "", err
	}
	target := map[string]string{}
	sstPath = ""
	for _, r := range rels.Rels {
		target[r.ID] = resolve(wbPath, r.Target)
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			sstPath = resolve(wbPath, r.Target)
		}
	}
	if sstPath == "" && p.files["xl/sharedstrings.xml"] != nil {
		sstPath = "xl/sharedStrings.xml"
	}
	idx := -1
	switch {
	case sheet == "":
		idx = 0
	default:
		for i, s := range wb.Sheets {
			if s.Name == sheet {
				idx = i
			}
		}
		if idx < 0 {
			for i, s := range wb.Sheets {
				if strings.EqualFold(s.Name, sheet) {
					idx = i
				}
			}
		}
		if n, err := strconv.Atoi(sheet); idx < 0 && err == nil && n >= 1 && n <= len(wb.Sheets) {
			idx = n - 1
		}
	}
	if idx < 0 {
		names := make([]string, len(wb.Sheets))
		for i, s := range wb.Sheets {
			names[i] = fmt.Sprintf("%q", s.Name)
		}
		return "", "", "", &FileError{File: p.name, Err: fmt.Errorf("no sheet %q (sheets: %s)", sheet, strings.Join(names, ", "))}
	}
	s := wb.Sheets[idx]
	sheetPath = target[s.RID]
	if sheetPath == "" {
		// A workbook without rels: Excel's default layout.
		sheetPath = fmt.Sprintf("xl/worksheets/sheet%d.xml", idx+1)
	}
	return s.Name, sheetPath, sstPath, nil
}

// ---- inflate stage -------------------------------------------------------

const (
	blockSize  = 256 << 10
	headroom   = 4 << 10 // room before a block's data for the unfinished token of the previous block
	nBlocks    = 8
	maxTail    = 1 << 20 // longest token carried across blocks (a tag, a comment)
	maxTextCut = 16      // an entity split at a block's end is carried if shorter than this
)

// inflater reads a zip entry on its own goroutine into blocks of
// headroom+blockSize bytes, data at [headroom:].
type inflater struct {
	out  chan []byte
	free chan []byte
	done chan struct{}
	err  error // set before out is closed
	wg   sync.WaitGroup
}

func (p *pkg) startInflate(zf *zip.File) (*inflater, error) {
	if zf.UncompressedSize64 > uint64(p.lim.MaxPartBytes) {
		return nil, &FileError{File: p.name, Err: fmt.Errorf("%s: %d bytes uncompressed %w", zf.Name, zf.UncompressedSize64, ErrTooBig)}
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, p.errf("%s: %v", zf.Name, err)
	}
	inf := &inflater{
		out:  make(chan []byte, nBlocks),
		free: make(chan []byte, nBlocks),
		done: make(chan struct{}),
	}
	for range nBlocks {
		inf.free <- make([]byte, headroom+blockSize)
	}
	compressed := int64(zf.CompressedSize64)
	limit := p.lim.MaxPartBytes
	ratio := p.lim.MaxRatio
	inf.wg.Add(1)
	go func() {
		defer inf.wg.Done()
		defer close(inf.out)
		defer rc.Close()
		var total int64
		for {
			var b []byte
			select {
			case b = <-inf.free:
			case <-inf.done:
				return
			}
			n, err := io.ReadFull(rc, b[headroom:])
			total += int64(n)
			if total > limit {
				inf.err = &FileError{File: p.name, Err: fmt.Errorf("%s: more than %d bytes uncompressed %w", zf.Name, limit, ErrTooBig)}
				return
			}
			if total > ratioCheckFrom && total > ratio*max(compressed, 1) {
				inf.err = &FileError{File: p.name, Err: fmt.Errorf("%s: compressed more than %d:1 (a zip bomb?) %w", zf.Name, ratio, ErrTooBig)}
				return
			}
			if n > 0 {
				select {
				case inf.out <- b[:headroom+n]:
				case <-inf.done:
					return
				}
			}
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				return
			}
			if err != nil {
				inf.err = p.errf("%s: %v", zf.Name, err)
				return
			}
		}
	}()
	return inf, nil
}

// stop ends the goroutine (if still running) and waits for it.
func (inf *inflater) stop() {
	select {
	case <-inf.done:
	default:
		close(inf.done)
	}
	inf.wg.Wait()
}

// ---- tokenizer -----------------------------------------------------------

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
	tokCDATA
)

// tokenizer splits the inflated XML into tags and text pieces. Text can
// come in several pieces; an entity is never split between two. Slices it
// returns are valid until the next call.
type tokenizer struct {
	inf    *inflater
	cur    []byte // the block buf points into (returned to the free list when done)
	buf    []byte
	pos    int
	big    []byte // carries a tail longer than headroom
	srcEnd bool

	kind      tokKind
	name      []byte // local name (prefix stripped)
	attrs     []byte
	selfClose bool
	text      []byte
}

var errTokenTooLong = fmt.Errorf("%w: a token longer than %d bytes", ErrBadXML, maxTail)

// refill appends the next block after tail (the unconsumed bytes). It
// returns false at the end of the stream.
func (t *tokenizer) refill(tail []byte) (bool, error) {
	if t.srcEnd {
		return false, nil
	}
	nb, ok := <-t.inf.out
	if !ok {
		t.srcEnd = true
		if t.inf.err != nil {
			return false, t.inf.err
		}
		return false, nil
	}
	if len(tail) > maxTail {
		return false, errTokenTooLong
	}
	if len(tail) <= headroom {
		start := headroom - len(tail)
		copy(nb[start:headroom], tail)
		t.release()
		t.cur, t.buf = nb, nb[start:]
	} else {
		nbig := make([]byte, 0, len(tail)+len(nb)-headroom)
		nbig = append(nbig, tail...)
		nbig = append(nbig, nb[headroom:]...)
		t.release()
		t.inf.free <- nb[:cap(nb)]
		t.big, t.buf = nbig, nbig
	}
	t.pos = 0
	return true, nil
}

func (t *tokenizer) release() {
	if t.cur != nil {
		t.inf.free <- t.cur[:cap(t.cur)]
		t.cur = nil
	}
	t.big = nil
}

var (
	pfxComment = []byte("<!--")
	pfxCDATA   = []byte("<![CDATA[")
	endComment = []byte("-->")
	endCDATA   = []byte("]]>")
	endPI      = []byte("?>")
)

func (t *tokenizer) next() (tokKind, error) {
	for {
		b := t.buf[t.pos:]
		if len(b) == 0 {
			ok, err := t.refill(nil)
			if err != nil {
				return tokEOF, err
			}
			if !ok {
				return tokEOF, nil
			}
			continue
		}
		if b[0] != '<' {
			j := bytes.IndexByte(b, '<')
			if j < 0 {
				j = len(b)
				if amp := bytes.LastIndexByte(b, '&'); amp >= 0 && len(b)-amp < maxTextCut && bytes.IndexByte(b[amp:], ';') < 0 {
					j = amp
				}
				if j == 0 {
					ok, err := t.refill(b)
					if err != nil {
						return tokEOF, err
					}
					if !ok {
						return tokEOF, fmt.Errorf("%w: unexpected end in %q", ErrBadXML, b)
					}
					continue
				}
			}
			t.text = b[:j]
			t.pos += j
			t.kind = tokText
			return tokText, nil
		}
		if len(b) < 2 {
			if err := t.more(b); err != nil {
				return tokEOF, err
			}
			continue
		}
		switch b[1] {
		case '!':
			var term []byte
			switch {
			case bytes.HasPrefix(b, pfxComment):
				term = endComment
			case len(b) < len(pfxCDATA) && (bytes.HasPrefix(pfxCDATA, b) || bytes.HasPrefix(pfxComment, b)):
				if err := t.more(b); err != nil {
					return tokEOF, err
				}
				continue
			case bytes.HasPrefix(b, pfxCDATA):
				term = endCDATA
			default:
				return tokEOF, fmt.Errorf("%w: DTD declarations are refused", ErrBadXML)
			}
			k := bytes.Index(b[2:], term)
			if k < 0 {
				if err := t.more(b); err != nil {
					return tokEOF, err
				}
				continue
			}
			end := 2 + k + len(term)
			t.pos += end
			if term[0] == ']' {
				t.text = b[len(pfxCDATA) : end-len(term)]
				t.kind = tokCDATA
				return tokCDATA, nil
			}
			continue // a comment
		case '?':
			k := bytes.Index(b[2:], endPI)
			if k < 0 {
				if err := t.more(b); err != nil {
					return tokEOF, err
				}
				continue
			}
			t.pos += 2 + k + len(endPI)
			continue
		}
		end := tagEnd(b)
		if end < 0 {
			if err := t.more(b); err != nil {
				return tokEOF, err
			}
			continue
		}
		t.pos += end + 1
		tag := b[1:end]
		if len(tag) == 0 {
			return tokEOF, fmt.Errorf("%w: empty tag <>", ErrBadXML)
		}
		t.kind = tokStart
		if tag[0] == '/' {
			t.kind = tokEnd
			tag = tag[1:]
		}
		t.selfClose = false
		if len(tag) > 0 && tag[len(tag)-1] == '/' {
			t.selfClose = true
			tag = tag[:len(tag)-1]
		}
		n := 0
		for n < len(tag) && tag[n] != ' ' && tag[n] != '\t' && tag[n] != '\n' && tag[n] != '\r' {
			n++
		}
		name := tag[:n]
		if c := bytes.IndexByte(name, ':'); c >= 0 {
			name = name[c+1:]
		}
		if len(name) == 0 {
			return tokEOF, fmt.Errorf("%w: empty tag name", ErrBadXML)
		}
		t.name, t.attrs = name, tag[n:]
		return t.kind, nil
	}
}

// more carries the unfinished token b into the next block; the stream
// ending there is malformed XML.
func (t *tokenizer) more(b []byte) error {
	ok, err := t.refill(b)
	if err != nil {
		return err
	}
	if !ok {
		if len(b) > 40 {
			b = b[:40]
		}
		return fmt.Errorf("%w: unexpected end in %q", ErrBadXML, b)
	}
	return nil
}

// tagEnd finds the '>' closing the tag at b[0] == '<', skipping quoted
// attribute values; -1 when the tag is not complete in b. Tags are short:
// one plain loop beats setting up vector searches.
func tagEnd(b []byte) int {
	for i := 1; i < len(b); i++ {
		switch b[i] {
		case '>':
			return i
		case '"', '\'':
			k := bytes.IndexByte(b[i+1:], b[i])
			if k < 0 {
				return -1
			}
			i += k + 1
		}
	}
	return -1
}

var fastV = []byte("</v></c>")

// plainValue is the fast path of the commonest cell body, "<v>TEXT</v></c>"
// with no entity in TEXT, wholly in the buffer: it returns TEXT and consumes
// up to the closing </c>. Anything else is left to the general path.
func (t *tokenizer) plainValue() ([]byte, bool) {
	b := t.buf[t.pos:]
	if len(b) < 3+len(fastV) || b[0] != '<' || b[1] != 'v' || b[2] != '>' {
		return nil, false
	}
	j := bytes.IndexByte(b[3:], '<')
	if j < 0 || len(b) < 3+j+len(fastV) || !bytes.Equal(b[3+j:3+j+len(fastV)], fastV) {
		return nil, false
	}
	v := b[3 : 3+j]
	if bytes.IndexByte(v, '&') >= 0 {
		return nil, false
	}
	t.pos += 3 + j + len(fastV)
	return v, true
}

// nextAttr reads the attribute starting at raw[i:] (after any spaces):
// its name as written (prefix included) and its value. done: no attribute
// is left; bad: the text is not well-formed.
func nextAttr(raw []byte, i int) (name, val []byte, next int, done, bad bool) {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
		i++
	}
	if i >= len(raw) {
		return nil, nil, i, true, false
	}
	ns := i
	for i < len(raw) && raw[i] != '=' && raw[i] != ' ' && raw[i] != '\t' && raw[i] != '\n' && raw[i] != '\r' {
		i++
	}
	name = raw[ns:i]
	for i < len(raw) && raw[i] != '=' {
		i++
	}
	i++
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
		i++
	}
	if i >= len(raw) || (raw[i] != '"' && raw[i] != '\'') {
		return nil, nil, i, false, true
	}
	q := raw[i]
	k := bytes.IndexByte(raw[i+1:], q)
	if k < 0 {
		return nil, nil, i, false, true
	}
	return name, raw[i+1 : i+1+k], i + k + 2, false, false
}

// attrs2 reads attributes a and b (local names) from raw attribute text.
func attrs2(raw []byte, a, b string) (va, vb []byte, err error) {
	for i := 0; ; {
		name, val, next, done, bad := nextAttr(raw, i)
		if done {
			return va, vb, nil
		}
		if bad {
			return nil, nil, fmt.Errorf("%w: bad attribute %q", ErrBadXML, raw)
		}
		i = next
		if c := bytes.IndexByte(name, ':'); c >= 0 {
			name = name[c+1:]
		}
		switch string(name) {
		case a:
			va = val
		case b:
			vb = val
		}
	}
}

// appendText appends XML character data with the predefined and numeric
// entities decoded; any other entity is an error (DTDs are never read).
func appendText(dst, src []byte) ([]byte, error) {
	for {
		i := bytes.IndexByte(src, '&')
		if i < 0 {
			return append(dst, src...), nil
		}
		dst = append(dst, src[:i]...)
		src = src[i:]
		j := bytes.IndexByte(src, ';')
		if j < 0 || j > 12 {
			return dst, fmt.Errorf("%w: bare '&' in text", ErrBadXML)
		}
		ent := src[1:j]
		src = src[j+1:]
		switch string(ent) {
		case "amp":
			dst = append(dst, '&')
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			if len(ent) < 2 || ent[0] != '#' {
				return dst, fmt.Errorf("%w: undefined entity &%s;", ErrBadXML, ent)
			}
			var r uint64
			var err error
			if ent[1] == 'x' {
				r, err = strconv.ParseUint(string(ent[2:]), 16, 32)
			} else {
				r, err = strconv.ParseUint(string(ent[1:]), 10, 32)
			}
			if err != nil || !isXMLChar(rune(r)) {
				return dst, fmt.Errorf("%w: bad character reference &%s;", ErrBadXML, ent)
			}
			dst = utf8.AppendRune(dst, rune(r))
		}
	}
}

func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// ---- shared strings ------------------------------------------------------

// sharedStrings holds the table as one byte slice and offsets.
type sharedStrings struct {
	data []byte
	offs []uint32 // len = n+1
}

func (s *sharedStrings) get(i int) ([]byte, bool) {
	if i < 0 || i+1 >= len(s.offs) {
		return nil, false
	}
	return s.data[s.offs[i]:s.offs[i+1]:s.offs[i+1]], true
}

func (p *pkg) readSharedStrings(name string) (*sharedStrings, error) {
	zf := p.files[strings.ToLower(name)]
	if zf == nil {
		return &sharedStrings{offs: []uint32{0}}, nil
	}
	inf, err := p.startInflate(zf)
	if err != nil {
		return nil, err
	}
	defer inf.stop()
	return p.parseSharedStrings(&tokenizer{inf: inf, buf: nil}, zf)
}

// parseSharedStrings reads the table from t (streamed from zf, or over
// zf's whole inflated text).
func (p *pkg) parseSharedStrings(t *tokenizer, zf *zip.File) (*sharedStrings, error) {
	hint := min(int64(zf.UncompressedSize64)/2, p.lim.MaxSharedBytes)
	sst := &sharedStrings{data: make([]byte, 0, hint), offs: make([]uint32, 1, 1024)}
	inSI, inT, rph := false, false, 0
	fail := func(err error) error {
		return &FileError{File: p.name, Err: fmt.Errorf("%s: %w", zf.Name, err)}
	}
	for {
		k, err := t.next()
		if err != nil {
			return nil, fail(err)
		}
		switch k {
		case tokEOF:
			if inSI {
				return nil, fail(fmt.Errorf("%w: unterminated <si>", ErrBadXML))
			}
			return sst, nil
		case tokStart:
			switch string(t.name) {
			case "sst":
				if cnt, _, _ := attrs2(t.attrs, "uniqueCount", ""); cnt != nil {
					if n, err := strconv.Atoi(string(cnt)); err == nil && n > 0 {
						sst.offs = make([]uint32, 1, min(n, 1<<22, p.lim.MaxSharedStrings)+1)
					}
				}
			case "si":
				inSI, rph = true, 0
				if t.selfClose {
					inSI = false
					if err := sst.push(p.lim); err != nil {
						return nil, fail(err)
					}
				}
			case "t":
				inT = inSI && rph == 0 && !t.selfClose
			case "rPh":
				if !t.selfClose {
					rph++
				}
			}
		case tokEnd:
			switch string(t.name) {
			case "si":
				if inSI {
					inSI = false
					if err := sst.push(p.lim); err != nil {
						return nil, fail(err)
					}
				}
			case "t":
				inT = false
			case "rPh":
				rph--
			}
		case tokText, tokCDATA:
			if inT {
				text := t.text
				if p.normCR {
					text = normalizeCR(text)
				}
				if k == tokCDATA {
					sst.data = append(sst.data, text...)
				} else if sst.data, err = appendText(sst.data, text); err != nil {
					return nil, fail(err)
				}
				if int64(len(sst.data)) > p.lim.MaxSharedBytes {
					return nil, fail(fmt.Errorf("shared strings: more than %d bytes of text %w", p.lim.MaxSharedBytes, ErrTooBig))
				}
			}
		}
	}
}

func (s *sharedStrings) push(lim ScanLimits) error {
	if len(s.offs) > lim.MaxSharedStrings {
		return fmt.Errorf("shared strings: more than %d entries %w", lim.MaxSharedStrings, ErrTooBig)
	}
	s.offs = append(s.offs, uint32(len(s.data)))
	return nil
}

// ---- worksheet scan ------------------------------------------------------

const (
	maxCol = 16384   // XFD
	maxRow = 1048576 // Excel's last row
)

// rowBatch carries rows from the scan goroutine to the caller's.
type rowBatch struct {
	rows  []Row
	cells []Cell
	arena []byte
}

const (
	batchRows  = 2048
	batchArena = 512 << 10
	nBatches   = 4
)

// parseRef reads "B12" into column 1 and row 12.
func parseRef(ref []byte) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && i < 4 {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		i++
	}
	if i == 0 || i > 3 || i == len(ref) {
		return 0, 0, false
	}
	for _, c := range ref[i:] {
		if c < '0' || c > '9' || row > maxRow {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
	}
	if col > maxCol || row < 1 || row > maxRow {
		return 0, 0, false
	}
	return col - 1, row, true
}

func atoiBytes(b []byte) (int, bool) { return digitsInt(bytes.TrimSpace(b)) }

// digitsInt reads 1 to 9 decimal digits and nothing else.
func digitsInt(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

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

func (p *pkg) scanWorksheet(zf *zip.File, sheet string, sst *sharedStrings, fn func(*Row) error) (int, error) {
	inf, err := p.startInflate(zf)
	if err != nil {
		return 0, err
	}
	full := make(chan *rowBatch, nBatches)
	free := make(chan *rowBatch, nBatches)
	for range nBatches {
		free <- &rowBatch{
			rows:  make([]Row, 0, batchRows),
			cells: make([]Cell, 0, batchRows*8),
			arena: make([]byte, 0, batchArena),
		}
	}
	var scanErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(full)
		scanErr = p.scanRows(inf, sheet, sst, full, free)
	}()
	stop := func() {
		inf.stop() // closes done: the scan goroutine's sends give up too
		for range full {
		}
		wg.Wait()
	}
	rows := 0
	for b := range full {
		for i := range b.rows {
			if err := fn(&b.rows[i]); err != nil {
				stop()
				return rows, err
			}
			rows++
		}
		free <- b
	}
	wg.Wait()
	inf.stop()
	return rows, scanErr
}

// scanRows is the scan stage: tokens → rows, in batches.
func (p *pkg) scanRows(inf *inflater, sheet string, sst *sharedStrings, full chan<- *rowBatch, free <-chan *rowBatch) error {
	t := &tokenizer{inf: inf}
	defer t.release()
	var b *rowBatch
	select {
	case b = <-free:
	case <-inf.done:
		return nil
	}
	b.rows, b.cells, b.arena = b.rows[:0], b.cells[:0], b.arena[:0]
	send := func() bool {
		if len(b.rows) == 0 {
			return true
		}
		select {
		case full <- b:
		case <-inf.done:
			return false
		}
		select {
		case b = <-free:
		case <-inf.done:
			return false
		}
		b.rows, b.cells, b.arena = b.rows[:0], b.cells[:0], b.arena[:0]
		return true
	}
	cellErr := func(col, row int, val []byte, err error) error {
		return &CellError{File: p.name, Sheet: sheet, Cell: CellName(col, row), Value: string(val), Err: err}
	}
	xmlErr := func(row int, err error) error {
		return &FileError{File: p.name, Err: fmt.Errorf("sheet %q near row %d: %w", sheet, row, err)}
	}
	var (
		val                 []byte
		inData, inRow       bool
		inCell, inIS        bool
		capture             bool
		rph                 int
		rowNum, lastRow     int
		col, lastCol        int
		typ                 byte
		rowStart            int
		maxCell             = p.lim.MaxCellBytes
		sawSheetData, ended bool
	)
	// endCell adds the cell just read to the batch.
	endCell := func() error {
		inCell, capture = false, false
		if len(val) == 0 {
			return nil
		}
		c := Cell{Col: col, Type: typ}
		if typ == 's' {
			var s []byte
			i, ok := atoiBytes(val)
			if ok && sst != nil {
				s, ok = sst.get(i)
			}
			if !ok || sst == nil {
				return cellErr(col, rowNum, val, errors.New("refers to a shared string that does not exist"))
			}
			if len(s) == 0 {
				return nil
			}
			c.Value = s
		} else {
			if len(b.arena)+len(val) > cap(b.arena) {
				// grow: earlier rows keep the old array alive
				b.arena = make([]byte, 0, max(2*cap(b.arena), len(val)+batchArena))
			}
			s := len(b.arena)
			b.arena = append(b.arena, val...)
			c.Value = b.arena[s:len(b.arena):len(b.arena)]
		}
		b.cells = append(b.cells, c)
		return nil
	}
	for !ended {
		k, err := t.next()
		if err != nil {
			if _, ok := err.(*FileError); ok {
				return err
			}
			return xmlErr(lastRow, err)
		}
		switch k {
		case tokEOF:
			if inRow {
				return xmlErr(lastRow, fmt.Errorf("%w: the sheet ends inside a row", ErrBadXML))
			}
			if !sawSheetData {
				return xmlErr(0, fmt.Errorf("%w: no <sheetData>", ErrBadXML))
			}
			ended = true
		case tokStart:
			switch string(t.name) {
			case "sheetData":
				sawSheetData = true
				inData = !t.selfClose
			case "row":
				if !inData {
					continue
				}
				r, _, err := attrs2(t.attrs, "r", "")
				if err != nil {
					return xmlErr(lastRow, err)
				}
				if r != nil {
					n, ok := atoiBytes(r)
					if !ok || n < 1 || n > maxRow {
						return cellErr(0, min(max(n, lastRow+1), maxRow), nil, fmt.Errorf("row %q %w", r, ErrCellRange))
					}
					rowNum = n
				} else {
					rowNum = lastRow + 1
					if rowNum > maxRow {
						return cellErr(0, maxRow, nil, fmt.Errorf("row %d %w", rowNum, ErrCellRange))
					}
				}
				lastRow, lastCol = rowNum, -1
				rowStart = len(b.cells)
				inRow = !t.selfClose
			case "c":
				if !inRow {
					continue
				}
				r, tt, err := attrs2(t.attrs, "r", "t")
				if err != nil {
					return xmlErr(rowNum, err)
				}
				if r != nil {
					c, _, ok := parseRef(r)
					if !ok {
						return cellErr(max(lastCol+1, 0), rowNum, r, fmt.Errorf("cell reference %w", ErrCellRange))
					}
					col = c
				} else {
					col = lastCol + 1
					if col >= maxCol {
						return cellErr(maxCol-1, rowNum, nil, fmt.Errorf("column %d %w", col+1, ErrCellRange))
					}
				}
				lastCol = col
				if typ = cellType(tt); typ == 0 {
					return cellErr(col, rowNum, tt, fmt.Errorf("%w: unknown cell type", ErrBadXML))
				}
				val = val[:0]
				inCell = !t.selfClose
				inIS, capture, rph = false, false, 0
				if inCell {
					if v, ok := t.plainValue(); ok {
						if len(v) > maxCell {
							return cellErr(col, rowNum, nil, fmt.Errorf("holds more than %d bytes of text %w", maxCell, ErrTooBig))
						}
						val = append(val, v...)
						if err := endCell(); err != nil {
							return err
						}
					}
				}
			case "v":
				capture = inCell && !t.selfClose && !inIS
			case "is":
				inIS = inCell && !t.selfClose
			case "t":
				capture = inIS && rph == 0 && !t.selfClose
			case "rPh":
				if inIS && !t.selfClose {
					rph++
				}
			}
		case tokEnd:
			switch string(t.name) {
			case "v", "t":
				capture = false
			case "rPh":
				if rph > 0 {
					rph--
				}
			case "is":
				inIS = false
			case "c":
				if inCell {
					if err := endCell(); err != nil {
						return err
					}
				}
			case "row":
				if !inRow {
					continue
				}
				inRow = false
				if len(b.cells) > rowStart {
					b.rows = append(b.rows, Row{Num: rowNum, Cells: b.cells[rowStart:len(b.cells):len(b.cells)]})
					if len(b.rows) >= batchRows || len(b.arena) > batchArena-batchArena/8 || len(b.cells) >= cap(b.cells)-64 {
						if !send() {
							return nil
						}
					}
				}
			case "sheetData":
				ended = true
			}
		case tokText, tokCDATA:
			if !capture {
				continue
			}
			if k == tokCDATA {
				val = append(val, t.text...)
			} else if val, err = appendText(val, t.text); err != nil {
				return cellErr(col, rowNum, nil, err)
			}
			if len(val) > maxCell {
				return cellErr(col, rowNum, nil, fmt.Errorf("holds more than %d bytes of text %w", maxCell, ErrTooBig))
			}
		}
	}
	if inRow {
		return xmlErr(lastRow, fmt.Errorf("%w: the sheet ends inside a row", ErrBadXML))
	}
	send()
	return nil
}
