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
	"github.com/bhxh/bhxh/xlsxio"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
)

// The xlsx report: a summary sheet (with a chart), the gaps to target, the
// checks (every issue) and the sources. Figures are real numbers: counts
// are integers, rates are the decimal strings of the other outputs
// (rounded half-up to rep.Decimals) written straight into the cell XML, so
// no float stands between the exact figure and the cell. Two writes of the
// same report give the same bytes: nothing depends on the clock.

// xlsxLabels are the words of the xlsx report in one language.
type xlsxLabels struct {
	summary, chart, gaps, checks, sources string // sheet names
	title                                 string
	unitNote                              string // the units of the summary's figures, under the title
	period                                string // "tháng %d/%d"
	rate, target, gap, needed             string // "%s": indicator label
	plan, pace                            string
	change                                string // "%s": indicator label
	likeForLike                           string // the total's change over fewer units
	noTargets, noIssues                   string
	issueHead                             []string
	file, sheet, sha, columns             string
	columnHead                            []string
	targetNotes, tool, generated          string
	choice                                string
	decimals                              string
	chartTitle                            string
	evaluation                            string
	evaluationHead                        []string
	evaluationBehind                      string
}

var xlsxText = map[string]xlsxLabels{
	"vi": {
		summary: "Tổng hợp", chart: "Biểu đồ", gaps: "Chênh lệch", checks: "Kiểm tra",
		title:    "Kết quả phát triển người tham gia BHXH, BHYT",
		unitNote: "Đơn vị tính: người; %",
		period:   "tháng %d năm %d",
		rate:     "Tỷ lệ %s (%%)", target: "Chỉ tiêu tỷ lệ %s (%%)", gap: "Thiếu so với chỉ tiêu %s (điểm %%)",
		needed: "Số người cần thêm để đạt chỉ tiêu %s", plan: "Đạt %% kế hoạch giao %s", pace: "Bình quân mỗi tháng còn lại %s (người)",
		noTargets: "Không có chỉ tiêu: dùng --target, --targets hoặc --preset để so sánh với chỉ tiêu.",
		noIssues:  "Không có cảnh báo.",
		issueHead: []string{"Mức", "Mã", "Tệp", "Trang tính", "Ô", "Nội dung"},
		sha:       "SHA-256", columns: "Cột đã nhận biết",
		columnHead:       []string{"Cột", "Tiêu đề", "Khóa", "Cách nhận biết"},
		targetNotes:      "Nguồn chỉ tiêu",
		decimals:         "Số chữ số thập phân của tỷ lệ",
		chartTitle:       "Tỷ lệ %s so với chỉ tiêu",
		change:           "Tăng/giảm so với cùng kỳ %s (người)",
		likeForLike:      "Tăng/giảm của dòng tổng chỉ tính trên các đơn vị có số liệu cùng kỳ (so sánh cùng nhóm đơn vị): %s.",
		evaluation:       "Số đơn vị đạt chỉ tiêu",
		evaluationHead:   []string{"Chỉ tiêu", "Số đơn vị có chỉ tiêu", "Đạt", "Chưa đạt"},
		evaluationBehind: "Đơn vị chưa đạt",
		choice:           "Cách chọn số liệu đọc",
	},
	"en": {
		summary: "Summary", chart: "Chart", gaps: "Gaps", checks: "Checks",
		title:    "Social and health insurance coverage",
		unitNote: "Unit: people; %",
		period:   "%[2]d-%02[1]d",
		rate:     "Rate, %s (%%)", target: "Target rate, %s (%%)", gap: "Gap to target, %s (pp)",
		needed: "People needed to reach the target, %s", plan: "Plan completion, %s (%%)", pace: "Per remaining month, %s (people)",
		noTargets: "No targets: give --target, --targets or --preset to compare with targets.",
		noIssues:  "No warnings.",
		issueHead: []string{"Level", "Code", "File", "Sheet", "Cell", "Message"},
		sha:       "SHA-256", columns: "Columns recognised",
		columnHead:       []string{"Column", "Header", "Key", "Why"},
		targetNotes:      "Where the targets come from",
		decimals:         "Decimals of rates",
		chartTitle:       "Rate, %s, against target",
		change:           "Change on the prior, %s (people)",
		likeForLike:      "The total's change is over the units with a prior only (like for like): %s.",
		evaluation:       "Units that reached their target",
		evaluationHead:   []string{"Indicator", "Units with a target", "Reached", "Not reached"},
		evaluationBehind: "Units not reached",
		choice:           "What was read, and why",
	},
}

func labelsFor(lang string) xlsxLabels {
	l := xlsxText["vi"]
	if lang == "en" {
		l = xlsxText["en"]
	}
	w := wordsFor(lang)
	l.sources, l.file, l.sheet, l.tool, l.generated = w.sources, w.file, w.sheet, w.tool, w.generated
	return l
}

// WriteComputeXLSX writes the xlsx report.
func WriteComputeXLSX(w io.Writer, rep *Compute) error { return writeComputeXLSX(w, rep, false) }

// writeComputeXLSX writes the report; reference has excelize make the
// workbook, charts and core properties as it did before
// newComputeWorkbook, chartSheet and setDocProps (what their output is
// checked against).
func writeComputeXLSX(w io.Writer, rep *Compute, reference bool) error {
	x, err := newXLSXReport(rep, reference)
	if err != nil {
		return err
	}
	x.reference = reference
	defer x.f.Close()
	// "Nguồn số liệu" comes last (figureSources): its rows are put in as
	// the workbook is zipped (rowsXML); excelize sees the sheet empty.
	for _, step := range []func() error{x.summary, x.gapsSheet, x.checksSheet, x.sourcesSheet, x.print, x.activeFirst, x.dimensions, x.figureSources, x.docProps} {
		if err := step(); err != nil {
			return err
		}
	}
	if err := x.cells.put(); err != nil {
		return err
	}
	return x.f.Write(w)
}

