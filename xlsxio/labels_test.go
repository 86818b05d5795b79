package xlsxio

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestRowLabels(t *testing.T) {
	const (
		total = 1 << iota
		subtotal
		footer
		section
	)
	tests := []struct {
		label string
		want  int
	}{
		{"Tổng cộng", total},
		{"TỔNG CỘNG", total},
		{"Toàn tỉnh", total},
		{"Toàn thành phố", total},
		{"Tổng số", total},
		{"Tổng", total},
		{"Cộng toàn tỉnh", total},
		{"Tong cong", total},
		{"Total", total},
		{"Tổng cộng toàn tỉnh", total},
		{norm.NFD.String("Tổng cộng"), total},
		{"Cộng", subtotal},
		{"Cộng khu vực phường", subtotal},
		{"Cộng huyện Đông Hòa", subtotal},
		{"Subtotal", subtotal},
		{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0},
		{"Người lập biểu", footer},
		{"NGƯỜI LẬP BIỂU", footer},
		{"Người lập", footer},
		{"Ghi chú:", footer},
		{"Thủ trưởng đơn vị", footer},
		{"Giám đốc", footer},
		{"GIÁM ĐỐC", footer},
		{"KT. GIÁM ĐỐC", footer},
		{"Phó Giám đốc", footer},
		{"Kế toán", footer},
		{"An Bình, ngày 30 tháng 11 năm 2023", footer},
		{"Hà Nội, ngày     tháng     năm 2024", footer},
		{"Nơi nhận:", footer},
		{"I", section},
		{"II", section},
		{"III.", section},
		{"IV", section},
		{"A", section},
		{"B", section},
		{"I. Khu vực phường", section},
		{"II - Khu vực xã", section},
		{"Khu vực thành thị", section},
		{"Khu vực nông thôn", section},
		{"Khu vực phường", section},
		{"Đặc khu", section},
		{"Huyện Đông Hòa", 0},
		{"Thành phố Bình Lâm", 0},
		{"Phường Hòa Bình", 0},
		{"Đặc khu Hòn Mê", 0},
		{"Xã Ia Grai", 0},
		{"Nguyễn Thị Hoa", 0},
		{"Ninh Hòa", 0},
		{"Lưu ý: số liệu tạm tính", footer},
		{"* Ghi chú:", footer},
		{"KT. GIÁM ĐỐC", footer},
		{"…, ngày 05 tháng 11 năm 2025", footer},
		// unit names that start like a label are units
		{"Xã Cộng Hòa", 0},
		{"Thị trấn Cộng Hòa", 0},
		{"Cộng Hòa", 0},
		{"Xã Tổng Cọt", 0},
		{"Tổng Cọt", 0},
		{"Xã Toàn Thắng", 0},
		{"Toàn Thắng", 0},
		{"Xã A Lưới", 0},
		{"A Lưới", 0},
		{"Phường 1", 0},
		{"Phường 10", 0},
		{"Phường I", 0},
		{"Phường V", 0},
		{"Phố Ràng", 0},
		{"Kiến Xương", 0},
		{"Đặc khu Côn Đảo", 0},
		// abbreviated administrative types are units, not sections
		{"P. Tân An", 0},
		{"H. Đông Hòa", 0},
		{"Q. 1", 0},
		{"X. Yên Lạc", 0}, // "X." is Xã here, not the Roman numeral ten
		{"", 0},
	}
	for _, tt := range tests {
		got := 0
		if isTotalLabel(tt.label) {
			got |= total
		}
		if isSubtotalLabel(tt.label) {
			got |= subtotal
		}
		if isFooterLabel(tt.label) {
			got |= footer
		}
		if isSectionLabel(tt.label) {
			got |= section
		}
		if got != tt.want {
			t.Errorf("%q: total/subtotal/footer/section bits = %04b, want %04b", tt.label, got, tt.want)
		}
	}
}

func TestIsNumberingRow(t *testing.T) {
	tests := []struct {
		cells []string
		want  bool
	}{
		{[]string{"(1)", "(2)", "(3)", "(4)", "(5)"}, true},
		{[]string{"A", "B", "C", "1", "2", "3", "4"}, true},
		{[]string{"1", "2", "", "3"}, true},
		{[]string{"(1)", "(2)", "(3)", "(4)=(3)/(2)"}, true},
		{[]string{"(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)", "(12)", "(13)", "(14)", "(15)", "(16)"}, true},
		{[]string{"1", "2"}, false},
		{[]string{"1", "Huyện Đông Hòa", "63427"}, false},
		{[]string{"STT", "Đơn vị", "Dân số"}, false},
		{[]string{"5", "4", "3", "2", "1"}, false},
		{[]string{"1", "63427", "110377", "25931"}, false},
		{[]string{"I", "Khu vực phường"}, false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := isNumberingRow(tt.cells); got != tt.want {
			t.Errorf("isNumberingRow(%q) = %v, want %v", tt.cells, got, tt.want)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		title, want string
	}{
		{"Tháng 11 năm 2023", "2023-11"},
		{"THÁNG 6 NĂM 2024", "2024-06"},
		{"BÁO CÁO TÌNH HÌNH THAM GIA BHXH, BHYT - Tháng 6 năm 2024", "2024-06"},
		{"Tính đến ngày 31/5/2020", "2020-05"},
		{"Thực hiện đến 25/11/2023", "2023-11"},
		{"tháng 10/2025", "2025-10"},
		{"Thang 3 nam 2022", "2022-03"},
		{norm.NFD.String("Tháng 11 năm 2023"), "2023-11"},
		{"Tháng 12 - 2023", "2023-12"},
		{"November 2023", "2023-11"},
		{"Report for November 2023", "2023-11"},
		{"Số liệu đến 30.9.2024", "2024-09"},
		{"Số: 1287/BC-BHXH", ""},
		{"Năm 2023", ""}, // a bare year names no month (nor does "Kế hoạch năm 2024")
		{"Kế hoạch năm 2024", ""},
		{"Tháng 11/2023", "2023-11"},
		{"THÁNG 11 NĂM 2023", "2023-11"},
		{"Quý IV năm 2023", "2023-12"}, // a quarter is its last month
		{"QUÝ I NĂM 2024", "2024-03"},
		{"Quý 3/2024", "2024-09"},
		{"Báo cáo 6 tháng đầu năm 2024", "2024-06"},
		{"Kỳ báo cáo: 10/2025", "2025-10"},
		{"Kỳ báo cáo: 10.2025", "2025-10"},
		{"Căn cứ Thông tư 06/2024/TT-BLĐTBXH", ""},
		{"Số: 45/2023/BC-BHXH", ""},
		{"Quỹ BHXH năm 2023", ""},
		{"Tháng 13 năm 2023", ""},
		{"ngày ... tháng ... năm ...", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := parsePeriod(tt.title)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("parsePeriod(%q) = %q, %v, want %q", tt.title, got, ok, tt.want)
		}
	}
}

// "X" stays a section numeral on its own and before an area name.
func TestRomanTenStillASection(t *testing.T) {
	for _, s := range []string{"X", "X. Khu vực nông thôn", "X. Các xã"} {
		if !isSectionLabel(s) {
			t.Errorf("%q should be a section label", s)
		}
	}
	if MatchUnit(UnitRef{Name: "X. Yên Lạc"}, UnitRef{Name: "Xã Yên Lạc"}) != MatchName {
		t.Errorf("X. Yên Lạc and Xã Yên Lạc should match by name")
	}
}
