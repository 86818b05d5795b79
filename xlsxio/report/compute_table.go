package report

import (
	"io"
	"slices"
	"strings"

	"github.com/olekukonko/tablewriter/tw"

	"github.com/bhxh/bhxh/coverage"
)

// behindMarker marks a unit behind one of its targets in the table.
const behindMarker = "▼"

// WriteComputeTable writes the table an analyst pastes into a report:
// a title with the period, then one row per unit and the total, the
// unit's name, then per indicator its rate ("▼" beside it when the unit
// is behind that indicator's target), and where the report has them its
// target, gap (points; "Vượt" for a unit past its target), persons needed
// and % of plan. Vietnamese labels and number style (46,00; 29.024)
// unless rep.Lang is "en" (46.00; 29,024). Wider than rep.Width, the table
// prints in blocks of columns, an indicator's together where they fit,
// the unit names repeated. rep.Show limits the indicators shown. Under
// it, per indicator with a target, how many units are behind it; with
// rep.Result.Sort, units come ranked, their rank first. Only the title,
// table, counts and legend: warnings are the caller's business.
func WriteComputeTable(w io.Writer, rep *Compute) error {
	cols := shownColumns(rep)
	marked := false
	for _, c := range cols {
		marked = marked || c.measure == measureTarget
	}
	lang := rep.Lang
	ranked := rep.Result.Sort != nil
	t := &consoleTable{style: boxed, width: rep.Width}
	if ranked {
		t.head, t.align = append(t.head, rankLabel(lang)), append(t.align, tw.AlignRight)
	}
	t.head, t.align = append(t.head, header("unit", lang)), append(t.align, tw.AlignLeft)
	t.keep = len(t.head)
	for i, c := range cols {
		if i == 0 || c.ind != cols[i-1].ind {
			t.groups = append(t.groups, len(t.head))
		}
		t.head = append(t.head, c.header(lang))
		t.align = append(t.align, tw.AlignRight)
	}
	t.headAlign = t.align
	targeted := map[string]bool{} // indicators with a target column: their rates carry the marker
	for _, c := range cols {
		targeted[c.ind] = targeted[c.ind] || c.measure == measureTarget
	}
	row := func(u *coverage.UnitResult) []string {
		var cells []string
		if ranked {
			cells = append(cells, unitRank(u).text(0))
		}
		cells = append(cells, u.Name)
		for _, c := range cols {
			cell := localNumber(c.value(u).text(rep.Decimals), lang)
			switch {
			case c.measure == measureRate && targeted[c.ind]:
				mark := "  " // the rates line up, marked or not
				if r := u.Indicator(c.ind); r != nil && r.Behind() {
					mark = " " + behindMarker
				}
				cell += mark
			case c.measure == measureGap && strings.HasPrefix(cell, "-"):
				cell = overWord(lang) + " " + cell[1:] // past the target
			}
			cells = append(cells, cell)
		}
		return cells
	}
	for i := range rep.Result.Units {
		t.rows = append(t.rows, row(&rep.Result.Units[i]))
	}
	t.total = row(&rep.Result.Total)
	if err := writeLines(w, rep.Width, computeTitle(rep)); err != nil {
		return err
	}
	if err := t.render(w); err != nil {
		return err
	}
	lines := append(evaluationLines(shownEvaluations(rep), &rep.Result, lang), tableLegend(cols, marked, lang)...)
	return writeLines(w, rep.Width, lines...)
}

// overWord heads a negative gap: the unit is past its target by that much.
func overWord(lang string) string {
	if lang == "en" {
		return "Over"
	}
	return "Vượt"
}

// computeTitle is the table's title line: the report's title and period.
func computeTitle(rep *Compute) string {
	lab := labelsFor(rep.Lang)
	if p := periodWords(rep.Period, rep.Lang); p != "" {
		return lab.title + " — " + p
	}
	return lab.title
}

// shownColumns are the table's columns of the indicators rep.Show names
// (all when it names none).
func shownColumns(rep *Compute) []reportColumn {
	cols := tableColumns(rep)
	if len(rep.Show) == 0 {
		return cols
	}
	var out []reportColumn
	for _, c := range cols {
		if slices.Contains(rep.Show, c.ind) {
			out = append(out, c)
		}
	}
	return out
}

// shownEvaluations are the evaluations of the indicators shown.
func shownEvaluations(rep *Compute) []coverage.Evaluation {
	if len(rep.Show) == 0 {
		return rep.Result.Evaluation
	}
	var out []coverage.Evaluation
	for _, e := range rep.Result.Evaluation {
		if slices.Contains(rep.Show, e.Key) {
			out = append(out, e)
		}
	}
	return out
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
			lines = append(lines, behindMarker+" beside a rate: behind its target; gap = target − rate (points), Over = past it; needed = fewest people to reach it.")
		} else {
			lines = append(lines, behindMarker+" bên tỷ lệ: chưa đạt chỉ tiêu; thiếu = chỉ tiêu − tỷ lệ (điểm %), Vượt = đã vượt; cần thêm = số người tối thiểu để đạt.")
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
