package xlsxio

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestMatchHeader(t *testing.T) {
	const (
		plan23  = "Kế hoạch giao năm 2023"
		done23  = "Thực hiện đến 25/11/2023"
		prior22 = "Cùng kỳ năm 2022"
	)
	tests := []struct {
		group, header, want string
	}{
		// tinh-mau-2023-11.xlsx
		{"", "STT", ""},
		{"", "Đơn vị", "unit"},
		{"", "Lực lượng lao động trong độ tuổi", "labour_force"},
		{"", "Dân số", "population"},
		{plan23, "BHXH bắt buộc", "plan_bhxh_mandatory"},
		{plan23, "BHXH tự nguyện", "plan_bhxh_voluntary"},
		{plan23, "BHYT", "plan_bhyt"},
		{plan23, "BHTN", "plan_bhtn"},
		{plan23, "BHXH", "plan_bhxh"},
		{done23, "BHXH bắt buộc", "bhxh_mandatory"},
		{done23, "BHXH tự nguyện", "bhxh_voluntary"},
		{done23, "BHTN", "bhtn"},
		{done23, "BHYT", "bhyt"},
		{prior22, "BHXH bắt buộc", "prior_bhxh_mandatory"},
		{prior22, "BHXH tự nguyện", "prior_bhxh_voluntary"},
		{prior22, "BHYT", "prior_bhyt"},
		{prior22, "BHTN", "prior_bhtn"},
		{"", "Tỷ lệ tham gia BHXH (%)", "rate_bhxh"},
		{"", "Ghi chú", ""},
		{"Tỷ lệ tham gia BHXH (%)", "", "rate_bhxh"}, // vertically merged, read as group
		// xa-phuong-2025-10.xlsx
		{"", "Mã ĐVHC", "code"},
		{"", "Xã, phường, đặc khu", "unit"},
		{"", "LLLĐ trong độ tuổi", "labour_force"},
		{"", "Số người tham gia BHXH bắt buộc", "bhxh_mandatory"},
		{"", "BHXH tự nguyện", "bhxh_voluntary"},
		{"", "BHTN", "bhtn"},
		{"", "BHYT", "bhyt"},
		{"", "Người sau độ tuổi nghỉ hưu", "retirement_age_population"},
		{"", "Người hưởng lương hưu, BHXH hằng tháng, trợ cấp hưu trí xã hội", "pension_recipients"},
		{"", "Tỷ lệ BHXH (%)", "rate_bhxh"},
		// nfd-abbrev.xlsx (NFD, abbreviations, line breaks)
		{"", norm.NFD.String("Tên đơn vị"), "unit"},
		{"", norm.NFD.String("LLLĐ\ntrong độ tuổi"), "labour_force"},
		{"", norm.NFD.String("Dân số TB"), "population"},
		{"", "TG\nBHXH BB", "bhxh_mandatory"},
		{"", "TG BHXH TN", "bhxh_voluntary"},
		{"", "TG\nBHTN", "bhtn"},
		{"", "TG BHYT", "bhyt"},
		{"", "KH BHXH BB", "plan_bhxh_mandatory"},
		{"", "KH\nBHYT", "plan_bhyt"},
		{"", "CK BHXH BB", "prior_bhxh_mandatory"},
		{"", "CK BHYT", "prior_bhyt"},
		{"", norm.NFD.String("TG\nBHXH BB"), "bhxh_mandatory"},
		// ascii-headers.csv (no diacritics)
		{"", "Don vi", "unit"},
		{"", "Luc luong lao dong trong do tuoi", "labour_force"},
		{"", "Dan so", "population"},
		{"", "So nguoi tham gia BHXH bat buoc", "bhxh_mandatory"},
		{"", "So nguoi tham gia BHXH tu nguyen", "bhxh_voluntary"},
		{"", "So nguoi tham gia BHYT", "bhyt"},
		{"", "\ufeffSTT", ""},
		// tcvn3-headers.xlsx, decoded
		{"", "Số người tham gia BHXH bắt buộc", "bhxh_mandatory"},
		{"", "Số người tham gia BHXH tự nguyện", "bhxh_voluntary"},
		{"", "Số người tham gia BHYT", "bhyt"},
		// phan-bo-co-so.xlsx
		{"", "BHXH bắt buộc", "bhxh_mandatory"},
		// boundary-half-up.xlsx
		{"", "unit", "unit"},
		{"", "labour_force", "labour_force"},
		{"", "bhxh_mandatory", "bhxh_mandatory"},
		{"", "population", "population"},
		{"", "bhyt", "bhyt"},
		{"", " BHYT ", "bhyt"},
		// units
		{"", "Tên đơn vị", "unit"},
		{"", "Huyện/thành phố", "unit"},
		{"", "Huyện, thành phố", "unit"},
		{"", "Xã, phường", "unit"},
		{"", "Địa bàn", "unit"},
		{"", "Unit name", "unit"},
		{"", "Đơn vị hành chính", "unit"},
		{"", "Huyện/TP", "unit"},
		{"", "Tên huyện", "unit"},
		{"", "Tên đơn vị (2)", "unit"},
		{"", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ""},
		{"", "Thành phố Bình Lâm", ""},
		{"", "Số liệu tạm tính", ""},
		{"", "Toàn tỉnh", ""},
		{"", "Đơn vị tính: người", ""},
		// codes
		{"", "Mã", "code"},
		{"", "Mã đơn vị", "code"},
		{"", "Mã xã", "code"},
		{"", "code", "code"},
		// denominators
		{"", "Lao động trong độ tuổi", "labour_force"},
		{"", "Dân số trung bình", "population"},
		{"", "Dân số TB (người)", "population"},
		{"", "Dân số có mặt trên địa bàn", "population"},
		{"", "Dân số trên tuổi nghỉ hưu", "retirement_age_population"},
		{"", "Hưởng lương hưu, trợ cấp BHXH hằng tháng", "pension_recipients"},
		{"", "Số người tham gia\nBHXH bắt buộc (người)", "bhxh_mandatory"},
		{"", "Số người tham gia BHXH bắt buộc (1)", "bhxh_mandatory"},
		{"", "Số người tham gia BHXH bắt buộc, đơn vị tính: người", "bhxh_mandatory"},
		{"", "Bảo hiểm xã hội bắt buộc", "bhxh_mandatory"},
		{"", "Bảo hiểm y tế", "bhyt"},
		{"", "Bảo hiểm thất nghiệp", "bhtn"},
		// groups decide the prefix
		{"Kế hoạch", "BHXH bắt buộc", "plan_bhxh_mandatory"},
		{"KH năm 2024", "BHYT", "plan_bhyt"},
		{"CK", "BHYT", "prior_bhyt"},
		{"Số người tham gia", "BHXH tự nguyện", "bhxh_voluntary"},
		{"Số người tham gia BHXH", "Tổng số", ""},
		{"Số người tham gia BHXH", "Bắt buộc", "bhxh_mandatory"},
		{"Số người tham gia BHXH", "Tự nguyện", "bhxh_voluntary"},
		{"Kế hoạch giao BHXH", "Tổng số", "plan_bhxh"},
		{"Cùng kỳ năm trước BHXH", "Tổng", "prior_bhxh"},
		{"Kế hoạch năm 2024", "Tổng BHXH", "plan_bhxh"},
		{"", "Tổng BHXH", ""},
		{"Tăng/giảm so với cùng kỳ", "BHXH bắt buộc", ""},
		// headers that carry their own prefix
		{"", "Chỉ tiêu tỷ lệ BHYT (%)", "target_bhyt"},
		{"", "Mục tiêu BHXH (%)", "target_bhxh"},
		{"", "Tỷ lệ BHYT", "rate_bhyt"},
		{"", "Tỷ lệ BHYT (%)", "rate_bhyt"},
		{"", "TL BHXH (%)", "rate_bhxh"},
		{"", "Tỷ lệ bao phủ BHYT", "rate_bhyt"},
		{plan23, "Tỷ lệ BHYT (%)", "target_bhyt"},
		{"Tỷ lệ tham gia (%)", "BHYT", "rate_bhyt"},
		{"", "TH BHXH BB", "bhxh_mandatory"},
		{"", "Cùng kỳ BHTN", "prior_bhtn"},
		{"", "Cùng kỳ dân số", "prior_population"},
		// ignored
		{"", "Số thứ tự", ""},
		{"", "TT", ""},
		{"", "", ""},
		{"", "Số người tham gia", ""},
		{"", "Tỷ lệ (%)", ""},
		{"", "BHXH, BHYT", ""},
		{"", "Kính gửi: Ban Chỉ đạo phát triển người tham gia BHXH, BHYT tỉnh", ""},
		{"", "Năm sinh", ""},
		{"", "Tỷ lệ dân số", ""},
		{"", "Tỷ lệ hoàn thành kế hoạch BHYT (%)", ""},
	}
	for _, tt := range tests {
		got, why := MatchHeader(tt.group, tt.header)
		if got != tt.want {
			t.Errorf("MatchHeader(%q, %q) = %q (%s), want %q", tt.group, tt.header, got, why, tt.want)
		}
		if why == "" {
			t.Errorf("MatchHeader(%q, %q): empty why", tt.group, tt.header)
		}
	}
}

