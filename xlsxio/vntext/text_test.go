package vntext

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestNFC(t *testing.T) {
	for _, s := range []string{"Tổng cộng", "Đông Hòa", "Lực lượng lao động", "ascii"} {
		if got := NFC(norm.NFD.String(s)); got != s {
			t.Errorf("NFC(NFD(%q)) = %q", s, got)
		}
		if got := NFC(s); got != s {
			t.Errorf("NFC(%q) = %q", s, got)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Số người tham gia\nBHXH bắt buộc (người)", "so nguoi tham gia bhxh bat buoc nguoi"},
		{"Tổng cộng", "tong cong"},
		{"ĐƠN VỊ", "don vi"},
		{"Đông Hòa", "dong hoa"},
		{"Đông Hoà", "dong hoa"},
		{"Thuỷ", "thuy"},
		{"Thủy", "thuy"},
		{"  Tỷ lệ  BHXH (%)  ", "ty le bhxh"},
		{"LLLĐ\r\ntrong\tđộ tuổi", "llld trong do tuoi"},
		{"Mã ĐVHC", "ma dvhc"},
		{"Xã, phường, đặc khu", "xa phuong dac khu"},
		{"Ước, ưu, ơ, Ơ, ă, Â, ê", "uoc uu o o a a e"},
		{"Thực hiện đến 25/11/2023", "thuc hien den 25 11 2023"},
		{"so nguoi", "so nguoi"},
		{"", ""},
		{"(%)", ""},
		{"bhxh_mandatory", "bhxh mandatory"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Fold(norm.NFD.String(tt.in)); got != tt.want {
			t.Errorf("Fold(NFD %q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Fold(tt.want); got != tt.want {
			t.Errorf("Fold not idempotent on %q: %q", tt.want, got)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Fold("Số người tham gia\nBHXH bắt buộc (người)")
	}
}
