package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio"
)

// trendSchema names the JSON layout of WriteTrendJSON.
const trendSchema = "bhxh.trend/v1"

// Trend is what a trend report shows; writers render it, none computes.
type Trend struct {
	Trend     coverage.Trend
	Inputs    []TrendInput // in period order
	Issues    []xlsxio.Issue
	Decimals  int
	Lang      string // "vi" or "en"
	Tool      string
	Generated time.Time
}

// TrendInput is the workbook one period was read from.
type TrendInput struct {
	Period       string
	PeriodSource string // "title", "file name" or "--period"
	File         string
	Sheet        string
	SHA256       string
}

// maxChartUnits is how many units a chart draws besides the total; with
// more, a line per unit is unreadable and only the total is drawn.
const maxChartUnits = 12

// ---------------------------------------------------------------- JSON

type trendJSON struct {
	Schema     string             `json:"schema"`
	Periods    []string           `json:"periods"`
	Inputs     []trendInputJSON   `json:"inputs"`
	Indicators trendIndicatorsMap `json:"indicators"`
	Issues     []xlsxio.Issue     `json:"issues"`
}

type trendInputJSON struct {
	Period       string  `json:"period"`
	PeriodSource string  `json:"period_source"`
	File         string  `json:"file"`
	Sheet        *string `json:"sheet"`
	SHA256       string  `json:"sha256"`
}

type trendSeriesJSON struct {
	Name         string    `json:"name"`
	Code         *string   `json:"code"`
	Rates        []*string `json:"rates"`
	Numerators   []*int64  `json:"numerators"`
	Denominators []*int64  `json:"denominators"`
	ChangesPP    []*string `json:"changes_pp"`
}

type trendIndicatorJSON struct {
	Units []trendSeriesJSON `json:"units"`
	Total trendSeriesJSON   `json:"total"`
}

// trendIndicatorsMap keeps the indicators in report order (a Go map would
// sort them alphabetically).
type trendIndicatorsMap struct {
	keys []string
	vals []trendIndicatorJSON
}

func (m trendIndicatorsMap) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range m.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kj, _ := json.Marshal(k)
		b.Write(kj)
		b.WriteByte(':')
		vj, err := json.Marshal(m.vals[i])
		if err != nil {
			return nil, err
		}
		b.Write(vj)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func seriesJSON(s coverage.Series, decimals int) trendSeriesJSON {
	n := len(s.Points)
	out := trendSeriesJSON{Name: s.Name, Rates: make([]*string, n), Numerators: make([]*int64, n),
		Denominators: make([]*int64, n), ChangesPP: make([]*string, n)}
	if s.Code != "" {
		code := s.Code
		out.Code = &code
	}
	for i, p := range s.Points {
		if p == nil {
			continue
		}
		num := p.Numerator
		out.Numerators[i] = &num
		out.Denominators[i] = p.Denominator
		if p.Rate != nil {
			r := p.Rate.Format(decimals)
			out.Rates[i] = &r
		}
		if c := s.Change(i); c != nil {
			cs := c.Format(decimals)
			out.ChangesPP[i] = &cs
		}
	}
	return out
}

