package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestComputeOfficialReport runs compute as an analyst does for a report
// to sign (issue 14): --place and the report's time, late in the evening
// UTC, which is already the next day in Hà Nội. The summary numbers the
// units, states its unit of measure, and ends with the date and place
// line over the head of unit's signature; fed back as --prior, the report
// is read as the same figures (every change 0).
func TestComputeOfficialReport(t *testing.T) {
	in := filepath.Join(fixturesDir(t), "xa-phuong-2025-10.xlsx")
	work := t.TempDir()
	// 2025-11-30T20:00:00Z = 2025-12-01 03:00 in Asia/Ho_Chi_Minh
	env := []string{"SOURCE_DATE_EPOCH=1764532800"}
	for _, c := range []struct {
		lang, place, sheet, stt, unit, date, prepared, head string
	}{
		{"vi", "Tuy Hòa", "Tổng hợp", "STT", "Đơn vị tính: người; %", "Tuy Hòa, ngày 01 tháng 12 năm 2025", "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"},
		{"en", "Tuy Hoa", "Summary", "No.", "Unit: people; %", "Tuy Hoa, 1 December 2025", "PREPARED BY", "HEAD OF UNIT"},
	} {
		out := "bao-cao-" + c.lang + ".xlsx"
		if _, errOut, code := runIn(t, work, env, "compute", "--target", "bhxh=30", "--target", "bhyt=95",
			"--lang", c.lang, "--place", c.place, "-q", "-o", out, in); code != 0 {
			t.Fatalf("%s: exit %d: %s", c.lang, code, errOut)
		}
		f, err := excelize.OpenFile(filepath.Join(work, out))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(c.sheet, excelize.Options{RawCellValue: true})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if rows[1][0] != c.unit || rows[2][0] != c.stt {
			t.Errorf("%s: A2 %q, A3 %q, want %q, %q", c.lang, rows[1][0], rows[2][0], c.unit, c.stt)
		}
		for i := range 14 { // the fixture's 14 communes and wards, then the total
			if got, want := rows[3+i][0], itoa64(int64(i+1)); got != want {
				t.Errorf("%s: STT of %q = %q, want %q", c.lang, rows[3+i][1], got, want)
			}
		}
		if total := rows[17]; total[0] != "" || total[1] != "Tổng cộng" {
			t.Errorf("%s: total row %q…, want no STT and Tổng cộng", c.lang, total[:2])
		}
		// The foot: the date line right above the head of unit, the
		// preparer left of it, what goes under each below them.
		found := false
		for r, row := range rows {
			for col, v := range row {
				if v != c.head {
					continue
				}
				found = true
				if got := at(rows, r-1, col); got != c.date {
					t.Errorf("%s: over %q: %q, want %q", c.lang, c.head, got, c.date)
				}
				if r != len(rows)-2 || at(rows, r+1, col) == "" {
					t.Errorf("%s: %q on row %d of %d, want the next-to-last row over its note", c.lang, c.head, r+1, len(rows))
				}
				prepared := false
				for _, v := range row[:col] {
					prepared = prepared || v == c.prepared
				}
				if !prepared {
					t.Errorf("%s: no %q left of %q: %q", c.lang, c.prepared, c.head, row)
				}
			}
		}
		if !found {
			t.Errorf("%s: no %q in the summary", c.lang, c.head)
		}

		// Read back as last year's report: the same counts, every change 0.
		stdout, errOut, code := runIn(t, work, env, "compute", "--prior", out, "--format", "json", "-q", in)
		if code != 0 {
			t.Fatalf("%s: --prior %s: exit %d: %s", c.lang, out, code, errOut)
		}
		var doc struct {
			Units []struct {
				Name       string
				Indicators map[string]struct{ Change *int64 }
			}
		}
		if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.Units) != 14 {
			t.Fatalf("%s: %d units read back, want 14", c.lang, len(doc.Units))
		}
		for _, u := range doc.Units {
			for _, ind := range []string{"bhxh", "bhyt"} {
				if ch := u.Indicators[ind].Change; ch == nil || *ch != 0 {
					t.Errorf("%s: %s %s change %v against its own report, want 0", c.lang, u.Name, ind, ch)
				}
			}
		}
	}
}

// at is rows[r][c], "" outside.
func at(rows [][]string, r, c int) string {
	if r < 0 || r >= len(rows) || c >= len(rows[r]) {
		return ""
	}
	return rows[r][c]
}
