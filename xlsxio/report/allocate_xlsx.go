package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/coverage"
)

// Sheet names of the allocation workbook.
const (
	allocateSheet = "Giao chỉ tiêu"
	methodSheet   = "Phương pháp"
)

// WriteAllocateXLSX writes the allocation workbook: a printable "Giao chỉ
// tiêu" sheet that `bhxh compute --targets` reads as it is (headers are
// HeaderVI of canonical keys), and a "Phương pháp" sheet explaining how the
// figures were reached. Numbers are written as numbers, never via float64.
func WriteAllocateXLSX(w io.Writer, rep *Allocate) error {
	f := newWorkbook()
	defer f.Close()
	sh := allocateSheet
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	cols := allocColumns(rep)
	ncols := 1 + len(cols) // "STT" first
	last := colName(ncols)

	title, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13},
		Alignment: &excelize.Alignment{Horizontal: "center", WrapText: true}})
	sub, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true},
		Alignment: &excelize.Alignment{Horizontal: "center"}})
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1}, {Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	head, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	text, _ := f.NewStyle(&excelize.Style{Border: border})
	count, _ := f.NewStyle(&excelize.Style{Border: border, NumFmt: 3}) // #,##0
	pct, _ := f.NewStyle(&excelize.Style{Border: border, NumFmt: 2})   // 0.00
	boldText, _ := f.NewStyle(&excelize.Style{Border: border, Font: &excelize.Font{Bold: true}})
	boldCount, _ := f.NewStyle(&excelize.Style{Border: border, NumFmt: 3, Font: &excelize.Font{Bold: true}})
	boldPct, _ := f.NewStyle(&excelize.Style{Border: border, NumFmt: 2, Font: &excelize.Font{Bold: true}})

	set := func(cell, v string) error { return f.SetCellValue(sh, cell, v) }
	heading := "BẢNG GIAO CHỈ TIÊU PHÁT TRIỂN NGƯỜI THAM GIA " + strings.ToUpper(indicatorLabel(rep.Indicator, "vi"))
	if err := set("A1", heading); err != nil {
		return err
	}
	_ = f.MergeCell(sh, "A1", last+"1")
	_ = f.SetCellStyle(sh, "A1", "A1", title)
	_ = f.SetRowHeight(sh, 1, 36)
	_ = set("A2", fmt.Sprintf("(%s; %s)", methodShort(rep), "đơn vị tính: người"))
	_ = f.MergeCell(sh, "A2", last+"2")
	_ = f.SetCellStyle(sh, "A2", "A2", sub)

	const headRow = 4
	if err := set(cellName(1, headRow), wordsFor("vi").rowNumber); err != nil {
		return err
	}
	for i, c := range cols {
		if err := set(cellName(i+2, headRow), allocHeader(c.key, "vi")); err != nil {
			return err
		}
	}
	_ = f.SetCellStyle(sh, "A"+strconv.Itoa(headRow), last+strconv.Itoa(headRow), head)
	_ = f.SetRowHeight(sh, headRow, 48)

	rows := allocRows(rep)
	for ri, r := range rows {
		row := headRow + 1 + ri
		isTotal := ri == len(rows)-1
		for i := range ncols {
			cell := cellName(i+1, row)
			st := count
			var fig figure
			if i > 0 {
				fig = cols[i-1].of(r)
			}
			switch {
			case i == 0: // STT
				if !isTotal {
					_ = f.SetCellInt(sh, cell, int64(ri+1))
				}
				st = text
			case fig.kind == wordFigure:
				v := fig.word
				if isTotal && cols[i-1].key == "unit" {
					v = totalLabel("vi") // the sheet is Vietnamese whatever --lang
				}
				if err := set(cell, v); err != nil {
					return err
				}
				st = text
			case fig.kind == noFigure || (fig.kind == pctFigure && !usableTarget(fig)):
				st = text
			case fig.kind == countFigure:
				if err := f.SetCellInt(sh, cell, fig.n); err != nil {
					return err
				}
			default: // a target rate a targets file accepts
				if err := f.SetCellDefault(sh, cell, fig.text(allocRateDecimals)); err != nil {
					return err
				}
				st = pct
			}
			if isTotal {
				switch st {
				case text:
					st = boldText
				case count:
					st = boldCount
				case pct:
					st = boldPct
				}
			}
			_ = f.SetCellStyle(sh, cell, cell, st)
		}
	}
	_ = f.SetColWidth(sh, "A", "A", 5)
	_ = f.SetColWidth(sh, "B", "B", 28)
	_ = f.SetColWidth(sh, "C", last, 16)

	// The date and place line and the signatures, two rows below the
	// table, across the columns after "STT"; Vietnamese, as the sheet.
	foot := officialFoot{lang: "vi", place: rep.Place, date: rep.Generated}
	end, err := writeOfficialFoot(f, f, sh, headRow+len(rows)+2, 2, ncols, foot, set)
	if err != nil {
		return err
	}
	// they print under the last unit and the total
	tail := [2]int{headRow + max(len(rows)-1, 1), end}

	if err := writeMethodSheet(f, rep); err != nil {
		return err
	}
	// Print: A4, landscape when wide, one page wide; the method's long
	// lines landscape too.
	if err := printSheets(f, heading, "", "vi", map[string]printSheet{
		sh:          {landscape: ncols > 7, headRows: [2]int{headRow, headRow}, tail: tail},
		methodSheet: {landscape: true},
	}); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

func methodShort(rep *Allocate) string {
	s := "phương pháp " + methodName(rep.Allocation.Method, "vi") + ", làm tròn " + roundingName(rep.Allocation.Rounding, "vi")
	if rep.Rate != nil {
		s = "tỷ lệ " + formatVI(rep.Rate.String()) + "%, " + s
	}
	return s
}

// writeMethodSheet explains the method and every parameter in Vietnamese.
func writeMethodSheet(f *excelize.File, rep *Allocate) error {
	sh := methodSheet
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	a := rep.Allocation
	ind, _ := coverage.IndicatorByKey(rep.Indicator)
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	yesNo := func(b bool) string {
		if b {
			return "có"
		}
		return "không"
	}
	total := formatVI(strconv.FormatInt(a.Target, 10)) + " người"
	if rep.Rate != nil {
		total += fmt.Sprintf(" = ⌈%s%% × %s⌉ (số người ít nhất để đạt tỷ lệ)", formatVI(rep.Rate.String()),
			formatVI(strconv.FormatInt(a.Denominator, 10)))
	}
	lines := [][2]string{
		{"PHƯƠNG PHÁP GIAO CHỈ TIÊU", ""},
		{"Chỉ tiêu", fmt.Sprintf("%s (%s): tử số %s; mẫu số %s", indicatorLabel(rep.Indicator, "vi"), rep.Indicator,
			strings.Join(headersVI(ind.Numerator), " + "), HeaderVI(ind.Denominator))},
		{"Số liệu cơ sở", baselineText(rep)},
		{"Tổng chỉ tiêu giao", total},
		{"Cách chia", methodText(a.Method, false)},
		{"Làm tròn thành số người", roundingText(a.Rounding, false)},
		{"Không giảm so với hiện có", yesNo(rep.NoDecrease) + " — đơn vị đã vượt mức chia được giữ nguyên số hiện có, phần còn lại chia lại cho các đơn vị khác cho đến khi ổn định"},
		{"Tối thiểu mỗi đơn vị", strconv.FormatInt(rep.Min, 10) + " người"},
		{"Trần", "không đơn vị nào được giao quá mẫu số của mình"},
		{"Tổng các đơn vị", "bằng đúng tổng chỉ tiêu giao (" + formatVI(strconv.FormatInt(a.Target, 10)) + " người)"},
		{"Tỷ lệ chỉ tiêu", "chỉ tiêu ÷ mẫu số × 100, làm tròn nửa lên 2 chữ số thập phân; các phép chia đều tính chính xác bằng phân số"},
	}
	if rep.By != "" {
		lines = append(lines, [2]string{"Chia theo nhóm", fmt.Sprintf("theo cột %q, chỉ tiêu từng nhóm lấy từ %s", rep.By, rep.Parents)})
	}
	lines = append(lines,
		[2]string{"Dùng tiếp", "Tệp này đọc được trực tiếp bằng: bhxh compute --targets <tệp này> <số liệu thực hiện>"},
		[2]string{wordsFor("vi").tool, rep.Tool},
		[2]string{wordsFor("vi").generated, rep.Generated.Format(time.RFC3339)},
	)
	// The heading in capitals: a row tall enough for stacked accents
	// (the hook and dot of "Ư", "Ỉ"), which 15 points clipped.
	heading, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	for i, l := range lines {
		r := strconv.Itoa(i + 1)
		if err := f.SetCellValue(sh, "A"+r, l[0]); err != nil {
			return err
		}
		if err := f.SetCellValue(sh, "B"+r, l[1]); err != nil {
			return err
		}
		_ = f.SetCellStyle(sh, "A"+r, "A"+r, bold)
		_ = f.SetCellStyle(sh, "B"+r, "B"+r, wrap)
	}
	_ = f.SetCellStyle(sh, "A1", "A1", heading)
	if err := f.SetRowHeight(sh, 1, 26); err != nil {
		return err
	}
	_ = f.SetColWidth(sh, "A", "A", 28)
	_ = f.SetColWidth(sh, "B", "B", 100)
	return nil
}

func headersVI(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = HeaderVI(k)
	}
	return out
}

