package msg

import "testing"

// Figures in a message read as the reader's language writes them;
// English keeps the canonical digits of the JSON "message".
func TestNumberInMessage(t *testing.T) {
	for _, c := range []struct {
		text   Text
		en, vi string
	}{
		{Sprintf("total row says %s", "dòng tổng ghi %s", Count(1234567)), "total row says 1234567", "dòng tổng ghi 1.234.567"},
		{Sprintf("%s people", "%s người", Count(int64(999))), "999 people", "999 người"},
		{Sprintf("%s people", "%s người", Count(-12345)), "-12345 people", "-12.345 người"},
		{Sprintf("rate %s%%", "tỷ lệ %s%%", Decimal("105.30")), "rate 105.30%", "tỷ lệ 105,30%"},
		{Sprintf("rate %s%%", "tỷ lệ %s%%", Decimal("1025.5")), "rate 1025.5%", "tỷ lệ 1.025,5%"},
		// a row number is no Number: plain digits in both
		{Sprintf("row %d: %s", "dòng %d: %s", 12345, Count(12345)), "row 12345: 12345", "dòng 12345: 12.345"},
	} {
		if c.text.EN != c.en || c.text.VI != c.vi {
			t.Errorf("got %q / %q, want %q / %q", c.text.EN, c.text.VI, c.en, c.vi)
		}
	}
}

func TestGrouped(t *testing.T) {
	for s, want := range map[string][2]string{
		"0":         {"0", "0"},
		"100":       {"100", "100"},
		"1000":      {"1.000", "1,000"},
		"-1234.50":  {"-1.234,50", "-1,234.50"},
		"123456789": {"123.456.789", "123,456,789"},
	} {
		if vi, en := Grouped(s, '.', ','), Grouped(s, ',', '.'); vi != want[0] || en != want[1] {
			t.Errorf("Grouped(%q) = %q, %q; want %q, %q", s, vi, en, want[0], want[1])
		}
	}
}
