package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter/tw"
)

// WriteAllocateTable writes the allocation as a text table: Vietnamese
// headers and number style by default, English headers with Lang "en"
// (numbers then plain: 58779).
func WriteAllocateTable(w io.Writer, rep *Allocate) error {
	cols := allocColumns(rep)
	t := &consoleTable{style: boxed}
	for _, c := range cols {
		t.head = append(t.head, allocHeader(c.key, rep.Lang))
		align := tw.AlignRight
		if c.key == "unit" || c.key == "code" {
			align = tw.AlignLeft
		}
		t.align = append(t.align, align)
	}
	rows := allocRows(rep)
	for ri, r := range rows {
		cells := make([]string, len(cols))
		for i, c := range cols {
			f := c.of(r)
			cells[i] = f.text(allocRateDecimals)
			if f.kind != wordFigure && rep.Lang != "en" {
				cells[i] = formatVI(cells[i])
			}
		}
		if ri == len(rows)-1 {
			t.total = cells
		} else {
			t.rows = append(t.rows, cells)
		}
	}
	if err := t.render(w); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, describeMethod(rep, rep.Lang == "en"))
	return err
}

// describeMethod is the one-line summary under the table.
func describeMethod(rep *Allocate, en bool) string {
	a := rep.Allocation
	total := strconv.FormatInt(a.Target, 10)
	if !en {
		total = formatVI(total)
	}
	var b strings.Builder
	if en {
		fmt.Fprintf(&b, "Total %s people", total)
		if rep.Rate != nil {
			fmt.Fprintf(&b, " (%s%% of the denominator, rounded up)", rep.Rate.String())
		}
		fmt.Fprintf(&b, "; method %s; rounding %s", a.Method, a.Rounding)
	} else {
		fmt.Fprintf(&b, "Tổng chỉ tiêu %s người", total)
		if rep.Rate != nil {
			fmt.Fprintf(&b, " (%s%% mẫu số, làm tròn lên)", formatVI(rep.Rate.String()))
		}
		fmt.Fprintf(&b, "; phương pháp %s; làm tròn %s", a.Method, a.Rounding)
	}
	if rep.Min > 0 {
		fmt.Fprintf(&b, "; min %d", rep.Min)
	}
	return b.String()
}