type xlsxReport struct {
	rep    *Compute
	f      *excelize.File
	cells  ownCells // the cells of every sheet but the chart's
	lab    xlsxLabels
	styles struct {
		title, note, head, text, textBold, count, countBold, rate, rateBold, behind, wrap int
	}
	// used is each sheet's used range so far, {last column, last row}
	// holding a value, tracked as cells are written: dimensions records it
	// without reading the sheets back (excelize's GetRows marshals and
	// re-parses a whole sheet: 41 % of a batch of reports).
	used map[string]*[2]int
	// charts puts the charts on the chart sheet. reference has excelize
	// make what newComputeWorkbook, chartSheet and setDocProps make
	// instead (NewFile, AddChart, SetDocProps): the reference their
	// output is checked against, TestComputeXLSXSameAsReference.
	charts    chartSheet
	reference bool
	// where the summary put things, for the chart
	summaryCols []summaryColumn
	firstRow    int // first unit row
	totalRow    int
	// tail is the rows that print on one page with the signatures: from
	// the evaluation block, or the last unit, to the signatures' last.
	tail [2]int
}

// summaryColumn is one column of the summary sheet.
type summaryColumn struct {
	header string
	kind   cellKind
	value  func(u *coverage.UnitResult) figure
	rc     *reportColumn // the indicator figure, nil for name, code, counts
	// rowNumber: the "STT" column, numbering the units (the total row has
	// none); value is nil.
	rowNumber bool
}

// cellKind decides a cell's style: text, a count (#,##0) or a rate in
// the report's decimals.
type cellKind int

const (
	textCell cellKind = iota
	countCell
	rateCell
)