func baselineText(rep *Allocate) string {
	if rep.Sheet != "" {
		return fmt.Sprintf("%s, trang tính %q, %d đơn vị", rep.Baseline, rep.Sheet, len(rep.Allocation.Units))
	}
	return fmt.Sprintf("%s, %d đơn vị", rep.Baseline, len(rep.Allocation.Units))
}

// methodName is a method as a reader of lang calls it in a line: its
// --method value in English, its Vietnamese name otherwise.
func methodName(m coverage.Method, lang string) string {
	if lang == "en" {
		return string(m)
	}
	switch m {
	case coverage.Proportional:
		return "tỷ lệ đều"
	case coverage.Uncovered:
		return "theo số chưa tham gia"
	case coverage.CurrentShare:
		return "theo số hiện có"
	}
	return "theo trọng số cột " + m.WeightColumn()
}

// roundingName is a rounding as a reader of lang calls it in a line.
func roundingName(r coverage.Rounding, lang string) string {
	if lang == "en" {
		return string(r)
	}
	switch r {
	case coverage.Webster:
		return "Webster (Sainte-Laguë)"
	case coverage.DHondt:
		return "D'Hondt"
	case coverage.HuntingtonHill:
		return "Huntington–Hill"
	}
	return "phần dư lớn nhất"
}

