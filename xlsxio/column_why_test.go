package xlsxio

import "testing"

// A column's Why in both languages: the vocabulary translated, the quoted
// keywords as they are.
func TestWhyText(t *testing.T) {
	for _, c := range []struct{ en, vi string }{
		{"row number", "số thứ tự"},
		{"notes", "ghi chú"},
		{"canonical key", "khóa chuẩn"},
		{`keyword "don vi"`, `từ khóa "don vi"`},
		{`keywords "dan so" → current`, `từ khóa "dan so" → số hiện có`},
		{`keywords "bhxh" "bat buoc" under group "ke hoach" → plan`, `từ khóa "bhxh" "bat buoc" dưới nhóm "ke hoach" → kế hoạch`},
		{`keywords "bhyt" under group "cung ky" → prior`, `từ khóa "bhyt" dưới nhóm "cung ky" → cùng kỳ năm trước`},
		{`keywords "tham gia" "bhxh" → rate`, `từ khóa "tham gia" "bhxh" → tỷ lệ`},
		{`keywords "bhxh" with % → target`, `từ khóa "bhxh" có % → chỉ tiêu`},
		{`keywords "bhxh" → current: sum of mandatory and voluntary; recomputed`, `từ khóa "bhxh" → số hiện có: là tổng bắt buộc và tự nguyện; được tính lại`},
		{`keywords "bhyt" but is money ("trieu dong"), not people`, `từ khóa "bhyt" nhưng là tiền ("trieu dong"), không phải số người`},
		{"no keyword matched", "không khớp từ khóa nào"},
		{computedWhy, "do bhxh tính (báo cáo của chính bhxh): không đọc"},
		// the choices among columns, unit columns, transposed tables, date groups
		{`also read as bhyt; column K "BHYT" taken instead: column J is hidden`, `cũng đọc được là bhyt; cột K "BHYT" được lấy thay: cột J bị ẩn`},
		{`also read as bhyt; column K "BHYT" taken instead: the first of them (give --col to choose)`, `cũng đọc được là bhyt; cột K "BHYT" được lấy thay: cột đầu tiên trong số đó (cho --col để chọn)`},
		{`also read as bhyt; column K "BHYT" taken instead: named by --col`, `cũng đọc được là bhyt; cột K "BHYT" được lấy thay: được nêu bằng --col`},
		{"the innermost name column: 12 names under it", "cột tên trong cùng: 12 tên bên dưới"},
		{"a parent name column (fewer names, merged over its units'); the units are in column C", "cột tên cấp trên (ít tên hơn, gộp qua các đơn vị của nó); các đơn vị nằm ở cột C"},
		{`names under "Đơn vị" merged over B–C`, `tên dưới "Đơn vị" gộp qua B–C`},
		{`codes under "Mã" merged over A–B`, `mã dưới "Mã" gộp qua A–B`},
		{"the names are in column C", "tên đơn vị nằm ở cột C"},
		{"the units across row 6 (a transposed table: indicators down column B)", "các đơn vị theo hàng ngang ở dòng 6 (bảng xoay: chỉ số theo cột B)"},
		{"a header row over the units' names (row 6)", "dòng tiêu đề trên tên các đơn vị (dòng 6)"},
		{`keywords "bhyt" → current (the latest date group: current)`, `từ khóa "bhyt" → số hiện có (nhóm ngày mới nhất: số hiện có)`},
		{`keywords "bhyt" → current (a date group a year before 25/11/2024: same period last year)`, `từ khóa "bhyt" → số hiện có (nhóm ngày trước 25/11/2024 một năm: cùng kỳ năm trước)`},
		{"a date group neither the latest (25/11/2024) nor a year before it: not read", "nhóm ngày không phải mới nhất (25/11/2024) cũng không phải một năm trước đó: không đọc"},
		{"a column of bhxh's own CSV report: the input's plan", "cột của báo cáo CSV của chính bhxh: kế hoạch của dữ liệu vào"},
	} {
		got := WhyText(c.en)
		if got.EN != c.en || got.VI != c.vi {
			t.Errorf("WhyText(%q) = %q / %q, want the same / %q", c.en, got.EN, got.VI, c.vi)
		}
	}
}