// WriteTrendJSON writes rep as bhxh.trend/v1: per indicator, one series per
// unit and the total, each an array over "periods" (null = missing).
func WriteTrendJSON(w io.Writer, rep *Trend) error {
	out := trendJSON{Schema: trendSchema, Periods: rep.Trend.Periods, Issues: rep.Issues}
	if out.Periods == nil {
		out.Periods = []string{}
	}
	if out.Issues == nil {
		out.Issues = []xlsxio.Issue{}
	}
	out.Inputs = []trendInputJSON{}
	for _, in := range rep.Inputs {
		ij := trendInputJSON{Period: in.Period, PeriodSource: in.PeriodSource, File: in.File, SHA256: in.SHA256}
		if in.Sheet != "" {
			s := in.Sheet
			ij.Sheet = &s
		}
		out.Inputs = append(out.Inputs, ij)
	}
	for _, it := range rep.Trend.Indicators {
		ij := trendIndicatorJSON{Units: []trendSeriesJSON{}, Total: seriesJSON(it.Total, rep.Decimals)}
		for _, s := range it.Units {
			ij.Units = append(ij.Units, seriesJSON(s, rep.Decimals))
		}
		out.Indicators.keys = append(out.Indicators.keys, it.Key)
		out.Indicators.vals = append(out.Indicators.vals, ij)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// ---------------------------------------------------------------- CSV

// WriteTrendCSV writes the long format, one row per indicator, unit (the
// total last) and period, UTF-8 with BOM; a missing month has empty
// figures, never zeros.
func WriteTrendCSV(w io.Writer, rep *Trend) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"indicator", "unit", "code", "period", "numerator", "denominator", "rate"})
	for _, it := range rep.Trend.Indicators {
		for _, s := range append(append([]coverage.Series{}, it.Units...), it.Total) {
			for i, period := range rep.Trend.Periods {
				num, den, rate := pointText(s.Points[i], rep.Decimals)
				cw.Write([]string{it.Key, s.Name, s.Code, period, num, den, rate})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func pointText(p *coverage.IndicatorResult, decimals int) (num, den, rate string) {
	if p == nil {
		return "", "", ""
	}
	num = strconv.FormatInt(p.Numerator, 10)
	if p.Denominator != nil {
		den = strconv.FormatInt(*p.Denominator, 10)
	}
	if p.Rate != nil {
		rate = p.Rate.Format(decimals)
	}
	return num, den, rate
}

// ---------------------------------------------------------------- table

// WriteTrendTable writes, per indicator, units × months of rates and the
// month-on-month change of the latest month; "x" marks a missing month.
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
		if rep.Lang != "en" {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	}
	for n, it := range rep.Trend.Indicators {
		if n > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s\n", l.title(it.Key))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		head := []string{l.unit, l.code}
		head = append(head, periods...)
		if len(periods) > 1 {
			head = append(head, l.changeShort+" "+periods[len(periods)-1])
		}
		fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
		for _, s := range append(append([]coverage.Series{}, it.Units...), it.Total) {
			row := []string{s.Name, s.Code}
			for _, p := range s.Points {
				var r *coverage.Pct
				if p != nil {
					r = p.Rate
				}
				row = append(row, fmtPct(r, false))
			}
			if len(periods) > 1 {
				row = append(row, fmtPct(s.Change(len(periods)-1), true))
			}
			fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// ---------------------------------------------------------------- labels

type trendLabelSet struct {
	lang                                        string
	stt, unit, code, total                      string
	changeShort, changeCol, missingNote, ppNote string
	dataSheet, sourceSheet                      string
	dataHead                                    []string
	sourceHead                                  []string
	chartTitle, generated, tool                 string
}

func trendLabels(lang string) trendLabelSet {
	if lang == "en" {
		return trendLabelSet{lang: "en", stt: "No.", unit: "Unit", code: "Code", total: "Total",
			changeShort: "Δ", changeCol: "Change %s (points)",
			missingNote: "An empty cell: the unit has no figures that month (missing, not zero).",
			ppNote:      "Totals are sums of counts divided by sums of denominators; changes are in percentage points.",
			dataSheet:   "Data", sourceSheet: "Sources",
			dataHead:   []string{"Indicator", "Unit", "Code", "Period", "Numerator", "Denominator", "Rate (%)"},
			sourceHead: []string{"Period", "From", "File", "Sheet", "SHA-256"},
			chartTitle: "%s coverage (%%) by month", generated: "Generated", tool: "Tool"}
	}
	return trendLabelSet{lang: "vi", stt: "STT", unit: "Đơn vị", code: "Mã đơn vị", total: coverage.DefaultTotalName,
		changeShort: "Thay đổi", changeCol: "Thay đổi %s (điểm %%)",
		missingNote: "Ô trống: đơn vị không có số liệu tháng đó (thiếu, không phải bằng 0).",
		ppNote:      "Dòng tổng = tổng số người / tổng mẫu số (không lấy trung bình tỷ lệ); thay đổi tính bằng điểm phần trăm.",
		dataSheet:   "Số liệu", sourceSheet: "Nguồn",
		dataHead:   []string{"Chỉ tiêu", "Đơn vị", "Mã đơn vị", "Kỳ", "Tử số (người)", "Mẫu số (người)", "Tỷ lệ (%)"},
		sourceHead: []string{"Kỳ", "Lấy kỳ từ", "Tệp", "Trang tính", "SHA-256"},
		chartTitle: "Tỷ lệ tham gia %s (%%) theo tháng", generated: "Thời điểm lập", tool: "Công cụ"}
}

// title is the heading of an indicator's sheet or table.
func (l trendLabelSet) title(ind string) string {
	t := fmt.Sprintf(l.chartTitle, IndicatorLabel(ind, l.lang))
	return strings.ToUpper(t[:1]) + t[1:] // "social insurance…" opens an English title
}

// definition says how an indicator's rate is computed, in the workbook's
// own header words.
func (l trendLabelSet) definition(ind string) string {
	def, _ := coverage.IndicatorByKey(ind)
	var nums []string
	for _, k := range def.Numerator {
		nums = append(nums, Header(k, l.lang))
	}
	if l.lang == "en" {
		return fmt.Sprintf("Rate = (%s) / %s × 100.", strings.Join(nums, " + "), Header(def.Denominator, l.lang))
	}
	return fmt.Sprintf("Tỷ lệ = (%s) / %s × 100.", strings.Join(nums, " + "), Header(def.Denominator, l.lang))
}

// trendSheetName is the sheet an indicator's series go to.
func trendSheetName(ind, lang string) string {
	vi := map[string]string{"bhxh": "BHXH", "bhxh_mandatory": "BHXH bắt buộc", "bhxh_voluntary": "BHXH tự nguyện",
		"bhtn": "BHTN", "bhyt": "BHYT", "pension": "Lương hưu"}
	en := map[string]string{"bhxh": "Social insurance", "bhxh_mandatory": "Mandatory SI", "bhxh_voluntary": "Voluntary SI",
		"bhtn": "Unemployment ins", "bhyt": "Health insurance", "pension": "Pension"}
	if lang == "en" {
		return en[ind]
	}
	return vi[ind]
}

// ---------------------------------------------------------------- xlsx

// Layout of an indicator sheet (1-based rows).
const (
	trendHeaderRow = 4
	trendFirstRow  = 5
)

// WriteTrendXLSX writes one sheet per indicator (units × months of rates,
// the total, month-on-month changes in points and a line chart), a long
// "Số liệu" sheet with numerators and denominators, and "Nguồn".
func WriteTrendXLSX(w io.Writer, rep *Trend) error {
	f := excelize.NewFile()
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
			return fmt.Errorf("sheet %s: %w", name, err)
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
	if _, err := f.NewSheet(l.sourceSheet); err != nil {
		return err
	}
	if err := writeTrendSources(f, l.sourceSheet, rep, l, st); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

type trendStyles struct {
	title, note, head, text, count, rate, change, totalText, totalRate, totalChange, totalCount int
}

func newTrendStyles(f *excelize.File, decimals int) (trendStyles, error) {
	rateFmt := "0"
	if decimals > 0 {
		rateFmt += "." + strings.Repeat("0", decimals)
	}
	changeFmt := "+" + rateFmt + ";-" + rateFmt + ";" + rateFmt
	border := []excelize.Border{{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1}}
	bold := &excelize.Font{Bold: true}
	var st trendStyles
	defs := []struct {
		dst *int
		s   excelize.Style
	}{
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}}},
		{&st.note, excelize.Style{Font: &excelize.Font{Italic: true, Color: "555555"}}},
		{&st.head, excelize.Style{Font: bold, Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&st.text, excelize.Style{Border: border, NumFmt: 49}},
		{&st.count, excelize.Style{Border: border, NumFmt: 3}},
		{&st.rate, excelize.Style{Border: border, CustomNumFmt: &rateFmt}},
		{&st.change, excelize.Style{Border: border, CustomNumFmt: &changeFmt}},
		{&st.totalText, excelize.Style{Border: border, Font: bold, NumFmt: 49}},
		{&st.totalRate, excelize.Style{Border: border, Font: bold, CustomNumFmt: &rateFmt}},
		{&st.totalChange, excelize.Style{Border: border, Font: bold, CustomNumFmt: &changeFmt}},
		{&st.totalCount, excelize.Style{Border: border, Font: bold, NumFmt: 3}},
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

// setNumber writes an exact decimal string as a numeric cell (no float in
// between).
func setNumber(f *excelize.File, sheet, cell, value string, style int) error {
	if err := f.SetCellDefault(sheet, cell, value); err != nil {
		return err
	}
	return f.SetCellStyle(sheet, cell, cell, style)
}

func setText(f *excelize.File, sheet, cell, value string, style int) error {
	if err := f.SetCellStr(sheet, cell, value); err != nil {
		return err
	}
	return f.SetCellStyle(sheet, cell, cell, style)
}

func writeTrendSheet(f *excelize.File, sheet string, it coverage.IndicatorTrend, rep *Trend,
	l trendLabelSet, st trendStyles) error {
	periods := rep.Trend.Periods
	np := len(periods)
	if err := setText(f, sheet, "A1", l.title(it.Key), st.title); err != nil {
		return err
	}
	if err := setText(f, sheet, "A2", l.definition(it.Key)+" "+l.ppNote, st.note); err != nil {
		return err
	}
	if err := setText(f, sheet, "A3", l.missingNote, st.note); err != nil {
		return err
	}
	head := []string{l.stt, l.unit, l.code}
	head = append(head, periods...)
	for _, p := range periods[min(1, np):] {
		head = append(head, fmt.Sprintf(l.changeCol, p))
	}
	for c, h := range head {
		if err := setText(f, sheet, cellName(c+1, trendHeaderRow), h, st.head); err != nil {
			return err
		}
	}
	// Three lines: "Thay đổi" / "2023-10" / "(điểm %)".
	if err := f.SetRowHeight(sheet, trendHeaderRow, 48); err != nil {
		return err
	}
	// Printed one landscape page wide, the table and its chart whole.
	size, orient, fitW, fitH, fit := 9, "landscape", 1, 0, true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &fitW, FitToHeight: &fitH}); err != nil {
		return err
	}
	row := trendFirstRow
	write := func(n int, s coverage.Series, total bool) error {
		text, rate, change := st.text, st.rate, st.change
		if total {
			text, rate, change = st.totalText, st.totalRate, st.totalChange
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
			cell := cellName(4+i, row)
			if p == nil || p.Rate == nil {
				if err := f.SetCellStyle(sheet, cell, cell, rate); err != nil {
					return err
				}
				continue
			}
			if err := setNumber(f, sheet, cell, p.Rate.Format(rep.Decimals), rate); err != nil {
				return err
			}
		}
		for i := 1; i < np; i++ {
			cell := cellName(4+np+i-1, row)
			c := s.Change(i)
			if c == nil {
				if err := f.SetCellStyle(sheet, cell, cell, change); err != nil {
					return err
				}
				continue
			}
			if err := setNumber(f, sheet, cell, c.Format(rep.Decimals), change); err != nil {
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
	widths := []float64{6, 30, 11}
	for c, wd := range widths {
		col, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	if len(head) > 3 {
		from, _ := excelize.ColumnNumberToName(4)
		to, _ := excelize.ColumnNumberToName(len(head))
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
	return addTrendChart(f, sheet, it, totalRow, np, l)
}

// addTrendChart draws a native line chart of the total (and of each unit
// when there are few) over the months, under the table.
func addTrendChart(f *excelize.File, sheet string, it coverage.IndicatorTrend, totalRow, np int, l trendLabelSet) error {
	q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	firstCol, _ := excelize.ColumnNumberToName(4)
	lastCol, _ := excelize.ColumnNumberToName(3 + np)
	categories := fmt.Sprintf("%s$%s$%d:$%s$%d", q, firstCol, trendHeaderRow, lastCol, trendHeaderRow)
	seriesAt := func(row int) excelize.ChartSeries {
		return excelize.ChartSeries{
			Name:       fmt.Sprintf("%s$B$%d", q, row),
			Categories: categories,
			Values:     fmt.Sprintf("%s$%s$%d:$%s$%d", q, firstCol, row, lastCol, row),
			Marker:     excelize.ChartMarker{Symbol: "circle", Size: 5},
		}
	}
	series := []excelize.ChartSeries{seriesAt(totalRow)}
	series[0].Line = excelize.LineOptions{Width: 2.5}
	if len(it.Units) <= maxChartUnits {
		for i := range it.Units {
			series = append(series, seriesAt(trendFirstRow+i))
		}
	}
	return f.AddChart(sheet, fmt.Sprintf("B%d", totalRow+3), &excelize.Chart{
		Type:         excelize.Line,
		Series:       series,
		Title:        excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: l.title(it.Key)}}},
		Legend:       excelize.ChartLegend{Position: "bottom"},
		ShowBlanksAs: "gap",
		YAxis:        excelize.ChartAxis{MajorGridLines: true},
		Dimension:    excelize.ChartDimension{Width: 720, Height: 360},
	})
}

func writeTrendData(f *excelize.File, sheet string, rep *Trend, l trendLabelSet, st trendStyles) error {
	for c, h := range l.dataHead {
		if err := setText(f, sheet, cellName(c+1, 1), h, st.head); err != nil {
			return err
		}
	}
	row := 2
	for _, it := range rep.Trend.Indicators {
		for _, s := range append(append([]coverage.Series{}, it.Units...), it.Total) {
			for i, period := range rep.Trend.Periods {
				num, den, rate := pointText(s.Points[i], rep.Decimals)
				for c, v := range []string{it.Key, s.Name, s.Code, period} {
					if err := setText(f, sheet, cellName(c+1, row), v, st.text); err != nil {
						return err
					}
				}
				for c, v := range []struct {
					s     string
					style int
				}{{num, st.count}, {den, st.count}, {rate, st.rate}} {
					cell := cellName(5+c, row)
					var err error
					if v.s == "" {
						err = f.SetCellStyle(sheet, cell, cell, v.style)
					} else {
						err = setNumber(f, sheet, cell, v.s, v.style)
					}
					if err != nil {
						return err
					}
				}
				row++
			}
		}
	}
	for c, wd := range []float64{16, 30, 11, 10, 14, 14, 10} {
		col, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	return f.AutoFilter(sheet, fmt.Sprintf("A1:G%d", max(row-1, 1)), nil)
}

func writeTrendSources(f *excelize.File, sheet string, rep *Trend, l trendLabelSet, st trendStyles) error {
	for c, h := range l.sourceHead {
		if err := setText(f, sheet, cellName(c+1, 1), h, st.head); err != nil {
			return err
		}
	}
	row := 2
	for _, in := range rep.Inputs {
		for c, v := range []string{in.Period, in.PeriodSource, in.File, in.Sheet, in.SHA256} {
			if err := setText(f, sheet, cellName(c+1, row), v, st.text); err != nil {
				return err
			}
		}
		row++
	}
	row++
	meta := [][2]string{{l.tool, rep.Tool}}
	if !rep.Generated.IsZero() {
		meta = append(meta, [2]string{l.generated, rep.Generated.UTC().Format(time.RFC3339)})
	}
	for _, is := range rep.Issues {
		where := strings.Trim(is.File+": "+is.Sheet+"!"+is.Cell, ": !")
		meta = append(meta, [2]string{is.Level + " " + is.Code, where + " " + is.Message})
	}
	for _, m := range meta {
		if err := f.SetCellStr(sheet, cellName(1, row), m[0]); err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, cellName(2, row), m[1]); err != nil {
			return err
		}
		row++
	}
	for c, wd := range []float64{10, 12, 36, 16, 66} {
		col, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	return nil
}
