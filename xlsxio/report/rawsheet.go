package report

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
)

// A sheet of many plain cells (the "Nguồn số liệu" sheet: thousands of
// text cells per report) has its rows written here, straight as XML,
// instead of through excelize's cell API or stream writer (a quarter of
// the time of a batch of xlsx reports, issue 17: excelize escapes each
// value through a strings.Builder, trims and re-checks it, and its
// stream writer repeats every namespace of OOXML in the sheet). The
// sheet itself stays an excelize sheet, with its columns, used range and
// page setup set through excelize; only its <sheetData> is put in as the
// workbook is zipped (editPart).

// rowsXML is the XML of a sheet's rows: text as inline strings, counts
// as numbers, no style.
type rowsXML struct {
	b   []byte
	num [24]byte // scratch for numbers
}

func (s *rowsXML) ws(v string) { s.b = append(s.b, v...) }
func (s *rowsXML) w(p []byte)  { s.b = append(s.b, p...) }
func (s *rowsXML) wb(c byte)   { s.b = append(s.b, c) }

// grow makes room for n more bytes.
func (s *rowsXML) grow(n int) { s.b = slices.Grow(s.b, n) }

// row writes row r (1-based) from column A: an integer as a number,
// text as an inline string (even ""), nil as no cell.
func (s *rowsXML) row(r int, values []any) {
	row := s.open(r)
	for i, v := range values {
		switch v := v.(type) {
		case nil:
		case int64:
			s.intCell(i, row, v)
		case int:
			s.intCell(i, row, int64(v))
		case string:
			s.textCell(i, row, v)
		default: // anything else as its text, as excelize writes it
			s.textCell(i, row, fmt.Sprint(v))
		}
	}
	s.ws(`</row>`)
}

// sourceRow writes row r of the sheet "Nguồn số liệu": r's values
// (sourceRow.values), typed as row types them, without boxing each.
func (s *rowsXML) sourceRow(r int, src *sourceRow, lang string) {
	row := s.open(r)
	u := src.unit
	s.textCell(0, row, u.Name)
	s.textCell(1, row, u.Code)
	s.textCell(2, row, src.key)
	s.textCell(3, row, header(src.key, lang))
	if v, ok := u.Counts[src.key]; ok {
		s.intCell(4, row, v)
	} else if p, ok := u.Percents[src.key]; ok {
		s.textCell(4, row, p.String())
	} else {
		s.textCell(4, row, "")
	}
	s.textCell(5, row, src.cells)
	if og := src.origin; og != nil {
		s.textCell(6, row, oldUnitName(og))
		s.textCell(7, row, og.Relation)
		share := ""
		if og.Share != nil {
			share = og.Share.FloatString(6)
		}
		s.textCell(8, row, share)
		s.intCell(9, row, src.moved)
	}
	s.ws(`</row>`)
}

// open starts row r and returns its number's text for its cells (valid
// until the next open).
func (s *rowsXML) open(r int) []byte {
	row := strconv.AppendInt(s.num[:0], int64(r), 10)
	s.ws(`<row r="`)
	s.w(row)
	s.ws(`">`)
	return row
}

// ref starts the cell of column i (0-based) in row.
func (s *rowsXML) ref(i int, row []byte) {
	s.ws(`<c r="`)
	if i < 26 {
		s.wb(byte('A' + i))
	} else {
		s.ws(colName(i + 1))
	}
	s.w(row)
}

// intCell writes v as a number in column i (0-based) of row.
func (s *rowsXML) intCell(i int, row []byte, v int64) {
	s.ref(i, row)
	s.ws(`"><v>`)
	var num [20]byte
	s.w(strconv.AppendInt(num[:0], v, 10))
	s.ws(`</v></c>`)
}

// textCell writes v as an inline string in column i (0-based) of row.
func (s *rowsXML) textCell(i int, row []byte, v string) {
	s.ref(i, row)
	s.ws(`" t="inlineStr"><is>`)
	s.text(v)
	s.ws(`</is></c>`)
}

