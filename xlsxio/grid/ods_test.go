package grid

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bhxh/bhxh/xlsxio/readerr"
)

// odsFile zips a content.xml (and settings.xml when given) as LibreOffice
// lays an .ods out: the mimetype entry first, stored.
func odsFile(t testing.TB, content, settings string) []byte {
	t.Helper()
	return odfFile(t, odsMime, content, settings)
}

func odfFile(t testing.TB, mime, content, settings string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(mime))
	for name, body := range map[string]string{"content.xml": content, "settings.xml": settings} {
		if body == "" {
			continue
		}
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	zw.Close()
	return buf.Bytes()
}

const odsHead = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="t" xmlns:text="x" xmlns:style="s" xmlns:number="n" xmlns:calcext="c">`

func odsContent(styles, body string) string {
	return odsHead + `<office:automatic-styles>` + styles + `</office:automatic-styles><office:body><office:spreadsheet>` +
		body + `</office:spreadsheet></office:body></office:document-content>`
}

const odsStyles = `<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>` +
	`<number:percentage-style style:name="N5"><number:number number:decimal-places="2"/><number:text>%</number:text></number:percentage-style>` +
	`<number:number-style style:name="N2"><number:number number:decimal-places="1"/></number:number-style>` +
	`<style:style style:name="ce5" style:family="table-cell" style:data-style-name="N5"/>` +
	`<style:style style:name="ce2" style:family="table-cell" style:data-style-name="N2"/>` +
	`<style:style style:name="ceV" style:family="table-cell"><style:text-properties style:font-name=".VnTime"/></style:style>`

// odsBody: a hidden first sheet, then "Số liệu": a title merged over
// three columns (covered cells), five empty rows repeated, a row of two
// equal zeros as one repeated cell, spaces, a comment, every value type.
const odsBody = `<table:table table:name="Cũ" table:style-name="ta2"><table:table-row><table:table-cell office:value-type="string"><text:p>old</text:p></table:table-cell></table:table-row></table:table>` +
	`<table:table table:name="Số liệu">` +
	`<table:table-column table:number-columns-repeated="2"/><table:table-column table:visibility="collapsed"/><table:table-column table:number-columns-repeated="1021"/>` +
	`<table:table-row><table:table-cell office:value-type="string" table:number-columns-spanned="3" table:number-rows-spanned="1"><text:p>Tháng 11</text:p><text:p>năm <text:span>2025</text:span></text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/><table:table-cell table:number-columns-repeated="1021"/></table:table-row>` +
	`<table:table-row table:number-rows-repeated="5"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>` +
	`<table:table-row><table:table-cell office:value-type="string"><text:p>Xã<text:s text:c="2"/>A</text:p><office:annotation><text:p>a comment</text:p></office:annotation></table:table-cell>` +
	`<table:table-cell office:value-type="float" office:value="0" table:number-columns-repeated="2"><text:p>0</text:p></table:table-cell>` +
	`<table:table-cell office:value-type="percentage" office:value="0.4161" table:style-name="ce5"><text:p>41,61%</text:p></table:table-cell>` +
	`<table:table-cell office:value-type="float" office:value="29024.5" table:style-name="ce2"><text:p>29.024,5</text:p></table:table-cell>` +
	`<table:table-cell office:value-type="date" office:date-value="2024-11-25"><text:p>25/11/2024</text:p></table:table-cell>` +
	`<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>` +
	`<table:table-cell office:value-type="string" calcext:value-type="error" office:string-value=""><text:p>#N/A</text:p></table:table-cell>` +
	`<table:table-cell table:formula="of:=SUM([.B7:.C7])"/>` +
	`<table:table-cell table:formula="of:=[.B7]" office:value-type="float" office:value="0"><text:p>0</text:p></table:table-cell>` +
	`<table:table-cell table:style-name="ceV" office:value-type="string"><text:p>Hoµ</text:p></table:table-cell>` +
	`</table:table-row>` +
	`<table:table-row table:visibility="collapsed" table:number-rows-repeated="2"><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>` +
	`<table:table-row table:number-rows-repeated="1048567"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>` +
	`</table:table>`

const odsSettings = `<?xml version="1.0" encoding="UTF-8"?><office:document-settings xmlns:office="o" xmlns:config="c"><office:settings><config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views"><config:config-item-map-entry><config:config-item config:name="ViewId" config:type="string">view1</config:config-item><config:config-item config:name="ActiveTable" config:type="string">Số liệu</config:config-item></config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>`

