package report

import (
	"io"
	"strings"

	"github.com/olekukonko/tablewriter/tw"

	"github.com/bhxh/bhxh/coverage"
)

// behindMarker marks a unit behind one of its targets in the table.
const behindMarker = "▼"

// WriteComputeTable writes the table an analyst pastes into a report: one
// row per unit and the total, the unit's name, a marker when it is behind
// a target, then per indicator its rate, and where the report has them its
// target, gap (points), persons needed and % of plan. Vietnamese labels and
// number style (46,00; 29.024) unless rep.Lang is "en" (46.00; 29,024).
// Under it, per indicator with a target, how many units reach it; with
// rep.Result.Sort, units come ranked, their rank first. Only the table,
// the count and the legend: warnings are the caller's business.
func WriteComputeTable(w io.Writer, rep *Compute) error {
	cols := tableColumns(rep)
	marked := false
	for _, c := range cols {
		marked = marked || c.measure == measureTarget
	}
	lang := rep.Lang
	ranked := rep.Result.Sort != nil
	t := &consoleTable{style: boxed}
	if ranked {
		t.head, t.align = append(t.head, rankLabel(lang)), append(t.align, tw.AlignRight)
	}
	t.head, t.align = append(t.head, header("unit", lang)), append(t.align, tw.AlignLeft)
	if marked {
		t.head = append(t.head, "")
		t.align = append(t.align, tw.AlignCenter)
	}
	for _, c := range cols {
		t.head = append(t.head, c.header(lang))
		t.align = append(t.align, tw.AlignRight)
	}
	t.headAlign = t.align
	row := func(u *coverage.UnitResult) []string {
		var cells []string
		if ranked {
			cells = append(cells, unitRank(u).text(0))
		}
		cells = append(cells, u.Name)
		if marked {
			m := ""
			if unitBehind(u) {
				m = behindMarker
			}
			cells = append(cells, m)
		}
		for _, c := range cols {
			cells = append(cells, localNumber(c.value(u).text(rep.Decimals), lang))
		}
		return cells
	}
	for i := range rep.Result.Units {
		t.rows = append(t.rows, row(&rep.Result.Units[i]))
	}
	t.total = row(&rep.Result.Total)
	if err := t.render(w); err != nil {
		return err
	}
	lines := append(evaluationLines(rep.Result.Evaluation, lang), tableLegend(cols, marked, lang)...)
	for _, line := range lines {
		if _, err := io.WriteString(w, line+"\n"); err != nil {
			return err
		}
	}
	return nil
}

// tableLegend explains the abbreviations of the heads present and the
// behind-target marker.
func tableLegend(cols []reportColumn, marked bool, lang string) []string {
	seen := map[string]bool{}
	var terms []string
	add := func(term string) {
		if !seen[term] {
			seen[term] = true
			terms = append(terms, term)
		}
	}
	for _, c := range cols {
		if lang == "en" {
			add(indicatorShort(c.ind, lang) + " = " + indicatorLabel(c.ind, lang))
		} else if c.ind == "bhxh_mandatory" {
			add("BB = bắt buộc")
		} else if c.ind == "bhxh_voluntary" {
			add("TN = tự nguyện")
		}
	}
	for _, c := range cols {
		if c.measure == measurePlan && lang != "en" {
			add("KH = kế hoạch giao")
		}
	}
	var lines []string
	if len(terms) > 0 {
		lines = append(lines, strings.Join(terms, "; ")+".")
	}
	if marked {
		if lang == "en" {
			lines = append(lines, behindMarker+" behind target; gap = target − rate, in percentage points; needed = fewest extra people to reach the target.")
		} else {
			lines = append(lines, behindMarker+" chưa đạt chỉ tiêu; thiếu = chỉ tiêu − tỷ lệ, tính bằng điểm %; cần thêm = số người tối thiểu để đạt chỉ tiêu.")
		}
	}
	return lines
}

// measureLabels head the table's columns in two short lines, so that
// a report with every figure still fits a landscape page.
var measureLabels = map[string][5]string{
	"vi": {"Tỷ lệ\n(%)", "Chỉ tiêu\n(%)", "Thiếu\n(điểm %)", "Cần thêm\n(người)", "Đạt\n% KH"},
	"en": {"Rate\n(%)", "Target\n(%)", "Gap\n(pp)", "Needed\n(people)", "% of\nplan"},
}

// header is the column's three-line head: the indicator, then the figure.
func (c reportColumn) header(lang string) string {
	if lang != "en" {
		lang = "vi"
	}
	return indicatorShort(c.ind, lang) + "\n" + measureLabels[lang][c.measure]
}
