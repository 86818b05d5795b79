package report

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// checkFoot reads an official foot back cell by cell: each cell's text,
// the merged ranges (each half of the foot), and the styles (the two
// titles bold, the date line and notes italic, all centred).
func checkFoot(t *testing.T, f *excelize.File, sheet string, want map[string]string, merges []string) {
	t.Helper()
	for cell, w := range want {
		if got := raw(t, f, sheet, cell); got != w {
			t.Errorf("%s!%s = %q, want %q", sheet, cell, got, w)
		}
		s := cellStyle(t, f, sheet, cell)
		title := slices.Contains([]string{"NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "PREPARED BY", "HEAD OF UNIT"}, w)
		if s.Font == nil || s.Font.Bold != title || s.Font.Italic == title {
			t.Errorf("%s!%s (%q): font %+v, want bold %v, italic %v", sheet, cell, w, s.Font, title, !title)
		}
		if s.Alignment == nil || s.Alignment.Horizontal != "center" {
			t.Errorf("%s!%s (%q): not centred", sheet, cell, w)
		}
	}
	mc, err := f.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, m := range mc {
		have[m.GetStartAxis()+":"+m.GetEndAxis()] = true
	}
	for _, m := range merges {
		if !have[m] {
			t.Errorf("%s: %s not merged (merged: %v)", sheet, m, have)
		}
	}
}

// TestOfficialDateLine: the date as Vietnamese administrative documents
// write it (a day below 10 and months 1–2 with a leading 0), in English
// "Place, d Month yyyy"; without a place, the whole line to fill in.
func TestOfficialDateLine(t *testing.T) {
	hcm, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, lang, place string
		date              time.Time
		want              string
	}{
		{"vi, two-digit day and month", "vi", "Hà Nội", time.Date(2026, 11, 30, 9, 0, 0, 0, hcm), "Hà Nội, ngày 30 tháng 11 năm 2026"},
		{"vi, day below 10 and February", "vi", "Tuy Hòa", time.Date(2026, 2, 5, 9, 0, 0, 0, hcm), "Tuy Hòa, ngày 05 tháng 02 năm 2026"},
		{"vi, January", "vi", "Huế", time.Date(2027, 1, 15, 9, 0, 0, 0, hcm), "Huế, ngày 15 tháng 01 năm 2027"},
		{"vi, March without a 0", "vi", "Huế", time.Date(2027, 3, 9, 9, 0, 0, 0, hcm), "Huế, ngày 09 tháng 3 năm 2027"},
		{"the report's zone decides the day", "vi", "Hà Nội", time.Date(2026, 11, 30, 20, 0, 0, 0, time.UTC).In(hcm), "Hà Nội, ngày 01 tháng 12 năm 2026"},
		{"en", "en", "Hanoi", time.Date(2026, 2, 5, 9, 0, 0, 0, hcm), "Hanoi, 5 February 2026"},
		{"vi, no place: all blank", "vi", "", time.Date(2026, 11, 30, 9, 0, 0, 0, hcm), "…………………, ngày …… tháng …… năm 20……"},
		{"en, no place: all blank", "en", "", time.Date(2026, 11, 30, 9, 0, 0, 0, hcm), "…………………, …… ……………… 20……"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := (officialFoot{lang: c.lang, place: c.place, date: c.date}).dateLine(); got != c.want {
				t.Errorf("%q, want %q", got, c.want)
			}
		})
	}
}

// TestComputeXLSXOfficialFoot reads the summary's official elements back
// cell by cell, in Vietnamese and English: "STT"/"No." numbering the
// units (none on the total), the unit of measure under the title, and
// under the evaluation block (its rows of units not reaching the target
// included) the date and place line and the signatures, under the last
// printed block (this summary prints in blocks: V–AA is
// the last, BHYT's figures).
func TestComputeXLSXOfficialFoot(t *testing.T) {
	for _, c := range []struct {
		lang, place, sheet string
		want               map[string]string
	}{
		{"vi", "Tuy Hòa", "Tổng hợp", map[string]string{
			"A2": "Đơn vị tính: người; %", "A3": "STT", "B3": "Đơn vị", "A4": "1", "A12": "9", "A13": "", "B13": "Toàn tỉnh",
			"Y22": "Tuy Hòa, ngày 01 tháng 12 năm 2023",
			"V23": "NGƯỜI LẬP BIỂU", "Y23": "THỦ TRƯỞNG ĐƠN VỊ",
			"V24": "(Ký, ghi rõ họ tên)", "Y24": "(Ký, ghi rõ họ tên, đóng dấu)",
		}},
		{"en", "Tuy Hoa", "Summary", map[string]string{
			"A2": "Unit: people; %", "A3": "No.", "B3": "Unit", "A4": "1", "A12": "9", "A13": "",
			"Y22": "Tuy Hoa, 1 December 2023",
			"V23": "PREPARED BY", "Y23": "HEAD OF UNIT",
			"V24": "(Signature, full name)", "Y24": "(Signature, full name, seal)",
		}},
		{"vi", "", "Tổng hợp", map[string]string{
			"Y22": "…………………, ngày …… tháng …… năm 20……", "V23": "NGƯỜI LẬP BIỂU", "Y23": "THỦ TRƯỞNG ĐƠN VỊ",
		}},
	} {
		t.Run(c.lang+"/"+c.place, func(t *testing.T) {
			rep := reportFromFixture(t, "tinh-mau-2023-11.targets.expected.json", map[string]string{"bhxh": "30", "bhyt": "95"})
			rep.Lang, rep.Place = c.lang, c.place
			f := openReportXLSX(t, writeXLSX(t, rep))
			foot := map[string]string{}
			for cell, w := range c.want {
				if row := cell[1:]; row == "22" || row == "23" || row == "24" {
					foot[cell] = w
					continue
				}
				if got := raw(t, f, c.sheet, cell); got != w {
					t.Errorf("%s = %q, want %q", cell, got, w)
				}
			}
			checkFoot(t, f, c.sheet, foot, []string{"Y22:AA22", "V23:X23", "Y23:AA23", "V24:X24", "Y24:AA24"})
			// The head row, now row 3, is the one repeated on every page,
			// with the unit columns (STT, name) on every block.
			titles := ""
			for _, dn := range f.GetDefinedName() {
				if dn.Name == "_xlnm.Print_Titles" && dn.Scope == c.sheet {
					titles = dn.RefersTo
				}
			}
			if want := "'" + c.sheet + "'!$A:$B,'" + c.sheet + "'!$3:$3"; titles != want {
				t.Errorf("print titles %q, want %q", titles, want)
			}
			// The last block starts at V: its page break is there.
			sheetXML, _ := zipEntry(t, writeXLSX(t, rep), "xl/worksheets/sheet1.xml")
			if !strings.Contains(sheetXML, `<brk id="21" max="1048575" man="true">`) {
				t.Errorf("no page break before V (column 22): the foot is not under the last block")
			}
		})
	}
}
