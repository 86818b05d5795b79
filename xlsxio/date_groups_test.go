package xlsxio

import (
	"testing"

	"github.com/bhxh/bhxh/xlsxio/grid"
)

func TestCellDate(t *testing.T) {
	for _, tc := range []struct {
		cl   grid.Cell
		want string // "" for no date
	}{
		{grid.Cell{Kind: grid.Number, Raw: "45621", Date: true}, "2024-11-25"},
		{grid.Cell{Kind: grid.Number, Raw: "45621.5", Date: true}, "2024-11-25"},
		{grid.Cell{Kind: grid.Number, Raw: "2023-11-25T00:00:00", Date: true}, "2023-11-25"},
		{grid.Cell{Kind: grid.Number, Raw: "45621"}, ""}, // a count, not a date
		{grid.Cell{Kind: grid.Text, Text: "25/11/2024"}, "2024-11-25"},
		{grid.Cell{Kind: grid.Text, Text: "31/02/2024"}, ""},
		{grid.Cell{Kind: grid.Text, Text: "Năm 2024"}, ""},
	} {
		d, ok := cellDate(tc.cl)
		got := ""
		if ok {
			got = d.Format("2006-01-02")
		}
		if got != tc.want {
			t.Errorf("cellDate(%+v) = %q, want %q", tc.cl, got, tc.want)
		}
	}
}