func newXLSXReport(rep *Compute, fromNewFile bool) (*xlsxReport, error) {
	x := &xlsxReport{rep: rep, lab: labelsFor(rep.Lang)}
	if fromNewFile {
		x.f = newWorkbook()
	} else {
		f, err := newComputeWorkbook()
		if err != nil {
			return nil, err
		}
		x.f = f
	}
	x.cells.f = x.f
	first, err := firstSheetPart(x.f)
	if err != nil {
		return nil, err
	}
	if err := x.f.SetSheetName("Sheet1", x.lab.summary); err != nil {
		return nil, err
	}
	x.cells.own(x.lab.summary, first)
	chartPart, err := newRawSheet(x.f, x.lab.chart)
	if err != nil {
		return nil, err
	}
	x.charts = chartSheet{f: x.f, sheet: x.lab.chart, part: chartPart}
	for _, name := range []string{x.lab.gaps, x.lab.checks, x.lab.sources} {
		part, err := newRawSheet(x.f, name)
		if err != nil {
			return nil, err
		}
		x.cells.own(name, part)
	}
	rateFmt := "0"
	if rep.Decimals > 0 {
		rateFmt = "0." + fmt.Sprintf("%0*d", rep.Decimals, 0)
	}
	border := []excelize.Border{
		{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1},
	}
	bold := &excelize.Font{Bold: true}
	styles := []struct {
		dst *int
		s   excelize.Style
	}{
		{&x.styles.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&x.styles.note, excelize.Style{Font: &excelize.Font{Italic: true}}},
		{&x.styles.head, excelize.Style{Font: bold, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		// Text wraps in its column: overflowing to the right (LibreOffice's
		// stand-in fonts for Calibri are wider), it widened the printed page
		// and shrank the whole sheet to fit it.
		{&x.styles.text, excelize.Style{Border: border, Alignment: &excelize.Alignment{WrapText: true}}},
		{&x.styles.wrap, excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&x.styles.textBold, excelize.Style{Border: border, Font: bold}},
		{&x.styles.count, excelize.Style{Border: border, NumFmt: 3}},
		{&x.styles.countBold, excelize.Style{Border: border, NumFmt: 3, Font: bold}},
		{&x.styles.rate, excelize.Style{Border: border, CustomNumFmt: &rateFmt}},
		{&x.styles.rateBold, excelize.Style{Border: border, CustomNumFmt: &rateFmt, Font: bold}},
	}
	for _, s := range styles {
		id, err := x.f.NewStyle(&s.s)
		if err != nil {
			return nil, err
		}
		*s.dst = id
	}
	behind, err := x.f.NewConditionalStyle(&excelize.Style{
		Font: &excelize.Font{Color: "9C0006"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}},
	})
	if err != nil {
		return nil, err
	}
	x.styles.behind = behind
	return x, nil
}

// titleText is the summary's title with the period when known.
func (x *xlsxReport) titleText() string {
	if p := x.periodText(); p != "" {
		return x.lab.title + " — " + p
	}
	return x.lab.title
}

// periodText is the report's period in words, "" when unknown.
func (x *xlsxReport) periodText() string { return periodWords(x.rep.Period, x.rep.Lang) }

// periodWords is a period "2024-11" as a title says it: "tháng 11 năm
// 2024", "2024-11" in English; "" when it is not a month.
func periodWords(period, lang string) string {
	if p, err := time.Parse("2006-01", period); err == nil {
		return fmt.Sprintf(labelsFor(lang).period, int(p.Month()), p.Year())
	}
	return ""
}

func (x *xlsxReport) columns() []summaryColumn {
	lang := x.rep.Lang
	cols := []summaryColumn{
		{header: wordsFor(lang).rowNumber, kind: textCell, rowNumber: true},
		{header: header("unit", lang), kind: textCell, value: func(u *coverage.UnitResult) figure { return wordOf(u.Name) }},
	}
	if hasCodes(&x.rep.Result) {
		cols = append(cols, summaryColumn{header: header("code", lang), kind: textCell,
			value: func(u *coverage.UnitResult) figure { return wordOf(u.Code) }})
	}
	if x.rep.Result.Sort != nil {
		cols = append(cols, summaryColumn{header: rankLabel(lang), kind: countCell, value: unitRank})
	}
	for _, k := range presentCounts(&x.rep.Result) {
		cols = append(cols, summaryColumn{header: header(k, lang), kind: countCell,
			value: func(u *coverage.UnitResult) figure { return unitCount(u, k) }})
	}
	tcols := tableColumns(x.rep)
	for i, rc := range tcols {
		label := indicatorLabel(rc.ind, lang)
		c := summaryColumn{kind: rateCell, rc: &rc, value: rc.value}
		switch rc.measure {
		case measureRate:
			c.header = fmt.Sprintf(x.lab.rate, label)
		case measureTarget:
			c.header = fmt.Sprintf(x.lab.target, label)
		case measureGap:
			c.header = fmt.Sprintf(x.lab.gap, label)
		case measureNeeded:
			c.header, c.kind = fmt.Sprintf(x.lab.needed, label), countCell
		case measurePlan:
			c.header = fmt.Sprintf(x.lab.plan, label)
		}
		cols = append(cols, c)
		// After an indicator's last column, its change against the
		// prior (the same period last year, or --prior) when it has one.
		if last := i == len(tcols)-1 || tcols[i+1].ind != rc.ind; last && hasChange(&x.rep.Result, rc.ind) {
			ch := reportColumn{rc.ind, measureChange}
			cols = append(cols, summaryColumn{header: fmt.Sprintf(x.lab.change, label), kind: countCell, rc: &ch, value: ch.value})
		}
	}
	return cols
}

// hasChange reports whether any row has a change of ind against a prior.
func hasChange(res *coverage.Result, ind string) bool {
	for _, u := range reportRows(res) {
		if r := u.Indicator(ind); r != nil && r.Change != nil {
			return true
		}
	}
	return false
}

// likeForLikeNote says, under the summary, which indicators' total change
// is over fewer units than the total (those with a prior), and how many.
func (x *xlsxReport) likeForLikeNote(sheet string) error {
	tot := &x.rep.Result.Total
	var parts []string
	for _, ind := range presentIndicators(&x.rep.Result) {
		if r := tot.Indicator(ind); r != nil && r.ChangeUnits != nil && r.Change != nil {
			parts = append(parts, fmt.Sprintf("%s %d/%d", indicatorShort(ind, x.rep.Lang), *r.ChangeUnits, len(x.rep.Result.Units)))
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return x.setStr(sheet, summaryNameCol, x.totalRow+1, fmt.Sprintf(x.lab.likeForLike, strings.Join(parts, ", ")))
}

// setValue writes one figure at col, row (1-based) in the style of its
// column, bold in the total row, and returns the length of its text in
// characters ("1328914": 7; 0 for nothing), for fitColumns. The text of
// a figure is made once, and a count's never: it goes in as a number.
func (x *xlsxReport) setValue(sheet string, col, row int, kind cellKind, fig figure, bold bool) (int, error) {
	style := x.styles.text
	switch {
	case kind == countCell:
		style = x.styles.count
		if bold {
			style = x.styles.countBold
		}
	case kind == rateCell:
		style = x.styles.rate
		if bold {
			style = x.styles.rateBold
		}
	case bold:
		style = x.styles.textBold
	}
	g := x.cells.grids[sheet]
	if g == nil { // not an owned sheet: through excelize
		v := fig.text(x.rep.Decimals)
		x.mark(sheet, col, row, v != "")
		return utf8.RuneCountInString(v), setFigure(&x.cells, sheet, cellName(col, row), fig, x.rep.Decimals, style)
	}
	g.cell(col, row).style = style
	n := 0
	var err error
	switch fig.kind {
	case countFigure:
		g.setInt(col, row, fig.n)
		n = intLen(fig.n)
	case pctFigure:
		if v := fig.pct.Format(x.rep.Decimals); v != "" {
			g.setDefault(col, row, v)
			n = len(v)
		}
	case wordFigure:
		if fig.word != "" {
			err = x.cells.setStr(g, col, row, fig.word)
			n = utf8.RuneCountInString(fig.word)
		}
	}
	x.mark(sheet, col, row, n > 0)
	return n, err
}

// intLen is the length of v's decimal text, its sign included.
func intLen(v int64) int {
	n, u := 1, uint64(v)
	if v < 0 {
		n, u = 2, -u // math.MinInt64 too: 2^63
	}
	for ; u >= 10; u /= 10 {
		n++
	}
	return n
}

// setStr writes a text cell at col, row (1-based).
func (x *xlsxReport) setStr(sheet string, col, row int, v string) error {
	x.mark(sheet, col, row, v != "")
	if g := x.cells.grids[sheet]; g != nil {
		return x.cells.setStr(g, col, row, v)
	}
	return x.cells.SetCellStr(sheet, cellName(col, row), v)
}

// setStrAt is setStr at a cell reference ("B7").
func (x *xlsxReport) setStrAt(sheet, cell, v string) error {
	col, row, ok := rawxlsx.ParseCellName([]byte(cell))
	if !ok {
		return msg.Errorf("%s: %w", "%s: %w", cell, errCellRef)
	}
	return x.setStr(sheet, col+1, row, v)
}

// style styles the cell at col, row (1-based).
func (x *xlsxReport) style(sheet string, col, row, style int) error {
	if g := x.cells.grids[sheet]; g != nil {
		g.cell(col, row).style = style
		return nil
	}
	c := cellName(col, row)
	return x.cells.SetCellStyle(sheet, c, c, style)
}

// mark extends the sheet's used range to col, row (1-based) when the
// cell holds a value (a cell with a style only, or "", is not used, as
// excelize's GetRows sees it).
func (x *xlsxReport) mark(sheet string, col, row int, filled bool) {
	if !filled {
		return
	}
	if x.used == nil {
		x.used = map[string]*[2]int{}
	}
	u := x.used[sheet]
	if u == nil {
		u = &[2]int{}
		x.used[sheet] = u
	}
	u[0], u[1] = max(u[0], col), max(u[1], row)
}

// headerRow writes heads at row in the head style.
func (x *xlsxReport) headerRow(sheet string, row int, heads []string) error {
	return x.headerRowAt(sheet, row, 1, heads)
}

// headerRowAt writes heads at row from column col in the head style.
func (x *xlsxReport) headerRowAt(sheet string, row, col int, heads []string) error {
	for i, h := range heads {
		if err := x.setStr(sheet, col+i, row, h); err != nil {
			return err
		}
		if err := x.style(sheet, col+i, row, x.styles.head); err != nil {
			return err
		}
	}
	return nil
}

// fitColumns sets each column's width from its longest value (lens: the
// length of each value, row by row, as setValue gives them), a wrapped
// head counting for a third of its length (it wraps to three lines).
func (x *xlsxReport) fitColumns(sheet string, heads []string, lens [][]int, minW, maxW int) error {
	for i := range heads {
		w := (utf8.RuneCountInString(heads[i]) + 2) / 3
		for _, row := range lens {
			if i < len(row) {
				// room for the thousands separators the format adds
				// ("1328914" shows as "1,328,914") and for a bold total
				n := row[i]
				w = max(w, n+(n-1)/3+1)
			}
		}
		w = min(max(w+2, minW), maxW)
		if err := x.f.SetColWidth(sheet, colName(i+1), colName(i+1), float64(w)); err != nil {
			return err
		}
	}
	return nil
}

// summaryNameCol is the summary's column of unit names, after "STT".
const summaryNameCol = 2

// The summary: the title, its unit of measure, the head row, a row per unit
// numbered "STT" and the total (unnumbered, as official forms have it),
// the evaluation block, then the date and place line and the signatures.
// Reports before the "STT" column and the unit line had the head on row 2
// and the names in column A: xlsxio reads both (by their head texts).
func (x *xlsxReport) summary() error {
	sheet := x.lab.summary
	cols := x.columns()
	x.summaryCols = cols
	if err := x.setStr(sheet, 1, 1, x.titleText()); err != nil {
		return err
	}
	if err := x.style(sheet, 1, 1, x.styles.title); err != nil {
		return err
	}
	// tall enough for the stacked accents of a 14-point title
	if err := x.cells.SetRowHeight(sheet, 1, 24); err != nil {
		return err
	}
	if err := x.setStr(sheet, 1, 2, x.lab.unitNote); err != nil {
		return err
	}
	if err := x.style(sheet, 1, 2, x.styles.note); err != nil {
		return err
	}
	heads := make([]string, len(cols))
	for i, c := range cols {
		heads[i] = c.header
	}
	const headRow = 3
	if err := x.headerRow(sheet, headRow, heads); err != nil {
		return err
	}
	if err := x.cells.SetRowHeight(sheet, headRow, 60); err != nil {
		return err
	}
	x.firstRow = headRow + 1
	rows := reportRows(&x.rep.Result)
	lens := make([][]int, len(rows))
	for i, u := range rows {
		r := x.firstRow + i
		total := i == len(rows)-1
		lens[i] = make([]int, len(cols))
		for j, c := range cols {
			var v figure
			switch {
			case c.rowNumber && !total:
				n := int64(i + 1)
				v = countOf(&n)
			case !c.rowNumber:
				v = c.value(u)
			}
			n, err := x.setValue(sheet, j+1, r, c.kind, v, total)
			if err != nil {
				return err
			}
			lens[i][j] = n
		}
	}
	x.totalRow = x.firstRow + len(rows) - 1
	if err := x.fitColumns(sheet, heads, lens, 8, 40); err != nil {
		return err
	}
	if err := x.likeForLikeNote(sheet); err != nil {
		return err
	}
	if err := x.titleInBlocks(sheet); err != nil {
		return err
	}

	if err := x.f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: summaryNameCol, YSplit: headRow,
		TopLeftCell: cellName(summaryNameCol+1, headRow+1), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	lastUnit := x.totalRow - 1
	if lastUnit < x.firstRow {
		lastUnit = x.firstRow // no units: the filter covers the total
	}
	if err := x.f.AutoFilter(sheet, cellName(1, headRow)+":"+cellName(len(cols), lastUnit), nil); err != nil {
		return err
	}
	if err := x.behindFormats(sheet, cols); err != nil {
		return err
	}
	// the chart is on a sheet of its own: nothing goes under the block
	// but the signatures
	next, err := x.evaluationBlock(sheet, x.totalRow+2)
	if err != nil {
		return err
	}
	end, err := x.officialFoot(sheet, max(next, x.totalRow+2)+1)
	if err != nil {
		return err
	}
	// The signatures print under what they sign: the evaluation block
	// when there is one, else the last unit and the total.
	x.tail = [2]int{max(x.firstRow, x.totalRow-1), end}
	if next > x.totalRow+2 {
		x.tail[0] = x.totalRow + 2
	}
	return x.chart(sheet, cols)
}

// titleInBlocks keeps the title whole on every page of a summary printed
// in blocks: columns A:B print on each block's page, and the title,
// overflowing from A1, was cut at the end of B there. It wraps within
// A1:B1 merged instead, row 1 as high as its lines (14-point: a line
// holds about 11/14 of the characters an 11-point one does), the same
// on every page. One page wide, it overflows along row 1 as before.
func (x *xlsxReport) titleInBlocks(sheet string) error {
	breaks, _, err := blockBreaks(x.f, sheet, x.summaryPrint())
	if err != nil || len(breaks) == 0 {
		return err
	}
	end := cellName(summaryNameCol, 1)
	if err := x.cells.MergeCell(sheet, "A1", end); err != nil {
		return err
	}
	style, err := x.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	if err := x.cells.SetCellStyle(sheet, "A1", end, style); err != nil {
		return err
	}
	w, err := x.widthOf(sheet, 1, summaryNameCol)
	if err != nil {
		return err
	}
	return x.cells.SetRowHeight(sheet, 1, float64(20*wrappedLines(x.titleText(), w*11/14)))
}

// officialFoot writes the date and place line and the signatures from row,
// across the columns of the summary's last printed page: all of them when
// it prints one page wide, else the last block (the unit columns repeated
// on every block's page would repeat the signatures too). It returns the
// last row written.
func (x *xlsxReport) officialFoot(sheet string, row int) (int, error) {
	first, last, err := x.lastBlock(sheet)
	if err != nil {
		return 0, err
	}
	ft := officialFoot{lang: x.rep.Lang, place: x.rep.Place, date: x.rep.Generated}
	return writeOfficialFoot(x.f, &x.cells, sheet, row, first, last, ft, func(cell, v string) error { return x.setStrAt(sheet, cell, v) })
}

// evaluationBlock writes, from row, per indicator with a target, how many
// units reach it and which do not, as a small table: its title merged
// over it on a row of its own, a head row tall enough for its wrapped
// heads, a row of counts per indicator, and under it, when some units
// do not reach the target, a row "Đơn vị chưa đạt | A, B, …", the names
// merged across the rest of the block, wrapped, as high as its lines (in
// a 5th column merged over the
// last two columns only, the list took 4–6 lines and pushed the
// signatures onto a page of their own). It prints once: under the names
// when the summary prints one page wide, else under the last block, as
// the signatures (in column B, repeated on every block's page, its first
// column showed beside empty blocks). It returns the first row after it
// (row itself when there is nothing to write).
func (x *xlsxReport) evaluationBlock(sheet string, row int) (int, error) {
	evs := x.rep.Result.Evaluation
	if len(evs) == 0 {
		return row, nil
	}
	first, last, err := x.lastBlock(sheet)
	if err != nil {
		return 0, err
	}
	heads := x.lab.evaluationHead
	last = max(last, first+len(heads)-1)
	if err := x.mergedText(sheet, row, first, last, x.lab.evaluation, x.styles.textBold); err != nil {
		return 0, err
	}
	if err := x.headerRowAt(sheet, row+1, first, heads); err != nil {
		return 0, err
	}
	headLines := 1
	for i, h := range heads {
		w, err := x.widthOf(sheet, first+i, first+i)
		if err != nil {
			return 0, err
		}
		headLines = max(headLines, wrappedLines(h, w))
	}
	if err := x.cells.SetRowHeight(sheet, row+1, float64(15*headLines)); err != nil {
		return 0, err
	}
	labelWidth, err := x.widthOf(sheet, first, first)
	if err != nil {
		return 0, err
	}
	listWidth, err := x.widthOf(sheet, first+1, last)
	if err != nil {
		return 0, err
	}
	r := row + 2
	for _, e := range evs {
		units, reached, behind := int64(e.Units), int64(len(e.Reached)), int64(len(e.Behind))
		figs := []struct {
			kind cellKind
			fig  figure
		}{
			{textCell, wordOf(indicatorTitle(e.Key, x.rep.Lang))},
			{countCell, countOf(&units)}, {countCell, countOf(&reached)}, {countCell, countOf(&behind)},
		}
		for i, f := range figs {
			if _, err := x.setValue(sheet, first+i, r, f.kind, f.fig, false); err != nil {
				return 0, err
			}
		}
		r++
		if behind == 0 {
			continue
		}
		// the label in the block's first column, the names alone merged
		// over the rest, as a list an analyst can copy
		if _, err := x.setValue(sheet, first, r, textCell, wordOf(x.lab.evaluationBehind), false); err != nil {
			return 0, err
		}
		list := strings.Join(e.Behind, ", ")
		if err := x.mergedText(sheet, r, first+1, last, list, x.styles.text); err != nil {
			return 0, err
		}
		if n := max(wrappedLines(x.lab.evaluationBehind, labelWidth), wrappedLines(list, listWidth)); n > 1 {
			if err := x.cells.SetRowHeight(sheet, r, float64(15*n)); err != nil {
				return 0, err
			}
		}
		r++
	}
	return r, nil
}

// mergedText writes text in row merged from column first to last, styled.
func (x *xlsxReport) mergedText(sheet string, row, first, last int, text string, style int) error {
	from, to := cellName(first, row), cellName(last, row)
	if err := x.cells.MergeCell(sheet, from, to); err != nil {
		return err
	}
	if err := x.setStr(sheet, first, row, text); err != nil {
		return err
	}
	return x.cells.SetCellStyle(sheet, from, to, style)
}

// lastBlock is the columns of the summary's last printed page: from the
// names to the last column when it prints one page wide, else its last
// block, widened to footChars with empty columns on its right where the
// page has room: the evaluation block and the signatures go under it,
// and under a last block of one column of rates they wrapped a word a
// line.
func (x *xlsxReport) lastBlock(sheet string) (first, last int, err error) {
	p := x.summaryPrint()
	breaks, scale, err := blockBreaks(x.f, sheet, p)
	if err != nil || len(breaks) == 0 {
		return summaryNameCol, p.lastCol, err
	}
	first, last = breaks[len(breaks)-1], p.lastCol
	page := printWidth(p.landscape) * 100 / float64(scale)
	keep, err := x.widthOf(sheet, 1, p.keepCols) // in characters
	if err != nil {
		return 0, 0, err
	}
	block, err := x.widthOf(sheet, first, last)
	if err != nil {
		return 0, 0, err
	}
	for block < footChars {
		next, err := x.widthOf(sheet, last+1, last+1)
		if err != nil {
			return 0, 0, err
		}
		if blockPoints(keep, p.keepCols)+blockPoints(block+next, last+1-first+1) > page {
			break
		}
		block, last = block+next, last+1
	}
	return first, last, nil
}

// footChars is how wide, in characters, the columns under which the
// signatures go are made when the page has room: each half holds its
// longest line, "…………………, ngày …… tháng …… năm 20……", on one line.
const footChars = 80

// widthOf is the width of columns from..to, in characters.
func (x *xlsxReport) widthOf(sheet string, from, to int) (float64, error) {
	return colsWidth(x.f, sheet, from, to)
}

// print sets up every sheet for A4. The summary prints landscape with its
// head row on every page; too wide for one page at a legible size, it
// prints in blocks (the counts, then indicator by indicator) with the
// unit's name and code repeated on each.
func (x *xlsxReport) print() error {
	return printSheets(x.f, x.lab.title, x.periodText(), x.rep.Lang, map[string]printSheet{
		x.lab.summary: x.summaryPrint(),
		x.lab.chart:   {landscape: true},
		x.lab.gaps:    {landscape: true},
		x.lab.checks:  {landscape: true, headRows: [2]int{1, 1}},
		x.lab.sources: {landscape: true},
	})
}

// summaryPrint is how the summary prints: its head row repeated, the unit
// columns ("STT", name, code) kept, the groups of columns.
func (x *xlsxReport) summaryPrint() printSheet {
	summary := printSheet{landscape: true, headRows: [2]int{x.firstRow - 1, x.firstRow - 1}, lastCol: len(x.summaryCols),
		tail: x.tail, heights: &x.cells}
	prev := ""
	for i, c := range x.summaryCols {
		group := "units"
		switch {
		case c.rc != nil:
			group = c.rc.ind
		case c.kind == countCell:
			group = "counts"
		}
		if group == "units" {
			summary.keepCols = i + 1
		} else if group != prev {
			summary.groups = append(summary.groups, i+1)
		}
		prev = group
	}
	return summary
}

// behindFormats colours the rate and gap of a unit behind its target. The
// rule reads the persons-needed cell: it is above 0 exactly when the exact
// rate is below the target, even when both round to the same figure.
func (x *xlsxReport) behindFormats(sheet string, cols []summaryColumn) error {
	for i, c := range cols {
		if c.rc == nil || c.rc.measure != measureNeeded {
			continue
		}
		need := cellName(i+1, x.firstRow)
		formula := fmt.Sprintf("AND(ISNUMBER($%s),$%s>0)", need, need)
		for j, d := range cols {
			if d.rc == nil || d.rc.ind != c.rc.ind || (d.rc.measure != measureRate && d.rc.measure != measureGap) {
				continue
			}
			ref := cellName(j+1, x.firstRow) + ":" + cellName(j+1, x.totalRow)
			style := x.styles.behind
			if err := x.f.SetConditionalFormat(sheet, ref, []excelize.ConditionalFormatOptions{
				{Type: "formula", Criteria: formula, Format: &style},
			}); err != nil {
				return err
			}
		}
	}
	return nil
}

// chart draws the rate of each unit against its target, one chart per
// indicator with a target (two indicators' bars and targets in one chart
// were crowded), else the rate of the first indicator, on a sheet of its
// own (under the summary it was cut across printed pages), each chart on
// a printed page of its own. More than maxBarUnits units are split over
// charts of as many units each as can be ("(1/3)" in their titles), every
// part of an indicator on the same value axis.
func (x *xlsxReport) chart(sheet string, cols []summaryColumn) error {
	if len(x.rep.Result.Units) == 0 {
		return x.f.DeleteSheet(x.lab.chart)
	}
	type drawn struct {
		ind                string
		rateCol, targetCol int
	}
	var charts []drawn
	col := func(ind string, m measure) int {
		for i, c := range cols {
			if c.rc != nil && c.rc.measure == m && c.rc.ind == ind {
				return i + 1
			}
		}
		return 0
	}
	for _, c := range cols {
		if c.rc != nil && c.rc.measure == measureTarget {
			if r := col(c.rc.ind, measureRate); r != 0 {
				charts = append(charts, drawn{c.rc.ind, r, col(c.rc.ind, measureTarget)})
			}
		}
	}
	if len(charts) == 0 {
		for i, c := range cols {
			if c.rc != nil && c.rc.measure == measureRate {
				charts = append(charts, drawn{c.rc.ind, i + 1, 0})
				break
			}
		}
	}
	if len(charts) == 0 {
		return x.f.DeleteSheet(x.lab.chart)
	}
	units := len(x.rep.Result.Units)
	parts := (units + maxBarUnits - 1) / maxBarUnits
	size := (units + parts - 1) / parts // parts as even as can be: 21 units are 11 and 10, not 20 and 1
	rng := func(col, from, to int) string {
		return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheet, colName(col), from, colName(col), to)
	}
	head := func(col int) string { return fmt.Sprintf("'%s'!$%s$%d", sheet, colName(col), x.firstRow-1) }
	row := 1
	for k, c := range charts {
		// Split, every part on one scale, so that bars compare across them.
		var lo, hi *float64
		if parts > 1 {
			bottom, top := 0.0, float64(barAxisTop(x.rep.Result.Units, c.ind))
			lo, hi = &bottom, &top
		}
		for part := range parts {
			from := x.firstRow + part*size
			to := min(from+size, x.firstRow+units) - 1
			series := []barSeries{{name: head(c.rateCol), categories: rng(summaryNameCol, from, to), values: rng(c.rateCol, from, to), color: "4472C4"}}
			if c.targetCol != 0 {
				series = append(series, barSeries{name: head(c.targetCol), categories: rng(summaryNameCol, from, to), values: rng(c.targetCol, from, to), color: "ED7D31"})
			}
			title := fmt.Sprintf(x.lab.chartTitle, indicatorLabel(c.ind, x.rep.Lang))
			if parts > 1 {
				title += fmt.Sprintf(" (%d/%d)", part+1, parts)
			}
			height := max(320, 60+28*uint(to-from+1))
			if k > 0 || part > 0 {
				if err := x.f.InsertPageBreak(x.lab.chart, cellName(1, row)); err != nil {
					return err
				}
			}
			var err error
			if x.reference {
				err = addChart(x.f, x.lab.chart, cellName(1, row), barChart(title, series, lo, hi, height))
			} else {
				err = x.charts.add(row, title, series, lo, hi, height)
			}
			if err != nil {
				return err
			}
			row += int(height)/20 + 3 // rows of 20 pixels, and a gap
		}
	}
	return x.charts.finish()
}

// maxBarUnits is how many units one bar chart of the compute report
// draws: a printed page holds 20 pairs of bars with names that can be
// read; more units are split over several charts.
const maxBarUnits = 20

// barAxisTop is where the value axis of a split chart of ind ends: the
// multiple of 10 points at or over every unit's rate and target, so that
// every part has the same scale.
func barAxisTop(units []coverage.UnitResult, ind string) int64 {
	top := decimal.Zero
	for i := range units {
		r := units[i].Indicator(ind)
		if r == nil {
			continue
		}
		if r.Rate != nil {
			top = decimal.Max(top, r.Rate.Round(2))
		}
		if r.Target != nil {
			top = decimal.Max(top, r.Target.Rate)
		}
	}
	return max(10, top.Div(decimal.NewFromInt(10)).Ceil().IntPart()*10)
}

// gapsSheet lists, per indicator with a target, the units by persons
// needed, most first.
func (x *xlsxReport) gapsSheet() error {
	sheet := x.lab.gaps
	lang := x.rep.Lang
	var inds []string
	for _, c := range tableColumns(x.rep) {
		if c.measure == measureTarget {
			inds = append(inds, c.ind)
		}
	}
	if len(inds) == 0 {
		if err := x.setStr(sheet, 1, 1, x.lab.noTargets); err != nil {
			return err
		}
		return x.f.SetColWidth(sheet, "A", "A", 80)
	}
	row := 1
	var heads []string
	var lens [][]int
	for _, ind := range inds {
		label := indicatorLabel(ind, lang)
		if err := x.setStr(sheet, 1, row, indicatorTitle(ind, lang)); err != nil {
			return err
		}
		if err := x.style(sheet, 1, row, x.styles.title); err != nil {
			return err
		}
		if err := x.cells.SetRowHeight(sheet, row, 24); err != nil {
			return err
		}
		row++
		type entry struct {
			u    *coverage.UnitResult
			need int64
		}
		var list []entry
		pace := false
		for i := range x.rep.Result.Units {
			u := &x.rep.Result.Units[i]
			if r := u.Indicator(ind); r != nil && r.PersonsNeeded != nil {
				list = append(list, entry{u, *r.PersonsNeeded})
				pace = pace || r.PacePerMonth != nil
			}
		}
		slices.SortStableFunc(list, func(a, b entry) int { return cmp.Compare(b.need, a.need) })
		if r := x.rep.Result.Total.Indicator(ind); r != nil && r.PersonsNeeded != nil {
			list = append(list, entry{&x.rep.Result.Total, *r.PersonsNeeded})
		}
		figureOf := func(f indicatorField) func(u *coverage.UnitResult) figure {
			return func(u *coverage.UnitResult) figure { return f.of(u.Indicator(ind)) }
		}
		gcols := []summaryColumn{{header: header("unit", lang), kind: textCell, value: func(u *coverage.UnitResult) figure { return wordOf(u.Name) }}}
		if hasCodes(&x.rep.Result) {
			gcols = append(gcols, summaryColumn{header: header("code", lang), kind: textCell, value: func(u *coverage.UnitResult) figure { return wordOf(u.Code) }})
		}
		gcols = append(gcols,
			summaryColumn{header: fmt.Sprintf(x.lab.rate, label), kind: rateCell, value: figureOf(rateField)},
			summaryColumn{header: fmt.Sprintf(x.lab.target, label), kind: rateCell, value: figureOf(targetField)},
			summaryColumn{header: fmt.Sprintf(x.lab.gap, label), kind: rateCell, value: figureOf(gapField)},
			summaryColumn{header: fmt.Sprintf(x.lab.needed, label), kind: countCell, value: figureOf(neededField)})
		if pace {
			gcols = append(gcols, summaryColumn{header: fmt.Sprintf(x.lab.pace, label), kind: countCell, value: figureOf(paceField)})
		}
		heads = heads[:0]
		for _, c := range gcols {
			heads = append(heads, c.header)
		}
		if err := x.headerRow(sheet, row, heads); err != nil {
			return err
		}
		if err := x.cells.SetRowHeight(sheet, row, 45); err != nil {
			return err
		}
		row++
		for _, e := range list {
			ns := make([]int, len(gcols))
			for j, c := range gcols {
				n, err := x.setValue(sheet, j+1, row, c.kind, c.value(e.u), e.u == &x.rep.Result.Total)
				if err != nil {
					return err
				}
				ns[j] = n
			}
			lens = append(lens, ns)
			row++
		}
		row++ // a blank row between indicators
	}
	return x.fitColumns(sheet, heads, lens, 8, 40)
}

// checksSheet lists every issue.
func (x *xlsxReport) checksSheet() error {
	sheet := x.lab.checks
	heads := x.lab.issueHead
	if err := x.headerRow(sheet, 1, heads); err != nil {
		return err
	}
	var lens [][]int
	for i, is := range x.rep.Issues {
		vals := []string{is.LevelIn(msg.Lang(x.rep.Lang)), is.Code, is.File, is.Sheet, is.Cell, is.Message.In(msg.Lang(x.rep.Lang))}
		ns := make([]int, len(vals))
		for j, v := range vals {
			n, err := x.setValue(sheet, j+1, i+2, textCell, wordOf(v), false)
			if err != nil {
				return err
			}
			ns[j] = n
		}
		lens = append(lens, ns)
	}
	if len(x.rep.Issues) == 0 {
		if err := x.setStr(sheet, 1, 2, x.lab.noIssues); err != nil {
			return err
		}
	} else if err := x.f.AutoFilter(sheet, "A1:"+cellName(len(heads), len(x.rep.Issues)+1), nil); err != nil {
		return err
	}
	if err := x.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	// Heads are short here: let them count in full. The columns together
	// stay under 150 characters (printed one page wide at ≥ 8 points);
	// a longer message wraps.
	for i, h := range heads {
		w := utf8.RuneCountInString(h)
		for _, row := range lens {
			w = max(w, row[i])
		}
		limit := 24
		if i == len(heads)-1 {
			limit = 50
		}
		if err := x.f.SetColWidth(sheet, colName(i+1), colName(i+1), float64(min(w+2, limit))); err != nil {
			return err
		}
	}
	return nil
}

// sourcesSheet says where every figure came from: each input with its
// checksum and header mapping, the targets, the tool and the time.
func (x *xlsxReport) sourcesSheet() error {
	sheet := x.lab.sources
	// ≤ 150 characters: printed at ≥ 8 points; the keys' column as wide
	// as "retirement_age_population", the why of a header on one line
	// but for the longest (at 40 most took two, and the sheet a second
	// page)
	widths := []float64{28, 36, 26, 54}
	row, label := 1, false // label: the row's first cell is a bold label
	put := func(vals ...string) error {
		lines := 1
		for j, v := range vals {
			if v == "" {
				continue
			}
			if err := x.setStr(sheet, j+1, row, v); err != nil {
				return err
			}
			if j > 0 { // wrapped, not overflowing past the last column
				if err := x.style(sheet, j+1, row, x.styles.wrap); err != nil {
					return err
				}
				lines = max(lines, wrappedLines(v, widths[j]))
			}
		}
		// as high as its lines: a row keeps the default height whatever
		// it holds (LibreOffice printed a second line over the next row),
		// its first cell at the top beside the others
		if lines > 1 {
			if err := x.cells.SetRowHeight(sheet, row, float64(15*lines)); err != nil {
				return err
			}
			if !label && vals[0] != "" {
				if err := x.style(sheet, 1, row, x.styles.wrap); err != nil {
					return err
				}
			}
		}
		row, label = row+1, false
		return nil
	}
	bold := func(col int) error {
		label = true
		return x.style(sheet, col, row, x.styles.textBold)
	}
	var notes []string
	seen := map[string]bool{}
	for _, in := range x.rep.Inputs {
		for _, lbl := range [][2]string{{x.lab.file, in.File}, {x.lab.sheet, in.Sheet}, {x.lab.sha, in.SHA256}} {
			if err := bold(1); err != nil {
				return err
			}
			if err := put(lbl[0], lbl[1]); err != nil {
				return err
			}
		}
		if len(in.Columns) > 0 {
			if err := bold(1); err != nil {
				return err
			}
			if err := put(x.lab.columns); err != nil {
				return err
			}
			if err := x.headerRow(sheet, row, x.lab.columnHead); err != nil {
				return err
			}
			row++
			for _, c := range in.Columns {
				if err := put(columnName(c.Letter, msg.Lang(x.rep.Lang)), c.Header, c.Key, xlsxio.WhyText(c.Why).In(msg.Lang(x.rep.Lang))); err != nil {
					return err
				}
			}
		}
		if len(in.Choice) > 0 {
			if err := bold(1); err != nil {
				return err
			}
			if err := put(x.lab.choice); err != nil {
				return err
			}
			for _, n := range in.Choice {
				if err := put("", n.In(msg.Lang(x.rep.Lang))); err != nil {
					return err
				}
			}
		}
		for _, t := range in.TargetNotes {
			if n := t.In(msg.Lang(x.rep.Lang)); !seen[n] {
				seen[n] = true
				notes = append(notes, n)
			}
		}
		row++
	}
	if len(notes) > 0 {
		if err := bold(1); err != nil {
			return err
		}
		if err := put(x.lab.targetNotes); err != nil {
			return err
		}
		for _, n := range notes {
			if err := put(n); err != nil {
				return err
			}
		}
		row++
	}
	for _, lbl := range [][2]string{
		{x.lab.decimals, strconv.Itoa(x.rep.Decimals)},
		{x.lab.tool, x.rep.Tool},
		{x.lab.generated, x.rep.Generated.Format(time.RFC3339)},
	} {
		if err := bold(1); err != nil {
			return err
		}
		if err := put(lbl[0], lbl[1]); err != nil {
			return err
		}
	}
	for col, w := range widths {
		if err := x.f.SetColWidth(sheet, colName(col+1), colName(col+1), w); err != nil {
			return err
		}
	}
	return nil
}

// figureSources is the sheet "Nguồn số liệu": each unit's figures with the
// cells they were read from (and the old units of a converted unit).
func (x *xlsxReport) figureSources() error {
	units := make([]*coverage.Unit, 0, len(x.rep.Result.Units))
	for i := range x.rep.Result.Units {
		units = append(units, x.rep.Result.Units[i].Source)
	}
	return writeSourcesSheet(x.f, units, x.rep.Lang, x.lab.title)
}

// dimensions records each sheet's used range, which readers that stream
// a sheet (openpyxl read-only, some importers) trust to know its size.
// The "Nguồn số liệu" sheet, written after, sets its own
// (writeSourcesSheet).
func (x *xlsxReport) dimensions() error {
	for _, sheet := range x.f.GetSheetList() {
		cols, rows := 1, 1
		if u := x.used[sheet]; u != nil {
			cols, rows = max(u[0], 1), max(u[1], 1)
		}
		if err := x.f.SetSheetDimension(sheet, "A1:"+cellName(cols, rows)); err != nil {
			return err
		}
	}
	return nil
}

// activeFirst opens the report on its first sheet.
func (x *xlsxReport) activeFirst() error {
	x.f.SetActiveSheet(0)
	return nil
}

// docProps stamps the workbook with the report's time and tool, never the
// clock, so the same report gives the same bytes.
func (x *xlsxReport) docProps() error {
	ts := x.rep.Generated.UTC().Format(time.RFC3339)
	props := &excelize.DocProperties{
		Created:        ts,
		Modified:       ts,
		Creator:        x.rep.Tool,
		LastModifiedBy: x.rep.Tool,
		Title:          x.titleText(),
		Language:       map[bool]string{true: "en-GB", false: "vi-VN"}[x.rep.Lang == "en"],
	}
	if x.reference { // the reference
		return x.f.SetDocProps(props)
	}
	return setDocProps(x.f, props)
}
