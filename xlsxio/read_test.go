package xlsxio

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// book builds an xlsx in memory from rows of cell values (strings are
// written as text, ints as numbers, "=…" as formulas without a cached value).
func book(t testing.TB, sheet string, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			t.Fatal(err)
		}
	}
	for r, row := range rows {
		for c, v := range row {
			axis, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if s, ok := v.(string); ok && strings.HasPrefix(s, "=") {
				if err := f.SetCellFormula(sheet, axis, s[1:]); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if v == nil {
				continue
			}
			if err := f.SetCellValue(sheet, axis, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var canonicalRows = [][]any{
	{"Báo cáo tháng 11 năm 2023"},
	{},
	{"unit", "code", "labour_force", "bhxh_mandatory", "bhxh_voluntary"},
	{"Huyện A", "04402", 1000, 300, "20"},
	{"Huyện B", "04410", 2000, "1.234", "-"},
	{"Tổng cộng", nil, 3000, 1534, 20},
}

func TestReadCanonical(t *testing.T) {
	tab, err := readData(book(t, "Sheet1", canonicalRows), "a.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Units) != 2 || tab.Total == nil {
		t.Fatalf("units %d, total %v", len(tab.Units), tab.Total)
	}
	b := tab.Units[1]
	if b.Code != "04410" || b.Counts["bhxh_mandatory"] != 1234 || b.Counts["bhxh_voluntary"] != 0 {
		t.Errorf("unit B read as %+v", b)
	}
	if tab.Total.Counts["labour_force"] != 3000 || tab.Total.Cells["labour_force"] != "C6" {
		t.Errorf("total %+v", tab.Total)
	}
	if got := tab.HeaderRows; len(got) != 1 || got[0] != 3 {
		t.Errorf("header rows %v", got)
	}
}

func TestReadCSV(t *testing.T) {
	for name, text := range map[string]string{
		"semicolon BOM CRLF": "\xEF\xBB\xBFunit;labour_force;bhxh_mandatory\r\nHuyện A;1.000;300\r\nHuyện B;2.000;400\r\n",
		"comma quoted":       "unit,labour_force,bhxh_mandatory\nHuyện A,\"1,000\",300\nHuyện B,\"2,000\",400\n",
		"tab":                "unit\tlabour_force\tbhxh_mandatory\nHuyện A\t1000\t300\nHuyện B\t2000\t400\n",
	} {
		t.Run(name, func(t *testing.T) {
			tab, err := readData([]byte(text), "a.csv", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(tab.Units) != 2 || tab.Units[1].Counts["labour_force"] != 2000 || tab.Sheet != "" {
				t.Errorf("read %+v", tab.Units)
			}
		})
	}
}

func TestReadFormulaWithoutCache(t *testing.T) {
	rows := [][]any{
		{"unit", "labour_force", "bhxh_mandatory"},
		{"Huyện A", 1000, 300},
		{"Huyện B", 2000, 400},
		{"Tổng cộng", "=SUM(B2:B3)", "=SUM(C2:C3)"},
	}
	tab, err := readData(book(t, "Sheet1", rows), "f.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Total == nil || tab.Total.Counts["labour_force"] != 3000 || tab.Total.Counts["bhxh_mandatory"] != 700 {
		t.Errorf("total %+v", tab.Total)
	}
}

func TestReadCircularFormulaIsAnError(t *testing.T) {
	rows := [][]any{
		{"unit", "labour_force", "bhxh_mandatory"},
		{"Huyện A", 1000, "=C3+1"},
		{"Huyện B", 2000, "=C2+1"},
	}
	_, err := readData(book(t, "Sheet1", rows), "c.xlsx", Options{})
	var ce *CellError
	if !errors.As(err, &ce) || !errors.Is(err, ErrFormula) || !strings.Contains(err.Error(), "circular") {
		t.Fatalf("error %v; want a circular-reference CellError", err)
	}
	if ce.Cell != "C2" && ce.Cell != "C3" {
		t.Errorf("cell %s", ce.Cell)
	}
}

func TestReadUnsupportedFormulaIsAnError(t *testing.T) {
	rows := [][]any{
		{"unit", "labour_force", "bhxh_mandatory"},
		{"Huyện A", 1000, "=NOSUCHFUNCTION(1)"},
	}
	_, err := readData(book(t, "Sheet1", rows), "u.xlsx", Options{})
	if !errors.Is(err, ErrFormula) || !strings.Contains(err.Error(), "C2") {
		t.Fatalf("error %v; want ErrFormula naming C2", err)
	}
}

// An error value where a count belongs is said as such, cached or given
// by a formula saved without its value, naming the cell.
func TestReadErrorValues(t *testing.T) {
	rows := [][]any{
		{"unit", "labour_force", "bhxh_mandatory"},
		{"Huyện A", 1000, 300},
		{"Huyện B", 2000, "=SUM(#REF!)+5502"},
	}
	data := patchSheet(t, book(t, "Sheet1", rows), func(x string) string {
		// B2 holds a cached #N/A, as Excel or LibreOffice save a failed VLOOKUP
		return strings.Replace(x, `<c r="B2"><v>1000</v></c>`, `<c r="B2" t="e"><v>#N/A</v></c>`, 1)
	})
	_, err := readData(data, "e.xlsx", Options{})
	if !errors.Is(err, ErrErrorValue) {
		t.Fatalf("error %v; want ErrErrorValue", err)
	}
	for _, want := range []string{`e.xlsx: Sheet1!B2: the cell holds the error #N/A`, `e.xlsx: Sheet1!C3: "=SUM(#REF!)+5502" gives the error #REF!`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q; want it to say %q", err, want)
		}
	}
}

func TestReadCollectsEveryBadCell(t *testing.T) {
	rows := [][]any{
		{"unit", "labour_force", "bhxh_mandatory"},
		{"Huyện A", "1O0", "12,5"},
		{"Huyện B", -3, 4},
	}
	_, err := readData(book(t, "T11", rows), "h.xlsx", Options{})
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 3 {
		t.Fatalf("error %v; want 3 cell errors", err)
	}
	for _, want := range []string{`h.xlsx: T11!B2: "1O0" is not a whole number of people`, "T11!C2", "T11!B3"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q missing from\n%v", want, err)
		}
	}
}

func TestReadStrayFarCell(t *testing.T) {
	// A cell at XFD1048576, written straight into the sheet XML (building
	// it with excelize would pad a million rows in the test itself).
	data := patchSheet(t, book(t, "Sheet1", canonicalRows), func(x string) string {
		return strings.Replace(x, "</sheetData>", `<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`, 1)
	})
	start := time.Now()
	tab, err := readData(data, "far.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Units) != 2 {
		t.Errorf("%d units", len(tab.Units))
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("reading took %v", d)
	}
}

// patchSheet rewrites xl/worksheets/sheet1.xml of an xlsx.
func patchSheet(t *testing.T, data []byte, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "xl/worksheets/sheet1.xml" {
			body = []byte(edit(string(body)))
		}
		w, _ := zw.Create(f.Name)
		w.Write(body)
	}
	zw.Close()
	return buf.Bytes()
}

func TestReadZipBombRefused(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	zeros := make([]byte, 1<<20)
	for i := 0; i < 300; i++ { // 300 MB of zeros, a few hundred KB zipped
		w.Write(zeros)
	}
	zw.Close()
	_, err := readData(buf.Bytes(), "bomb.xlsx", Options{})
	if !errors.Is(err, ErrTooBig) {
		t.Fatalf("error %v; want ErrTooBig", err)
	}
}

func TestReadNotAWorkbook(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":     {},
		"random":    bytes.Repeat([]byte{0x13, 0x37, 0xfe}, 700),
		"truncated": book(t, "Sheet1", canonicalRows)[:900],
	} {
		_, err := readData(data, name+".xlsx", Options{})
		if !errors.Is(err, ErrNotWorkbook) {
			t.Errorf("%s: error %v; want ErrNotWorkbook", name, err)
		}
	}
}

func TestReadPasswordProtected(t *testing.T) {
	f := excelize.NewFile()
	for r, row := range canonicalRows {
		for c, v := range row {
			axis, _ := excelize.CoordinatesToCellName(c+1, r+1)
			f.SetCellValue("Sheet1", axis, v)
		}
	}
	path := filepath.Join(t.TempDir(), "locked.xlsx")
	if err := f.SaveAs(path, excelize.Options{Password: "bimat"}); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(path, Options{}); !errors.Is(err, ErrPassword) {
		t.Fatalf("error %v; want ErrPassword", err)
	}
	tab, err := ReadFile(path, Options{Password: "bimat"})
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Units) != 2 {
		t.Errorf("%d units", len(tab.Units))
	}
}

