package rawxlsx

import (
	"archive/zip"
	"fmt"
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
	for i, sheet := range fastPathSeeds {
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
