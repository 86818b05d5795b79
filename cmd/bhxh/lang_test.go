package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every message a user meets on standard error, in both languages: --lang
// vi (the default) and --lang en, each run in-process and in parallel
// with the others (the language travels with the run, not in a global).
func TestMessagesInBothLanguages(t *testing.T) {
	dir := t.TempDir()
	in := func(name, body string) string {
		p := filepath.Join(dir, name)
		writeFile(t, p, body)
		return p
	}
	hong := in("hong.csv", "Đơn vị,Lực lượng lao động,BHXH bắt buộc\nXã A,1000,29.O24\n")
	lech := in("lech.csv", "Đơn vị,Lực lượng lao động,BHXH bắt buộc\nXã A,1000,150\nTổng cộng,1000,151\n")
	over := in("vuot.csv", "Đơn vị,Dân số,BHYT\nXã A,100,101\n")
	noDen := in("khong-mau.csv", "Đơn vị,Lực lượng lao động,BHXH bắt buộc\nXã A,0,10\n")
	trung := in("trung.csv", "Đơn vị,Lực lượng lao động,BHXH bắt buộc\nXã A,100,10\nXã A,100,10\n")
	khong := in("khong.csv", "a,b\n1,2\n")
	empty := filepath.Join(dir, "trống")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		args   []string
		code   int
		vi, en string // a line of standard error, exactly
	}{
		{"bad cell", []string{"compute", hong}, exitData,
			`bhxh: hong.csv: C2: "29.O24" không phải là số người nguyên`,
			`bhxh: hong.csv: C2: "29.O24" is not a whole number of people`},
		{"total_mismatch", []string{"compute", "--format", "csv", lech}, exitOK,
			`bhxh: cảnh báo total_mismatch: lech.csv: C3: bhxh_mandatory: dòng "Tổng cộng" ghi 151, cộng các đơn vị được 150`,
			`bhxh: warning total_mismatch: lech.csv: C3: bhxh_mandatory: "Tổng cộng" says 151, the units sum to 150`},
		{"rate_over_100", []string{"compute", "--format", "csv", over}, exitOK,
			`bhxh: cảnh báo rate_over_100: vuot.csv: C2: Xã A: tỷ lệ bhyt là 101,00%, vượt quá 100%`,
			`bhxh: warning rate_over_100: vuot.csv: C2: Xã A: bhyt rate 101.00% is above 100%`},
		{"no_denominator", []string{"compute", "--format", "csv", noDen}, exitOK,
			`bhxh: cảnh báo no_denominator: khong-mau.csv: B2: Xã A: labour_force bằng 0 nên không tính được tỷ lệ bhxh_mandatory`,
			`bhxh: warning no_denominator: khong-mau.csv: B2: Xã A: labour_force is 0, so no bhxh_mandatory rate`},
		{"strict", []string{"compute", "--strict", "--format", "csv", lech}, exitWarnings,
			`bhxh: 1 cảnh báo và có --strict`,
			`bhxh: 1 warning(s) and --strict given`},
		{"usage", []string{"compute", "--decimals", "11", lech}, exitUsage,
			`bhxh: --decimals 11: cần từ 0 đến 10`,
			`bhxh: --decimals 11: want 0 to 10`},
		{"duplicate unit", []string{"compute", trung}, exitData,
			`bhxh: trung.csv: đơn vị trùng "Xã A" ở dòng 2 và 3 (A2, A3)`,
			`bhxh: trung.csv: duplicate unit "Xã A" on rows 2 and 3 (A2, A3)`},
		{"header not found, with the hint", []string{"compute", khong}, exitData,
			"bhxh: khong.csv: không tìm thấy dòng tiêu đề của bảng (dòng ghi tên đơn vị và các số liệu) trong tệp: cần một dòng tiêu đề ghi đơn vị (\"Đơn vị\") và số liệu như \"Số người tham gia BHXH bắt buộc\"; chạy `bhxh inspect` để xem đã đọc được gì, và --col 'Tiêu đề=khóa' để gán một cột",
			"bhxh: khong.csv: no recognisable table header (a row naming units and counts) in the file: expected a header row naming the unit (\"Đơn vị\") and counts such as \"Số người tham gia BHXH bắt buộc\"; run `bhxh inspect` to see what was read, and --col 'Header=key' to map a column"},
		{"empty folder", []string{"compute", empty}, exitData,
			"bhxh: " + empty + ": thư mục không có tệp .xlsx, .xls, .ods hay .csv nào",
			"bhxh: " + empty + ": the folder holds no .xlsx, .xls, .ods or .csv file"},
		{"no such file", []string{"compute", filepath.Join(dir, "khong-co.xlsx")}, exitData,
			"bhxh: khong-co.xlsx: không có tệp này (" + filepath.Join(dir, "khong-co.xlsx") + ")",
			"bhxh: khong-co.xlsx: no such file (" + filepath.Join(dir, "khong-co.xlsx") + ")"},
		{"a glob matching nothing", []string{"compute", filepath.Join(dir, "x*.csv")}, exitData,
			"bhxh: " + filepath.Join(dir, "x*.csv") + ": không có tệp nào khớp",
			"bhxh: " + filepath.Join(dir, "x*.csv") + ": no file matches"},
		{"target out of range", []string{"compute", "--target", "bhxh=300", lech}, exitUsage,
			`bhxh: --target "bhxh=300": tỷ lệ chỉ tiêu phải lớn hơn 0 và không quá 100 (phần trăm)`,
			`bhxh: --target "bhxh=300": a target rate must be above 0 and at most 100 (percent)`},
		{"target without a rate", []string{"compute", "--target", "bhxh", lech}, exitUsage,
			`bhxh: --target "bhxh": cần CHỈ_SỐ=TỶ_LỆ, ví dụ bhxh=55`,
			`bhxh: --target "bhxh": want INDICATOR=RATE, e.g. bhxh=55`},
		{"preset between milestones", []string{"compute", "--preset", "nq28", "--year", "2023", lech}, exitUsage,
			"bhxh: nq28 không có số liệu năm 2023: các năm mốc là 2021, 2025, 2030 (dùng --interpolate để nội suy tuyến tính giữa các năm mốc)",
			"bhxh: nq28 has no figure for 2023: its milestone years are 2021, 2025, 2030 (use --interpolate to interpolate linearly between them)"},
		{"a note on the sheet read", []string{"compute", "--format", "csv", filepath.Join(testdataDir(t, "shapes"), "example-sheet-fewer-rows.xlsx")}, exitOK,
			`bhxh: ghi chú: example-sheet-fewer-rows.xlsx: nhiều trang tính có bảng: lấy "Báo cáo" (15 đơn vị, nhiều nhất; trang đang mở); không đọc: "Mẫu biểu" (2 đơn vị); --sheet TÊN để đọc trang khác`,
			`bhxh: note: example-sheet-fewer-rows.xlsx: several sheets hold a table: took "Báo cáo" (15 units, the most; the active sheet); not read: "Mẫu biểu" (2 units); --sheet NAME reads another`},
		{"inspect takes --lang too", []string{"inspect", "--format", "nope", lech}, exitUsage,
			`bhxh: --format "nope": cần table hoặc json`,
			`bhxh: --format "nope": want table or json`},
	}
	for _, c := range cases {
		for _, lang := range []string{"vi", "en"} {
			want := c.vi
			if lang == "en" {
				want = c.en
			}
			args := append(append([]string{}, c.args...), "--lang", lang)
			if lang == "vi" {
				args = c.args // the default
			}
			t.Run(c.name+"/"+lang, func(t *testing.T) {
				t.Parallel()
				_, stderr, code := runCmd(args...)
				if code != c.code {
					t.Errorf("exit %d, want %d; stderr:\n%s", code, c.code, stderr)
				}
				if !containsLine(stderr, want) {
					t.Errorf("stderr:\n%s\nwant the line\n%s", stderr, want)
				}
			})
		}
	}
}

func containsLine(s, line string) bool {
	for _, l := range strings.Split(s, "\n") {
		if l == line {
			return true
		}
	}
	return false
}

// --lang takes vi or en on every command.
func TestLangIsChecked(t *testing.T) {
	for _, args := range [][]string{{"inspect", "--lang", "fr", "x.xlsx"}, {"compute", "--lang", "fr", "x.xlsx"}, {"version", "--lang", "fr"}} {
		if _, stderr, code := runCmd(args...); code != exitUsage || !strings.Contains(stderr, "fr") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}
