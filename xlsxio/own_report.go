package xlsxio

// bhxh's own reports fed back as input (a colleague forwards bao-cao.xlsx):
// recognised by their sheets, and read for what they hold as INPUT, never
// a computed column.
//
//   - a compute report: counts and denominators from its summary sheet;
//     its rates, targets, gaps, people needed and plan completion were
//     computed (the targets were the sender's flags), and are not read;
//   - an allocate report: its baseline counts and the plan it gives, the
//     plan's exact rate as target (targets.ExactPlanTargets), as
//     `compute --targets` reads the same file;
//   - a trend report holds no row per unit: refused, saying where its
//     figures are.
//
// The sheet names and labels below are those xlsxio/report writes; a
// shapes case per report (testdata/shapes/own-*) keeps them in step.

import (
	"slices"
	"strings"

	"github.com/bhxh/bhxh/msg"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio/grid"
)

// The kinds of own report (Table.Report).
const (
	ReportCompute  = "compute"
	ReportAllocate = "allocate"
	ReportTrend    = "trend"
	ReportTemplate = "template" // `bhxh template`, filled in: a blank count is not reported

	// TemplateBlankVI and TemplateBlankEN are the line of bhxh's template
	// instructions saying what a blank count cell means (xlsxio/report
	// writes it): a template holding it is read so. An older template,
	// whose instructions said a blank is 0, is read as any workbook.
	TemplateBlankVI = "Để trống ô của chỉ tiêu đơn vị chưa báo cáo: ô trống là \"chưa báo cáo\", không phải 0. Không có người nào thì nhập 0."
	TemplateBlankEN = "Leave a count blank when the unit has not reported it: a blank cell is \"not reported\", not 0. Type 0 when there are none."
)

// ownReport is a workbook bhxh wrote.
type ownReport struct {
	kind string
	data int // the sheet holding the figures
}

// maxSourceRows bounds the rows of a sources sheet looked at for the tool
// that wrote it (a report of a few inputs lists a few hundred columns).
const maxSourceRows = 5000

// recogniseOwnReport says whether book is a report bhxh wrote, and which.
func recogniseOwnReport(book grid.Book) (ownReport, bool) {
	idx := map[string]int{}
	for i, si := range book.Sheets() {
		idx[si.Name] = i
	}
	sheet := func(names ...string) (int, bool) {
		for _, n := range names {
			if i, ok := idx[n]; ok {
				return i, true
			}
		}
		return -1, false
	}
	if data, ok := sheet("Giao chỉ tiêu"); ok {
		if m, ok := sheet("Phương pháp"); ok && sheetHolds(book, m, func(s string) bool { return strings.Contains(s, "bhxh compute --targets") }) {
			return ownReport{kind: ReportAllocate, data: data}, true
		}
	}
	for _, names := range [][2]string{{"Số liệu", "Hướng dẫn"}, {"Data", "Instructions"}} {
		data, ok1 := sheet(names[0])
		help, ok2 := sheet(names[1])
		if ok1 && ok2 && sheetHolds(book, help, isTemplateBlankLine) {
			return ownReport{kind: ReportTemplate, data: data}, true
		}
	}
	src, ok := sheet("Nguồn", "Sources")
	if !ok || !madeByBhxh(book, src) {
		return ownReport{}, false
	}
	s, err := book.Sheet(src)
	if err != nil {
		return ownReport{}, false
	}
	if a1 := textAt(s, 0, 0); a1 == "Kỳ" || a1 == "Period" {
		if data, ok := sheet("Số liệu", "Data"); ok {
			return ownReport{kind: ReportTrend, data: data}, true
		}
	}
	if data, ok := sheet("Tổng hợp", "Summary"); ok {
		if _, ok := sheet("Kiểm tra", "Checks"); ok {
			return ownReport{kind: ReportCompute, data: data}, true
		}
	}
	return ownReport{}, false
}

// madeByBhxh: the sources sheet names bhxh as the tool ("Công cụ", "bhxh
// v1.2.0").
func madeByBhxh(book grid.Book, i int) bool {
	s, err := book.Sheet(i)
	if err != nil {
		return false
	}
	rows, _ := s.Size()
	for r := 0; r < min(rows, maxSourceRows); r++ {
		if a := textAt(s, r, 0); a == "Công cụ" || a == "Tool" {
			if strings.HasPrefix(textAt(s, r, 1), "bhxh") {
				return true
			}
		}
	}
	return false
}

