package report

import (
	"bytes"
	"testing"

	"github.com/olekukonko/tablewriter/tw"
)

// TestConsoleTableStyles pins the three styles every console table is
// drawn in, with a name wider than its head, an empty cell and a total.
func TestConsoleTableStyles(t *testing.T) {
	left, right := tw.AlignLeft, tw.AlignRight
	for _, c := range []struct {
		name  string
		table consoleTable
		want  string
	}{
		{"boxed", consoleTable{style: boxed, head: []string{"Đơn vị", "Tỷ lệ\n(%)"}, align: []tw.Align{left, right},
			rows: [][]string{{"Xã Hòa Bình", "12,50"}, {"Xã A", ""}}, total: []string{"Tổng cộng", "9,00"}}, `┌─────────────┬───────┐
│   Đơn vị    │ Tỷ lệ │
│             │  (%)  │
├─────────────┼───────┤
│ Xã Hòa Bình │ 12,50 │
│ Xã A        │       │
├─────────────┼───────┤
│ Tổng cộng   │  9,00 │
└─────────────┴───────┘
`},
		{"ruled", consoleTable{style: ruled, head: []string{"Mã", "Đơn vị", "BHYT"}, align: []tw.Align{left, left, right},
			headAlign: []tw.Align{left, left, right},
			rows:      [][]string{{"00123", "Xã Hòa Bình", "1.048.573"}, {"", "Xã A", "0"}}, total: []string{"", "Tổng cộng", "1.048.573"}},
			`Mã     Đơn vị            BHYT
-----  -----------  ---------
00123  Xã Hòa Bình  1.048.573
       Xã A                 0
-----  -----------  ---------
       Tổng cộng    1.048.573
`},
		{"ruled, no rows, last column left-aligned", consoleTable{style: ruled, head: []string{"Mã", "Đơn vị"},
			align: []tw.Align{left, left}, headAlign: []tw.Align{left, left}, total: []string{"", "Tổng cộng"}},
			`Mã  Đơn vị
--  ---------
    Tổng cộng
`},
		{"bare", consoleTable{style: bare, head: []string{"Đơn vị", "2023-10", "Thay đổi 2023-10"}, align: []tw.Align{right, right, right},
			headAlign: []tw.Align{right, right, right}, rows: [][]string{{"Xã Hòa Bình", "x", "+0,58"}, {"Tổng cộng", "24,79", "-1,00"}}},
			`       Đơn vị  2023-10  Thay đổi 2023-10
  Xã Hòa Bình        x             +0,58
    Tổng cộng    24,79             -1,00
`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := c.table.render(&b); err != nil {
				t.Fatal(err)
			}
			if b.String() != c.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), c.want)
			}
		})
	}
}
