package grid

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
)

// sameAsExcelize opens data with the fast source and with excelize and
// compares every sheet: names, states, the active sheet, sizes, merges,
// hidden rows and columns, each cell, its formula (and each formula's
// evaluation). It reports how many sheets the fast source read itself.
func sameAsExcelize(t *testing.T, name string, data []byte) (fast, all int) {
	t.Helper()
	zr, err := rawxlsx.CheckZip(data)
	if err != nil {
		return 0, 0
	}
	fb := openFast(data, zr, name)
	if fb == nil {
		return 0, 0
	}
	defer fb.Close()
	eb, err := openExcelize(data, name, "")
	if err != nil {
		t.Errorf("%s: the fast source opens what excelize refuses: %v", name, err)
		return 0, 0
	}
	defer eb.Close()
	if !reflect.DeepEqual(fb.Sheets(), eb.Sheets()) {
		t.Fatalf("%s: sheets %v, excelize %v", name, fb.Sheets(), eb.Sheets())
	}
	if fb.Active() != eb.Active() {
		t.Errorf("%s: active sheet %d, excelize %d", name, fb.Active(), eb.Active())
	}
	for i := range eb.Sheets() {
		all++
		es, eerr := eb.Sheet(i)
		fs, ferr := fb.Sheet(i)
		if (eerr == nil) != (ferr == nil) || (eerr != nil && eerr.Error() != ferr.Error()) {
			t.Errorf("%s sheet %d: error %v, excelize %v", name, i, ferr, eerr)
			continue
		}
		if eerr != nil {
			continue
		}
		if _, ok := fs.(*fastSheet); ok {
			fast++
		}
		if fs.Name() != es.Name() {
			t.Errorf("%s sheet %d: name %q, excelize %q", name, i, fs.Name(), es.Name())
		}
		fr, fc := fs.Size()
		er, ec := es.Size()
		if fr != er || fc != ec {
			t.Errorf("%s %s: size %dx%d, excelize %dx%d", name, fs.Name(), fr, fc, er, ec)
			continue
		}
		if !reflect.DeepEqual(fs.Merges(), es.Merges()) {
			t.Errorf("%s %s: merges %v, excelize %v", name, fs.Name(), fs.Merges(), es.Merges())
		}
		if er > 5000 {
			er = 5000 // a stray far cell: the rows between are empty
		}
		// excelize moves no sheet-qualified reference of a shared formula
		// ("Data!B2" stays for every cell of the group): where a sheet has
		// such a group, the fast source reads the formulas as Excel does and
		// excelize does not, so they are not compared (TestSharedFormula…
		// checks the fast source's).
		sharedOtherSheet := false
		if f, ok := fs.(*fastSheet); ok {
			for _, m := range f.masters {
				sharedOtherSheet = sharedOtherSheet || strings.Contains(m.text, "!")
			}
		}
		for c := -1; c < min(ec, 200)+1; c++ {
			if fs.ColHidden(c) != es.ColHidden(c) {
				t.Errorf("%s %s: column %d hidden %v, excelize %v", name, fs.Name(), c, fs.ColHidden(c), es.ColHidden(c))
			}
		}
		for r := 0; r < er+1; r++ {
			if fs.RowHidden(r) != es.RowHidden(r) {
				t.Errorf("%s %s: row %d hidden %v, excelize %v", name, fs.Name(), r+1, fs.RowHidden(r), es.RowHidden(r))
			}
			for c := -1; c < min(ec, 200)+1; c++ {
				fcl, ecl := fs.Cell(r, c), es.Cell(r, c)
				if sharedOtherSheet && fcl.Kind == Formula && ecl.Kind == Formula {
					continue
				}
				if fcl != ecl {
					t.Errorf("%s %s!%s: %+v, excelize %+v", name, fs.Name(), ref(r, max(c, 0)), fcl, ecl)
					continue
				}
				if ff, ef := fs.Formula(r, c), es.Formula(r, c); ff != ef {
					t.Errorf("%s %s!%s: formula %q, excelize %q", name, fs.Name(), ref(r, max(c, 0)), ff, ef)
				}
				if fcl.Kind == Formula {
					fv, ferr := fs.Eval(r, c)
					ev, eerr := es.Eval(r, c)
					if fv != ev || (ferr == nil) != (eerr == nil) || (ferr != nil && ferr.Error() != eerr.Error()) {
						t.Errorf("%s %s!%s: eval %+v %v, excelize %+v %v", name, fs.Name(), ref(r, c), fv, ferr, ev, eerr)
					}
				}
			}
		}
	}
	return fast, all
}