func TestMatchHeaderWhy(t *testing.T) {
	tests := []struct{ group, header, want string }{
		{"Kế hoạch giao năm 2023", "Số người tham gia BHXH bắt buộc", `keywords "tham gia" "bhxh" "bat buoc" under group "ke hoach" → plan`},
		{"", "STT", "row number"},
		{"", "Ghi chú", "notes"},
		{"", "Năm sinh", "no keyword matched"},
		{"", "Tổng BHXH", `keywords "bhxh" → current: sum of mandatory and voluntary; recomputed`},
		{"", "bhyt", "canonical key"},
	}
	for _, tt := range tests {
		if _, why := MatchHeader(tt.group, tt.header); why != tt.want {
			t.Errorf("MatchHeader(%q, %q) why = %q, want %q", tt.group, tt.header, why, tt.want)
		}
	}
}

func BenchmarkMatchHeader(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		MatchHeader("Kế hoạch giao năm 2023", "BHXH bắt buộc")
		MatchHeader("", "Người hưởng lương hưu, BHXH hằng tháng, trợ cấp hưu trí xã hội")
	}
}

// bhxh's own CSV report read back: plans and priors are the input's,
// every other figure was computed and is not read.
func TestReportColumnKey(t *testing.T) {
	for _, c := range []struct {
		header, key string
		ok          bool
	}{
		{"bhxh_plan", "plan_bhxh", true},
		{"bhxh_mandatory_plan", "plan_bhxh_mandatory", true},
		{"bhyt_prior", "prior_bhyt", true},
		{"bhxh_prior", "prior_bhxh", true},
		{"bhxh_target", "", true},
		{"bhxh_mandatory_rate", "", true},
		{"bhtn_persons_needed", "", true},
		{"bhyt_plan_completion", "", true},
		{"bhxh_mandatory", "", false}, // a count: the canonical key, not a figure
		{"Kế hoạch BHXH", "", false},
		{"bhxh_plans", "", false},
	} {
		key, why, ok := reportColumnKey(c.header)
		if key != c.key || ok != c.ok {
			t.Errorf("%q: got %q, %v (%s), want %q, %v", c.header, key, ok, why, c.key, c.ok)
		}
	}
}