// sheetHolds: a cell of the sheet's first two columns satisfies ok.
func sheetHolds(book grid.Book, i int, ok func(string) bool) bool {
	s, err := book.Sheet(i)
	if err != nil {
		return false
	}
	rows, _ := s.Size()
	for r := 0; r < min(rows, maxSourceRows); r++ {
		if ok(textAt(s, r, 0)) || ok(textAt(s, r, 1)) {
			return true
		}
	}
	return false
}

// trendReportError refuses a trend report: it holds per-indicator
// numerators and rates by month, not the units' rows.
func trendReportError(file, data string) error {
	return &FileError{File: file, Err: msg.Errorf("this is a `bhxh trend` report: its figures are on sheet %q (numerators, denominators and rates per indicator and month), not one row per unit; give compute the monthly workbooks it was made from", "đây là báo cáo của `bhxh trend`: số liệu nằm ở trang %q (tử số, mẫu số và tỷ lệ theo chỉ số và tháng), không phải mỗi đơn vị một dòng; hãy cho compute các bảng tháng đã dùng để lập báo cáo", data)}
}

// ownReportNote says what was read of an own report.
func ownReportNote(kind, sheet string) msg.Text {
	switch kind {
	case ReportCompute:
		return msg.Sprintf("a `bhxh compute` report: read the counts and denominators of sheet %q; its rates, targets, gaps and plan completion were computed and are not read (targets come from this run's flags)",
			"báo cáo của `bhxh compute`: đọc số người và mẫu số ở trang %q; tỷ lệ, chỉ tiêu, chênh lệch và mức hoàn thành kế hoạch do bhxh đã tính nên không đọc (chỉ tiêu lấy từ các tùy chọn của lần chạy này)", sheet)
	case ReportAllocate:
		return msg.Sprintf("a `bhxh allocate` report: read sheet %q, its baseline counts and plans; each unit's target is its plan's exact rate (as --targets reads it)",
			"báo cáo của `bhxh allocate`: đọc trang %q, số liệu gốc và kế hoạch; chỉ tiêu của mỗi đơn vị là tỷ lệ chính xác của kế hoạch (như --targets đọc)", sheet)
	case ReportTemplate:
		return msg.Sprintf("a `bhxh template` filled in: read sheet %q; a blank count cell is not reported (not 0), as its instructions say",
			"mẫu `bhxh template` đã điền: đọc trang %q; ô số liệu để trống là chưa báo cáo (không phải 0), như hướng dẫn của mẫu", sheet)
	}
	return msg.Text{}
}

// computedColumn is the key matcher's answer for a column of a compute
// report: its inputs (unit, code, the counts and denominators) are read,
// every other column was computed by bhxh and is not (nor warned of).
func computedColumn(key, why string) (string, string) {
	base := coverage.IsCountKey(key) && !strings.HasPrefix(key, coverage.PlanPrefix) && !strings.HasPrefix(key, coverage.PriorPrefix)
	if key == "-" || key == "unit" || key == "code" || base {
		return key, why
	}
	return "", computedWhy
}

const computedWhy = "computed by bhxh (its own report): not read"

// reportFigures are the figures of an indicator in bhxh.compute/v1, as
// bhxh's CSV report names its columns: <indicator>_<figure>.
var reportFigures = []string{"numerator", "denominator", "rate", "target", "target_source", "gap_pp",
	"persons_needed", "plan", "plan_completion", "prior", "change", "pace_per_month"}

// reportColumnKey reads a column of bhxh's own CSV report by its exact
// name: <indicator>_plan and <indicator>_prior are the input's own plan
// and prior, read back; every other figure was computed and is not read
// (its targets were the sender's flags). ok is false for any other header.
func reportColumnKey(header string) (key, why string, ok bool) {
	for _, ind := range coverage.Indicators {
		fig, found := strings.CutPrefix(header, ind.Key+"_")
		if !found || !slices.Contains(reportFigures, fig) {
			continue
		}
		switch k := ""; fig {
		case "plan":
			k = coverage.PlanPrefix + ind.Key
			fallthrough
		case "prior":
			if k == "" {
				k = coverage.PriorPrefix + ind.Key
			}
			if coverage.IsCountKey(k) {
				return k, "a column of bhxh's own CSV report: the input's " + fig, true
			}
		}
		return "", computedWhy, true
	}
	return "", "", false
}

func isTemplateBlankLine(s string) bool {
	s = strings.TrimSpace(strings.TrimLeft(s, "0123456789."))
	return s == TemplateBlankVI || s == TemplateBlankEN
}
