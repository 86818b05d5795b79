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
	for _, c := range []struct {
		lang string
		want []string
	}{
		// the default: Vietnamese labels and reasons, keys and codes as they
		// are; the why of a column wraps within its cell (120 wide)
		{"", []string{
			`  trang tính:   "T11-2023"`,
			"  dòng tiêu đề: 6, 7",
			"  kỳ:           2023-11",
			"  cột:",
			`    A  —                     "STT"                                        (số thứ tự)` + "\n",
			`    E  plan_bhxh_mandatory   "Kế hoạch giao năm 2023 › BHXH bắt buộc"     (từ khóa "bhxh" "bat buoc" dưới nhóm "ke` + "\n" +
				`                                                                          hoach" → kế hoạch)` + "\n",
			`    K  bhyt                  "Thực hiện đến 25/11/2023 › BHYT"            (từ khóa "bhyt" dưới nhóm "thuc hien" → số` + "\n" +
				`                                                                          hiện có)` + "\n",
			`    N  prior_bhyt            "Cùng kỳ năm 2022 › BHYT"                    (từ khóa "bhyt" dưới nhóm "cung ky" → cùng kỳ` + "\n" +
				`                                                                          năm trước)` + "\n",
			`    O  rate_bhxh             "Tỷ lệ tham gia BHXH (%)"                    (từ khóa "tham gia" "bhxh" → tỷ lệ)` + "\n",
			`    P  —                     "Ghi chú"                                    (ghi chú)` + "\n",
			"  đơn vị:       9 (dòng 9–17: Thành phố Bình Lâm … Huyện Đắk Ngọc)",
			`  dòng tổng:    18 "Toàn tỉnh" (đối chiếu với tổng các đơn vị)`,
			"  các dòng:\n",
			"    1–5    tên báo cáo  ở trên dòng tiêu đề\n",
			"    6–7    tiêu đề cột\n",
			"    8      số cột       số thứ tự cột dưới dòng tiêu đề\n",
			"    9–17   đơn vị       9 đơn vị\n",
			"    18     tổng         đối chiếu với tổng các đơn vị\n",
			"    19     trống\n",
			`    20–25  cuối bảng    bảng kết thúc ở "An Bình, ngày 28 tháng 11 năm 2023": chữ ký và ghi chú không được đọc`,
		}},
		{"en", []string{
			`  sheet:       "T11-2023"`,
			"  header rows: 6, 7",
			"  period:      2023-11",
			"  columns:",
			`    A  —                     "STT"                                        (row number)` + "\n",
			`    E  plan_bhxh_mandatory   "Kế hoạch giao năm 2023 › BHXH bắt buộc"     (keywords "bhxh" "bat buoc" under group "ke` + "\n" +
				`                                                                          hoach" → plan)` + "\n",
			`    K  bhyt                  "Thực hiện đến 25/11/2023 › BHYT"            (keywords "bhyt" under group "thuc hien" →` + "\n" +
				`                                                                          current)` + "\n",
			`    N  prior_bhyt            "Cùng kỳ năm 2022 › BHYT"                    (keywords "bhyt" under group "cung ky" →` + "\n" +
				`                                                                          prior)` + "\n",
			`    O  rate_bhxh             "Tỷ lệ tham gia BHXH (%)"                    (keywords "tham gia" "bhxh" → rate)` + "\n",
			`    P  —                     "Ghi chú"                                    (notes)` + "\n",
			"  units:       9 (rows 9–17: Thành phố Bình Lâm … Huyện Đắk Ngọc)",
			`  total row:   18 "Toàn tỉnh" (cross-checked against the sum of units)`,
			"  rows:\n",
			"    1–5    title      above the header\n",
			"    6–7    header\n",
			"    8      numbering  column numbers under the header\n",
			"    9–17   units      9 units\n",
			"    18     total      cross-checked against the sum of the units\n",
			"    19     blank\n",
			`    20–25  footer     the table ends at "An Bình, ngày 28 tháng 11 năm 2023": signatures and notes are not read`,
		}},
	} {
		args := []string{"inspect", filepath.Join(dir, "tinh-mau-2023-11.xlsx")}
		if c.lang != "" {
			args = append(args, "--lang", c.lang)
		}
		out, errOut, code := runIn(t, t.TempDir(), nil, args...)
		if code != 0 {
			t.Fatalf("--lang %q: exit %d: %s", c.lang, code, errOut)
		}
		for _, want := range c.want {
			if !strings.Contains(out, want) {
				t.Errorf("--lang %q: inspect output lacks %q:\n%s", c.lang, want, out)
			}
		}
	}
}

// inspect's JSON keeps its English codes and reasons whatever --lang.
func TestInspectJSONIsEnglishInEveryLanguage(t *testing.T) {
	dir := fixturesDir(t)
	var outs []string
	for _, lang := range []string{"vi", "en"} {
		out, errOut, code := runIn(t, t.TempDir(), nil, "inspect", "--format", "json", "--lang", lang, filepath.Join(dir, "tinh-mau-2023-11.xlsx"))
		if code != 0 {
			t.Fatalf("--lang %s: exit %d: %s", lang, code, errOut)
		}
		outs = append(outs, out)
	}
	if outs[0] != outs[1] {
		t.Errorf("the JSON differs by --lang:\n%s\n%s", outs[0], outs[1])
	}
	for _, want := range []string{`"why":"row number"`, `"what":"footer"`, `"why":"9 units"`, `"why":"cross-checked against the sum of the units"`} {
		if !strings.Contains(outs[0], want) {
			t.Errorf("the JSON lacks %s:\n%s", want, outs[0])
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
	if code != 1 || !strings.Contains(errOut, "tệp: dòng 1 giống dòng tiêu đề nhất") || !strings.Contains(errOut, `"Người LĐ"  (không khớp từ khóa nào)`) {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
	_, errOut, code = runIn(t, work, nil, "inspect", "--lang", "en", csv)
	if code != 1 || !strings.Contains(errOut, "the file: row 1 looks most like a header") || !strings.Contains(errOut, `"Người LĐ"  (no keyword matched)`) {
		t.Errorf("--lang en: exit %d, stderr:\n%s", code, errOut)
	}
	out, errOut, code := runIn(t, work, nil, "inspect", "--lang", "en", "--col", "Người LĐ=labour_force", "--col", "Đã tham gia=bhxh_mandatory", csv)
	if code != 0 || !strings.Contains(out, "units:       2") {
		t.Errorf("with --col: exit %d, %s %s", code, out, errOut)
	}
}
