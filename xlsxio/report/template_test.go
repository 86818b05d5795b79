package report

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/bhxh/bhxh/xlsxio"
	"github.com/xuri/excelize/v2"
)

func writeTemplateFile(t *testing.T, opt TemplateOptions) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, opt); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "mẫu báo cáo.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var templateUnits = []TemplateUnit{{"Xã Hòa Bình", "04402"}, {"Phường Thủy Dương", "04405"}, {"Đặc khu Côn Đảo", "00123"}}

func TestTemplateReadsBackCellByCell(t *testing.T) {
	path := writeTemplateFile(t, TemplateOptions{Lang: "vi", Period: "2023-11", Units: templateUnits})
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"Số liệu", "Hướng dẫn"}) {
		t.Fatalf("sheets %q", got)
	}
	rows, err := f.GetRows("Số liệu")
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "BÁO CÁO KẾT QUẢ PHÁT TRIỂN NGƯỜI THAM GIA BHXH, BHYT" || rows[1][0] != "Tháng 11 năm 2023" {
		t.Errorf("title block %q", rows[:3])
	}
	wantHead := []string{"STT", "Đơn vị", "Mã đơn vị", "Lực lượng lao động trong độ tuổi", "Dân số",
		"Số người tham gia BHXH bắt buộc", "Số người tham gia BHXH tự nguyện", "Số người tham gia BHTN",
		"Số người tham gia BHYT", "Người sau độ tuổi nghỉ hưu",
		"Người hưởng lương hưu, BHXH hằng tháng, trợ cấp hưu trí xã hội"}
	if got := rows[templateHeaderRow-1]; !reflect.DeepEqual(got, wantHead) {
		t.Errorf("header\n got %q\nwant %q", got, wantHead)
	}
	for i, k := range templateKeys {
		if got := rows[templateHeaderRow-1][i+1]; got != HeaderVI(k) {
			t.Errorf("column %d header %q, want HeaderVI(%s)", i+2, got, k)
		}
	}
	for i, u := range templateUnits {
		if got := rows[templateFirstRow-1+i]; !reflect.DeepEqual(got, []string{string(rune('1' + i)), u.Name, u.Code}) {
			t.Errorf("row %d = %q", templateFirstRow+i, got)
		}
		typ, _ := f.GetCellType("Số liệu", cellName(3, templateFirstRow+i))
		if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("code cell type %v: want text (leading zeros kept)", typ)
		}
	}
	if len(rows) != templateFirstRow-1+len(templateUnits) {
		t.Errorf("%d rows, want no total row or other content after the units", len(rows))
	}

	// Whole numbers 0…200,000,000 on every count cell of every unit row.
	dvs, err := f.GetDataValidations("Số liệu")
	if err != nil {
		t.Fatal(err)
	}
	if len(dvs) != 1 || dvs[0].Sqref != "D5:K7" || dvs[0].Type != "whole" || dvs[0].Operator != "between" ||
		dvs[0].Formula1 != "0" || dvs[0].Formula2 != "200000000" || !dvs[0].ShowErrorMessage {
		t.Errorf("data validations %+v", dvs)
	}

	// Header locked (the default), data cells and unit names unlocked.
	locked := func(cell string) bool {
		id, err := f.GetCellStyle("Số liệu", cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st.Protection == nil || st.Protection.Locked
	}
	for _, c := range []string{"A1", "A2", "B4", "F4", "A5"} {
		if !locked(c) {
			t.Errorf("%s is not locked", c)
		}
	}
	for _, c := range []string{"B5", "C6", "D5", "K7"} {
		if locked(c) {
			t.Errorf("%s is locked: units could not fill it", c)
		}
	}
	if xml := zipPart(t, path, "xl/worksheets/sheet1.xml"); !strings.Contains(xml, "<sheetProtection") || strings.Contains(xml, "password=") {
		t.Errorf("data sheet not protected (or protected with a password): %.300s", xml[strings.Index(xml, "</sheetData>"):])
	}

	help, err := f.GetRows("Hướng dẫn")
	if err != nil {
		t.Fatal(err)
	}
	// a blank is "not reported", not 0 (the reader reads the template so)
	if help[0][0] != "Hướng dẫn điền biểu mẫu" || help[2][0] != "2. "+xlsxio.TemplateBlankVI {
		t.Errorf("instructions %q", help[:3])
	}
	if got := help[len(help)-1]; got[0] != "K" || got[1] != HeaderVI("pension_recipients") {
		t.Errorf("last column described %q", got)
	}
}

