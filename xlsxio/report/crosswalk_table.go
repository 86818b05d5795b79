package report

import (
	"io"
	"strconv"

	"github.com/olekukonko/tablewriter/tw"
)

// WriteCrosswalkTable prints the new units' counts, the total under a rule.
// Wider than rep.Width, it prints in blocks of columns, the code and unit
// repeated.
func WriteCrosswalkTable(w io.Writer, rep *Crosswalk) error {
	keys := crosswalkKeys(rep)
	t := &consoleTable{style: ruled, head: []string{header("code", rep.Lang), header("unit", rep.Lang)},
		align: []tw.Align{tw.AlignLeft, tw.AlignLeft}, width: rep.Width, keep: 2}
	for _, k := range keys {
		t.head = append(t.head, k)
		t.align = append(t.align, tw.AlignRight)
	}
	t.headAlign = t.align
	for _, u := range rep.Units {
		r := []string{u.Code, u.Name}
		for _, k := range keys {
			r = append(r, crosswalkCell(u.Counts, k, rep.Lang))
		}
		t.rows = append(t.rows, r)
	}
	total := crosswalkTotal(rep, keys)
	t.total = []string{"", totalLabel(rep.Lang)}
	for _, k := range keys {
		t.total = append(t.total, crosswalkCell(total, k, rep.Lang))
	}
	return t.render(w)
}

func crosswalkCell(counts map[string]int64, k, lang string) string {
	v, ok := counts[k]
	if !ok {
		return "x"
	}
	s := strconv.FormatInt(v, 10)
	if lang == "en" {
		return s
	}
	return formatVI(s)
}
