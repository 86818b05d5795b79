package xlsxio

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestDecodeLegacyTCVN3(t *testing.T) {
	tests := []struct{ in, font, want string }{
		{"Tæng céng", ".VnTime", "Tổng cộng"},
		{"§¬n vÞ", ".VnTime", "Đơn vị"},
		{"Lùc l\u00adîng lao ®éng trong ®é tuæi", ".VnTime", "Lực lượng lao động trong độ tuổi"},
		{"Sè ng\u00adêi tham gia BHXH b¾t buéc", ".VnTime", "Số người tham gia BHXH bắt buộc"},
		{"Sè ng\u00adêi tham gia BHXH tù nguyÖn", ".VnArial", "Số người tham gia BHXH tự nguyện"},
		{"Th¸ng 3 n¨m 2022", ".VnTime", "Tháng 3 năm 2022"},
		{"HuyÖn VÜnh Léc H¹", ".VnTime", "Huyện Vĩnh Lộc Hạ"},
		{"ThÞ x· Phï L\u00adu", ".VnTime", "Thị xã Phù Lưu"},
		{"BHXH TØNH NAM S¬N", ".VnTimeH", "BHXH TỈNH NAM SƠN"},
		{"B¸O C¸O KÕT QU¶ PH¸T TRIÓN NG\u00adêI THAM GIA BHXH, BHYT", ".VnTimeH", "BÁO CÁO KẾT QUẢ PHÁT TRIỂN NGƯỜI THAM GIA BHXH, BHYT"},
		{"GI¸M ®èC", ".VnTimeH", "GIÁM ĐỐC"},
		{"tæng céng", ".vntimeh", "TỔNG CỘNG"},
		{"¡ ¢ £ ¤ ¥ ¦ §", ".VnTime", "Ă Â Ê Ô Ơ Ư Đ"},
		// all 67 lower-case codes, and as capitals in a capitals font
		{"¨©ª«¬\u00ad®µ¶·¸¹»¼½¾ÆÇÈÉÊËÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞßáâãäåæçèéêëìíîïñòóôõö÷øùúûüýþ", ".VnTime",
			"ăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"},
		{"¨©ª«¬\u00ad®µ¶·¸¹»¼½¾ÆÇÈÉÊËÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞßáâãäåæçèéêëìíîïñòóôõö÷øùúûüýþ", ".VnTimeH",
			"ĂÂÊÔƠƯĐÀẢÃÁẠẰẲẴẮẶẦẨẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨÚỤỪỬỮỨỰỲỶỸÝỴ"},
		// VNI
		{"Toång coäng", "VNI-Times", "Tổng cộng"},
		{"Ñôn vò", "VNI-Times", "Đơn vị"},
		{"Soá ngöôøi tham gia BHXH baét buoäc", "VNI-Helve", "Số người tham gia BHXH bắt buộc"},
		{"Löïc löôïng lao ñoäng trong ñoä tuoåi", "VNI-Times", "Lực lượng lao động trong độ tuổi"},
		{"Thaùng 11 naêm 2023", "VNI-Times", "Tháng 11 năm 2023"},
		{"Huyeän Ñoâng Hoøa", "VNI-Times", "Huyện Đông Hòa"},
		{"TOÅNG COÄNG", "VNI-Times", "TỔNG CỘNG"},
		{"NGÖÔØI LAÄP BIEÅU", "VNI-Times", "NGƯỜI LẬP BIỂU"},
		{"Dòch vuï, tyû leä, ñaëc khu, kyø", "VNI-Times", "Dịch vụ, tỷ lệ, đặc khu, kỳ"},
		{"aéaèaúaüaëaêaâ", "VNI-Times", "ắằẳẵặăâ"},
		// other fonts: unchanged
		{"Tæng céng", "Times New Roman", "Tæng céng"},
		{"Tæng céng", "", "Tæng céng"},
		{"Tổng cộng", "Calibri", "Tổng cộng"},
		{"STT", ".VnTime", "STT"},
		{"Bhxh", ".VnTimeH", "BHXH"}, // a capitals font shows ASCII letters as capitals too
	}
	for _, tt := range tests {
		if got := DecodeLegacy(tt.in, tt.font); got != tt.want {
			t.Errorf("DecodeLegacy(%q, %q) = %q, want %q", tt.in, tt.font, got, tt.want)
		}
	}
}

