package xlsxio

import "testing"

func TestPeriodFromFileName(t *testing.T) {
	cases := []struct{ name, want string }{
		{"tinh-mau-2023-11.xlsx", "2023-11"},
		{"in/2023_11.xlsx", "2023-11"},
		{"bao cao 2023.11.xlsx", "2023-11"},
		{"202311.xlsx", "2023-11"},
		{"thang-11-2023.xlsx", "2023-11"},
		{"Tháng 11 năm 2023.xlsx", "2023-11"},
		{"Tha\u0301ng 3 na\u0306m 2024.xlsx", "2024-03"}, // NFD
		{"T11-2023.xlsx", "2023-11"},
		{"bc_t3_2024.csv", "2024-03"},
		{"thang11_2023.xlsx", "2023-11"},
		{"BC 30.11.2023.xlsx", "2023-11"},
		{"2025-10-31 xa phuong.xlsx", "2025-10"},
		{"11-2023.xls", "2023-11"},
		{"bao-cao.xlsx", ""},
		{"tong-hop-2023.xlsx", ""},           // a year is not a month
		{"2023-13.xlsx", ""},                 // no month 13
		{"so-sanh-2023-10-2023-11.xlsx", ""}, // two months: ambiguous
		{"tinh 12 huyen.xlsx", ""},
	}
	for _, c := range cases {
		got, ok := PeriodFromFileName(c.name)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("PeriodFromFileName(%q) = %q, %v; want %q", c.name, got, ok, c.want)
		}
	}
}
