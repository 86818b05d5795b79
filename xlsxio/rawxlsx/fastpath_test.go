package rawxlsx

import (
	"archive/zip"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// readAll is every item SheetReader hands over for a sheet, written out,
// up to and with the first error; with pick, the cells of the columns
// picked only (the fast path skips the others, the general path hands
// them over and readAll leaves them out).
func readAll(data []byte, general bool, pick []bool) string {
	p := &Package{name: "f.xlsx", lim: Limits{MaxCellBytes: 64}}
	sr := p.SheetReader(data, "S")
	sr.general = general
	sr.pick = pick
	var b strings.Builder
	for range 100000 {
		it, err := sr.Next()
		if err == nil && it == CellItem && pick != nil && (sr.Cell.Col >= len(pick) || !pick[sr.Cell.Col]) {
			continue
		}
		fmt.Fprintf(&b, "%d ", it)
		if err != nil {
			fmt.Fprintf(&b, "error %v\n", err)
			return b.String()
		}
		switch it {
		case RowStart:
			fmt.Fprintf(&b, "%+v\n", sr.Row)
		case CellItem:
			fmt.Fprintf(&b, "%+v %q %q %q\n", sr.Cell, sr.Cell.Value, sr.Cell.Inline, sr.Cell.Formula)
		case ColItem:
			fmt.Fprintf(&b, "%+v\n", sr.Col)
		case MergeItem:
			fmt.Fprintf(&b, "%q\n", sr.Merge)
		case Done:
			return b.String()
		default:
			b.WriteString("\n")
		}
	}
	return b.String()
}

var fastPathSeeds = []string{
	sheetHead + `<row r="1" spans="1:3"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="2"/><c r="C1"><v>1.5</v></c></row><row r="3" s="4" customFormat="1" hidden="1"><c r="A3" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`,
	sheetHead + `<row r="2"><c r="A1" t="s"><v>0</v></c><c r="A2" t="s"><v>0</v></c><c r="B2" s="x"><v>1</v></c><c r="C2" t="zz"><v>1</v></c></row></sheetData></worksheet>`,
	sheetHead + `<row r="1"><c r="A1" r="B1"><v>1</v></c><c r="C1" x:s="1"><v>1</v></c><c  r="D1"><v>2</v></c><c r="E1" t="str"><f>1+1</f><v>2</v></c><c r="F1"><v>a&amp;b</v></c><c r="G1"><v>` + strings.Repeat("9", 80) + `</v></c></row></sheetData></worksheet>`,
	sheetHead + `<row r="0"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`,
	sheetHead + `<row r="1" r="2"/><row hidden="true" s="3"/><row r=" 5 "><c r="XFE5"><v>1</v></c></row></sheetData></worksheet>`,
	sheetHead + `<row r="1"><c r="A1" s="1" t="s"><v>0</v></c></row ><row r="2"></row><row r="3"><c r="A3"><v>1` + "\r\n" + `</v></c><c r=""><v>1</v></c></row></sheetData><mergeCells><mergeCell ref="A1:B2"/></mergeCells></worksheet>`,
	// for the picks: columns out of order, cells without r, inline and
	// rich text, formulas, and malformed cells in every column
	sheetHead + `<row r="1"><c r="C1" t="s"><v>1</v></c><c r="A1" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r><rPh><t>x</t></rPh></is></c><c><v>2</v></c><c t="s"><v>3</v></c><c r="E1" s="1"/><c r="F1" t="str"><f>A1</f><v>ab</v></c></row><row><c><v>1</v></c><c r="B2" t="zz"><v>1</v></c></row></sheetData></worksheet>`,
	sheetHead + `<row r="1"><c r="B1"><v>` + strings.Repeat("7", 70) + `</v></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2" t="e"><v>#N/A</v></c><c r="C2" t="b"><v>1</v></c><c r="D2"><v>1</v></c><c r="B3"><v>1</v></c></row><row r="3"><c r="A3"><v>x</v></c><c r="Q"><v>1</v></c></row></sheetData></worksheet>`,
	sheetHead + `<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>1</v></c><c><v>1</v></c></row></sheetData></worksheet>`,
	sheetHead + `<row r="1"><c r="D1" t="s"><v>9999</v></c><c r="C1" t="s"><v> 1 </v></c><c r="E1"><v>a&lt;b</v></c><c r="F1"><v></v></c><c r="G1"/><c r="H1" t="s"><v>0</v><!-- x --></c></row><row r="2"><c r="B2" t="d"><v>2023-01-01</v></c></row></sheetData></worksheet>`,
}

// fastPathPicks are the column sets the fast path is compared under: none
// (every cell), one column, some, others, and no column at all.
var fastPathPicks = [][]bool{nil, {false, false, true}, {true, false, true, false, true}, {false, true, false, true, false, false, true}, {}}

// TestFastPathAgrees: the fast paths of the sheet tokenizer read every
// sheet of the tests exactly as the general path does.
func TestFastPathAgrees(t *testing.T) {
	for i, sheet := range append(slices.Clone(fastPathSeeds), excelRows) {
		for _, pick := range fastPathPicks {
			fast, general := readAll([]byte(sheet), false, pick), readAll([]byte(sheet), true, pick)
			if fast != general {
				t.Errorf("seed %d, pick %v: fast path\n%s\ngeneral path\n%s", i, pick, fast, general)
			}
		}
	}
}

// FuzzFastPathAgrees: whatever the sheet XML, the fast paths (fastCell,
// fastRow) hand over the same items, cells and errors as the general path,
// also when they skip the cells of columns not picked.
func FuzzFastPathAgrees(f *testing.F) {
	for _, s := range fastPathSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, pick := range fastPathPicks {
			if fast, general := readAll(data, false, pick), readAll(data, true, pick); fast != general {
				t.Fatalf("pick %v: fast path\n%s\ngeneral path\n%s", pick, fast, general)
			}
		}
	})
}