func TestReadSheetOption(t *testing.T) {
	data := book(t, "Số liệu", canonicalRows)
	for _, s := range []string{"Số liệu", "so lieu", "1"} {
		if _, err := readData(data, "s.xlsx", Options{Sheet: s}); err != nil {
			t.Errorf("--sheet %q: %v", s, err)
		}
	}
	if _, err := readData(data, "s.xlsx", Options{Sheet: "9"}); err == nil || !strings.Contains(err.Error(), "Số liệu") {
		t.Errorf("a missing sheet should list the sheets: %v", err)
	}
}

func TestReadColOverride(t *testing.T) {
	rows := [][]any{
		{"Tên", "Người lao động", "Đã đóng"},
		{"Huyện A", 1000, 300},
		{"Huyện B", 2000, 400},
	}
	opt := Options{Columns: map[string]string{"Tên": "unit", "Người lao động": "labour_force", "C": "bhxh_mandatory"}}
	tab, err := readData(book(t, "Sheet1", rows), "o.xlsx", opt)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Units[1].Counts["bhxh_mandatory"] != 400 {
		t.Errorf("%+v", tab.Units[1])
	}
}

func TestParseColOverride(t *testing.T) {
	for _, tc := range []struct {
		in, header, key string
		ok              bool
	}{
		{"TG BHXH BB=bhxh_mandatory", "TG BHXH BB", "bhxh_mandatory", true},
		{"a=b=plan_bhyt", "a=b", "plan_bhyt", true},
		{"Ghi chú=-", "Ghi chú", "-", true},
		{"H = bhyt", "H", "bhyt", true},
		{"=bhyt", "", "", false},
		{"x=nonsense", "", "", false},
		{"nokey", "", "", false},
	} {
		h, k, err := ParseColOverride(tc.in)
		if (err == nil) != tc.ok || h != tc.header || k != tc.key {
			t.Errorf("ParseColOverride(%q) = %q, %q, %v", tc.in, h, k, err)
		}
	}
}

func TestParseColumnsFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cols.txt")
	os.WriteFile(path, []byte("\xEF\xBB\xBF# mapping\nTG BHXH BB=bhxh_mandatory\n\nLLLĐ=labour_force\n"), 0o644)
	m, err := ParseColumnsFile(path)
	if err != nil || len(m) != 2 || m["LLLĐ"] != "labour_force" {
		t.Fatalf("%v %v", m, err)
	}
}

// FuzzRead: whatever the bytes, Read returns a table or an error, never a
// panic, and a table's counts are whole people within limits.
func FuzzRead(f *testing.F) {
	f.Add(book(f, "Sheet1", canonicalRows), "a.xlsx")
	f.Add([]byte("unit;labour_force;bhxh_mandatory\nHuyện A;1.000;300\n"), "a.csv")
	for _, name := range []string{"tinh-mau-2023-11.xlsx", "ascii-headers.csv", "xa-phuong-2025-10.xlsx"} {
		if data, err := os.ReadFile(filepath.Join(fixtureDir, name)); err == nil {
			f.Add(data, name)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		tab, err := readData(data, name, Options{})
		if err != nil {
			return
		}
		for _, u := range tab.Units {
			for k, v := range u.Counts {
				if v < 0 || v > 200_000_000 {
					t.Fatalf("%s %s = %d", u.Name, k, v)
				}
			}
		}
	})
}