// methodText explains a method in Vietnamese or English.
func methodText(m coverage.Method, en bool) string {
	switch m {
	case coverage.Proportional:
		if en {
			return "proportional: every unit aims at the same rate (target = total × denominator ÷ Σ denominators)"
		}
		return "Tỷ lệ đều (proportional): mọi đơn vị cùng hướng tới một tỷ lệ; chỉ tiêu = tổng chỉ tiêu × mẫu số của đơn vị ÷ tổng mẫu số"
	case coverage.Uncovered:
		if en {
			return "uncovered: the increase is shared in proportion to the people not yet covered (denominator − current)"
		}
		return "Theo số chưa tham gia (uncovered): số tăng thêm chia theo tỷ lệ số người chưa tham gia (mẫu số − hiện có) của từng đơn vị"
	case coverage.CurrentShare:
		if en {
			return "current: the increase is shared in proportion to current participants (equal growth)"
		}
		return "Theo số hiện có (current): số tăng thêm chia theo tỷ lệ số người đang tham gia (cùng tốc độ tăng)"
	}
	if en {
		return "weight: the increase is shared in proportion to column " + m.WeightColumn()
	}
	return "Theo trọng số (weight): số tăng thêm chia theo tỷ lệ cột " + m.WeightColumn()
}

func roundingText(r coverage.Rounding, en bool) string {
	switch r {
	case coverage.Webster:
		if en {
			return "Webster (Sainte-Laguë) divisor method"
		}
		return "Phương pháp số chia Webster (Sainte-Laguë), số chia s + ½"
	case coverage.DHondt:
		if en {
			return "D'Hondt (Jefferson) divisor method"
		}
		return "Phương pháp số chia D'Hondt (Jefferson), số chia s + 1"
	case coverage.HuntingtonHill:
		if en {
			return "Huntington–Hill (equal proportions) divisor method"
		}
		return "Phương pháp Huntington–Hill (tỷ lệ cân bằng), số chia √(s(s+1))"
	}
	if en {
		return "largest remainder (Hamilton): floor every share, one more person to the largest fractions; ties to the larger denominator, then the earlier row"
	}
	return "Phần dư lớn nhất (Hamilton): lấy phần nguyên của từng phần chia, mỗi người còn lại giao cho đơn vị có phần lẻ lớn nhất; bằng nhau thì ưu tiên đơn vị có mẫu số lớn hơn, rồi đơn vị đứng trước"
}
