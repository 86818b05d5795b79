package xlsxio

import (
	"errors"
	"strings"
	"testing"
)

func TestIsNumberName(t *testing.T) {
	for _, tt := range []struct {
		name string
		want bool
	}{
		{"12.345", true},
		{"1,234", true},
		{"1.234.567", true},
		{"12,5", true},
		{"46,5%", true},
		{"-1.234", true},
		{" 9.876 ", true},
		{"1 234", true},
		{`12.3""45`, true}, // a count cut by a stray quote
		{"(1)", false},
		{"Phường 1", false},
		{"Phường 12.345", false},
		{"I", false},
		{"II", false},
		{"1", false},     // a ward typed as its number
		{"04402", false}, // a code
		{"1.", false},    // a list number
		{"1)", false},
		{"", false},
		{"x", false},
		{"-", false},
	} {
		if got := isNumberName(tt.name); got != tt.want {
			t.Errorf("isNumberName(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// A unit name that is a number is an error naming the cell: the header is
// shifted off the data (FuzzCSVQuoting: "S;TT" read every count one
// column left). Names with numbers, roman-numeral sections and STT
// numbering read as before.
func TestNumberUnitName(t *testing.T) {
	const head = "BÁO CÁO;;;;\r\nSTT;Đơn vị;Số người tham gia BHXH bắt buộc;Số người tham gia BHYT;Ghi chú\r\n"
	for _, tt := range []struct {
		name    string
		csv     string
		wantErr string   // in the error; "" for none
		units   []string // read when no error
		issue   string   // in some issue's message
	}{
		{name: "header shifted by a separator", wantErr: `t.csv: C3: the columns look shifted: the unit name "12.345" is a number`,
			csv: "S;TT;Đơn vị;Số người tham gia BHXH bắt buộc;Số người tham gia BHYT;Ghi chú\r\n" +
				"1;Xã An Phú;12.345;2.345;9.876;\r\n2;Xã Tân Lập;12.345;2.345;9.876;\r\n"},
		{name: "comma thousands", wantErr: `t.csv: C2: the columns look shifted: the unit name "1,234" is a number`,
			csv: "S;TT;Đơn vị;Số người tham gia BHXH bắt buộc;Số người tham gia BHYT;Ghi chú\r\n" +
				"1;Xã An Phú;1,234;2,345;9,876;\r\n"},
		{name: "heading shifted, no figures", wantErr: `t.csv: B4: the columns look shifted: the unit name "2.345" is a number`,
			csv: head + "1;Xã An Phú;1.234;2.345;\r\n2;2.345;;;Xã Tân Lập\r\n"},
		{name: "wards by number", units: []string{"Phường 1", "Phường 12"},
			csv: head + "1;Phường 1;1.234;2.345;\r\n2;Phường 12;1.000;2.000;\r\n"},
		{name: "roman sections and numbering", units: []string{"Phường An Lạc", "Xã Tân Lập"},
			csv: head + "1;2;3;4;5\r\nI;Khu vực phường;;;\r\n1;Phường An Lạc;1.234;2.345;\r\nII;Khu vực xã;;;\r\n1;Xã Tân Lập;1.000;2.000;\r\n"},
		{name: "a row without name nor figures is warned of", units: []string{"Xã An Phú"}, issue: `row 4 holds no unit name (B4 is "1\"") and no figures in the columns read; skipped: 3 | 1" | Xã Cửu Long`,
			csv: head + "1;Xã An Phú;1.234;2.345;\r\n3;\"1\"\"\";;;Xã Cửu Long\r\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := readData([]byte(tt.csv), "t.csv", Options{})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v; want one saying %q", err, tt.wantErr)
				}
				if !errors.Is(err, ErrNumberName) {
					t.Fatalf("error %v is not ErrNumberName", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(unitNames(tab), "|"); got != strings.Join(tt.units, "|") {
				t.Errorf("units %q, want %q", got, tt.units)
			}
			if tt.issue != "" && !issueSays(tab, tt.issue) {
				t.Errorf("no issue says %q: %+v", tt.issue, tab.Issues)
			}
		})
	}
}

func issueSays(tab *Table, text string) bool {
	for _, is := range tab.Issues {
		if strings.Contains(is.Message.EN, text) {
			return true
		}
	}
	return false
}