// TestReadNeverExpandsEntities: a "billion laughs" DTD in the shared strings
// is not expanded (Go's XML decoder knows only the predefined entities).
func TestReadNeverExpandsEntities(t *testing.T) {
	data := book(t, "Sheet1", canonicalRows)
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	laughs := `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
		`<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">` +
		`<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>`
	for _, f := range zr.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "xl/sharedStrings.xml" {
			s := strings.Replace(string(body), "?>", "?>"+laughs, 1)
			body = []byte(strings.Replace(s, "Huyện A", "&lol9;", 1))
		}
		w, _ := zw.Create(f.Name)
		w.Write(body)
	}
	zw.Close()
	start := time.Now()
	tab, err := readData(buf.Bytes(), "lol.xlsx", Options{})
	if err == nil {
		for _, u := range tab.Units {
			if strings.Contains(u.Name, "lollol") {
				t.Fatalf("entity expanded: %q", u.Name[:20])
			}
		}
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

// "Xã Tân Lập" and "Phường Tân Lập" are two units; "Huyện Đông Hòa" and
// "Huyện Đông Hoà" one unit typed twice.
func TestReadDuplicatesKeepAdminType(t *testing.T) {
	rows := [][]any{
		{"unit", "labour_force", "bhxh_mandatory"},
		{"Xã Tân Lập", 1000, 300},
		{"Phường Tân Lập", 2000, 400},
	}
	if _, err := readData(book(t, "Sheet1", rows), "d.xlsx", Options{}); err != nil {
		t.Fatalf("two units with the same name and different types: %v", err)
	}
	rows = append(rows, []any{"TP. Bình Lâm", 1, 1}, []any{"Thành phố Bình Lâm", 1, 1})
	if _, err := readData(book(t, "Sheet1", rows), "d.xlsx", Options{}); !errors.Is(err, ErrDuplicateUnit) {
		t.Fatalf("error %v; want ErrDuplicateUnit", err)
	}
}

// FuzzReadSheetXML fuzzes the worksheet XML inside an otherwise valid
// workbook, so mutations reach the sheet tokenizer and the table finder
// instead of failing the zip's checksums.
func FuzzReadSheetXML(f *testing.F) {
	base := book(f, "Sheet1", canonicalRows)
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		f.Fatal(err)
	}
	parts := map[string][]byte{}
	var names []string
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		parts[zf.Name] = body
		names = append(names, zf.Name)
	}
	f.Add(string(parts["xl/worksheets/sheet1.xml"]), string(parts["xl/sharedStrings.xml"]))
	f.Add(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>unit</t></is></c><c r="B1" t="inlineStr"><is><t>labour_force</t></is></c><c r="C1" t="inlineStr"><is><t>bhxh_mandatory</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Huyện A</t></is></c><c r="B2"><v>10</v></c><c r="C2"><f>B2/2</f></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:A1"/></mergeCells></worksheet>`, string(parts["xl/sharedStrings.xml"]))
	f.Fuzz(func(t *testing.T, sheet, shared string) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, name := range names {
			body := parts[name]
			switch name {
			case "xl/worksheets/sheet1.xml":
				body = []byte(sheet)
			case "xl/sharedStrings.xml":
				body = []byte(shared)
			}
			w, _ := zw.Create(name)
			w.Write(body)
		}
		zw.Close()
		tab, err := readData(buf.Bytes(), "f.xlsx", Options{})
		if err != nil {
			return
		}
		for _, u := range tab.Units {
			for k, v := range u.Counts {
				if v < 0 || v > 200_000_000 {
					t.Fatalf("%s %s = %d", u.Name, k, v)
				}
			}
		}
	})
}