// readSST is the shared-strings table read from data, written out, or the
// error.
func readSST(data []byte, general, normCR bool) string {
	p := &Package{name: "f.xlsx", lim: Limits{MaxSharedBytes: 64, MaxSharedStrings: 6}.withDefaults(), NormalizeCR: normCR, general: general}
	zf := &zip.File{FileHeader: zip.FileHeader{Name: "xl/sharedStrings.xml", UncompressedSize64: uint64(len(data))}}
	sst, err := p.parseSharedStrings(newTokenizer(data), zf)
	if err != nil {
		return "error " + err.Error()
	}
	return fmt.Sprintf("%q %v", sst.data, sst.offs)
}

var sstFastPathSeeds = []string{
	`<?xml version="1.0"?><sst count="3" uniqueCount="3"><si><t>a</t></si><si><t></t></si><si><t>Xã Tân Phú</t></si></sst>`,
	`<sst><si><t>a&amp;b</t></si><si><t xml:space="preserve"> x </t></si><si><r><t>b</t></r><r><t>c</t></r><rPh><t>d</t></rPh></si><si/><si><t>1` + "\r\n" + `</t></si></sst>`,
	`<sst><si><t>a</si><si><t>b</t></si>x<si><t>c</t></si></sst>`,
	`<sst><si><t>c</t></si><si><t>` + strings.Repeat("z", 70) + `</t></si></sst>`,
	`<sst><si><t>1</t></si><si><t>2</t></si><si><t>3</t></si><si><t>4</t></si><si><t>5</t></si><si><t>6</t></si><si><t>7</t></si></sst>`,
	`<sst><si><rPh><t>x</t><si><t>a</t></si></rPh></si><si><t>b</t><t>c</t></si><si><t>q</t></si ><si><t>r</t></si></sst>`,
}

// FuzzSharedStringsFastPath: whatever the shared-strings XML, the fast path
// of <si><t>TEXT</t></si> reads the same table, or fails the same way, as
// the general path, CR normalized or not.
func FuzzSharedStringsFastPath(f *testing.F) {
	for _, s := range sstFastPathSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, normCR := range []bool{false, true} {
			if fast, general := readSST(data, false, normCR), readSST(data, true, normCR); fast != general {
				t.Fatalf("normalizing CR %v: fast path\n%s\ngeneral path\n%s", normCR, fast, general)
			}
		}
	})
}

// scanPicked is every row scanRows hands over for a sheet (read from the
// second row on for the columns of pick, when not nil, as a list's count
// does once its header row is read), written out, then its error; general
// reads it without the fast paths (fastRow, fastCell, pickedCell).
func scanPicked(data []byte, general bool, pick []bool) string {
	p := &Package{name: "f.xlsx", lim: Limits{MaxCellBytes: 64}, general: general}
	sst := &SharedStrings{data: []byte("ab"), offs: []uint32{0, 1, 1, 2}} // "a", "", "b"
	var pickFn func(*Row) []bool
	if pick != nil {
		pickFn = func(*Row) []bool { return pick }
	}
	// small batches (newBatches' take 5 MB): the fuzz target makes ten
	// scans an input
	full, free := make(chan *rowBatch, 2), make(chan *rowBatch, 2)
	for range 2 {
		free <- &rowBatch{rows: make([]Row, 0, 16), cells: make([]Cell, 0, 128), arena: make([]byte, 0, 4096)}
	}
	var err error
	go func() {
		defer close(full)
		err = p.scanRows(newTokenizer(data), make(chan struct{}), "S", sst, pickFn, full, free)
	}()
	var b strings.Builder
	for bt := range full {
		for _, r := range bt.rows {
			fmt.Fprintf(&b, "%d:", r.Num)
			for _, c := range r.Cells {
				fmt.Fprintf(&b, " %d %c %q", c.Col, c.Type, c.Value)
			}
			b.WriteString("\n")
		}
		free <- bt
	}
	fmt.Fprintf(&b, "error %v\n", err)
	return b.String()
}

