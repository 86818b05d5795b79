package report

import (
	"strings"

	"github.com/bhxh/bhxh/coverage"
)

// The one place where canonical keys get their Vietnamese and English
// labels. Writers (reports, allocate, template) use HeaderVI for column
// headers, and MatchHeader must recognise every HeaderVI(key) as key, so
// whatever bhxh writes, bhxh reads back without overrides.

var countLabelVI = map[string]string{
	coverage.BHXHMandatory:           "Số người tham gia BHXH bắt buộc",
	coverage.BHXHVoluntary:           "Số người tham gia BHXH tự nguyện",
	coverage.BHTN:                    "Số người tham gia BHTN",
	coverage.BHYT:                    "Số người tham gia BHYT",
	coverage.LabourForce:             "Lực lượng lao động trong độ tuổi",
	coverage.Population:              "Dân số",
	coverage.RetirementAgePopulation: "Người sau độ tuổi nghỉ hưu",
	coverage.PensionRecipients:       "Người hưởng lương hưu, BHXH hằng tháng, trợ cấp hưu trí xã hội",
}

var countLabelEN = map[string]string{
	coverage.BHXHMandatory:           "Mandatory social insurance participants",
	coverage.BHXHVoluntary:           "Voluntary social insurance participants",
	coverage.BHTN:                    "Unemployment insurance participants",
	coverage.BHYT:                    "Health insurance participants",
	coverage.LabourForce:             "Working-age labour force",
	coverage.Population:              "Population",
	coverage.RetirementAgePopulation: "Population past retirement age",
	coverage.PensionRecipients:       "Pension and allowance recipients",
}

// indicatorLabelVI names an indicator inside longer headers.
var indicatorLabelVI = map[string]string{
	"bhxh":           "BHXH",
	"bhxh_mandatory": "BHXH bắt buộc",
	"bhxh_voluntary": "BHXH tự nguyện",
	"bhtn":           "BHTN",
	"bhyt":           "BHYT",
	"pension":        "hưởng lương hưu",
}

var indicatorLabelEN = map[string]string{
	"bhxh":           "social insurance",
	"bhxh_mandatory": "mandatory social insurance",
	"bhxh_voluntary": "voluntary social insurance",
	"bhtn":           "unemployment insurance",
	"bhyt":           "health insurance",
	"pension":        "pension",
}

// indicatorLabel names an indicator in lang ("vi" or "en").
// A defined indicator is labelled by its name.
func indicatorLabel(ind, lang string) string {
	labels := indicatorLabelVI
	if lang == "en" {
		labels = indicatorLabelEN
	}
	if l, ok := labels[ind]; ok {
		return l
	}
	return ind
}

// HeaderVI is the canonical Vietnamese column header of key: what bhxh
// writes (reports, allocate output, the blank template) and always reads.
func HeaderVI(key string) string {
	switch key {
	case "unit":
		return "Đơn vị"
	case "code":
		return "Mã đơn vị"
	}
	if h, ok := strings.CutPrefix(key, coverage.ColumnPrefix); ok {
		return h // a defined indicator's column, under the header it was named by
	}
	if l, ok := countLabelVI[key]; ok {
		return l
	}
	if ind, ok := strings.CutPrefix(key, coverage.PlanPrefix); ok {
		return "Kế hoạch giao " + indicatorLabel(ind, "vi") + " (người)"
	}
	if ind, ok := strings.CutPrefix(key, coverage.TargetPrefix); ok {
		return "Chỉ tiêu tỷ lệ " + indicatorLabel(ind, "vi") + " (%)"
	}
	if ind, ok := strings.CutPrefix(key, coverage.RatePrefix); ok {
		return "Tỷ lệ " + indicatorLabel(ind, "vi") + " (%)"
	}
	if c, ok := strings.CutPrefix(key, coverage.PriorPrefix); ok {
		if c == "bhxh" {
			return "Cùng kỳ năm trước BHXH"
		}
		return "Cùng kỳ năm trước " + strings.TrimPrefix(countLabelVI[c], "Số người tham gia ")
	}
	return key
}

// HeaderEN is the English column header of key (reports with --lang en).
func HeaderEN(key string) string {
	switch key {
	case "unit":
		return "Unit"
	case "code":
		return "Code"
	}
	if h, ok := strings.CutPrefix(key, coverage.ColumnPrefix); ok {
		return h
	}
	if l, ok := countLabelEN[key]; ok {
		return l
	}
	if ind, ok := strings.CutPrefix(key, coverage.PlanPrefix); ok {
		return "Plan, " + indicatorLabel(ind, "en") + " (people)"
	}
	if ind, ok := strings.CutPrefix(key, coverage.TargetPrefix); ok {
		return "Target rate, " + indicatorLabel(ind, "en") + " (%)"
	}
	if ind, ok := strings.CutPrefix(key, coverage.RatePrefix); ok {
		return "Rate, " + indicatorLabel(ind, "en") + " (%)"
	}
	if c, ok := strings.CutPrefix(key, coverage.PriorPrefix); ok {
		if c == "bhxh" {
			return "Same period last year, social insurance"
		}
		return "Same period last year, " + strings.ToLower(countLabelEN[c][:1]) + countLabelEN[c][1:]
	}
	return key
}

// header returns HeaderVI or HeaderEN by lang.
func header(key, lang string) string {
	if lang == "en" {
		return HeaderEN(key)
	}
	return HeaderVI(key)
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

// indicatorTitle is the indicator's label with a capital first letter.
func indicatorTitle(ind, lang string) string {
	l := indicatorLabel(ind, lang)
	if l == "" {
		return ind
	}
	r := []rune(l)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// totalLabel names the total row bhxh adds.
func totalLabel(lang string) string {
	if lang == "en" {
		return "Total"
	}
	return coverage.DefaultTotalName
}

// words are the labels several reports share.
type words struct {
	rowNumber       string // the row-number column ("STT")
	sources         string // the sheet saying where the figures came from
	file, sheet     string
	tool, generated string
}

func wordsFor(lang string) words {
	if lang == "en" {
		return words{rowNumber: "No.", sources: "Sources", file: "File", sheet: "Sheet", tool: "Tool", generated: "Generated"}
	}
	return words{rowNumber: "STT", sources: "Nguồn", file: "Tệp", sheet: "Trang tính", tool: "Công cụ", generated: "Thời điểm lập"}
}
