package vntext

import (
	"testing"
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