func TestTemplateWithoutUnitsHasEmptyRowsAndAMonthToFill(t *testing.T) {
	path := writeTemplateFile(t, TemplateOptions{Lang: "en"})
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"Data", "Instructions"}) {
		t.Fatalf("sheets %q", got)
	}
	rows, _ := f.GetRows("Data")
	if rows[templateHeaderRow-1][1] != HeaderEN("unit") || rows[templateHeaderRow-1][5] != HeaderEN("bhxh_mandatory") {
		t.Errorf("header %q", rows[templateHeaderRow-1])
	}
	if len(rows) != templateHeaderRow {
		t.Errorf("%d rows: the empty data rows must hold nothing", len(rows))
	}
	dvs, _ := f.GetDataValidations("Data")
	if len(dvs) != 1 || dvs[0].Sqref != "D5:K24" {
		t.Errorf("validations %+v: want 20 rows", dvs)
	}
	// The month line is editable when no --period is given.
	id, _ := f.GetCellStyle("Data", "A2")
	st, _ := f.GetStyle(id)
	if st.Protection == nil || st.Protection.Locked {
		t.Error("the month line A2 is locked but blank")
	}
}

func zipPart(t *testing.T, path, name string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, _ := zf.Open()
			defer rc.Close()
			b, _ := io.ReadAll(rc)
			return string(b)
		}
	}
	t.Fatalf("%s: no part %s", path, name)
	return ""
}

// fillTemplate types counts into a template as a unit would.
func fillTemplate(t *testing.T, path string, counts [][]int64) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := f.GetSheetName(0)
	for i, row := range counts {
		for j, v := range row {
			if err := f.SetCellInt(sh, cellName(4+j, templateFirstRow+i), v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

func TestFilledTemplateReadsWithoutOverrides(t *testing.T) {
	for _, lang := range []string{"vi", "en"} {
		t.Run(lang, func(t *testing.T) {
			path := writeTemplateFile(t, TemplateOptions{Lang: lang, Period: "2023-11", Units: templateUnits})
			// labour_force, population, mandatory, voluntary, bhtn, bhyt, retirement_age, pension
			counts := [][]int64{
				{1000, 1800, 120, 30, 100, 1700, 200, 90},
				{900, 1500, 300, 10, 280, 1490, 150, 70},
				{50, 80, 5, 0, 4, 80, 9, 3},
			}
			fillTemplate(t, path, counts)
			tb, err := xlsxio.ReadFile(path, xlsxio.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if tb.Period != "2023-11" {
				t.Errorf("period %q", tb.Period)
			}
			if tb.Total != nil || len(tb.Issues) != 0 {
				t.Errorf("total %v issues %+v", tb.Total, tb.Issues)
			}
			if len(tb.Units) != len(templateUnits) {
				t.Fatalf("%d units", len(tb.Units))
			}
			for i, u := range tb.Units {
				if u.Name != templateUnits[i].Name || u.Code != templateUnits[i].Code {
					t.Errorf("unit %d = %q %q", i, u.Name, u.Code)
				}
				for j, k := range templateKeys[2:] {
					if got, ok := u.Counts[k]; !ok || got != counts[i][j] {
						t.Errorf("%s %s = %d (%v), want %d", u.Name, k, got, ok, counts[i][j])
					}
				}
			}
		})
	}
}

func TestTemplateOpensInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice conversion is slow")
	}
	path := writeTemplateFile(t, TemplateOptions{Lang: "vi", Period: "2023-11", Units: templateUnits})
	fillTemplate(t, path, [][]int64{{1000, 1800, 120, 30, 100, 1700, 200, 90}})
	recs := sofficeCSV(t, path)
	if len(recs) < 6 {
		t.Fatalf("records %q", recs)
	}
	if recs[1][0] != "Tháng 11 năm 2023" || recs[3][5] != "Số người tham gia BHXH bắt buộc" {
		t.Errorf("title/header %q", recs[:4])
	}
	want := []string{"1", "Xã Hòa Bình", "04402", "1000", "1800", "120", "30", "100", "1700", "200", "90"}
	got := recs[4]
	for i := range got {
		got[i] = strings.NewReplacer(",", "", ".", "").Replace(got[i]) // thousands separators by locale
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LibreOffice reads row 5 as %q, want %q", recs[4], want)
	}
	if recs[6][2] != "00123" {
		t.Errorf("code %q: leading zeros lost", recs[6][2])
	}
}
