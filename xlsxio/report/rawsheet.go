package report

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"strconv"
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
// workbook is zipped (rawSheetZip).

// rowsXML is the XML of a sheet's rows: text as inline strings, counts
// as numbers, no style.
type rowsXML struct{ buf bytes.Buffer }

// row writes row r (1-based) from column A: an integer as a number,
// text as an inline string (even ""), nil as no cell.
func (s *rowsXML) row(r int, values []any) {
	b := &s.buf
	var num [20]byte
	row := strconv.AppendInt(num[:0], int64(r), 10)
	b.WriteString(`<row r="`)
	b.Write(row)
	b.WriteString(`">`)
	for i, v := range values {
		if v == nil {
			continue
		}
		b.WriteString(`<c r="`)
		if i < 26 {
			b.WriteByte(byte('A' + i))
		} else {
			b.WriteString(colName(i + 1))
		}
		b.Write(row)
		switch v := v.(type) {
		case int64:
			b.WriteString(`"><v>`)
			b.WriteString(strconv.FormatInt(v, 10))
			b.WriteString(`</v></c>`)
		case int:
			b.WriteString(`"><v>`)
			b.WriteString(strconv.Itoa(v))
			b.WriteString(`</v></c>`)
		default: // text; anything else as its text, as excelize writes it
			str, ok := v.(string)
			if !ok {
				str = fmt.Sprint(v)
			}
			b.WriteString(`" t="inlineStr"><is>`)
			s.text(str)
			b.WriteString(`</is></c>`)
		}
	}
	b.WriteString(`</row>`)
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
	b := &s.buf
	b.WriteString(`<t`)
	if v != "" && (isSpace(v[0]) || isSpace(v[len(v)-1])) {
		b.WriteString(` xml:space="preserve"`)
	}
	b.WriteString(`>`)
	from := 0 // v[from:i] is written as it is
	for i := 0; i < len(v); {
		c := v[i]
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
		b.WriteString(v[from:i])
		b.WriteString(esc)
		i += size
		from = i
	}
	b.WriteString(v[from:])
	b.WriteString(`</t>`)
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
	inner := f.ZipWriter
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		var zw excelize.ZipWriter
		if inner != nil {
			zw = inner(w)
		} else {
			zw = fastZip(w)
		}
		return &rawSheetZip{ZipWriter: zw, part: part, rows: rows}
	})
}

// rawSheetZip is a zip writer that holds back part until it is whole,
// then writes it with rows in its sheetData.
type rawSheetZip struct {
	excelize.ZipWriter
	part    string
	rows    []byte
	pending *bytes.Buffer // part as excelize wrote it, until the next part
}

var errNoSheetData = msg.New("no sheetData in the worksheet part to fill", "không có sheetData trong phần worksheet cần ghi")

func (z *rawSheetZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	if name == z.part {
		z.pending = &bytes.Buffer{}
		return z.pending, nil
	}
	return z.ZipWriter.Create(name)
}

func (z *rawSheetZip) AddFS(fsys fs.FS) error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.ZipWriter.AddFS(fsys)
}

func (z *rawSheetZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.ZipWriter.Close()
}

// finish writes the held-back part with the rows in its sheetData.
func (z *rawSheetZip) finish() error {
	if z.pending == nil {
		return nil
	}
	part := z.pending.Bytes()
	z.pending = nil
	at, end := -1, 0
	for _, empty := range []string{"<sheetData></sheetData>", "<sheetData/>"} {
		if i := bytes.Index(part, []byte(empty)); i >= 0 {
			at, end = i, i+len(empty)
			break
		}
	}
	if at < 0 {
		return errNoSheetData
	}
	w, err := z.ZipWriter.Create(z.part)
	if err != nil {
		return err
	}
	for _, p := range [][]byte{part[:at], []byte("<sheetData>"), z.rows, []byte("</sheetData>"), part[end:]} {
		if _, err := w.Write(p); err != nil {
			return err
		}
	}
	return nil
}

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
