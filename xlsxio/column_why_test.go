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
	} {
		got := WhyText(c.en)
		if got.EN != c.en || got.VI != c.vi {
			t.Errorf("WhyText(%q) = %q / %q, want the same / %q", c.en, got.EN, got.VI, c.vi)
		}
	}
}
