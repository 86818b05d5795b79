package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/coverage"
)

// allocateSchema names the JSON document of `bhxh allocate`.
const allocateSchema = "bhxh.allocate/v1"

// Sheet names of the allocation workbook.
const (
	allocateSheet = "Giao chỉ tiêu"
	methodSheet   = "Phương pháp"
)

// Allocate is everything an allocation report shows. Writers render
// it; none computes.
type Allocate struct {
	Indicator  string // indicator key ("bhxh")
	Allocation coverage.Allocation
	Rate       *decimal.Decimal // the --rate asked for, nil with --total
	Min        int64
	NoDecrease bool
	By         string // --by column, "" when not hierarchical
	Parents    string // --parent-targets file name
	Baseline   string // baseline file (base name)
	Sheet      string // baseline sheet, "" for CSV
	Lang       string // "vi" or "en": table headers
	Tool       string
	Generated  time.Time
}

// rateString is the target rate rounded half-up to 2 decimals, or nil.
func rateString(target, den int64) *string {
	p, ok := coverage.NewPct(target, den)
	if !ok {
		return nil
	}
	s := p.Format(2)
	return &s
}

type allocJSONUnit struct {
	Name        string  `json:"name"`
	Code        *string `json:"code"`
	Denominator int64   `json:"denominator"`
	Current     int64   `json:"current"`
	Target      int64   `json:"target"`
	Increment   int64   `json:"increment"`
	TargetRate  *string `json:"target_rate"`
}

type allocJSONTotal struct {
	Denominator int64   `json:"denominator"`
	Current     int64   `json:"current"`
	Target      int64   `json:"target"`
	Increment   int64   `json:"increment"`
	TargetRate  *string `json:"target_rate"`
}

type allocJSON struct {
	Schema      string          `json:"schema"`
	Indicator   string          `json:"indicator"`
	Method      string          `json:"method"`
	Rounding    string          `json:"rounding"`
	TotalTarget int64           `json:"total_target"`
	Units       []allocJSONUnit `json:"units"`
	Total       allocJSONTotal  `json:"total"`
}