func TestLooksLikeTCVN3(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"Tæng céng", true},
		{"§¬n vÞ", true},
		{"Sè ng\u00adêi tham gia BHXH b¾t buéc", true},
		{"HuyÖn §ång L©m", true},
		{"Tổng cộng", false},
		{"Tong cong", false},
		{"Müller", false},
		{"café crème", false},
		{"Zürich", false},
		{"naïve façade", false},
		{"", false},
		{"12.345", false},
	}
	for _, tt := range tests {
		if got := LooksLikeTCVN3(tt.s); got != tt.want {
			t.Errorf("LooksLikeTCVN3(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestTCVN3Fixture reads every text cell of tcvn3-headers.xlsx with its
// font, decodes it and checks headers, title and names come out right.
func TestTCVN3Fixture(t *testing.T) {
	f, err := excelize.OpenFile(filepath.Join("..", "testdata", "fixtures", "tcvn3-headers.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for r, row := range rows {
		for c, v := range row {
			if v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			font := ""
			if idx, err := f.GetCellStyle(sheet, cell); err == nil {
				if st, err := f.GetStyle(idx); err == nil && st.Font != nil {
					font = st.Font.Family
				}
			}
			got[cell] = DecodeLegacy(v, font)
		}
	}
	want := map[string]string{
		"A1":  "BHXH TỈNH NAM SƠN",
		"A2":  "BÁO CÁO KẾT QUẢ PHÁT TRIỂN NGƯỜI THAM GIA BHXH, BHYT",
		"A3":  "Tháng 3 năm 2022",
		"B5":  "Đơn vị",
		"C5":  "Lực lượng lao động trong độ tuổi",
		"D5":  "Dân số",
		"E5":  "Số người tham gia BHXH bắt buộc",
		"F5":  "Số người tham gia BHXH tự nguyện",
		"G5":  "Số người tham gia BHYT",
		"B6":  "Thành phố Nam Sơn",
		"B7":  "Thị xã Phù Lưu",
		"B8":  "Huyện Kim Thượng",
		"B9":  "Huyện Vĩnh Lộc Hạ",
		"B10": "Huyện Đồng Lâm",
		"B11": "Huyện Tiền Hải Nam",
		"B12": "Tổng cộng",
		"B14": "Người lập biểu",
		"F14": "GIÁM ĐỐC",
	}
	for cell, w := range want {
		if got[cell] != w {
			t.Errorf("%s: decoded %q, want %q", cell, got[cell], w)
		}
	}
	keys := map[string]string{"B5": "unit", "C5": "labour_force", "D5": "population",
		"E5": "bhxh_mandatory", "F5": "bhxh_voluntary", "G5": "bhyt"}
	for cell, k := range keys {
		if key, why := MatchHeader("", got[cell]); key != k {
			t.Errorf("%s %q: key %q (%s), want %q", cell, got[cell], key, why, k)
		}
	}
	if p, ok := ParsePeriod(got["A3"]); p != "2022-03" || !ok {
		t.Errorf("period of %q = %q", got["A3"], p)
	}
	if !IsTotalLabel(got["B12"]) || !IsFooterLabel(got["B14"]) || !IsFooterLabel(got["F14"]) {
		t.Errorf("labels of decoded total/footer not recognised")
	}
	// Without the fonts, the heuristic must spot the TCVN3 cells.
	raw, _ := f.GetCellValue(sheet, "C5")
	if !LooksLikeTCVN3(raw) || !strings.Contains(raw, "\u00ad") {
		t.Errorf("LooksLikeTCVN3(%q) = false", raw)
	}
}
