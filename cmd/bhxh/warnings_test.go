package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A --col naming no column is a warning (a typo would otherwise silently
// leave the column unread); the same line in a --columns file is not.
func TestUnusedColIsWarned(t *testing.T) {
	in := filepath.Join(fixturesDir(t), "nfd-abbrev.xlsx")
	_, errOut, code := runBinary(t, t.TempDir(), nil, "compute", "--col", "TG BHXH BBB=bhxh_mandatory", in)
	if code != 0 || !strings.Contains(errOut, "unused_col") || !strings.Contains(errOut, "TG BHXH BBB") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	work := t.TempDir()
	cols := filepath.Join(work, "cot.txt")
	writeFile(t, cols, "TG BHXH BBB=bhxh_mandatory\n")
	_, errOut, code = runBinary(t, work, nil, "compute", "--columns", cols, in)
	if code != 0 || strings.Contains(errOut, "unused_col") {
		t.Errorf("--columns: exit %d, stderr %q", code, errOut)
	}
}

// A targets row matching no unit is a warning on stderr and in the JSON.
func TestUnmatchedTargetIsWarned(t *testing.T) {
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "xa.csv"), "Đơn vị;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện\nXã A1;1000;200;10\n")
	writeFile(t, filepath.Join(work, "tg.csv"), "Đơn vị;Chỉ tiêu tỷ lệ BHXH (%)\nXã A1;25\nXã Không Có;30\n")
	out, errOut, code := runBinary(t, work, nil, "compute", "--format", "json", "--targets", "tg.csv", "xa.csv")
	if code != 0 || !strings.Contains(errOut, "unmatched_target") || !strings.Contains(errOut, "Xã Không Có") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var doc struct {
		Issues []struct{ Code, File string } `json:"issues"`
	}
	json.Unmarshal([]byte(out), &doc)
	if len(doc.Issues) != 1 || doc.Issues[0].Code != "unmatched_target" || doc.Issues[0].File != "tg.csv" {
		t.Errorf("issues %+v", doc.Issues)
	}
}

// With --lang en a workbook without a total row gets an English total.
func TestEnglishTotalName(t *testing.T) {
	out, _, code := runBinary(t, t.TempDir(), nil, "compute", "--lang", "en", "--format", "json", filepath.Join(fixturesDir(t), "nfd-abbrev.xlsx"))
	if code != 0 || !strings.Contains(out, `"name": "Total"`) {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

// A unit missing from one month of a trend is warned of: that month's
// total covers fewer units.
func TestTrendMissingUnitIsWarned(t *testing.T) {
	work := t.TempDir()
	head := "Đơn vị;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện\n"
	writeFile(t, filepath.Join(work, "2025-09.csv"), head+"Xã A;1000;200;10\nXã B;2000;300;20\n")
	writeFile(t, filepath.Join(work, "2025-10.csv"), head+"Xã A;1000;210;10\n")
	out, errOut, code := runBinary(t, work, nil, "trend", "--format", "json", "2025-09.csv", "2025-10.csv")
	if code != 0 || !strings.Contains(errOut, "missing_unit") || !strings.Contains(errOut, "Xã B") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, `"missing_unit"`) {
		t.Errorf("JSON lacks the warning:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(work, "2025-10.csv")); err != nil {
		t.Fatal(err)
	}
}
