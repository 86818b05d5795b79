package report

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/bhxh/bhxh/msg"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio"
)

// templateKeys are the columns of the blank input workbook, after "STT",
// in order.
var templateKeys = []string{
	"unit", "code",
	coverage.LabourForce, coverage.Population,
	coverage.BHXHMandatory, coverage.BHXHVoluntary, coverage.BHTN, coverage.BHYT,
	coverage.RetirementAgePopulation, coverage.PensionRecipients,
}

// TemplateUnit is a unit pre-filled in a template.
type TemplateUnit struct{ Name, Code string }

// TemplateOptions shape the blank workbook.
type TemplateOptions struct {
	Lang   string         // "vi" (default) or "en": headers and instructions
	Period string         // "YYYY-MM" shown in the title; "" leaves a line to fill in
	Units  []TemplateUnit // pre-filled names and codes; none = EmptyRows empty rows
}

// templateEmptyRows is how many rows a template without units offers.
const templateEmptyRows = 20

// Template layout (1-based rows).
const (
	templateTitleRow  = 1
	templatePeriodRow = 2
	templateHeaderRow = 4
	templateFirstRow  = 5
)

// maxCount is the largest count the data validation accepts, the reader's
// own limit (ErrTooLarge).
const maxCount = 200_000_000

type templateText struct {
	dataSheet, helpSheet, title, periodBlank, unitNote, stt string
	help                                                    []string
	helpHead                                                [3]string
	describe                                                map[string]string
	errTitle, errMsg, promptTitle, promptMsg                string
}

func templateTexts(lang string) templateText {
	if lang == "en" {
		return templateText{
			dataSheet: "Data", helpSheet: "Instructions",
			title:       "REPORT ON SOCIAL AND HEALTH INSURANCE PARTICIPANTS",
			periodBlank: "Tháng …… năm ……", unitNote: "Unit of measure: people", stt: wordsFor("en").rowNumber,
			help: []string{
				"How to fill in this workbook",
				"1. Type whole numbers of people (0 or more, no decimals) into the white cells of the sheet \"Data\".",
				"2. " + xlsxio.TemplateBlankEN,
				"3. Do not change, move or delete the header row; do not add a total row: bhxh adds the units up itself.",
				"4. Keep unit codes as text, with their leading zeros (04402).",
				"5. The report month is on row 2 (\"Tháng 11 năm 2023\" = November 2023); fill it in if it is blank.",
				"6. Compute the rates with: bhxh compute this-file.xlsx",
				"",
			},
			helpHead: [3]string{"Column", "Header", "What to enter"},
			describe: map[string]string{
				"unit":                           "Name of the unit (commune, ward, district…)",
				"code":                           "Official unit code, as text (e.g. 04402)",
				coverage.LabourForce:             "People from 15 to the statutory retirement age who work or seek work (labour-force survey)",
				coverage.Population:              "Population (average or resident)",
				coverage.BHXHMandatory:           "People paying mandatory social insurance",
				coverage.BHXHVoluntary:           "People paying voluntary social insurance",
				coverage.BHTN:                    "People covered by unemployment insurance",
				coverage.BHYT:                    "People holding a health-insurance card",
				coverage.RetirementAgePopulation: "People past the statutory retirement age",
				coverage.PensionRecipients:       "People receiving a pension, a monthly social-insurance allowance or the social pension",
			},
			errTitle: "Whole people only", errMsg: "Type a whole number of people, 0 or more.",
			promptTitle: "Number of people", promptMsg: "A whole number, 0 or more.",
		}
	}
	return templateText{
		dataSheet: "Số liệu", helpSheet: "Hướng dẫn",
		title:       "BÁO CÁO KẾT QUẢ PHÁT TRIỂN NGƯỜI THAM GIA BHXH, BHYT",
		periodBlank: "Tháng …… năm ……", unitNote: "Đơn vị tính: người", stt: wordsFor("vi").rowNumber,
		help: []string{
			"Hướng dẫn điền biểu mẫu",
			"1. Nhập số người (số nguyên, không âm, không có phần thập phân) vào các ô trắng của trang \"Số liệu\".",
			"2. " + xlsxio.TemplateBlankVI,
			"3. Không sửa, di chuyển hay xoá dòng tiêu đề; không thêm dòng \"Tổng cộng\": bhxh tự cộng các đơn vị.",
			"4. Giữ mã đơn vị ở dạng văn bản, đủ số 0 ở đầu (04402).",
			"5. Tháng báo cáo ghi ở dòng 2 (\"Tháng 11 năm 2023\"); điền vào nếu đang để trống.",
			"6. Tính tỷ lệ bao phủ: bhxh compute ten-tep.xlsx",
			"",
		},
		helpHead: [3]string{"Cột", "Tiêu đề", "Nội dung cần điền"},
		describe: map[string]string{
			"unit":                           "Tên đơn vị (xã, phường, huyện…)",
			"code":                           "Mã đơn vị hành chính, dạng văn bản (ví dụ 04402)",
			coverage.LabourForce:             "Số người từ 15 tuổi đến tuổi nghỉ hưu có việc làm hoặc đang tìm việc (điều tra lao động – việc làm)",
			coverage.Population:              "Dân số trung bình hoặc dân số có mặt trên địa bàn",
			coverage.BHXHMandatory:           "Số người tham gia BHXH bắt buộc",
			coverage.BHXHVoluntary:           "Số người tham gia BHXH tự nguyện",
			coverage.BHTN:                    "Số người tham gia bảo hiểm thất nghiệp",
			coverage.BHYT:                    "Số người có thẻ BHYT",
			coverage.RetirementAgePopulation: "Số người sau độ tuổi nghỉ hưu",
			coverage.PensionRecipients:       "Số người hưởng lương hưu, BHXH hằng tháng và trợ cấp hưu trí xã hội",
		},
		errTitle: "Chỉ nhập số nguyên", errMsg: "Nhập số người là số nguyên, không âm.",
		promptTitle: "Số người", promptMsg: "Số nguyên, không âm.",
	}
}

