package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestInspectEndToEnd runs `bhxh inspect` as a user would.
func TestInspectEndToEnd(t *testing.T) {
	dir := fixturesDir(t)
	out, errOut, code := runIn(t, t.TempDir(), nil, "inspect", filepath.Join(dir, "tinh-mau-2023-11.xlsx"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		`sheet:       "T11-2023"`,
		"header rows: 6, 7",
		"period:      2023-11",
		"E  plan_bhxh_mandatory",
		`"Kế hoạch giao năm 2023 › BHXH bắt buộc"`,
		"K  bhyt",
		"N  prior_bhyt",
		"O  rate_bhxh",
		"units:       9 (rows 9–17: Thành phố Bình Lâm … Huyện Đắk Ngọc)",
		`total row:   18 "Toàn tỉnh"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("inspect output lacks %q:\n%s", want, out)
		}
	}
}

func TestInspectJSON(t *testing.T) {
	dir := fixturesDir(t)
	out, errOut, code := runIn(t, t.TempDir(), nil, "inspect", "--format", "json", filepath.Join(dir, "xa-phuong-2025-10.xlsx"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Schema string `json:"schema"`
		Inputs []struct {
			Sheet      string `json:"sheet"`
			HeaderRows []int  `json:"header_rows"`
			Units      []struct {
				Code string `json:"code"`
			} `json:"units"`
			Subtotals []struct{ Row int } `json:"subtotals"`
			Total     struct{ Row int }   `json:"total"`
		} `json:"inputs"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	in := doc.Inputs[0]
	if doc.Schema != "bhxh.inspect/v1" || in.Sheet != "Biểu 01" || len(in.Units) != 14 || in.Units[0].Code != "04402" || in.Total.Row != 8 || len(in.Subtotals) != 3 {
		t.Errorf("inspect JSON: %+v", doc)
	}
}

// An unknown numeric column is reported with the --col line that reads it.
func TestInspectSuggestsCol(t *testing.T) {
	work := t.TempDir()
	csv := filepath.Join(work, "x.csv")
	writeFile(t, csv, "Đơn vị;LLLĐ trong độ tuổi;TG BHXH BB;Số hộ nghèo\nHuyện A;1.000;300;12\nHuyện B;2.000;400;30\n")
	out, _, code := runIn(t, work, nil, "inspect", csv)
	if code != 0 || !strings.Contains(out, "--col 'Số hộ nghèo=KEY'") || !strings.Contains(out, "unknown_column") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

func TestInspectNoHeaderFails(t *testing.T) {
	dir := fixturesDir(t)
	out, errOut, code := runIn(t, t.TempDir(), nil, "inspect", filepath.Join(dir, "bad-no-header.xlsx"))
	if code != 1 || out != "" || !strings.Contains(errOut, "bad-no-header.xlsx") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// Without a recognisable table, inspect shows the likeliest header row and
// what each cell matched, so the --col lines to write are obvious.
func TestInspectPreviewWithoutHeader(t *testing.T) {
	work := t.TempDir()
	csv := filepath.Join(work, "x.csv")
	writeFile(t, csv, "Tên xã;Người LĐ;Đã tham gia\nXã A;100;20\nXã B;200;30\n")
	_, errOut, code := runIn(t, work, nil, "inspect", csv)
	if code != 1 || !strings.Contains(errOut, "row 1 looks most like a header") || !strings.Contains(errOut, `"Người LĐ"  (no keyword matched)`) {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
	out, errOut, code := runIn(t, work, nil, "inspect", "--col", "Người LĐ=labour_force", "--col", "Đã tham gia=bhxh_mandatory", csv)
	if code != 0 || !strings.Contains(out, "units:       2") {
		t.Errorf("with --col: exit %d, %s %s", code, out, errOut)
	}
}
