package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter/tw"
)

// allocHeadWidth is the widest line of an allocation table's column head:
// "Lực lượng lao động trong độ tuổi" in three lines, not one column of 32.
const allocHeadWidth = 14

// WriteAllocateTable writes the allocation as a text table under a title
// naming the indicator and the baseline: Vietnamese headers and number
// style by default, English headers with Lang "en" (numbers then plain:
// 58779). Wider than rep.Width, it prints in blocks of columns, the unit
// (and its code) repeated.
func WriteAllocateTable(w io.Writer, rep *Allocate) error {
	cols := allocColumns(rep)
	t := &consoleTable{style: boxed, width: rep.Width}
	for _, c := range cols {
		if c.key == "unit" || c.key == "code" {
			t.keep++
		}
		t.head = append(t.head, headLines(allocHeader(c.key, rep.Lang), allocHeadWidth))
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
	if err := writeLines(w, rep.Width, allocateTitle(rep)); err != nil {
		return err
	}
	if err := t.render(w); err != nil {
		return err
	}
	return writeLines(w, rep.Width, describeMethod(rep, rep.Lang == "en"))
}

// allocateTitle is the table's title line: the indicator whose target is
// allocated, and the baseline it is allocated over.
func allocateTitle(rep *Allocate) string {
	ind := indicatorShort(rep.Indicator, rep.Lang)
	if rep.Lang == "en" {
		return fmt.Sprintf("Allocation of the %s target — %s", ind, filepath.Base(rep.Baseline))
	}
	return fmt.Sprintf("Giao chỉ tiêu phát triển người tham gia %s — %s", ind, filepath.Base(rep.Baseline))
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
		fmt.Fprintf(&b, "; phương pháp %s; làm tròn %s", methodName(a.Method, "vi"), roundingName(a.Rounding, "vi"))
	}
	if rep.Min > 0 {
		if en {
			fmt.Fprintf(&b, "; min %d", rep.Min)
		} else {
			fmt.Fprintf(&b, "; tối thiểu %d", rep.Min)
		}
	}
	return b.String()
}