// WriteAllocateJSON writes rep as bhxh.allocate/v1.
func WriteAllocateJSON(w io.Writer, rep *Allocate) error {
	a := rep.Allocation
	doc := allocJSON{
		Schema: allocateSchema, Indicator: rep.Indicator, Method: string(a.Method),
		Rounding: string(a.Rounding), TotalTarget: a.Target, Units: []allocJSONUnit{},
		Total: allocJSONTotal{Denominator: a.Denominator, Current: a.Current, Target: a.Target,
			Increment: a.Increment(), TargetRate: rateString(a.Target, a.Denominator)},
	}
	for _, u := range a.Units {
		ju := allocJSONUnit{Name: u.Name, Denominator: u.Denominator, Current: u.Current,
			Target: u.Target, Increment: u.Increment(), TargetRate: rateString(u.Target, u.Denominator)}
		if u.Code != "" {
			c := u.Code
			ju.Code = &c
		}
		doc.Units = append(doc.Units, ju)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// allocColumns are the report's columns, by canonical key where one exists
// (so the xlsx reads back as a targets file): unit, code (when any unit has
// one), the denominator, the current count(s), plan_<ind> (the target in
// people), the increment, and target_<ind> (the target rate).
type allocColumn struct {
	key   string // canonical key, or "increment" / "current"
	value func(u coverage.AllocatedUnit, counts map[string]int64) string
}

const incrementKey = "increment"

func allocHeader(key, ind, lang string) string {
	if key == incrementKey {
		if lang == "en" {
			return "Increase (people)"
		}
		return "Số người tăng thêm"
	}
	return Header(key, lang)
}

// allocKeys lists the report's column keys.
func allocKeys(rep *Allocate) []string {
	ind, _ := coverage.IndicatorByKey(rep.Indicator)
	keys := []string{"unit"}
	if allocationHasCodes(rep.Allocation) {
		keys = append(keys, "code")
	}
	keys = append(keys, ind.Denominator)
	keys = append(keys, ind.Numerator...)
	return append(keys, coverage.PlanPrefix+ind.Key, incrementKey, coverage.TargetPrefix+ind.Key)
}

func allocationHasCodes(a coverage.Allocation) bool {
	for _, u := range a.Units {
		if u.Code != "" {
			return true
		}
	}
	return false
}

// allocRow returns one row of cells by key; numbers as plain decimal text.
// parts are the unit's numerator counts when the indicator sums several
// (bhxh = mandatory + voluntary); nil means "show current in the first".
func allocRow(rep *Allocate, name, code string, den, cur, target int64, parts map[string]int64) map[string]string {
	ind, _ := coverage.IndicatorByKey(rep.Indicator)
	row := map[string]string{
		"unit": name, "code": code,
		ind.Denominator:                 strconv.FormatInt(den, 10),
		coverage.PlanPrefix + ind.Key:   strconv.FormatInt(target, 10),
		incrementKey:                    strconv.FormatInt(target-cur, 10),
		coverage.TargetPrefix + ind.Key: "",
	}
	if r := rateString(target, den); r != nil {
		row[coverage.TargetPrefix+ind.Key] = *r
	}
	for i, k := range ind.Numerator {
		switch {
		case parts != nil:
			row[k] = strconv.FormatInt(parts[k], 10)
		case i == 0:
			row[k] = strconv.FormatInt(cur, 10)
		default:
			row[k] = ""
		}
	}
	return row
}

// AllocateParts optionally carries each unit's numerator counts (for an
// indicator that sums several, such as bhxh); nil writes current only.
type AllocateParts []map[string]int64

// WriteAllocateCSV writes one row per unit plus the total, canonical column
// names, UTF-8 with BOM, '.' as the decimal point.
func WriteAllocateCSV(w io.Writer, rep *Allocate, parts AllocateParts) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	keys := allocKeys(rep)
	cw := csv.NewWriter(w)
	if err := cw.Write(keys); err != nil {
		return err
	}
	for _, r := range allocRows(rep, parts) {
		rec := make([]string, len(keys))
		for i, k := range keys {
			rec[i] = r[k]
			if strings.HasPrefix(k, coverage.TargetPrefix) && !usableTarget(r[k]) {
				rec[i] = ""
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// allocRows returns the units' rows then the total row.
func allocRows(rep *Allocate, parts AllocateParts) []map[string]string {
	a := rep.Allocation
	ind, _ := coverage.IndicatorByKey(rep.Indicator)
	var rows []map[string]string
	sums := map[string]int64{}
	for i, u := range a.Units {
		var p map[string]int64
		if parts != nil {
			p = parts[i]
			for _, k := range ind.Numerator {
				sums[k] += p[k]
			}
		}
		rows = append(rows, allocRow(rep, u.Name, u.Code, u.Denominator, u.Current, u.Target, p))
	}
	if parts == nil {
		sums = nil
	}
	rows = append(rows, allocRow(rep, totalLabel(rep.Lang), "", a.Denominator, a.Current, a.Target, sums))
	return rows
}

// usableTarget: a targets file holds rates in (0, 100] only (compute
// refuses others); a unit allocated 0 people, or already above its
// denominator, keeps its plan and gets no rate cell.
func usableTarget(s string) bool {
	d, err := decimal.NewFromString(s)
	return err == nil && d.IsPositive() && !d.GreaterThan(decimal.NewFromInt(100))
}

func totalLabel(lang string) string {
	if lang == "en" {
		return "Total"
	}
	return coverage.DefaultTotalName
}

// WriteAllocateTable writes the allocation as a text table: Vietnamese
// headers and number style by default, English with Lang "en".
func WriteAllocateTable(w io.Writer, rep *Allocate, parts AllocateParts) error {
	keys := allocKeys(rep)
	headers := make([]any, len(keys))
	align := make([]tw.Align, len(keys))
	for i, k := range keys {
		headers[i] = allocHeader(k, rep.Indicator, rep.Lang)
		align[i] = tw.AlignRight
		if k == "unit" || k == "code" {
			align[i] = tw.AlignLeft
		}
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: align}),
		tablewriter.WithFooterAlignmentConfig(tw.CellAlignment{PerColumn: align}),
	)
	t.Header(headers...)
	rows := allocRows(rep, parts)
	show := func(k, v string) string {
		if k == "unit" || k == "code" || v == "" || rep.Lang == "en" {
			return v
		}
		return coverage.FormatVI(v)
	}
	for ri, r := range rows {
		cells := make([]any, len(keys))
		for i, k := range keys {
			cells[i] = show(k, r[k])
		}
		if ri == len(rows)-1 {
			t.Footer(cells...)
		} else if err := t.Append(cells...); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, describeMethod(rep, "en" == rep.Lang))
	return err
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

// describeMethod is the one-line summary under the table.
func describeMethod(rep *Allocate, en bool) string {
	a := rep.Allocation
	total := strconv.FormatInt(a.Target, 10)
	if !en {
		total = coverage.FormatVI(total)
	}
	var b strings.Builder
	if en {
		fmt.Fprintf(&b, "Total %s people", total)
		if rep.Rate != nil {
			fmt.Fprintf(&b, " (%s%% of the denominator, rounded up)", rep.Rate.String())
		}
		fmt.Fprintf(&b, "; method %s; rounding %s", a.Method, a.Rounding)
	} else {
		fmt.Fprintf(&b, "Tổng chỉ tiêu %s người", total)
		if rep.Rate != nil {
			fmt.Fprintf(&b, " (%s%% mẫu số, làm tròn lên)", coverage.FormatVI(rep.Rate.String()))
		}
		fmt.Fprintf(&b, "; phương pháp %s; làm tròn %s", a.Method, a.Rounding)
	}
	if rep.Min > 0 {
		fmt.Fprintf(&b, "; min %d", rep.Min)
	}
	return b.String()
}

// WriteAllocateXLSX writes the allocation workbook: a printable "Giao chỉ
// tiêu" sheet that `bhxh compute --targets` reads as it is (headers are
// HeaderVI of canonical keys), and a "Phương pháp" sheet explaining how the
// figures were reached. Numbers are written as numbers, never via float64.
func WriteAllocateXLSX(w io.Writer, rep *Allocate, parts AllocateParts) error {
	f := excelize.NewFile()
	defer f.Close()
	sh := allocateSheet
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	ind, _ := coverage.IndicatorByKey(rep.Indicator)
	keys := append([]string{"stt"}, allocKeys(rep)...)
	last, _ := excelize.ColumnNumberToName(len(keys))

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
	sign, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center"}})

	set := func(cell, v string) error { return f.SetCellValue(sh, cell, v) }
	if err := set("A1", "BẢNG GIAO CHỈ TIÊU PHÁT TRIỂN NGƯỜI THAM GIA "+strings.ToUpper(IndicatorLabel(rep.Indicator, "vi"))); err != nil {
		return err
	}
	_ = f.MergeCell(sh, "A1", last+"1")
	_ = f.SetCellStyle(sh, "A1", "A1", title)
	_ = f.SetRowHeight(sh, 1, 36)
	_ = set("A2", fmt.Sprintf("(%s; %s)", methodShort(rep), "đơn vị tính: người"))
	_ = f.MergeCell(sh, "A2", last+"2")
	_ = f.SetCellStyle(sh, "A2", "A2", sub)

	const headRow = 4
	for i, k := range keys {
		cell, _ := excelize.CoordinatesToCellName(i+1, headRow)
		h := "STT"
		if k != "stt" {
			h = allocHeader(k, rep.Indicator, "vi")
		}
		if err := set(cell, h); err != nil {
			return err
		}
	}
	_ = f.SetCellStyle(sh, "A"+strconv.Itoa(headRow), last+strconv.Itoa(headRow), head)
	_ = f.SetRowHeight(sh, headRow, 48)

	rows := allocRows(rep, parts)
	for ri, r := range rows {
		row := headRow + 1 + ri
		isTotal := ri == len(rows)-1
		for i, k := range keys {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			st := count
			switch {
			case k == "stt":
				if !isTotal {
					_ = f.SetCellInt(sh, cell, int64(ri+1))
				}
				st = text
			case k == "unit" || k == "code":
				v := r[k]
				if isTotal && k == "unit" {
					v = totalLabel("vi") // the sheet is Vietnamese whatever --lang
				}
				if err := set(cell, v); err != nil {
					return err
				}
				st = text
			case r[k] == "" || (k == coverage.TargetPrefix+ind.Key && !usableTarget(r[k])):
				st = text
			default:
				if err := f.SetCellDefault(sh, cell, r[k]); err != nil {
					return err
				}
				if k == coverage.TargetPrefix+ind.Key {
					st = pct
				}
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
	lastCol, _ := excelize.ColumnNumberToName(len(keys))
	_ = f.SetColWidth(sh, "C", lastCol, 16)

	// Signature footer, two rows below the table.
	foot := headRow + len(rows) + 2
	leftCell, _ := excelize.CoordinatesToCellName(2, foot)
	rightCell, _ := excelize.CoordinatesToCellName(len(keys)-1, foot)
	_ = set(leftCell, "Người lập biểu")
	_ = set(rightCell, "Giám đốc")
	_ = f.SetCellStyle(sh, leftCell, leftCell, sign)
	_ = f.SetCellStyle(sh, rightCell, rightCell, sign)
	note, _ := excelize.CoordinatesToCellName(2, foot+1)
	noteR, _ := excelize.CoordinatesToCellName(len(keys)-1, foot+1)
	_ = set(note, "(Ký, ghi rõ họ tên)")
	_ = set(noteR, "(Ký tên, đóng dấu)")
	_ = f.SetCellStyle(sh, note, note, sub)
	_ = f.SetCellStyle(sh, noteR, noteR, sub)

	// Print: A4, landscape when wide, one page wide.
	size, fitW, fitH := 9, 1, 0
	orient := "portrait"
	if len(keys) > 7 {
		orient = "landscape"
	}
	fit := true
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &fitW, FitToHeight: &fitH}); err != nil {
		return err
	}
	_ = f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sh, headRow, headRow), Scope: sh})

	if err := writeMethodSheet(f, rep); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	_, err := f.WriteTo(w)
	return err
}

func methodShort(rep *Allocate) string {
	s := "phương pháp " + string(rep.Allocation.Method) + ", làm tròn " + string(rep.Allocation.Rounding)
	if rep.Rate != nil {
		s = "tỷ lệ " + coverage.FormatVI(rep.Rate.String()) + "%, " + s
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
	total := coverage.FormatVI(strconv.FormatInt(a.Target, 10)) + " người"
	if rep.Rate != nil {
		total += fmt.Sprintf(" = ⌈%s%% × %s⌉ (số người ít nhất để đạt tỷ lệ)", coverage.FormatVI(rep.Rate.String()),
			coverage.FormatVI(strconv.FormatInt(a.Denominator, 10)))
	}
	lines := [][2]string{
		{"PHƯƠNG PHÁP GIAO CHỈ TIÊU", ""},
		{"Chỉ tiêu", fmt.Sprintf("%s (%s): tử số %s; mẫu số %s", IndicatorLabel(rep.Indicator, "vi"), rep.Indicator,
			strings.Join(headersVI(ind.Numerator), " + "), HeaderVI(ind.Denominator))},
		{"Số liệu cơ sở", baselineText(rep)},
		{"Tổng chỉ tiêu giao", total},
		{"Cách chia", methodText(a.Method, false)},
		{"Làm tròn thành số người", roundingText(a.Rounding, false)},
		{"Không giảm so với hiện có", yesNo(rep.NoDecrease) + " — đơn vị đã vượt mức chia được giữ nguyên số hiện có, phần còn lại chia lại cho các đơn vị khác cho đến khi ổn định"},
		{"Tối thiểu mỗi đơn vị", strconv.FormatInt(rep.Min, 10) + " người"},
		{"Trần", "không đơn vị nào được giao quá mẫu số của mình"},
		{"Tổng các đơn vị", "bằng đúng tổng chỉ tiêu giao (" + coverage.FormatVI(strconv.FormatInt(a.Target, 10)) + " người)"},
		{"Tỷ lệ chỉ tiêu", "chỉ tiêu ÷ mẫu số × 100, làm tròn nửa lên 2 chữ số thập phân; các phép chia đều tính chính xác bằng phân số"},
	}
	if rep.By != "" {
		lines = append(lines, [2]string{"Chia theo nhóm", fmt.Sprintf("theo cột %q, chỉ tiêu từng nhóm lấy từ %s", rep.By, rep.Parents)})
	}
	lines = append(lines,
		[2]string{"Dùng tiếp", "Tệp này đọc được trực tiếp bằng: bhxh compute --targets <tệp này> <số liệu thực hiện>"},
		[2]string{"Công cụ", rep.Tool},
		[2]string{"Thời điểm lập", rep.Generated.UTC().Format("2006-01-02 15:04:05 UTC")},
	)
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
		return fmt.Sprintf("%s, sheet %q, %d đơn vị", rep.Baseline, rep.Sheet, len(rep.Allocation.Units))
	}
	return fmt.Sprintf("%s, %d đơn vị", rep.Baseline, len(rep.Allocation.Units))
}