func TestODS(t *testing.T) {
	b, err := Open(odsFile(t, odsContent(odsStyles, odsBody), odsSettings), "a.ods", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Sheets(); len(got) != 2 || got[0] != (SheetInfo{"Cũ", Hidden}) || got[1] != (SheetInfo{"Số liệu", Visible}) {
		t.Fatalf("sheets %+v", got)
	}
	if b.Active() != 1 {
		t.Errorf("active %d, want 1 (settings.xml ActiveTable)", b.Active())
	}
	s, err := b.Sheet(1)
	if err != nil {
		t.Fatal(err)
	}
	if r, c := s.Size(); r != 9 || c != 11 {
		t.Errorf("size %d×%d, want 9×11 (the trailing repeats of empty cells are not the table)", r, c)
	}
	if m := s.Merges(); len(m) != 1 || m[0] != (Merge{0, 0, 0, 2}) {
		t.Errorf("merges %+v", m)
	}
	for _, tc := range []struct {
		name string
		r, c int
		want Cell
	}{
		{"paragraphs as lines", 0, 0, Cell{Kind: Text, Text: "Tháng 11\nnăm 2025", Decimals: -1}},
		{"a covered cell is empty", 0, 1, empty},
		{"repeated empty rows", 3, 0, empty},
		{"text:s, the comment left out", 6, 0, Cell{Kind: Text, Text: "Xã  A", Decimals: -1}},
		{"repeated zero, first", 6, 1, Cell{Kind: Number, Text: "0", Raw: "0", Decimals: -1}},
		{"repeated zero, second", 6, 2, Cell{Kind: Number, Text: "0", Raw: "0", Decimals: -1}},
		{"percentage: the fraction, its decimals", 6, 3, Cell{Kind: Number, Text: "0.4161", Raw: "0.4161", Decimals: 2, Percent: true}},
		{"decimals of the number style", 6, 4, Cell{Kind: Number, Text: "29024.5", Raw: "29024.5", Decimals: 1}},
		{"date as ISO text", 6, 5, Cell{Kind: Number, Text: "2024-11-25", Raw: "2024-11-25", Decimals: -1, Date: true}},
		{"boolean", 6, 6, Cell{Kind: Bool, Text: "1", Decimals: -1}},
		{"error value", 6, 7, Cell{Kind: Error, Text: "#N/A", Decimals: -1}},
		{"formula without value", 6, 8, Cell{Kind: Formula, Text: "=SUM([.B7:.C7])", Decimals: -1}},
		{"formula with its value", 6, 9, Cell{Kind: Number, Text: "0", Raw: "0", Decimals: -1}},
		{"TCVN3 text in a .Vn font", 6, 10, Cell{Kind: Text, Text: "Hoà", Decimals: -1}},
		{"hidden repeated row", 8, 0, Cell{Kind: Text, Text: "x", Decimals: -1}},
	} {
		if got := s.Cell(tc.r, tc.c); got != tc.want {
			t.Errorf("%s: Cell(%d,%d) = %+v, want %+v", tc.name, tc.r, tc.c, got, tc.want)
		}
	}
	if f := s.Formula(6, 9); f != "[.B7]" {
		t.Errorf("Formula = %q", f)
	}
	if _, err := s.Eval(6, 8); !errors.Is(err, ErrFormula) {
		t.Errorf("Eval: %v, want ErrFormula", err)
	}
	if !s.ColHidden(2) || s.ColHidden(1) || s.ColHidden(3) {
		t.Errorf("hidden columns: C only")
	}
	if !s.RowHidden(7) || !s.RowHidden(8) || s.RowHidden(6) || s.RowHidden(9) {
		t.Errorf("hidden rows: 8 and 9 only")
	}
}

func TestODSRefusals(t *testing.T) {
	row := func(cells string) string {
		return odsContent("", `<table:table table:name="S"><table:table-row>`+cells+`</table:table-row></table:table>`)
	}
	for _, tc := range []struct {
		name    string
		content string
		want    error
		text    string
	}{
		{"a value beyond column XFD", row(`<table:table-cell table:number-columns-repeated="16384"/><table:table-cell office:value-type="float" office:value="1"/>`), readerr.ErrCellRange, ""},
		{"a value beyond row 1048576", odsContent("", `<table:table table:name="S"><table:table-row table:number-rows-repeated="1048576"/><table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>`), readerr.ErrCellRange, ""},
		{"repeats standing for too many values", odsContent("", `<table:table table:name="S"><table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="100"/></table:table-row></table:table>`), readerr.ErrTooBig, ""},
		{"a repeat that is no number", row(`<table:table-cell table:number-columns-repeated="x"/>`), readerr.ErrBadXML, ""},
		{"a DTD", `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>`, readerr.ErrBadXML, ""},
		{"an undefined entity", row(`<table:table-cell office:value-type="string"><text:p>&a;</text:p></table:table-cell>`), readerr.ErrBadXML, ""},
		{"cut inside a table", odsHead + `<office:body><office:spreadsheet><table:table table:name="S"><table:table-row>`, readerr.ErrBadXML, ""},
		{"not a spreadsheet", "", readerr.ErrNotWorkbook, "not a spreadsheet"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := odsFile(t, tc.content, "")
			if tc.content == "" {
				data = odfFile(t, "application/vnd.oasis.opendocument.text", "<x/>", "")
			}
			_, err := Open(data, "a.ods", "")
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			var fe *readerr.FileError
			if !errors.As(err, &fe) || fe.File != "a.ods" {
				t.Errorf("err = %v: does not name the file", err)
			}
			if !strings.Contains(err.Error(), tc.text) {
				t.Errorf("err = %v, want %q", err, tc.text)
			}
		})
	}
}

