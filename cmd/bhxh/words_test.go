package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The report's "Nguồn" sheet says where each target came from in the
// reader's language: a preset's document and its rate in Vietnamese
// ("2,5% đến năm 2025"), the same in English with --lang en.
func TestTargetNotesInBothLanguages(t *testing.T) {
	book, err := filepath.Abs(filepath.Join(fixturesDir(t), "tinh-mau-2023-11.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang, sheet string
		want        []string
	}{
		{"vi", "Nguồn", []string{
			"bhxh 45%: bộ chỉ tiêu có sẵn, Nghị quyết 28-NQ/TW (23/5/2018): 45% đến năm 2025",
			"bhxh_voluntary 2,5%: bộ chỉ tiêu có sẵn, Nghị quyết 28-NQ/TW (23/5/2018): 2,5% đến năm 2025",
			"bhyt 96%: --target bhyt=96",
			"bhyt 95%: bộ chỉ tiêu có sẵn, Nghị quyết 20-NQ/TW (2017): 95% đến năm 2025",
		}},
		{"en", "Sources", []string{
			"bhxh 45%: preset, Resolution 28-NQ/TW (23 May 2018): 45% by 2025",
			"bhxh_voluntary 2.5%: preset, Resolution 28-NQ/TW (23 May 2018): 2.5% by 2025",
			"bhyt 96%: --target bhyt=96",
			"bhyt 95%: preset, Resolution 20-NQ/TW (2017): 95% by 2025",
		}},
	} {
		dir := t.TempDir()
		out := filepath.Join(dir, "r.xlsx")
		_, errOut, code := runIn(t, dir, nil, "compute", "--lang", c.lang, "--preset", "nq28", "--year", "2025", "--target", "bhyt=96",
			"-o", out, book)
		if code != 0 {
			t.Fatalf("--lang %s: exit %d: %s", c.lang, code, errOut)
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(c.sheet)
		f.Close()
		if err != nil {
			t.Fatalf("--lang %s: %v", c.lang, err)
		}
		have := map[string]bool{}
		for _, r := range rows {
			if len(r) > 0 {
				have[r[0]] = true
			}
		}
		for _, w := range c.want {
			if !have[w] {
				t.Errorf("--lang %s: sheet %q has no line %q; it holds:\n%v", c.lang, c.sheet, w, rows)
			}
		}
		for _, r := range rows {
			if c.lang == "vi" && len(r) > 0 && strings.Contains(r[0], "preset") {
				t.Errorf("English in the Vietnamese report: %q", r[0])
			}
		}
	}
}

// Why one of two columns of the same key was taken reads in the reader's
// language, in the column_choice warning and the unknown_column one.
func TestColumnChoiceInBothLanguages(t *testing.T) {
	book, err := filepath.Abs(filepath.Join(shapesDir(t), "breakdown-before-total.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string][]string{
		"vi": {
			`bhxh: cảnh báo column_choice: breakdown-before-total.xlsx: Báo cáo!H6: cột H "BHYT hộ gia đình" và I "BHYT học sinh, sinh viên" đều đọc là bhyt: lấy cột H, cột đầu tiên trong số đó (cho --col để chọn)`,
			`bhxh: cảnh báo unknown_column: breakdown-before-total.xlsx: Báo cáo!H6: cột H "BHYT hộ gia đình" có số nhưng không được đọc (cũng đọc được là bhyt; cột J "Tổng số người tham gia BHYT" được lấy thay: là cột tổng, không phải cột chi tiết ("trong đó", "hộ gia đình", "NSNN đóng"…)); để đọc: --col 'BHYT hộ gia đình=KEY'`,
		},
		"en": {
			`bhxh: warning column_choice: breakdown-before-total.xlsx: Báo cáo!H6: columns H "BHYT hộ gia đình" and I "BHYT học sinh, sinh viên" both read as bhyt: H taken, the first of them (give --col to choose)`,
			`bhxh: warning unknown_column: breakdown-before-total.xlsx: Báo cáo!H6: column H "BHYT hộ gia đình" holds numbers but is not read (also read as bhyt; column J "Tổng số người tham gia BHYT" taken instead: a total, not a breakdown ("trong đó", "hộ gia đình", "NSNN đóng"…)); to read it: --col 'BHYT hộ gia đình=KEY'`,
		},
	} {
		_, errOut, code := runIn(t, t.TempDir(), nil, "compute", "--lang", lang, "--format", "csv", book)
		if code != 0 {
			t.Fatalf("--lang %s: exit %d: %s", lang, code, errOut)
		}
		for _, w := range want {
			if !strings.Contains(errOut, w+"\n") {
				t.Errorf("--lang %s: stderr lacks the line\n%s\nstderr:\n%s", lang, w, errOut)
			}
		}
	}
}

// allocate's "Phương pháp" sheet is Vietnamese: the baseline's sheet is a
// "trang tính", not a "sheet".
func TestAllocateMethodSheetNamesTheBaselineInVietnamese(t *testing.T) {
	book, err := filepath.Abs(filepath.Join(fixturesDir(t), "phan-bo-co-so.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "giao.xlsx")
	if _, errOut, code := runIn(t, dir, nil, "allocate", "--indicator", "bhxh", "--rate", "25", "-o", out, book); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Phương pháp")
	if err != nil {
		t.Fatal(err)
	}
	want := `phan-bo-co-so.xlsx, trang tính "Cơ sở", 11 đơn vị`
	for _, r := range rows {
		for _, c := range r {
			if c == want {
				return
			}
		}
	}
	t.Errorf("no cell %q in %v", want, rows)
}

// Two forms of one workbook joined by unit: the unit one of them lacks is
// said with the sheets named as the reader calls them.
func TestMissingUnitNamesTheSheetsInBothLanguages(t *testing.T) {
	book, err := filepath.Abs(filepath.Join(shapesDir(t), "two-forms-missing-unit.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string]string{
		"vi": `bhxh: cảnh báo missing_unit: two-forms-missing-unit.xlsx: Xã Cư Huê (trong trang tính "Biểu 01") không có trong trang tính "Biểu 02": không có bhyt, population cho đơn vị này`,
		"en": `bhxh: warning missing_unit: two-forms-missing-unit.xlsx: Xã Cư Huê (in sheet "Biểu 01") is not in sheet "Biểu 02": no bhyt, population for it`,
	} {
		_, errOut, code := runIn(t, t.TempDir(), nil, "compute", "--lang", lang, "--format", "csv", book)
		if code != 0 || !strings.Contains(errOut, want+"\n") {
			t.Errorf("--lang %s: exit %d, stderr lacks the line\n%s\nstderr:\n%s", lang, code, want, errOut)
		}
	}
}
