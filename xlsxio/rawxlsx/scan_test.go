package rawxlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/xlsxio/readerr"
)

// buildXLSX makes a minimal package around a sheet (and shared strings when
// sst is not "").
func buildXLSX(t testing.TB, sheetXML, sstXML string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	add("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	add("_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	add("xl/workbook.xml", `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/><sheet name="Hai" sheetId="2" r:id="rId2"/></sheets></workbook>`)
	rels := `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>`
	if sstXML != "" {
		rels += `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
		add("xl/sharedStrings.xml", sstXML)
	}
	add("xl/_rels/workbook.xml.rels", rels+`</Relationships>`)
	add("xl/worksheets/sheet1.xml", sheetXML)
	add("xl/worksheets/sheet2.xml", `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>hai</t></is></c></row></sheetData></worksheet>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// scanAll returns the rows as "row:COL=value|…" lines.
func scanAll(t testing.TB, data []byte, sheet string, lim Limits) ([]string, error) {
	t.Helper()
	return scanPicking(t, data, sheet, lim, nil)
}

// scanPicking is scanAll with a pick (see ScanSheetPicking).
func scanPicking(t testing.TB, data []byte, sheet string, lim Limits, pick func(*Row) []bool) ([]string, error) {
	t.Helper()
	var out []string
	_, err := scanSheetReader(bytes.NewReader(data), int64(len(data)), "ds.xlsx", sheet, lim, pick, func(r *Row) error {
		var sb strings.Builder
		fmt.Fprintf(&sb, "%d:", r.Num)
		for i, c := range r.Cells {
			if i > 0 {
				sb.WriteByte('|')
			}
			fmt.Fprintf(&sb, "%s=%s", ColumnLetters(c.Col), c.Value)
		}
		out = append(out, sb.String())
		return nil
	})
	return out, err
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D9"/><sheetData>`

func TestScanSheetValues(t *testing.T) {
	sst := `<?xml version="1.0"?><sst xmlns="x" count="4" uniqueCount="4">` +
		`<si><t>Mã số BHXH</t></si>` +
		`<si><r><rPr><b/></rPr><t>Xã </t></r><r><t xml:space="preserve">Tân &amp; Phú</t></r><rPh sb="0" eb="1"><t>IGNORED</t></rPh></si>` +
		`<si/>` +
		`<si><t>0123456789</t></si></sst>`
	sheet := sheetHead +
		`<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s" s="2"><v>1</v></c></row>` +
		`<row r="3"><c r="B3" t="inlineStr"><is><t>a&lt;b&gt;&quot;&apos;&#233;&#x1EA1;</t></is></c><c r="C3"><v>1.5E+3</v></c><c r="D3" t="s"><v>2</v></c></row>` +
		`<row><c t="s"><v>3</v></c><c><f>A1</f><v>42</v></c><c t="str"><f>X</f><v>text</v></c></row>` + // row 4, cells A, B, C
		`<x:row r="6" xmlns:x="x"><x:c r="A6" t="b"><x:v>1</x:v></x:c><c r="B6"/><c r="C6"><v></v></c></x:row>` +
		`<row r="7"/>` +
		`<!-- a comment <row r="8"> --><row r="9"><c r="A9" t="inlineStr"><is><t><![CDATA[<&amp;>]]></t></is></c></row>` +
		`</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`
	got, err := scanAll(t, buildXLSX(t, sheet, sst), "", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"1:A=Mã số BHXH|C=Xã Tân & Phú",
		`3:B=a<b>"'éạ|C=1.5E+3`,
		"4:A=0123456789|B=42|C=text",
		"6:A=1",
		"9:A=<&amp;>",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestScanSheetPicking: once pick names the columns (at the header, row
// 2), the rows under it hold those columns' cells only, whatever the other
// cells are (inline or rich text, shared strings, out of order, without r,
// a shared string that does not exist); a bad cell of a column picked fails
// as in a scan of every column; a bad reference fails in any column.
func TestScanSheetPicking(t *testing.T) {
	sst := `<sst><si><t>STT</t></si><si><t>Mã</t></si><si><t>Tên</t></si><si><r><t>Xã </t></r><r><t>A</t></r></si><si><t>0123456789</t></si></sst>`
	rows := `<row r="1"><c r="A1" t="inlineStr"><is><t>DANH SÁCH</t></is></c></row>` +
		`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="D2" t="s"><v>2</v></c></row>` +
		`<row r="3"><c r="A3"><v>1</v></c><c r="B3" t="s"><v>4</v></c><c r="C3" t="inlineStr"><is><r><t>x</t></r></is></c><c r="D3" t="s"><v>3</v></c></row>` +
		`<row r="4"><c r="D4" t="s"><v>3</v></c><c r="A4" t="s"><v>99</v></c><c><v>5</v></c><c t="inlineStr"><is><t>y</t></is></c></row>` + // A4: no such shared string; B4, C4: no r
		`<row r="5"><c r="A5"><v>2</v></c><c r="C5" t="str"><f>A1</f><v>z</v></c></row>` + // none picked: not handed over
		`<row r="6"><c r="B6"><v>0123456789</v></c></row>`
	pickAt2 := func(r *Row) []bool {
		if r.Num == 2 {
			return []bool{false, true, false, true}
		}
		return nil
	}
	data := buildXLSX(t, sheetHead+rows+`</sheetData></worksheet>`, sst)
	got, err := scanPicking(t, data, "", Limits{}, pickAt2)
	want := "1:A=DANH SÁCH\n2:A=STT|B=Mã|D=Tên\n3:B=0123456789|D=Xã A\n4:D=Xã A|B=5\n6:B=0123456789"
	if err != nil || strings.Join(got, "\n") != want {
		t.Errorf("got %v\n%s\nwant\n%s", err, strings.Join(got, "\n"), want)
	}
	if _, err := scanAll(t, data, "", Limits{}); err == nil || !strings.Contains(err.Error(), "A4") {
		t.Errorf("every column: %v, want A4's shared string refused", err)
	}
	for _, bad := range []struct{ row, cell string }{
		{`<row r="7"><c r="B7" t="s"><v>99</v></c></row>`, "B7"},                       // picked: a missing string
		{`<row r="7"><c r="A7"><v>1</v></c><c r="B7" t="zz"><v>1</v></c></row>`, "B7"}, // picked: unknown type
		{`<row r="7"><c r="C7" t="zz"><v>1</v></c></row>`, "C7"},                       // not picked: unknown type
		{`<row r="7"><c r="AAAA7"><v>1</v></c></row>`, "A7"},                           // not picked: bad reference
	} {
		data := buildXLSX(t, sheetHead+rows+bad.row+`</sheetData></worksheet>`, sst)
		_, errPick := scanPicking(t, data, "", Limits{}, pickAt2)
		var ce *readerr.CellError
		if !errors.As(errPick, &ce) || ce.Cell != bad.cell || ce.Sheet != "Danh sách" || ce.File != "ds.xlsx" {
			t.Errorf("%s: %v, want an error naming ds.xlsx: Danh sách!%s", bad.row, errPick, bad.cell)
		}
		if bad.cell == "B7" {
			data := buildXLSX(t, sheetHead+bad.row+`</sheetData></worksheet>`, sst)
			if _, errAll := scanAll(t, data, "", Limits{}); errAll == nil || errAll.Error() != errPick.Error() {
				t.Errorf("%s: picking %v, every column %v", bad.row, errPick, errAll)
			}
		}
	}
}

func TestScanSheetChoosesSheet(t *testing.T) {
	data := buildXLSX(t, sheetHead+`</sheetData></worksheet>`, "")
	for _, sheet := range []string{"Hai", "hai", "2"} {
		got, err := scanAll(t, data, sheet, Limits{})
		if err != nil || len(got) != 1 || got[0] != "1:A=hai" {
			t.Errorf("sheet %q: %v %v", sheet, got, err)
		}
	}
	if _, err := scanAll(t, data, "Ba", Limits{}); err == nil || !strings.Contains(err.Error(), `no sheet "Ba" (sheets: "Danh sách", "Hai")`) {
		t.Errorf("missing sheet: %v", err)
	}
}

func TestScanSheetRefusals(t *testing.T) {
	cases := []struct {
		name, sheet, sst string
		is               error
		cell             string // CellError.Cell when the error names a cell
	}{
		{"column beyond XFD", sheetHead + `<row r="1"><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>`, "", readerr.ErrCellRange, "A1"},
		{"row beyond 1048576", sheetHead + `<row r="1048577"><c><v>1</v></c></row></sheetData></worksheet>`, "", readerr.ErrCellRange, "A1048576"},
		{"four letters", sheetHead + `<row r="2"><c r="B2"><v>1</v></c><c r="AAAA2"><v>1</v></c></row></sheetData></worksheet>`, "", readerr.ErrCellRange, "C2"},
		{"DTD", `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><worksheet><sheetData/></worksheet>`, "", readerr.ErrBadXML, ""},
		{"undefined entity", sheetHead + `<row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>`, "", readerr.ErrBadXML, "A1"},
		{"bad char ref", sheetHead + `<row r="1"><c r="A1"><v>&#0;</v></c></row></sheetData></worksheet>`, "", readerr.ErrBadXML, "A1"},
		{"missing shared string", sheetHead + `<row r="5"><c r="C5" t="s"><v>7</v></c></row></sheetData></worksheet>`, `<sst><si><t>a</t></si></sst>`, nil, "C5"},
		{"truncated", sheetHead + `<row r="1"><c r="A1"><v>1</v></c>`, "", readerr.ErrBadXML, ""},
		{"unknown cell type", sheetHead + `<row r="1"><c r="A1" t="zz"><v>1</v></c></row></sheetData></worksheet>`, "", readerr.ErrBadXML, "A1"},
		{"no sheetData", `<worksheet></worksheet>`, "", readerr.ErrBadXML, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := scanAll(t, buildXLSX(t, c.sheet, c.sst), "", Limits{})
			if err == nil {
				t.Fatal("no error")
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("error %v is not %v", err, c.is)
			}
			var ce *readerr.CellError
			if c.cell != "" {
				if !errors.As(err, &ce) || ce.Cell != c.cell || ce.File != "ds.xlsx" || ce.Sheet != "Danh sách" {
					t.Errorf("error %v does not name ds.xlsx: Danh sách!%s", err, c.cell)
				}
			}
		})
	}
	if _, err := scanAll(t, []byte("not a zip"), "", Limits{}); !errors.Is(err, readerr.ErrNotWorkbook) {
		t.Errorf("not a zip: %v", err)
	}
}

func TestScanSheetLimits(t *testing.T) {
	// 40 MB of one repeated row deflates ~1000:1: refused by the ratio.
	row := `<row><c t="inlineStr"><is><t>x</t></is></c></row>`
	bomb := sheetHead + strings.Repeat(row, 40<<20/len(row)) + `</sheetData></worksheet>`
	data := buildXLSX(t, bomb, "")
	if _, err := scanAll(t, data, "", Limits{}); !errors.Is(err, readerr.ErrTooBig) || !strings.Contains(err.Error(), "zip bomb") {
		t.Errorf("bomb: %v", err)
	}
	if _, err := scanAll(t, data, "", Limits{MaxPartBytes: 1 << 20, MaxRatio: 1 << 20}); !errors.Is(err, readerr.ErrTooBig) {
		t.Errorf("part limit: %v", err)
	}
	sst := `<sst>` + strings.Repeat(`<si><t>abc</t></si>`, 100) + `</sst>`
	small := buildXLSX(t, sheetHead+`</sheetData></worksheet>`, sst)
	if _, err := scanAll(t, small, "", Limits{MaxSharedStrings: 99}); !errors.Is(err, readerr.ErrTooBig) {
		t.Errorf("shared strings count: %v", err)
	}
	if _, err := scanAll(t, small, "", Limits{MaxSharedBytes: 299}); !errors.Is(err, readerr.ErrTooBig) {
		t.Errorf("shared strings bytes: %v", err)
	}
	if _, err := scanAll(t, small, "", Limits{MaxSharedStrings: 100, MaxSharedBytes: 300}); err != nil {
		t.Errorf("at the limits: %v", err)
	}
	long := buildXLSX(t, sheetHead+`<row><c t="inlineStr"><is><t>`+strings.Repeat("y", 2000)+`</t></is></c></row></sheetData></worksheet>`, "")
	if _, err := scanAll(t, long, "", Limits{MaxCellBytes: 1000}); !errors.Is(err, readerr.ErrTooBig) {
		t.Errorf("cell limit: %v", err)
	}
}

// TestScanSheetMatchesExcelize writes a sheet big enough to cross many
// blocks, with excelize, and compares every value with excelize's own reading.
func TestScanSheetMatchesExcelize(t *testing.T) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"Nguyễn Văn A", "Trần Thị B & C", "Lê <Văn> \"D\"", "Phạm 'E'", "  spaced  "}
	const n = 20000
	for i := 1; i <= n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		vals := []any{i, names[i%len(names)], fmt.Sprintf("%010d", i*7919), nil, strings.Repeat("z", i%300)}
		if i%7 == 0 {
			vals = vals[:2]
		}
		if err := sw.SetRow(cell, vals); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	want, err := f.GetRows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	i := 0
	_, err = ScanSheetReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "x.xlsx", "", Limits{}, func(r *Row) error {
		if r.Num != i+1 {
			return fmt.Errorf("row %d, want %d", r.Num, i+1)
		}
		got := make([]string, 0, 5)
		for _, c := range r.Cells {
			for len(got) < c.Col {
				got = append(got, "")
			}
			got = append(got, string(c.Value))
		}
		if strings.Join(got, "|") != strings.Join(want[i], "|") {
			return fmt.Errorf("row %d: %q, want %q", r.Num, got, want[i])
		}
		i++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if i != n {
		t.Errorf("%d rows, want %d", i, n)
	}
}

// TestScanSheetStops: the callback's error comes back as is, and no
// goroutine is left behind.
func TestScanSheetStops(t *testing.T) {
	row := `<row><c t="inlineStr"><is><t>%d</t></is></c></row>`
	var sb strings.Builder
	sb.WriteString(sheetHead)
	for i := range 200000 {
		fmt.Fprintf(&sb, row, i)
	}
	sb.WriteString(`</sheetData></worksheet>`)
	data := buildXLSX(t, sb.String(), "")
	before := runtime.NumGoroutine()
	stop := errors.New("enough")
	for _, at := range []int{1, 3000, 150000} {
		n := 0
		_, err := ScanSheetReader(bytes.NewReader(data), int64(len(data)), "x.xlsx", "", Limits{}, func(r *Row) error {
			n++
			if n == at {
				return stop
			}
			return nil
		})
		if err != stop {
			t.Errorf("stop at %d: %v", at, err)
		}
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > before {
		t.Errorf("%d goroutines left, %d before", g, before)
	}
}

// TestScanSheetNoTempFiles: the scan writes nothing, anywhere.
func TestScanSheetNoTempFiles(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	path := filepath.Join(t.TempDir(), "ds.xlsx")
	var sb strings.Builder
	sb.WriteString(sheetHead)
	for i := range 50000 {
		fmt.Fprintf(&sb, `<row><c t="inlineStr"><is><t>%d</t></is></c></row>`, i)
	}
	sb.WriteString(`</sheetData></worksheet>`)
	if err := os.WriteFile(path, buildXLSX(t, sb.String(), ""), 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := ScanSheet(path, "", Limits{}, func(*Row) error { return nil })
	if err != nil || info.Rows != 50000 || info.Sheet != "Danh sách" || info.File != "ds.xlsx" {
		t.Fatalf("%+v %v", info, err)
	}
	if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
		t.Errorf("TMPDIR holds %d entries", len(ents))
	}
}

func TestColumnLetters(t *testing.T) {
	for col, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 701: "ZZ", 702: "AAA", 16383: "XFD"} {
		if got := ColumnLetters(col); got != want {
			t.Errorf("ColumnLetters(%d) = %s, want %s", col, got, want)
		}
		if c, r, ok := ParseCellName([]byte(want + "7")); !ok || c != col || r != 7 {
			t.Errorf("ParseCellName(%s7) = %d %d %v", want, c, r, ok)
		}
	}
}

func FuzzSheetScan(f *testing.F) {
	f.Add([]byte(sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c><c t="inlineStr"><is><t>a&amp;b</t></is></c></row></sheetData></worksheet>`))
	f.Add([]byte(`<worksheet><sheetData><row><c><v>1</v></c></row><!-- x --><row r="3"><c r="B3" t="str"><v><![CDATA[z]]></v></c></row></sheetData></worksheet>`))
	f.Add(buildXLSX(f, sheetHead+`<row r="2"><c r="B2" t="s"><v>1</v></c></row></sheetData></worksheet>`, `<sst><si><t>a</t></si><si><r><t>b</t></r><rPh><t>c</t></rPh></si></sst>`))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, in []byte) {
		data := in
		if !bytes.HasPrefix(in, []byte("PK")) {
			// Bytes that are not a zip are taken as the sheet XML.
			data = buildXLSX(t, string(in), `<sst><si><t>a</t></si><si><t>b</t></si></sst>`)
		}
		lim := Limits{MaxPartBytes: 8 << 20, MaxSharedBytes: 1 << 20, MaxSharedStrings: 1 << 16, MaxCellBytes: 1 << 16}
		var full []string
		_, errFull := ScanSheetReader(bytes.NewReader(data), int64(len(data)), "f.xlsx", "", lim, func(r *Row) error {
			if r.Num < 1 || r.Num > MaxRow {
				t.Fatalf("row %d", r.Num)
			}
			for _, c := range r.Cells {
				if c.Col < 0 || c.Col >= MaxCol || len(c.Value) == 0 || len(c.Value) > 1<<16 {
					t.Fatalf("cell %+v", c)
				}
			}
			// what a pick of columns A and C at the first row keeps
			if len(full) > 0 {
				r = &Row{Num: r.Num, Cells: slices.DeleteFunc(slices.Clone(r.Cells), func(c Cell) bool { return c.Col != 0 && c.Col != 2 })}
				if len(r.Cells) == 0 {
					return nil
				}
			}
			full = append(full, fmt.Sprint(*r))
			return nil
		})
		// The same scan picking A and C: the same rows and cells, and an
		// error only where every column fails too (a missing shared string
		// in another column is none).
		var picked []string
		_, errPick := scanSheetReader(bytes.NewReader(data), int64(len(data)), "f.xlsx", "", lim, func(*Row) []bool { return []bool{true, false, true} }, func(r *Row) error {
			picked = append(picked, fmt.Sprint(*r))
			return nil
		})
		switch {
		case errPick != nil && errFull == nil:
			t.Fatalf("picking fails (%v), every column does not", errPick)
		case errFull != nil && errPick == nil && !errors.Is(errFull, errNoSharedString):
			t.Fatalf("every column fails (%v), picking does not", errFull)
		case errFull == nil && !slices.Equal(full, picked):
			t.Fatalf("every column, filtered\n%s\npicking\n%s", strings.Join(full, "\n"), strings.Join(picked, "\n"))
		}
	})
}

// TestInflateAhead: an inflater runs ahead of its reader by its nBlocks
// and ahead blocks, no further, and hands the part over whole and in
// order, the blocks its reader returns taken back without waiting.
func TestInflateAhead(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(sheetHead)
	for i := 0; sb.Len() < 6<<20; i++ {
		fmt.Fprintf(&sb, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, i+1, i+1, i*7919)
	}
	sb.WriteString(`</sheetData></worksheet>`)
	data := buildXLSX(t, sb.String(), "")
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	p := NewPackage(zr, "x.xlsx", Limits{})
	const ahead = 5
	inf, err := p.startInflate(p.PartFold("xl/worksheets/sheet1.xml"), ahead)
	if err != nil {
		t.Fatal(err)
	}
	defer inf.stop()
	deadline := time.Now().Add(10 * time.Second)
	for len(inf.out) < nBlocks+ahead && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond) // a block too many would come now
	if n := len(inf.out); n != nBlocks+ahead {
		t.Fatalf("%d blocks ahead, want %d", n, nBlocks+ahead)
	}
	var got []byte
	for b := range inf.out {
		got = append(got, b[headroom:]...)
		inf.free <- b[:cap(b)]
	}
	if inf.err != nil || string(got) != sb.String() {
		t.Fatalf("%d bytes of %d, err %v", len(got), sb.Len(), inf.err)
	}
}

// TestScanSheetErrorOrder: with the sheet inflating while the shared
// strings are read, a list whose shared strings and sheet part both fail
// still reports the shared strings' error, as when the sheet waited.
func TestScanSheetErrorOrder(t *testing.T) {
	sst := `<sst>` + strings.Repeat(`<si><t>abc</t></si>`, 100) + `</sst>`
	row := `<row><c t="inlineStr"><is><t>x</t></is></c></row>`
	data := buildXLSX(t, sheetHead+strings.Repeat(row, 1<<20/len(row))+`</sheetData></worksheet>`, sst)
	_, err := scanAll(t, data, "", Limits{MaxSharedStrings: 99, MaxPartBytes: 1 << 19, MaxRatio: 1 << 20})
	if !errors.Is(err, readerr.ErrTooBig) || !strings.Contains(err.Error(), "shared strings") {
		t.Errorf("shared strings and sheet too big: %v", err)
	}
	if _, err := scanAll(t, data, "", Limits{MaxPartBytes: 1 << 19, MaxRatio: 1 << 20}); !errors.Is(err, readerr.ErrTooBig) || !strings.Contains(err.Error(), "sheet1.xml") {
		t.Errorf("sheet too big: %v", err)
	}
}
