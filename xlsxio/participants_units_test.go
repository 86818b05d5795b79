package xlsxio

import "testing"

// TestRowUnits: pairs are numbered by their text, whatever the code's shape
// (the codes of at most five digits are looked up by their value first):
// "16", "016" and "00016" are three codes; a code with two names two pairs.
func TestRowUnits(t *testing.T) {
	pairs := [][2]string{
		{"00016", "Phường A"}, {"16", "Phường A"}, {"016", "Phường A"}, {"00016", "Phường B"},
		{"", "Phường A"}, {"", ""}, {"X16", "Phường A"}, {"123456", "Xã C"}, {"99999", ""},
		{"0", "Xã D"}, {"00000", "Xã D"}, {"1234", "Xã E"}, {"1234 ", "Xã E"}, {"٣", "Xã F"},
	}
	u := newRowUnits()
	for pass := range 2 { // numbered, then found
		for want, p := range pairs {
			if got := u.find([]byte(p[0]), []byte(p[1])); pass == 0 && got != -1 || pass == 1 && got != int32(want) {
				t.Errorf("pass %d: find(%q, %q) = %d", pass, p[0], p[1], got)
			}
			if got := u.number([]byte(p[0]), []byte(p[1])); got != int32(want) {
				t.Errorf("pass %d: number(%q, %q) = %d, want %d", pass, p[0], p[1], got, want)
			}
		}
	}
	for _, p := range [][2]string{{"00016", "Phường C"}, {"0016", "Phường A"}, {"99998", ""}, {"1234", "Xã"}} {
		if got := u.find([]byte(p[0]), []byte(p[1])); got != -1 {
			t.Errorf("find(%q, %q) = %d, never added", p[0], p[1], got)
		}
	}
}