// maxCellChars is Excel's limit on a cell's text, in UTF-16 units;
// excelize cuts longer text there, and so does text.
const maxCellChars = 32767

// text writes v as a <t> element as excelize's cell functions would
// store it: cut to maxCellChars, spaces kept when it begins or ends with
// one, XML-escaped, a literal "_xHHHH_" escaped as "_x005F_xHHHH_" (else
// a reader takes it for the character U+HHHH).
func (s *rowsXML) text(v string) {
	if len(v) > maxCellChars { // UTF-8 bytes ≥ UTF-16 units: shorter is within the limit
		v = cutUTF16(v, maxCellChars)
	}
	s.t(v, "\n")
}

// sharedText writes v (sharedText: neither cut nor escaped by excelize)
// as a <t> element as encoding/xml writes it in excelize's shared
// strings: as text does, a line break as "&#xA;".
func (s *rowsXML) sharedText(v string) { s.t(v, "&#xA;") }

// t writes v as a <t> element, newline for a line break.
func (s *rowsXML) t(v, newline string) {
	s.ws(`<t`)
	if v != "" && (isSpace(v[0]) || isSpace(v[len(v)-1])) {
		s.ws(` xml:space="preserve"`)
	}
	s.ws(`>`)
	from := 0 // v[from:i] is written as it is
	for i := 0; i < len(v); {
		c := v[i]
		if plainByte[c] {
			i++
			continue
		}
		if n := plainRune(v[i:]); n > 0 { // most of Vietnamese
			i += n
			continue
		}
		var esc string
		size := 1
		switch {
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(v[i:])
			size = n
			if (r != utf8.RuneError || n > 1) && xmlChar(r) {
				i += n
				continue
			}
			esc = "\uFFFD" // as encoding/xml writes what XML cannot hold
		case c == '_' && rawxlsx.EscapeAt(v, i):
			esc = "_x005F_"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case c == '&':
			esc = "&amp;"
		case c == '\'':
			esc = "&#39;"
		case c == '"':
			esc = "&#34;"
		case c == '\t':
			esc = "&#x9;"
		case c == '\n':
			esc = newline
		case c == '\r':
			esc = "&#xD;"
		case c < 0x20:
			esc = "\uFFFD"
		default:
			i++
			continue
		}
		s.ws(v[from:i])
		s.ws(esc)
		i += size
		from = i
	}
	s.ws(v[from:])
	s.ws(`</t>`)
}

// plainByte is the ASCII bytes t writes as they are: not XML's special
// characters, not control characters, not '_' (the start of "_xHHHH_").
var plainByte = func() (p [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		p[c] = !strings.ContainsRune(`<>&'"_`, rune(c))
	}
	return p
}()

// plainRune is the length of the character v begins with when it is
// of two bytes (U+0080–U+07FF) or of three led by 0xE1–0xEC
// (U+1000–U+CFFF: Vietnamese's U+1EA0–U+1EF9), well formed: every one
// a character XML holds; else 0 (decoded the slow way).
func plainRune(v string) int {
	cont := func(i int) bool { return i < len(v) && v[i]&0xC0 == 0x80 }
	switch c := v[0]; {
	case 0xC2 <= c && c <= 0xDF && cont(1):
		return 2
	case 0xE1 <= c && c <= 0xEC && cont(1) && cont(2):
		return 3
	}
	return 0
}

// xmlChar reports whether XML 1.0 can hold r (encoding/xml's test).
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// cutUTF16 is v cut to at most n UTF-16 units, at a character boundary.
func cutUTF16(v string, n int) string {
	units := 0
	for i, r := range v {
		units += utf16.RuneLen(r) // range yields valid runes (U+FFFD for bad bytes)
		if units > n {
			return v[:i]
		}
	}
	return v
}