// scanSeeds are sheets for the scan's picked path: shared strings (found,
// empty, missing, not a number), empty and over-long values, cells of the
// columns not picked that fail, out of order, without r, or not written as
// the fast path takes them, among picked ones that are.
var scanSeeds = []string{
	sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c><c r="C1" t="s"><v>1</v></c></row><row r="2" spans="1:5"><c r="A2" s="2"><v>7</v></c><c r="B2" s="2" t="s"><v>0</v></c><c r="C2" t="s"><v>2</v></c><c r="D2"/><c r="E2"><v></v></c></row></sheetData></worksheet>`,
	sheetHead + `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>9</v></c><c r="C2" t="s"><v>0</v></c></row></sheetData></worksheet>`,
	sheetHead + `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>x</v></c><c r="B2" t="s"><v> 2 </v></c></row></sheetData></worksheet>`,
	sheetHead + `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t="zz"><v>1</v></c><c r="C2"><v>1</v></c></row><row r="3"><c r="C3" t="q"><v>1</v></c></row></sheetData></worksheet>`,
	sheetHead + `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>` + strings.Repeat("8", 70) + `</v></c></row><row r="3"><c r="C3"><v>` + strings.Repeat("9", 70) + `</v></c></row></sheetData></worksheet>`,
	sheetHead + `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="C2"><v>1</v></c><c r="A2"><v>2</v></c><c><v>3</v></c><c r="Z9"><v>4</v></c><c r="E2" t="inlineStr"><is><t>i&amp;j</t></is></c><c r="F2"><v>a&lt;b</v></c><c r="G2" t="str"><f>A1</f><v>f</v></c></row><row><c t="s"><v>2</v></c></row></sheetData></worksheet>`,
	sheetHead + `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c><c r="XFE2"><v>1</v></c></row></sheetData></worksheet>`,
	excelRows,
	sheetHead + `<row r="1" spans="1:3"><c r="A1"><v>1</v></c></row><row r="1048577" spans="1:3"><c r="A1048577"><v>1</v></c></row></sheetData></worksheet>`,
	sheetHead + `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" s="x" t="s"><v>0</v></c><c r="B2"><v>1` + "\r\n" + `</v></c><c r="C2"  t="s"><v>2</v></c><c r="D2" x="1"><v>5</v></c></row><row r="3"><c r="A3"><v>1</v></c></sheetData></worksheet>`,
}

// excelRows are rows for excelRow, fastRow and the general path: Excel's
// spelling, and near misses (a leading zero, beyond the last row, a
// repeated or earlier number, other attributes, self-closed).
var excelRows = sheetHead + `<row r="1" spans="1:3"><c r="A1" s="1" t="s"><v>0</v></c><c r="C1" t="s"><v>2</v></c></row>` +
	`<row r="3"><c r="B3"><v>12</v></c></row><row r="03" spans="1:3"><c r="B3"><v>1</v></c></row><row r="3" spans="1:3"><c r="A3"><v>1</v></c></row>` +
	`<row r="5" spans="1:3" hidden="1"><c r="A5"><v>1</v></c></row><row r="6" spans="1:3"/><row r="7" spans="1-3"><c r="C7" t="s"><v>0</v></c></row>` +
	`<row r="1048576" spans="1:3"><c r="C1048576" t="s"><v>2</v></c><c r="XFD1048576"><v>9</v></c></row></sheetData></worksheet>`

