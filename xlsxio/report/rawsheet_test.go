package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/coverage"
)

// TestSourcesSheetCells: the "Nguồn số liệu" sheet, its rows written as
// XML by rowsXML, reads back cell by cell as the same values written by
// excelize's stream writer (which wrote it before): the same text (XML's special characters,
// spaces at either end, a line break, a literal "_x0041_", a character XML
// cannot hold, Vietnamese and an emoji), the same types (counts numbers,
// text text), the same used range, column widths and page setup.
func TestSourcesSheetCells(t *testing.T) {
	names := []string{"Phường Bến Nghé & <Cửa> \"Đông\" 'A'", " Xã  Tân Lập ", "Thị trấn\nPhú Mỹ", "Xã _x0041_ _x005F_x0042_ _x12", "Xã \x01 Lạ 🙂", ""}
	var units []*coverage.Unit
	for i, n := range names {
		units = append(units, &coverage.Unit{Name: n, Code: strings.Repeat("0", i) + "4402",
			Counts:  map[string]int64{"population": int64(1000 + i), "bhxh_mandatory": int64(i * 7)},
			Sources: map[string][]string{"population": {"t&h.xlsx!T11!H" + string(rune('9'-i))}, "bhxh_mandatory": {"a.xlsx!S!B2", "b.xlsx!S!C3"}}})
	}
	units = append(units, nil)
	for _, lang := range []string{"vi", "en"} {
		f := newWorkbook()
		if err := writeSourcesSheet(f, units, lang, "Tiêu đề & <thử>"); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		got := openReportXLSX(t, buf.Bytes())

		// the same rows, cell by cell through excelize
		l := sourceLabelsFor(lang)
		want := excelize.NewFile()
		defer want.Close()
		if _, err := want.NewSheet(l.sheet); err != nil {
			t.Fatal(err)
		}
		rows := append([][]any{}, make([]any, len(l.head)))
		for i, h := range l.head {
			rows[0][i] = h
		}
		rows = append(rows, sourceRows(units, lang)...)
		if len(rows) < 13 {
			t.Fatalf("%d rows, want one per figure", len(rows))
		}
		sw, err := want.NewStreamWriter(l.sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			if err := sw.SetRow(cellName(1, r+1), row); err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
		var wbuf bytes.Buffer
		if err := want.Write(&wbuf); err != nil {
			t.Fatal(err)
		}
		ref := openReportXLSX(t, wbuf.Bytes())
		for r, row := range rows {
			for c := range row {
				cell := cellName(c+1, r+1)
				gv, err := got.GetCellValue(l.sheet, cell, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				wv, _ := ref.GetCellValue(l.sheet, cell, excelize.Options{RawCellValue: true})
				gt, _ := got.GetCellType(l.sheet, cell)
				wt, _ := ref.GetCellType(l.sheet, cell)
				if gv != wv || gt != wt {
					t.Errorf("%s %s!%s = %q (type %v), excelize writes %q (type %v)", lang, l.sheet, cell, gv, gt, wv, wt)
				}
			}
		}
		gr, _ := got.GetRows(l.sheet, excelize.Options{RawCellValue: true})
		wr, _ := ref.GetRows(l.sheet, excelize.Options{RawCellValue: true})
		if len(gr) != len(wr) {
			t.Errorf("%s: %d rows, excelize %d", lang, len(gr), len(wr))
		}
		if dim, _ := got.GetSheetDimension(l.sheet); dim != "A1:J"+itoa(len(rows)) {
			t.Errorf("%s: dimension %s for %d rows", lang, dim, len(rows))
		}
		for c, w := range []float64{28, 10, 18, 36, 10, 40, 30, 10, 10, 12} {
			if gw, _ := got.GetColWidth(l.sheet, colName(c+1)); gw != w {
				t.Errorf("%s: column %s width %v, want %v", lang, colName(c+1), gw, w)
			}
		}
		pl, _ := got.GetPageLayout(l.sheet)
		props, _ := got.GetSheetProps(l.sheet)
		hf, _ := got.GetHeaderFooter(l.sheet)
		if pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil || *pl.Orientation != "landscape" ||
			(props.FitToPage != nil && *props.FitToPage) || hf == nil || !strings.Contains(hf.OddHeader, "Tiêu đề && <thử>") {
			t.Errorf("%s: page setup %+v, fit %v, header %+v", lang, pl, props.FitToPage, hf)
		}
		if dn := got.GetDefinedName(); len(dn) != 1 || dn[0].Name != "_xlnm.Print_Titles" || !strings.HasSuffix(dn[0].RefersTo, "!$1:$1") {
			t.Errorf("%s: defined names %+v, want the head row printed on every page", lang, dn)
		}
	}
}

func itoa(n int) string { return cellName(1, n)[1:] }