// newRawSheet adds sheet to f and returns its part's name in the package
// ("xl/worksheets/sheet6.xml"): the one worksheet excelize holds after
// NewSheet that it did not hold before.
func newRawSheet(f *excelize.File, sheet string) (string, error) {
	before := map[any]bool{}
	f.Sheet.Range(func(k, _ any) bool { before[k] = true; return true })
	if _, err := f.NewSheet(sheet); err != nil {
		return "", err
	}
	part := ""
	f.Sheet.Range(func(k, _ any) bool {
		if p, ok := k.(string); ok && !before[k] {
			part = p
		}
		return part == ""
	})
	if part == "" {
		return "", msg.Errorf("no worksheet part for sheet %s", "không có phần worksheet cho trang tính %s", sheet)
	}
	return part, nil
}

// putSheetRows makes f's zip writer put rows into part's (empty)
// sheetData as the workbook is written.
func putSheetRows(f *excelize.File, part string, rows []byte) {
	editPart(f, part, func(xml []byte) ([][]byte, error) {
		at, end := -1, 0
		for _, empty := range []string{"<sheetData></sheetData>", "<sheetData/>"} {
			if i := bytes.Index(xml, []byte(empty)); i >= 0 {
				at, end = i, i+len(empty)
				break
			}
		}
		if at < 0 {
			return nil, errNoSheetData
		}
		return [][]byte{xml[:at], []byte("<sheetData>"), rows, []byte("</sheetData>"), xml[end:]}, nil
	})
}

// putSheetDrawing makes f's zip writer give part (a worksheet without a
// drawing) the drawing of relationship rID as the workbook is written:
// the last child of the worksheet, where no element that comes after a
// drawing in a worksheet (legacyDrawing … extLst) is.
func putSheetDrawing(f *excelize.File, part, rID string) {
	editPart(f, part, func(xml []byte) ([][]byte, error) {
		end := bytes.LastIndex(xml, []byte("</worksheet>"))
		if end < 0 || !bytes.Contains(xml[:min(len(xml), 1000)], []byte(`xmlns:r="`)) {
			return nil, errNoDrawingPlace
		}
		for _, after := range []string{"<drawing", "<legacyDrawing", "<drawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst"} {
			if bytes.Contains(xml, []byte(after)) {
				return nil, errNoDrawingPlace
			}
		}
		return [][]byte{xml[:end], []byte(`<drawing r:id="` + rID + `"></drawing>`), xml[end:]}, nil
	})
}

var errNoDrawingPlace = msg.New("no place for a drawing in the worksheet part", "không có chỗ cho bản vẽ trong phần worksheet")

// editPart makes f's zip writer write part as edit makes it (the pieces
// it returns, in order) as the workbook is written.
func editPart(f *excelize.File, part string, edit func(xml []byte) ([][]byte, error)) {
	inner := f.ZipWriter
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		var zw excelize.ZipWriter
		if inner != nil {
			zw = inner(w)
		} else {
			zw = fastZip(w)
		}
		return &heldZip{
			ZipWriter: zw,
			hold:      func(name string) bool { return name == part },
			put: func(name string, xml []byte) error {
				pieces, err := edit(xml)
				if err != nil {
					return err
				}
				w, err := zw.Create(name)
				if err != nil {
					return err
				}
				for _, p := range pieces {
					if _, err := w.Write(p); err != nil {
						return err
					}
				}
				return nil
			},
		}
	})
}

var errNoSheetData = msg.New("no sheetData in the worksheet part to fill", "không có sheetData trong phần worksheet cần ghi")

// firstSheetPart is the part of the one sheet of a new workbook.
func firstSheetPart(f *excelize.File) (string, error) {
	var parts []string
	f.Sheet.Range(func(k, _ any) bool {
		if p, ok := k.(string); ok {
			parts = append(parts, p)
		}
		return true
	})
	if len(parts) != 1 {
		return "", msg.Errorf("%d worksheet parts in a new workbook", "%d phần worksheet trong tệp mới", len(parts))
	}
	return parts[0], nil
}