// TestExcelSpelling: the readers of Excel's spelling (excelCell,
// excelRow) take what they are made for, and leave the rest to the other
// readers (ok false, n 0); TestScanPickedAgrees checks that they read it
// as the others do.
func TestExcelSpelling(t *testing.T) {
	const tail = `<c r="B7"><v>1</v></c><c r="C7"><v>2</v></c></row>`
	cells := []struct {
		name, cell string
		col        int
		typ        byte
		val        string
		ok         bool
	}{
		{"shared string", `<c r="B7" s="2" t="s"><v>12</v></c>`, 1, 's', "12", true},
		{"number", `<c r="AB7" s="3"><v>1.5E+3</v></c>`, 27, 'n', "1.5E+3", true},
		{"no style", `<c r="XFD7" t="str"><v>x y</v></c>`, 16383, 'f', "x y", true},
		{"self-closed", `<c r="C7" s="2"/>`, 2, 'n', "", true},
		{"inline string, self-closed", `<c r="C7" t="inlineStr"/>`, 2, 'i', "", true},
		{"empty value", `<c r="C7" s="2"><v></v></c>`, 2, 'n', "", true},
		{"type before style", `<c r="B7" t="s" s="2"><v>1</v></c>`, 0, 0, "", false},
		{"another row", `<c r="B8" s="2"><v>1</v></c>`, 0, 0, "", false},
		{"lower case", `<c r="b7" s="2"><v>1</v></c>`, 0, 0, "", false},
		{"beyond XFD", `<c r="XFE7" s="2"><v>1</v></c>`, 0, 0, "", false},
		{"four letters", `<c r="AAAA7"><v>1</v></c>`, 0, 0, "", false},
		{"unknown type", `<c r="B7" t="zz"><v>1</v></c>`, 0, 0, "", false},
		{"empty type", `<c r="B7" t=""><v>1</v></c>`, 0, 0, "", false},
		{"style not a number", `<c r="B7" s="x"><v>1</v></c>`, 0, 0, "", false},
		{"other attribute", `<c r="B7" s="2" cm="1"><v>1</v></c>`, 0, 0, "", false},
		{"no r", `<c s="2"><v>1</v></c>`, 0, 0, "", false},
		{"entity", `<c r="B7"><v>1&amp;2</v></c>`, 0, 0, "", false},
		{"formula", `<c r="B7"><f>A1</f><v>1</v></c>`, 0, 0, "", false},
		{"inline string", `<c r="B7" t="inlineStr"><is><t>a</t></is></c>`, 0, 0, "", false},
	}
	for _, tt := range cells {
		col, typ, val, n, ok := excelCell([]byte(tt.cell+tail), []byte("7"), false)
		if ok != tt.ok || ok && (col != tt.col || typ != tt.typ || string(val) != tt.val || n != len(tt.cell)) {
			t.Errorf("%s: excelCell = %d %c %q %d %v, want %d %c %q %d %v", tt.name, col, typ, val, n, ok, tt.col, tt.typ, tt.val, len(tt.cell), tt.ok)
		}
	}
	rows := []struct {
		name, row string
		num       int
	}{
		{"number only", `<row r="7">`, 7},
		{"spans", `<row r="7" spans="1:7">`, 7},
		{"last row", `<row r="1048576" spans="2:3">`, 1048576},
		{"beyond the last row", `<row r="1048577">`, 0},
		{"leading zero", `<row r="07">`, 0},
		{"zero", `<row r="0">`, 0},
		{"self-closed", `<row r="7" spans="1:7"/>`, 0},
		{"hidden", `<row r="7" spans="1:7" hidden="1">`, 0},
		{"spans after another attribute", `<row r="7" s="1" spans="1:7">`, 0},
		{"spans not numbers", `<row r="7" spans="a">`, 0},
		{"no r", `<row spans="1:7">`, 0},
	}
	for _, tt := range rows {
		num, digits, n := excelRow([]byte(tt.row + tail))
		if num != tt.num || (n > 0) != (tt.num > 0) || n > 0 && (n != len(tt.row) || string(digits) != fmt.Sprint(tt.num)) {
			t.Errorf("%s: excelRow = %d %q %d, want %d", tt.name, num, digits, n, tt.num)
		}
	}
}

// TestScanPickedAgrees: the scan of picked columns (pickedCell and the
// other fast paths) hands over the same rows and cells, and fails the same
// way, as the general path.
func TestScanPickedAgrees(t *testing.T) {
	for i, sheet := range append(slices.Clone(scanSeeds), fastPathSeeds...) {
		for _, pick := range fastPathPicks {
			fast, general := scanPicked([]byte(sheet), false, pick), scanPicked([]byte(sheet), true, pick)
			if fast != general {
				t.Errorf("seed %d, pick %v: fast path\n%s\ngeneral path\n%s", i, pick, fast, general)
			}
		}
	}
}

// FuzzScanPickedAgrees is TestScanPickedAgrees for any sheet XML.
func FuzzScanPickedAgrees(f *testing.F) {
	for _, s := range append(slices.Clone(scanSeeds), fastPathSeeds...) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, pick := range fastPathPicks {
			if fast, general := scanPicked(data, false, pick), scanPicked(data, true, pick); fast != general {
				t.Fatalf("pick %v: fast path\n%s\ngeneral path\n%s", pick, fast, general)
			}
		}
	})
}