// periodTitle is the title line of a period: "Tháng 11 năm 2023" (what
// the reader takes the period from).
func periodTitle(period string) string {
	y, m, ok := strings.Cut(period, "-")
	if !ok {
		return ""
	}
	mi, err := strconv.Atoi(m)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("Tháng %d năm %s", mi, y)
}

// WriteTemplate writes a blank input workbook: a title, the canonical
// headers, data cells that accept only whole numbers ≥ 0, the header
// locked (the sheet is protected without a password, data cells are not
// locked), and an instructions sheet after the data sheet. compute reads
// it as it is.
func WriteTemplate(w io.Writer, opt TemplateOptions) error {
	tx := templateTexts(opt.Lang)
	f := newWorkbook()
	defer f.Close()
	sh := tx.dataSheet
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	ncols := 1 + len(templateKeys)
	lastCol := colName(ncols)

	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	unlocked := &excelize.Protection{Locked: false}
	styles := map[string]*excelize.Style{
		"title":  {Font: &excelize.Font{Bold: true, Size: 13}, Alignment: &excelize.Alignment{Horizontal: "center"}},
		"period": {Font: &excelize.Font{Italic: true}, Alignment: &excelize.Alignment{Horizontal: "center"}},
		"note":   {Font: &excelize.Font{Italic: true}, Alignment: &excelize.Alignment{Horizontal: "right"}},
		"head": {Font: &excelize.Font{Bold: true}, Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		"stt":   {Border: border, Alignment: &excelize.Alignment{Horizontal: "center"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}},
		"text":  {Border: border, NumFmt: 49, Protection: unlocked},
		"count": {Border: border, NumFmt: 3, Protection: unlocked},
	}
	ids := map[string]int{}
	// In a fixed order: style ids follow creation, and the file must not
	// change from run to run.
	for _, name := range slices.Sorted(maps.Keys(styles)) {
		id, err := f.NewStyle(styles[name])
		if err != nil {
			return err
		}
		ids[name] = id
	}
	if opt.Period == "" {
		// The month is to be filled in: that cell stays editable.
		s := *styles["period"]
		s.Protection = unlocked
		id, err := f.NewStyle(&s)
		if err != nil {
			return err
		}
		ids["period"] = id
	}

	// Title block.
	period := tx.periodBlank
	if opt.Period != "" {
		if period = periodTitle(opt.Period); period == "" {
			return msg.Errorf("period %q: want YYYY-MM", "kỳ %q: cần dạng YYYY-MM", opt.Period)
		}
	}
	for _, c := range []struct {
		row         int
		text, style string
	}{{templateTitleRow, tx.title, "title"}, {templatePeriodRow, period, "period"}, {templatePeriodRow + 1, tx.unitNote, "note"}} {
		a, b := "A"+strconv.Itoa(c.row), lastCol+strconv.Itoa(c.row)
		if err := f.MergeCell(sh, a, b); err != nil {
			return err
		}
		if err := f.SetCellStr(sh, a, c.text); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, a, b, ids[c.style]); err != nil {
			return err
		}
	}

	// Header.
	headers := []string{tx.stt}
	for _, k := range templateKeys {
		headers = append(headers, header(k, opt.Lang))
	}
	for c, h := range headers {
		if err := f.SetCellStr(sh, cellName(c+1, templateHeaderRow), h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sh, "A"+strconv.Itoa(templateHeaderRow), lastCol+strconv.Itoa(templateHeaderRow), ids["head"]); err != nil {
		return err
	}
	// the capitals' stacked accents ("BÁO CÁO KẾT QUẢ") need the room
	if err := f.SetRowHeight(sh, templateTitleRow, 22); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, templateHeaderRow, 105); err != nil {
		return err
	}

	// Data rows.
	n := len(opt.Units)
	if n == 0 {
		n = templateEmptyRows
	}
	first, last := templateFirstRow, templateFirstRow+n-1
	if err := f.SetCellStyle(sh, cellName(1, first), cellName(1, last), ids["stt"]); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, cellName(2, first), cellName(3, last), ids["text"]); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, cellName(4, first), cellName(ncols, last), ids["count"]); err != nil {
		return err
	}
	for i, u := range opt.Units {
		row := first + i
		if err := f.SetCellInt(sh, cellName(1, row), int64(i+1)); err != nil {
			return err
		}
		if err := f.SetCellStr(sh, cellName(2, row), u.Name); err != nil {
			return err
		}
		if u.Code != "" {
			if err := f.SetCellStr(sh, cellName(3, row), u.Code); err != nil {
				return err
			}
		}
	}
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(cellName(4, first) + ":" + cellName(ncols, last))
	if err := dv.SetRange(0, maxCount, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, tx.errTitle, tx.errMsg)
	dv.SetInput(tx.promptTitle, tx.promptMsg)
	if err := f.AddDataValidation(sh, dv); err != nil {
		return err
	}

	widths := []float64{6, 28, 11}
	for c := 0; c < ncols; c++ {
		wd := 11.0 // narrow enough to print at ≥ 8 points, the head wraps
		if c < len(widths) {
			wd = widths[c]
		}
		col := colName(c + 1)
		if err := f.SetColWidth(sh, col, col, wd); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: templateHeaderRow,
		TopLeftCell: cellName(3, first), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if err := f.ProtectSheet(sh, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	}); err != nil {
		return err
	}

	if err := writeTemplateHelp(f, tx, opt.Lang); err != nil {
		return err
	}
	// Printed, the form fits one landscape A4 page wide (the title and the
	// columns are not cut across pages), its header on every page.
	if err := printSheets(f, tx.title, periodTitle(opt.Period), opt.Lang, map[string]printSheet{
		sh:           {landscape: true, headRows: [2]int{templateHeaderRow, templateHeaderRow}},
		tx.helpSheet: {landscape: true},
	}); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

func writeTemplateHelp(f *excelize.File, tx templateText, lang string) error {
	sh := tx.helpSheet
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	row := 1
	for i, line := range tx.help {
		if err := f.SetCellStr(sh, cellName(1, row), line); err != nil {
			return err
		}
		if i == 0 {
			if err := f.SetCellStyle(sh, "A1", "A1", bold); err != nil {
				return err
			}
		}
		row++
	}
	for c, h := range tx.helpHead {
		if err := f.SetCellStr(sh, cellName(c+1, row), h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sh, cellName(1, row), cellName(3, row), bold); err != nil {
		return err
	}
	row++
	for i, k := range templateKeys {
		col := colName(i + 2)
		for c, v := range []string{col, header(k, lang), tx.describe[k]} {
			if err := f.SetCellStr(sh, cellName(c+1, row), v); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(sh, cellName(2, row), cellName(3, row), wrap); err != nil {
			return err
		}
		row++
	}
	for c, wd := range []float64{8, 44, 80} {
		col := colName(c + 1)
		if err := f.SetColWidth(sh, col, col, wd); err != nil {
			return err
		}
	}
	return nil
}
