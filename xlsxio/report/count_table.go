package report

import (
	"io"
	"strconv"

	"github.com/olekukonko/tablewriter/tw"
)

// WriteCountTable writes the counts as a Vietnamese table: code, unit, a
// count per scheme (1.048.573), the total under a rule. Wider than
// rep.Width, it prints in blocks of columns, the code and unit repeated.
func WriteCountTable(w io.Writer, rep *Count) error {
	t := &consoleTable{style: ruled, head: []string{HeaderVI("code"), HeaderVI("unit")},
		align: []tw.Align{tw.AlignLeft, tw.AlignLeft}, width: rep.Width, keep: 2}
	for _, s := range rep.Schemes {
		t.head = append(t.head, indicatorLabel(s, "vi"))
		t.align = append(t.align, tw.AlignRight)
	}
	t.headAlign = t.align
	total := make([]int64, len(rep.Schemes))
	for _, u := range rep.Units {
		r := []string{u.Code, u.Name}
		for i, s := range rep.Schemes {
			r = append(r, formatVI(strconv.FormatInt(u.Counts[s], 10)))
			total[i] += u.Counts[s]
		}
		t.rows = append(t.rows, r)
	}
	t.total = []string{"", totalLabel("vi")}
	for _, n := range total {
		t.total = append(t.total, formatVI(strconv.FormatInt(n, 10)))
	}
	return t.render(w)
}
