package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/bhxh/bhxh/msg"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio"
)

// Trend is what a trend report shows; writers render it, none computes.
type Trend struct {
	Trend     coverage.Trend
	Inputs    []TrendInput // in period order
	Issues    []xlsxio.Issue
	Decimals  int
	Lang      string // "vi" or "en"
	Tool      string
	Generated time.Time // in the reader's zone: sheets print it as it is, with its offset
	// Notes say the choices bhxh made reading the workbooks ("file: the
	// sheets hold 11 periods…"), for the "Nguồn" sheet.
	Notes []msg.Text
	// Width is the widest line of the console table (the terminal's); 0:
	// no limit. Show names the indicators the console table shows; none:
	// all.
	Width int
	Show  []string
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
// more, a line per unit is unreadable and the chart draws the weakUnits
// weakest (chartUnits).
const maxChartUnits = 12

// weakUnits is how many units a chart of more than maxChartUnits draws.
const weakUnits = 5

type trendLabelSet struct {
	lang                                        string
	words                                       // shared with the other reports
	unit, code                                  string
	changeShort, changeCol, missingNote, ppNote string
	incompleteNote, unitsReporting              string
	dataSheet                                   string
	dataHead                                    []string
	sourceHead                                  []string
	chartTitle                                  string
	weakestTitle                                string // a crowded chart's: how many units, which month
	reportTitle                                 string // the printed pages' header
	// trend --project
	projectionShort, reachesShort, projectionNote string
	projectionCol, projectedPeople, targetCol     string
	yes, no, projectedLine, targetLine            string
}

// reaches words whether a projection reaches its target: "" when it has
// no target or no rate.
func (l trendLabelSet) reaches(p *coverage.Projection) string {
	if p == nil || p.ReachesTarget == nil {
		return ""
	}
	if *p.ReachesTarget {
		return l.yes
	}
	return l.no
}

func trendLabels(lang string) trendLabelSet {
	w := wordsFor(lang)
	if lang == "en" {
		return trendLabelSet{lang: "en", words: w, unit: HeaderEN("unit"), code: HeaderEN("code"),
			changeShort: "Δ", changeCol: "Change %s (points)",
			missingNote:    "An empty cell: the unit has no figures that month (missing, not zero).",
			ppNote:         "Totals are sums of counts divided by sums of denominators; changes are in percentage points.",
			incompleteNote: "* The total of that month leaves out units without figures (incomplete); the total's change is over the units reporting both months (like for like).",
			unitsReporting: "Units reporting",
			dataSheet:      "Data",
			dataHead:       []string{"Indicator", "Unit", "Code", "Period", "Numerator", "Denominator", "Rate (%)"},
			sourceHead:     []string{"Period", "From", w.file, w.sheet, "SHA-256"},
			chartTitle:     "%s coverage (%%) by month", reportTitle: "Coverage by month",
			weakestTitle:    ": total and the %d lowest units in %s",
			projectionShort: "Projected %s", reachesShort: "Reaches target",
			projectionNote: "Projected: the least-squares line through this year's months, at that month, over the latest denominator (a straight line: no seasonality); x = fewer than two months.",
			projectionCol:  "Projected %s (%%)", projectedPeople: "Projected %s (people)", targetCol: "Target (%)",
			yes: "yes", no: "no", projectedLine: "%s, projected", targetLine: "%s, target (%%)"}
	}
	return trendLabelSet{lang: "vi", words: w, unit: HeaderVI("unit"), code: HeaderVI("code"),
		changeShort: "Thay đổi", changeCol: "Thay đổi %s (điểm %%)",
		missingNote:    "Ô trống: đơn vị không có số liệu tháng đó (thiếu, không phải bằng 0).",
		ppNote:         "Dòng tổng = tổng số người / tổng mẫu số (không lấy trung bình tỷ lệ); thay đổi tính bằng điểm phần trăm.",
		incompleteNote: "* Tổng của tháng đó thiếu đơn vị không có số liệu (chưa đủ); thay đổi của dòng tổng tính trên các đơn vị có số liệu cả hai tháng (so sánh cùng nhóm đơn vị).",
		unitsReporting: "Số đơn vị có số liệu",
		dataSheet:      "Số liệu",
		dataHead:       []string{"Chỉ tiêu", "Đơn vị", "Mã đơn vị", "Kỳ", "Tử số (người)", "Mẫu số (người)", "Tỷ lệ (%)"},
		sourceHead:     []string{"Kỳ", "Lấy kỳ từ", w.file, w.sheet, "SHA-256"},
		chartTitle:     "Tỷ lệ tham gia %s (%%) theo tháng", reportTitle: "Tỷ lệ tham gia BHXH, BHYT theo tháng",
		weakestTitle:    ": tổng và %d đơn vị thấp nhất %s",
		projectionShort: "Dự báo %s", reachesShort: "Đạt chỉ tiêu",
		projectionNote: "Dự báo: đường thẳng bình phương nhỏ nhất qua các tháng của năm, tại tháng đó, trên mẫu số tháng gần nhất (đường thẳng: không tính mùa vụ); x = chưa đủ hai tháng.",
		projectionCol:  "Dự báo %s (%%)", projectedPeople: "Dự báo %s (người)", targetCol: "Chỉ tiêu (%)",
		yes: "đạt", no: "không đạt", projectedLine: "%s, dự báo", targetLine: "%s, chỉ tiêu (%%)"}
}

// trendPeriods is the span of the report's months, "2023-10 – 2023-11".
func trendPeriods(rep *Trend) string {
	ps := rep.Trend.Periods
	switch len(ps) {
	case 0:
		return ""
	case 1:
		return ps[0]
	}
	return ps[0] + " – " + ps[len(ps)-1]
}

// title is the heading of an indicator's sheet or table.
func (l trendLabelSet) title(ind string) string {
	t := fmt.Sprintf(l.chartTitle, indicatorLabel(ind, l.lang))
	return strings.ToUpper(t[:1]) + t[1:] // "social insurance…" opens an English title
}

// definition says how an indicator's rate is computed, in the workbook's
// own header words.
func (l trendLabelSet) definition(def coverage.Indicator) string {
	var nums []string
	for _, k := range def.Numerator {
		nums = append(nums, header(k, l.lang))
	}
	if l.lang == "en" {
		return fmt.Sprintf("Rate = (%s) / %s × 100.", strings.Join(nums, " + "), header(def.Denominator, l.lang))
	}
	return fmt.Sprintf("Tỷ lệ = (%s) / %s × 100.", strings.Join(nums, " + "), header(def.Denominator, l.lang))
}

// trendSheetName is the sheet an indicator's series go to.
func trendSheetName(ind, lang string) string {
	vi := map[string]string{"bhxh": "BHXH", "bhxh_mandatory": "BHXH bắt buộc", "bhxh_voluntary": "BHXH tự nguyện",
		"bhtn": "BHTN", "bhyt": "BHYT", "pension": "Lương hưu"}
	en := map[string]string{"bhxh": "Social insurance", "bhxh_mandatory": "Mandatory SI", "bhxh_voluntary": "Voluntary SI",
		"bhtn": "Unemployment ins", "bhyt": "Health insurance", "pension": "Pension"}
	names := vi
	if lang == "en" {
		names = en
	}
	if n, ok := names[ind]; ok {
		return n
	}
	return sheetSafe(ind) // a defined indicator: its name
}

// sheetSafe makes a defined indicator's name a sheet name (at most 31
// characters; its letters, digits and '_' are all allowed).
func sheetSafe(name string) string {
	if r := []rune(name); len(r) > 31 {
		return string(r[:31])
	}
	return name
}

// seriesWithTotal lists an indicator's series: the units', then the total.
func seriesWithTotal(it coverage.IndicatorTrend) []coverage.Series {
	return append(append(make([]coverage.Series, 0, len(it.Units)+1), it.Units...), it.Total)
}

// incomplete reports whether any month's total of it leaves out a unit.
func incomplete(it coverage.IndicatorTrend) bool {
	for _, c := range it.TotalComplete {
		if !c {
			return true
		}
	}
	return false
}

// totalChange is the total's change at period i, like for like.
func totalChange(it coverage.IndicatorTrend, i int) *coverage.Pct {
	if i < 1 || i >= len(it.TotalChanges) {
		return nil
	}
	return it.TotalChanges[i]
}
