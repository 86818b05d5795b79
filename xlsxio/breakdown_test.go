package xlsxio

import "testing"

func TestStripListMarker(t *testing.T) {
	for _, tc := range []struct {
		in, name string
		marked   bool
	}{
		{"- Xã An Phú", "Xã An Phú", true},
		{"+ Thị trấn Đông Hà", "Thị trấn Đông Hà", true},
		{"• Phường Cửu Long", "Phường Cửu Long", true},
		{"-Xã An Phú", "Xã An Phú", true},
		{"1. Phường Cửu Long", "Phường Cửu Long", true},
		{"12) Xã Tân Phú 2", "Xã Tân Phú 2", true},
		{"Phường 1", "Phường 1", false},
		{"1.2", "1.2", false},
		{"- ", "- ", false},
		{"-5", "-5", false},
		{"1.Phường", "1.Phường", false},
		{"Xã Ea Kar", "Xã Ea Kar", false},
	} {
		name, marked := stripListMarker(tc.in)
		if name != tc.name || marked != tc.marked {
			t.Errorf("stripListMarker(%q) = %q, %v; want %q, %v", tc.in, name, marked, tc.name, tc.marked)
		}
	}
}

func TestIsTrongDo(t *testing.T) {
	for in, want := range map[string]bool{
		"Trong đó:": true, "Trong đó: Thị trấn Đông Hà": true, "trong do": true, "TRONG ĐÓ": true,
		"Trong đồng": false, "Xã Trong Đó": false,
	} {
		if got := isTrongDo(in); got != want {
			t.Errorf("isTrongDo(%q) = %v", in, got)
		}
	}
}