// TestFlatXMLRefused: a .fods (and an Excel 2003 XML spreadsheet) is
// refused saying what to save it as.
func TestFlatXMLRefused(t *testing.T) {
	for name, head := range map[string]string{
		"a.fods": `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">`,
		"a.xml":  `<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`,
	} {
		_, err := Open([]byte(head), name, "")
		if !errors.Is(err, readerr.ErrNotWorkbook) || !strings.Contains(err.Error(), "save it as .xlsx or .ods") || !strings.HasPrefix(err.Error(), name+": ") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestXLSGlobals: the sheet states, the active tab and the names of a
// BIFF8 file as LibreOffice (and, for very hidden, Excel) write them.
func TestXLSGlobals(t *testing.T) {
	for file, want := range map[string]struct {
		sheets []SheetInfo
		active int
	}{
		"old-month-first.xls": {[]SheetInfo{{"T10 (cũ)", Hidden}, {"T11", Visible}}, 1},
		"draft-first.xls":     {[]SheetInfo{{"Nháp T12", VeryHidden}, {"T11", Visible}}, 1},
	} {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "shapes", file))
		if err != nil {
			t.Fatal(err)
		}
		b, err := Open(data, file, "")
		if err != nil {
			t.Fatal(err)
		}
		got := b.Sheets()
		if len(got) != len(want.sheets) {
			t.Fatalf("%s: %+v", file, got)
		}
		for i := range got {
			if got[i] != want.sheets[i] {
				t.Errorf("%s: sheet %d = %+v, want %+v", file, i, got[i], want.sheets[i])
			}
			s, err := b.Sheet(i)
			if err != nil || s.Name() != want.sheets[i].Name {
				t.Errorf("%s: Sheet(%d) = %v, %v", file, i, s, err)
			}
		}
		if b.Active() != want.active {
			t.Errorf("%s: active %d, want %d", file, b.Active(), want.active)
		}
	}
}

// FuzzReadODS: whatever content.xml holds, the .ods source answers
// without a panic, within its bounds, and its cells hold together.
func FuzzReadODS(f *testing.F) {
	f.Add([]byte(odsContent(odsStyles, odsBody)), []byte(odsSettings))
	for _, name := range []string{"ods-merges.ods", "ods-months.ods"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "shapes", name))
		if err != nil {
			f.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			f.Fatal(err)
		}
		parts := map[string][]byte{}
		for _, zf := range zr.File {
			rc, _ := zf.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			rc.Close()
			parts[zf.Name] = b.Bytes()
		}
		f.Add(parts["content.xml"], parts["settings.xml"])
	}
	f.Fuzz(func(t *testing.T, content, settings []byte) {
		b, err := Open(odsFile(t, string(content), string(settings)), "f.ods", "")
		if err != nil {
			var fe *readerr.FileError
			if !errors.As(err, &fe) || fe.File != "f.ods" {
				t.Fatalf("an error that does not name the file: %v", err)
			}
			return
		}
		checkBook(t, b)
	})
}

// checkBook walks every sheet of b as the table finder would, checking
// what every source promises.
func checkBook(t *testing.T, b Book) {
	t.Helper()
	if a := b.Active(); a < 0 || a >= max(len(b.Sheets()), 1) {
		t.Fatalf("active sheet %d of %d", a, len(b.Sheets()))
	}
	for i := range b.Sheets() {
		s, err := b.Sheet(i)
		if err != nil {
			continue
		}
		rows, cols := s.Size()
		if rows > 1048576 || cols > 16384 {
			t.Fatalf("size %d×%d", rows, cols)
		}
		for r := range min(rows, 200) + 1 {
			s.RowHidden(r)
			for c := range min(cols, 50) + 1 {
				s.ColHidden(c)
				cl := s.Cell(r, c)
				if cl.Kind != Number && (cl.Raw != "" || cl.Percent) {
					t.Fatalf("%s!%d,%d: %+v", s.Name(), r, c, cl)
				}
				if cl.Kind == Formula && s.Formula(r, c) == "" {
					t.Fatalf("%s!%d,%d: a formula cell without a formula", s.Name(), r, c)
				}
				if cl.Kind == Formula {
					s.Eval(r, c)
				}
			}
		}
		for _, m := range s.Merges() {
			if m.R0 > m.R1 || m.C0 > m.C1 || m.R0 < 0 || m.C0 < 0 || m.R1 >= 1048576 || m.C1 >= 16384 {
				t.Fatalf("merge %+v", m)
			}
		}
	}
}
