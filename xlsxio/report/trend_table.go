package report

import (
	"fmt"
	"io"
	"slices"

	"github.com/olekukonko/tablewriter/tw"

	"github.com/bhxh/bhxh/coverage"
)

// WriteTrendTable writes a title with the months, then per indicator (of
// rep.Show, all when it names none) units × months of rates and the
// month-on-month change of the latest month; "x" marks a missing month.
// Wider than rep.Width, a table prints in blocks of months, the unit and
// its code repeated.
func WriteTrendTable(w io.Writer, rep *Trend) error {
	l := trendLabels(rep.Lang)
	periods := rep.Trend.Periods
	fmtPct := func(p *coverage.Pct, signed bool) string {
		if p == nil {
			return "x"
		}
		s := p.Format(rep.Decimals)
		if signed && p.Round(rep.Decimals).Sign() > 0 {
			s = "+" + s
		}
		return localPoint(s, rep.Lang)
	}
	if err := writeLines(w, rep.Width, l.reportTitle+", "+trendPeriods(rep), ""); err != nil {
		return err
	}
	n := 0
	for _, it := range rep.Trend.Indicators {
		if len(rep.Show) > 0 && !slices.Contains(rep.Show, it.Key) {
			continue
		}
		n++
		if n > 1 {
			if _, err := fmt.Fprintln(w); err != nil {
				return err
			}
		}
		if err := writeLines(w, rep.Width, l.title(it.Key)); err != nil {
			return err
		}
		t := &consoleTable{style: bare, head: []string{l.unit, l.code}, width: rep.Width, keep: 2}
		t.head = append(t.head, periods...)
		if len(periods) > 1 {
			t.head = append(t.head, l.changeShort+" "+periods[len(periods)-1])
		}
		projected, targeted := projectionColumns(it)
		if projected {
			t.head = append(t.head, fmt.Sprintf(l.projectionShort, it.Total.Projection.Period))
		}
		if targeted {
			t.head = append(t.head, l.reachesShort)
		}
		last := len(periods) - 1
		for n, s := range seriesWithTotal(it) {
			total := n == len(it.Units)
			row := []string{s.Name, s.Code}
			for i, p := range s.Points {
				var r *coverage.Pct
				if p != nil {
					r = p.Rate
				}
				cell := fmtPct(r, false)
				if total && !it.TotalComplete[i] && r != nil {
					cell += "*" // this month's total leaves out a unit
				}
				row = append(row, cell)
			}
			if len(periods) > 1 {
				change := s.Change(last)
				if total {
					change = totalChange(it, last)
				}
				row = append(row, fmtPct(change, true))
			}
			if projected {
				var r *coverage.Pct
				if s.Projection != nil {
					r = s.Projection.Rate
				}
				row = append(row, fmtPct(r, false))
			}
			if targeted {
				row = append(row, l.reaches(s.Projection))
			}
			t.rows = append(t.rows, row)
		}
		// Every column right-aligned, names too: the months line up.
		t.align = make([]tw.Align, len(t.head))
		for i := range t.align {
			t.align[i] = tw.AlignRight
		}
		t.headAlign = t.align
		if err := t.render(w); err != nil {
			return err
		}
		if incomplete(it) {
			if err := writeLines(w, rep.Width, l.incompleteNote); err != nil {
				return err
			}
		}
		if projected {
			if err := writeLines(w, rep.Width, l.projectionNote); err != nil {
				return err
			}
		}
	}
	return nil
}

// projectionColumns says whether an indicator's series were projected,
// and whether any projection has a target to reach.
func projectionColumns(it coverage.IndicatorTrend) (projected, targeted bool) {
	for _, s := range seriesWithTotal(it) {
		if s.Projection != nil {
			projected = true
			targeted = targeted || s.Projection.Target != nil
		}
	}
	return projected, targeted
}
