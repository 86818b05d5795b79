package report

import "testing"

func TestLocalNumber(t *testing.T) {
	for _, c := range []struct{ in, vi, en string }{
		{"", "", ""},
		{"0", "0", "0"},
		{"999", "999", "999"},
		{"1000", "1.000", "1,000"},
		{"29024", "29.024", "29,024"},
		{"-1234.50", "-1.234,50", "-1,234.50"},
		{"1328914", "1.328.914", "1,328,914"},
		{"0.05", "0,05", "0.05"},
	} {
		if got := localNumber(c.in, "vi"); got != c.vi {
			t.Errorf("localNumber(%q, vi) = %q, want %q", c.in, got, c.vi)
		}
		if got := localNumber(c.in, "en"); got != c.en {
			t.Errorf("localNumber(%q, en) = %q, want %q", c.in, got, c.en)
		}
	}
	// The trend table groups nothing: a mark only.
	if got := localPoint("+1234.56", "vi"); got != "+1234,56" {
		t.Errorf("localPoint = %q", got)
	}
}
