package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
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
// Only the table and its legend: warnings are the caller's business.
func WriteComputeTable(w io.Writer, rep *Compute) error {
	cols := tableColumns(rep)
	marked := false
	for _, c := range cols {
		marked = marked || c.measure == measureTarget
	}
	lang := rep.Lang
	head := []any{Header("unit", lang)}
	align := []tw.Align{tw.AlignLeft}
	if marked {
		head = append(head, "")
		align = append(align, tw.AlignCenter)
	}
	for _, c := range cols {
		head = append(head, c.header(lang))
		align = append(align, tw.AlignRight)
	}
	row := func(u *coverage.UnitResult) []any {
		cells := []any{u.Name}
		if marked {
			m := ""
			if unitBehind(u) {
				m = behindMarker
			}
			cells = append(cells, m)
		}
		for _, c := range cols {
			cells = append(cells, localNumber(c.value(u, rep.Decimals), lang))
		}
		return cells
	}

	cfg := tablewriter.Config{
		Header: tw.CellConfig{Formatting: tw.CellFormatting{AutoFormat: tw.Off}, Alignment: tw.CellAlignment{PerColumn: align}},
		Row:    tw.CellConfig{Formatting: tw.CellFormatting{AutoFormat: tw.Off}, Alignment: tw.CellAlignment{PerColumn: align}},
		Footer: tw.CellConfig{Formatting: tw.CellFormatting{AutoFormat: tw.Off}, Alignment: tw.CellAlignment{PerColumn: align}},
	}
	t := tablewriter.NewTable(w, tablewriter.WithConfig(cfg))
	t.Header(head...)
	for i := range rep.Result.Units {
		if err := t.Append(row(&rep.Result.Units[i])...); err != nil {
			return err
		}
	}
	t.Footer(row(&rep.Result.Total)...)
	if err := t.Render(); err != nil {
		return err
	}
	for _, line := range tableLegend(cols, marked, lang) {
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
			add(indicatorShort(c.ind, lang) + " = " + IndicatorLabel(c.ind, lang))
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

// unitBehind reports whether u is behind any of its targets.
func unitBehind(u *coverage.UnitResult) bool {
	for i := range u.Indicators {
		if u.Indicators[i].Behind() {
			return true
		}
	}
	return false
}

type measure int

const (
	measureRate measure = iota
	measureTarget
	measureGap
	measureNeeded
	measurePlan
)

// reportColumn is one figure of one indicator, as the table and the xlsx
// show it.
type reportColumn struct {
	ind     string
	measure measure
}

// tableColumns picks, per indicator present, its rate, then its target,
// gap and persons needed when any row has a target, then % of plan when
// any row has a plan.
func tableColumns(rep *Compute) []reportColumn {
	var cols []reportColumn
	rows := reportRows(&rep.Result)
	for _, ind := range presentIndicators(&rep.Result) {
		target, plan := false, false
		for _, u := range rows {
			if r := u.Indicator(ind); r != nil {
				target = target || r.Target != nil
				plan = plan || r.PlanCompletion != nil
			}
		}
		cols = append(cols, reportColumn{ind, measureRate})
		if target {
			cols = append(cols, reportColumn{ind, measureTarget}, reportColumn{ind, measureGap}, reportColumn{ind, measureNeeded})
		}
		if plan {
			cols = append(cols, reportColumn{ind, measurePlan})
		}
	}
	return cols
}

// measureLabels head the table's columns in two short lines, so that
// a report with every figure still fits a landscape page.
var measureLabels = map[string][5]string{
	"vi": {"Tỷ lệ\n(%)", "Chỉ tiêu\n(%)", "Thiếu\n(điểm %)", "Cần thêm\n(người)", "Đạt\n% KH"},
	"en": {"Rate\n(%)", "Target\n(%)", "Gap\n(pp)", "Needed\n(people)", "% of\nplan"},
}

func measureLabel(m measure, lang string) string {
	if lang != "en" {
		lang = "vi"
	}
	return measureLabels[lang][m]
}

// shortIndicator names an indicator in a narrow column head.
var shortIndicator = map[string][2]string{
	"bhxh":           {"BHXH", "SI"},
	"bhxh_mandatory": {"BHXH BB", "Mand. SI"},
	"bhxh_voluntary": {"BHXH TN", "Vol. SI"},
	"bhtn":           {"BHTN", "UI"},
	"bhyt":           {"BHYT", "HI"},
	"pension":        {"Hưu trí", "Pension"},
}

func indicatorShort(ind, lang string) string {
	l, ok := shortIndicator[ind]
	if !ok {
		return ind
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// header is the column's three-line head: the indicator, then the figure.
func (c reportColumn) header(lang string) string {
	return indicatorShort(c.ind, lang) + "\n" + measureLabel(c.measure, lang)
}

// indicatorTitle is the indicator's label with a capital first letter.
func indicatorTitle(ind, lang string) string {
	l := IndicatorLabel(ind, lang)
	if l == "" {
		return ind
	}
	r := []rune(l)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// value is the figure of c for u in canonical form ("46.12", "29024"), ""
// when it does not exist.
func (c reportColumn) value(u *coverage.UnitResult, decimals int) string {
	r := u.Indicator(c.ind)
	if r == nil {
		return ""
	}
	f := indicatorFigures(r, decimals)
	switch c.measure {
	case measureRate:
		return f["rate"].String()
	case measureTarget:
		return f["target"].String()
	case measureGap:
		return f["gap_pp"].String()
	case measureNeeded:
		return f["persons_needed"].String()
	default:
		return f["plan_completion"].String()
	}
}

// localNumber renders a canonical number ("-1234.50") in lang's style:
// "-1.234,50" in Vietnamese, "-1,234.50" in English.
func localNumber(s, lang string) string {
	if s == "" {
		return ""
	}
	if lang != "en" {
		return coverage.FormatVI(s)
	}
	return coverage.FormatEN(s)
}

// formatCount renders a count in lang's style.
func formatCount(n int64, lang string) string {
	return localNumber(strconv.FormatInt(n, 10), lang)
}
