package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bhxh/bhxh/msg"

	"github.com/bhxh/bhxh/coverage"
	"github.com/xuri/excelize/v2"
)

// Layout of an indicator sheet (1-based rows).
const (
	trendHeaderRow = 4
	trendFirstRow  = 5
)

// WriteTrendXLSX writes one sheet per indicator (units × months of rates,
// the total, month-on-month changes in points and a line chart), a long
// "Số liệu" sheet with numerators and denominators, and "Nguồn".
func WriteTrendXLSX(w io.Writer, rep *Trend) error {
	f := newWorkbook()
	defer f.Close()
	l := trendLabels(rep.Lang)
	st, err := newTrendStyles(f, rep.Decimals)
	if err != nil {
		return err
	}
	first := true
	for _, it := range rep.Trend.Indicators {
		name := trendSheetName(it.Key, rep.Lang)
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := writeTrendSheet(f, name, it, rep, l, st); err != nil {
			return msg.Errorf("sheet %s: %w", "trang tính %s: %w", name, err)
		}
	}
	if first {
		if err := f.SetSheetName("Sheet1", l.dataSheet); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(l.dataSheet); err != nil {
		return err
	}
	if err := writeTrendData(f, l.dataSheet, rep, l, st); err != nil {
		return err
	}
	if _, err := f.NewSheet(l.sources); err != nil {
		return err
	}
	if err := writeTrendSources(f, l.sources, rep, l, st); err != nil {
		return err
	}
	// Printed one landscape page wide, an indicator's table and its chart
	// whole, the head row on every page.
	pages := map[string]printSheet{
		l.dataSheet: {landscape: true, headRows: [2]int{1, 1}},
		l.sources:   {landscape: true},
	}
	for _, it := range rep.Trend.Indicators {
		pages[trendSheetName(it.Key, rep.Lang)] = printSheet{landscape: true, headRows: [2]int{trendHeaderRow, trendHeaderRow}}
	}
	if err := printSheets(f, l.reportTitle, trendPeriods(rep), rep.Lang, pages); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

type trendStyles struct {
	title, note, head, text, count, rate, change, totalText, totalRate, totalChange, totalCount, wrap int
	totalIncomplete                                                                                   int // a month's total that leaves out a unit
}

func newTrendStyles(f *excelize.File, decimals int) (trendStyles, error) {
	rateFmt := "0"
	if decimals > 0 {
		rateFmt += "." + strings.Repeat("0", decimals)
	}
	changeFmt := "+" + rateFmt + ";-" + rateFmt + ";" + rateFmt
	// An incomplete month's total shows the "*" its note explains, as in
	// the table; the cell stays the number.
	incompleteFmt := rateFmt + `"*"`
	border := []excelize.Border{{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1}}
	bold := &excelize.Font{Bold: true}
	var st trendStyles
	defs := []struct {
		dst *int
		s   excelize.Style
	}{
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}}},
		{&st.note, excelize.Style{Font: &excelize.Font{Italic: true, Color: "555555"},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&st.head, excelize.Style{Font: bold, Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&st.text, excelize.Style{Border: border, NumFmt: 49}},
		{&st.wrap, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&st.count, excelize.Style{Border: border, NumFmt: 3}},
		{&st.rate, excelize.Style{Border: border, CustomNumFmt: &rateFmt}},
		{&st.change, excelize.Style{Border: border, CustomNumFmt: &changeFmt}},
		{&st.totalText, excelize.Style{Border: border, Font: bold, NumFmt: 49}},
		{&st.totalRate, excelize.Style{Border: border, Font: bold, CustomNumFmt: &rateFmt}},
		{&st.totalChange, excelize.Style{Border: border, Font: bold, CustomNumFmt: &changeFmt}},
		{&st.totalCount, excelize.Style{Border: border, Font: bold, NumFmt: 3}},
		{&st.totalIncomplete, excelize.Style{Border: border, Font: bold, CustomNumFmt: &incompleteFmt,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFE699"}}}},
	}
	for _, d := range defs {
		s := d.s
		id, err := f.NewStyle(&s)
		if err != nil {
			return st, err
		}
		*d.dst = id
	}
	return st, nil
}

func writeTrendSheet(f *excelize.File, sheet string, it coverage.IndicatorTrend, rep *Trend,
	l trendLabelSet, st trendStyles) error {
	periods := rep.Trend.Periods
	np := len(periods)
	if err := setText(f, sheet, "A1", l.title(it.Key), st.title); err != nil {
		return err
	}
	def := it.Def
	if def.Key == "" { // a trend built without definitions: a built-in indicator
		def, _ = coverage.IndicatorByKey(it.Key)
	}
	if err := setText(f, sheet, "A2", l.definition(def)+" "+l.ppNote, st.note); err != nil {
		return err
	}
	if err := setText(f, sheet, "A3", l.missingNote, st.note); err != nil {
		return err
	}
	projected, targeted := projectionColumns(it)
	pc := 0 // the projected rate's column follows the months, so the chart's categories run on to it
	head := []string{l.rowNumber, l.unit, l.code}
	head = append(head, periods...)
	if projected {
		head = append(head, fmt.Sprintf(l.projectionCol, it.Total.Projection.Period))
		pc = 1
	}
	for _, p := range periods[min(1, np):] {
		head = append(head, fmt.Sprintf(l.changeCol, p))
	}
	extra := len(head) + 1 // projected people, target, reaches
	if projected {
		head = append(head, fmt.Sprintf(l.projectedPeople, it.Total.Projection.Period))
		if targeted {
			head = append(head, l.targetCol, l.reachesShort)
		}
	}
	for c, h := range head {
		if err := setText(f, sheet, cellName(c+1, trendHeaderRow), h, st.head); err != nil {
			return err
		}
	}
	if err := trendNotes(f, sheet, len(head), st.note, l.definition(def)+" "+l.ppNote, l.missingNote); err != nil {
		return err
	}
	// Three lines: "Thay đổi" / "2023-10" / "(điểm %)".
	if err := f.SetRowHeight(sheet, trendHeaderRow, 48); err != nil {
		return err
	}
	row := trendFirstRow
	write := func(n int, s coverage.Series, total bool) error {
		text, rate, change, count := st.text, st.rate, st.change, st.count
		if total {
			text, rate, change, count = st.totalText, st.totalRate, st.totalChange, st.totalCount
		}
		stt := ""
		if n > 0 {
			stt = strconv.Itoa(n)
		}
		for c, v := range []string{stt, s.Name, s.Code} {
			if err := setText(f, sheet, cellName(c+1, row), v, text); err != nil {
				return err
			}
		}
		for i, p := range s.Points {
			_, _, r := pointFigures(p)
			style := rate
			if total && !it.TotalComplete[i] {
				style = st.totalIncomplete
			}
			if err := setFigure(f, sheet, cellName(4+i, row), r, rep.Decimals, style); err != nil {
				return err
			}
		}
		for i := 1; i < np; i++ {
			c := s.Change(i)
			if total {
				c = totalChange(it, i) // like for like
			}
			if err := setFigure(f, sheet, cellName(4+np+pc+i-1, row), pctOf(c), rep.Decimals, change); err != nil {
				return err
			}
		}
		if projected {
			if err := writeProjection(f, sheet, row, 4+np, extra, s.Projection, targeted, rep.Decimals, l,
				[3]int{rate, count, text}); err != nil {
				return err
			}
		}
		row++
		return nil
	}
	for i, s := range it.Units {
		if err := write(i+1, s, false); err != nil {
			return err
		}
	}
	totalRow := row
	if err := write(0, it.Total, true); err != nil {
		return err
	}
	lineRow := 0 // the total's projected line: its latest rate, then the projected one
	if p := it.Total.Projection; projected && p != nil && p.Rate != nil && np > 0 {
		lineRow = row
		if err := setText(f, sheet, cellName(2, lineRow), fmt.Sprintf(l.projectedLine, it.Total.Name), st.note); err != nil {
			return err
		}
		_, _, latest := pointFigures(it.Total.Points[np-1])
		if err := setFigure(f, sheet, cellName(3+np, lineRow), latest, rep.Decimals, st.rate); err != nil {
			return err
		}
		if err := setFigure(f, sheet, cellName(4+np, lineRow), pctOf(p.Rate), rep.Decimals, st.rate); err != nil {
			return err
		}
		row++
	}
	targetRow, err := writeTargetRow(f, sheet, row, it, projected, rep.Decimals, l, st)
	if err != nil {
		return err
	}
	if targetRow != 0 {
		row++
	}
	chartRow := row + 2 // under the total (and its projected line, its target)
	if incomplete(it) {
		// How many units each month's total covers, and what the marks mean.
		if err := setText(f, sheet, cellName(2, row), l.unitsReporting, st.text); err != nil {
			return err
		}
		for i, n := range it.TotalUnits {
			if err := setText(f, sheet, cellName(4+i, row), fmt.Sprintf("%d/%d", n, len(it.Units)), st.text); err != nil {
				return err
			}
		}
		if err := setText(f, sheet, cellName(1, row+1), l.incompleteNote, st.note); err != nil {
			return err
		}
		chartRow += 2
	}
	widths := []float64{6, 30, 11}
	for c, wd := range widths {
		col := colName(c + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	if len(head) > 3 {
		from := colName(4)
		to := colName(len(head))
		if err := f.SetColWidth(sheet, from, to, 12); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 3, YSplit: trendHeaderRow,
		TopLeftCell: cellName(4, trendFirstRow), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if np == 0 {
		return nil
	}
	rows := trendChartRows{total: totalRow, line: lineRow, target: targetRow, chart: chartRow}
	return addTrendChart(f, sheet, it, rows, periods, pc, l)
}

// writeTargetRow writes the total's target under the total, month by
// month (and under the projected month, the projection's target), for the
// chart to draw as a line; it returns the row, 0 when the total has no
// target in any month.
func writeTargetRow(f *excelize.File, sheet string, row int, it coverage.IndicatorTrend, projected bool,
	decimals int, l trendLabelSet, st trendStyles) (int, error) {
	targets := make([]figure, 0, len(it.Total.Points)+1)
	any := false
	for _, p := range it.Total.Points {
		if p == nil {
			p = &coverage.IndicatorResult{}
		}
		targets = append(targets, targetOf(p))
		any = any || p.Target != nil
	}
	if p := it.Total.Projection; projected {
		t := &coverage.IndicatorResult{}
		if p != nil {
			t.Target = p.Target
		}
		targets = append(targets, targetOf(t))
		any = any || t.Target != nil
	}
	if !any {
		return 0, nil
	}
	if err := setText(f, sheet, cellName(2, row), fmt.Sprintf(l.targetLine, it.Total.Name), st.note); err != nil {
		return 0, err
	}
	for i, t := range targets {
		if err := setFigure(f, sheet, cellName(4+i, row), t, decimals, st.rate); err != nil {
			return 0, err
		}
	}
	return row, nil
}

// trendChartRows are the rows a trend chart draws: the total, its
// projected line and its target (0: none), and where the chart goes.
type trendChartRows struct{ total, line, target, chart int }

// writeProjection writes a series' projected rate (under the projected
// month, after the months), and its projected people, target and whether
// it reaches it (after the changes); empty cells without a line.
func writeProjection(f *excelize.File, sheet string, row, rateCol, extra int, p *coverage.Projection, targeted bool,
	decimals int, l trendLabelSet, style [3]int) error {
	var rate, people, target figure
	if p != nil {
		rate, people = pctOf(p.Rate), countOf(p.Numerator)
		if p.Target != nil && p.Numerator != nil {
			t := coverage.PctFromDecimal(p.Target.Rate)
			target = pctOf(&t)
		}
	}
	if err := setFigure(f, sheet, cellName(rateCol, row), rate, decimals, style[0]); err != nil {
		return err
	}
	if err := setFigure(f, sheet, cellName(extra, row), people, decimals, style[1]); err != nil {
		return err
	}
	if !targeted {
		return nil
	}
	if err := setFigure(f, sheet, cellName(extra+1, row), target, decimals, style[0]); err != nil {
		return err
	}
	return setText(f, sheet, cellName(extra+2, row), l.reaches(p), style[2])
}

// trendNotes wraps the two notes under the title across the table's
// width (rows 2 and 3): overflowing to the right, a note widened the
// printed page and shrank the table to fit it. The title row is tall
// enough for its capitals' stacked accents.
func trendNotes(f *excelize.File, sheet string, ncols, style int, notes ...string) error {
	if err := f.SetRowHeight(sheet, 1, 22); err != nil {
		return err
	}
	width := 6 + 30 + 11 + 12*max(ncols-3, 1) // the column widths set below
	for i, note := range notes {
		row := 2 + i
		if err := f.MergeCell(sheet, cellName(1, row), cellName(max(ncols, 4), row)); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cellName(1, row), cellName(1, row), style); err != nil {
			return err
		}
		lines := wrappedLines(note, float64(width))
		if err := f.SetRowHeight(sheet, row, float64(15*lines)); err != nil {
			return err
		}
	}
	return nil
}

// addTrendChart draws a native line chart of the total and of the units
// (every unit when there are few, else the weakest: chartUnits) over the
// months, under the table, on a printed page of its own: the total thick
// and black, the units thin, the target a dashed red line, the value axis
// from just under the lowest rate or target drawn (from 0, every change
// looked flat).
//
// With a projection, the categories run on to the projected month and
// the total's projected line (rows.line, 0 = none) is drawn dashed from its
// latest month to the projected point; the other lines stop at the last
// month.
func addTrendChart(f *excelize.File, sheet string, it coverage.IndicatorTrend, rows trendChartRows, periods []string, pc int, l trendLabelSet) error {
	np := len(periods)
	q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	firstCol := colName(4)
	lastCol := colName(3 + np)
	categories := fmt.Sprintf("%s$%s$%d:$%s$%d", q, firstCol, trendHeaderRow, colName(3+np+pc), trendHeaderRow)
	seriesAt := func(row int) excelize.ChartSeries {
		return excelize.ChartSeries{
			Name:       fmt.Sprintf("%s$B$%d", q, row),
			Categories: categories,
			Values:     fmt.Sprintf("%s$%s$%d:$%s$%d", q, firstCol, row, lastCol, row),
			Marker:     excelize.ChartMarker{Symbol: "circle", Size: 4},
			Line:       excelize.LineOptions{Width: 1.25},
		}
	}
	black := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"000000"}}
	total := seriesAt(rows.total)
	total.Fill, total.Line = black, excelize.LineOptions{Width: 3.5, Type: excelize.LineSolid, Fill: black}
	total.Marker = excelize.ChartMarker{Symbol: "circle", Size: 7, Fill: black}
	series := []excelize.ChartSeries{total}
	drawn := []coverage.Series{it.Total}
	if rows.target != 0 {
		red := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"C00000"}}
		s := seriesAt(rows.target)
		s.Values = fmt.Sprintf("%s$%s$%d:$%s$%d", q, firstCol, rows.target, colName(3+np+pc), rows.target)
		s.Fill, s.Line = red, excelize.LineOptions{Width: 2.25, Dash: excelize.LineDashSysDash, Type: excelize.LineSolid, Fill: red}
		s.Marker = excelize.ChartMarker{Symbol: "none"}
		series = append(series, s)
	}
	title := l.title(it.Key)
	shown := chartUnits(it)
	for _, i := range shown {
		series = append(series, seriesAt(trendFirstRow+i))
		drawn = append(drawn, it.Units[i])
	}
	if len(shown) < len(it.Units) {
		title += fmt.Sprintf(l.weakestTitle, len(shown), cmp.Or(periodWords(periods[np-1], l.lang), periods[np-1]))
	}
	if rows.line != 0 {
		s := seriesAt(rows.line)
		s.Values = fmt.Sprintf("%s$%s$%d:$%s$%d", q, firstCol, rows.line, colName(3+np+pc), rows.line)
		s.Fill, s.Line = black, excelize.LineOptions{Width: 2.5, Dash: excelize.LineDashDash, Type: excelize.LineSolid, Fill: black}
		s.Marker = excelize.ChartMarker{Symbol: "circle", Size: 7, Fill: black}
		series = append(series, s)
	}
	// The chart starts a printed page: under the table it was cut in two.
	if err := f.InsertPageBreak(sheet, cellName(1, rows.chart-1)); err != nil {
		return err
	}
	floor := float64(trendAxisFloor(drawn, it.Total))
	chart := &excelize.Chart{
		Type:         excelize.Line,
		Series:       series,
		Legend:       excelize.ChartLegend{Position: "bottom"},
		ShowBlanksAs: "gap",
		YAxis:        excelize.ChartAxis{MajorGridLines: true, Minimum: &floor},
		Dimension:    excelize.ChartDimension{Width: 720, Height: 360},
	}
	inkChart(chart, title)
	return addChart(f, sheet, fmt.Sprintf("B%d", rows.chart), chart)
}

// chartUnits are the units (indices into it.Units) a trend chart draws
// beside the total: all of them up to maxChartUnits; past that a line each
// is a tangle, and the chart draws the weakUnits with the lowest rate in
// the latest month (lowest first, in table order on a tie): the ones an
// office follows up, against the total and the target. The table above
// has every unit.
func chartUnits(it coverage.IndicatorTrend) []int {
	var idx []int
	if len(it.Units) <= maxChartUnits {
		for i := range it.Units {
			idx = append(idx, i)
		}
		return idx
	}
	latest := func(i int) *coverage.Pct {
		ps := it.Units[i].Points
		if len(ps) == 0 || ps[len(ps)-1] == nil {
			return nil
		}
		return ps[len(ps)-1].Rate
	}
	for i := range it.Units {
		if latest(i) != nil {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return latest(a).Cmp(*latest(b)) })
	return idx[:min(weakUnits, len(idx))]
}

// trendAxisFloor is where the value axis starts: the multiple of 5 points
// under the lowest rate, projected rate or target drawn; 0 when that is 5
// or less.
func trendAxisFloor(drawn []coverage.Series, total coverage.Series) int64 {
	lowest := int64(-1)
	see := func(v int64) {
		if lowest < 0 || v < lowest {
			lowest = v
		}
	}
	for _, s := range drawn {
		for _, p := range s.Points {
			if p != nil && p.Rate != nil {
				see(p.Rate.Round(0).IntPart())
			}
		}
	}
	for _, p := range total.Points {
		if p != nil && p.Target != nil {
			see(p.Target.Rate.Round(0).IntPart())
		}
	}
	if p := total.Projection; p != nil {
		if p.Rate != nil {
			see(p.Rate.Round(0).IntPart())
		}
		if p.Target != nil {
			see(p.Target.Rate.Round(0).IntPart())
		}
	}
	if lowest <= 5 {
		return 0
	}
	return (lowest - 1) / 5 * 5
}

func writeTrendData(f *excelize.File, sheet string, rep *Trend, l trendLabelSet, st trendStyles) error {
	for c, h := range l.dataHead {
		if err := setText(f, sheet, cellName(c+1, 1), h, st.head); err != nil {
			return err
		}
	}
	row := 2
	for _, it := range rep.Trend.Indicators {
		for _, s := range seriesWithTotal(it) {
			for i, period := range rep.Trend.Periods {
				num, den, rate := pointFigures(s.Points[i])
				for c, v := range []string{it.Key, s.Name, s.Code, period} {
					if err := setText(f, sheet, cellName(c+1, row), v, st.text); err != nil {
						return err
					}
				}
				for c, v := range []struct {
					fig   figure
					style int
				}{{num, st.count}, {den, st.count}, {rate, st.rate}} {
					if err := setFigure(f, sheet, cellName(5+c, row), v.fig, rep.Decimals, v.style); err != nil {
						return err
					}
				}
				row++
			}
		}
	}
	for c, wd := range []float64{16, 30, 11, 10, 14, 14, 10} {
		col := colName(c + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	return f.AutoFilter(sheet, fmt.Sprintf("A1:G%d", max(row-1, 1)), nil)
}

// periodSource says where a month was taken from (TrendInput.PeriodSource,
// English in JSON) as the reader of the sheet says it.
func periodSource(src string) msg.Text {
	switch src {
	case "title":
		return msg.Text{EN: src, VI: "tiêu đề"}
	case "file name":
		return msg.Text{EN: src, VI: "tên tệp"}
	}
	return msg.Plain(src) // "--period"
}

func writeTrendSources(f *excelize.File, sheet string, rep *Trend, l trendLabelSet, st trendStyles) error {
	for c, h := range l.sourceHead {
		if err := setText(f, sheet, cellName(c+1, 1), h, st.head); err != nil {
			return err
		}
	}
	row := 2
	for _, in := range rep.Inputs {
		for c, v := range []string{in.Period, periodSource(in.PeriodSource).In(msg.Lang(rep.Lang)), in.File, in.Sheet, in.SHA256} {
			if err := setText(f, sheet, cellName(c+1, row), v, st.text); err != nil {
				return err
			}
		}
		row++
	}
	row++
	meta := [][2]string{{l.tool, rep.Tool}}
	if !rep.Generated.IsZero() {
		meta = append(meta, [2]string{l.generated, rep.Generated.Format(time.RFC3339)})
	}
	for _, n := range rep.Notes {
		meta = append(meta, [2]string{l.noteLabel(), n.In(msg.Lang(rep.Lang))})
	}
	for _, is := range rep.Issues {
		where := strings.Trim(is.File+": "+is.Sheet+"!"+is.Cell, ": !")
		meta = append(meta, [2]string{is.LevelIn(msg.Lang(rep.Lang)) + " " + is.Code, where + " " + is.Message.In(msg.Lang(rep.Lang))})
	}
	for _, m := range meta {
		if err := f.SetCellStr(sheet, cellName(1, row), m[0]); err != nil {
			return err
		}
		// across B:E, wrapped: overflowing, a long warning widened the
		// printed page
		if err := setText(f, sheet, cellName(2, row), m[1], st.wrap); err != nil {
			return err
		}
		if err := f.MergeCell(sheet, cellName(2, row), cellName(5, row)); err != nil {
			return err
		}
		if n := utf8.RuneCountInString(m[1]); n > 110 {
			if err := f.SetRowHeight(sheet, row, float64(15*(n/110+1))); err != nil {
				return err
			}
		}
		row++
	}
	for c, wd := range []float64{10, 12, 36, 16, 66} {
		col := colName(c + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	return nil
}

// noteLabel heads a choice bhxh made reading the workbooks in "Nguồn".
func (l trendLabelSet) noteLabel() string {
	if l.lang == "en" {
		return "What was read, and why"
	}
	return "Cách chọn số liệu đọc"
}