func TestFastSourceSameAsExcelize(t *testing.T) {
	var files []string
	for _, pat := range []string{"../../testdata/fixtures/*.xlsx", "../../testdata/shapes/*.xlsx", "testdata/*.xlsx",
		"../../bench/data/monthly/tinh-000[1-3].xlsx"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	fast, all := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n, a := sameAsExcelize(t, filepath.Base(f), data)
		fast, all = fast+n, all+a
	}
	for name, data := range fastEdgeBooks(t) {
		n, a := sameAsExcelize(t, name, data)
		fast, all = fast+n, all+a
	}
	t.Logf("%d of %d sheets read by the fast source", fast, all)
	if fast < all*3/4 {
		t.Errorf("only %d of %d sheets read by the fast source", fast, all)
	}
}

// fastEdgeBooks: workbooks with the things the fast source must read as
// excelize does, or leave to it.
func fastEdgeBooks(t *testing.T) map[string][]byte {
	base := func() []byte { return book(t, "Sheet1", canonicalRows) }
	patch := func(old, new string) []byte {
		return patchPart(t, base(), "xl/worksheets/sheet1.xml", func(x string) string {
			if !strings.Contains(x, old) {
				t.Fatalf("%q not in the sheet", old)
			}
			return strings.Replace(x, old, new, 1)
		})
	}
	return map[string][]byte{
		"formulas": book(t, "Sheet1", [][]any{
			{"unit", "labour_force", "bhxh_mandatory"},
			{"Huyện A", 1000, "=C3+1"},
			{"Huyện B", 2000, "=B2*2"},
			{"Tổng", "=SUM(B2:B3)", "=NOSUCH(1)"},
		}),
		"far cell": patch("</sheetData>", `<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`),
		"odd cells": patch("</sheetData>", `<row r="40" s="3" customFormat="1"><c r="A40" t="inlineStr"><is><t>c&#13;&#10;d&amp;</t><r><t>a_x0041_b_x005F_x0041_</t></r><rPh><t>no</t></rPh></is></c>`+
			`<c r="B40" t="b"><v>1</v></c><c r="C40" t="e"><v>#DIV/0!</v></c><c r="D40" t="str"><f>1+1</f><v>2</v></c><c r="E40" s="1"><f>B2+1</f></c>`+
			`<c r="F40" t="s"><v>999</v></c><c r="G40" t="s"><v>x</v></c><c r="H40"><v>1.5E+3</v></c><c r="I40" t="d"><v>2024-01-01</v></c><c r="J40" t="inlineStr"><v>only v</v></c>`+
			"<c r=\"K40\" t=\"inlineStr\"><is><t>cr\r\nlf\rx</t></is></c><c r=\"L40\" s=\"0\"><v>7</v></c></row></sheetData>"),
		"merges":                  patch("</sheetData>", `<row r="41"><c r="A41" t="inlineStr"><is><t>anchor</t></is></c><c r="B41"><v>5</v></c></row><row r="42"><c r="A42"><f>B41*2</f></c><c r="B42"><v>6</v></c></row></sheetData><mergeCells count="2"><mergeCell ref="A41:A42"/><mergeCell ref="B42:C43"/></mergeCells>`),
		"overlapping merges":      patch("</sheetData>", `</sheetData><mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>`),
		"rows out of order":       patch("</sheetData>", `<row r="2"><c r="A2"><v>1</v></c></row></sheetData>`),
		"hidden rows and columns": patch("<sheetData>", `<cols><col min="2" max="3" width="4" hidden="1"/><col min="3" max="3" width="9"/><col min="5" max="5" hidden="true" style="1"/></cols><sheetData>`),
		"hidden row":              patch(`<row r="4"`, `<row r="4" hidden="1"`),
		"sheet states": patchPart(t, book(t, "Sheet1", canonicalRows), "xl/workbook.xml", func(x string) string {
			return strings.Replace(x, `<sheet name="Sheet1" sheetId="1"`, `<sheet name="Ẩn" sheetId="2" state="hidden" r:id="rId1"/><sheet name="Rất ẩn" sheetId="3" state="veryHidden" r:id="rId1"/><sheet name="Sheet1" sheetId="1"`, 1)
		}),
		"active sheet": patchPart(t, book(t, "Sheet1", canonicalRows), "xl/workbook.xml", func(x string) string {
			return strings.Replace(x, `<workbookView `, `<workbookView activeTab="0" `, 1)
		}),
		"shared formula": patch("</sheetData>", `<row r="50"><c r="A50"><v>1</v></c><c r="B50"><f t="shared" ref="B50:B51" si="0">A50*2</f></c></row><row r="51"><c r="A51"><v>3</v></c><c r="B51"><f t="shared" si="0"/></c></row></sheetData>`),
	}
}

func TestFastSourceNotUsedForEncrypted(t *testing.T) {
	if _, err := openXLSX([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0}, "x.xlsx", "pw"); err == nil || errors.Is(err, errNotPlain) {
		t.Fatalf("error %v", err)
	}
}
