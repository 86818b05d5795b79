package report

import (
	"fmt"
	"io"
	"time"

	"github.com/bhxh/bhxh/msg"

	"github.com/xuri/excelize/v2"
)

// crosswalkText are the words of the crosswalk workbook.
type crosswalkText struct {
	data, title, from, period, table, shares, inputs, missing string
}

func crosswalkLabels(lang string) crosswalkText {
	if lang == "en" {
		return crosswalkText{data: "Data", title: "FIGURES IN THE NEW ADMINISTRATIVE UNITS (THE 2025 REORGANISATION)",
			from:   "Converted from the old units with the crosswalk %s; where each figure came from: sheet \"%s\".",
			period: "Tháng %d năm %d", table: "Crosswalk", shares: "Shares file", inputs: "Inputs",
			missing: "x = not reported (an old unit of it has no such figure)"}
	}
	return crosswalkText{data: "Số liệu", title: "SỐ LIỆU THEO ĐƠN VỊ HÀNH CHÍNH MỚI (SAU SẮP XẾP NĂM 2025)",
		from:   "Chuyển đổi từ đơn vị cũ theo bảng %s; nguồn của từng số: trang \"%s\".",
		period: "Tháng %d năm %d", table: "Bảng chuyển đổi", shares: "Tệp tỷ lệ chia", inputs: "Tệp đầu vào",
		missing: "x = không có số liệu (một đơn vị cũ của nó không báo cáo số này)"}
}

// Rows of the data sheet (1-based): compute finds the header itself. No
// line but the period's holds a date, so compute reads the period from it.
const (
	crosswalkTitleRow  = 1
	crosswalkPeriodRow = 2
	crosswalkNoteRow   = 3
	crosswalkHeadRow   = 5
)

// WriteCrosswalkXLSX writes the new units' figures as a workbook compute
// reads as it is: a title with the period, the canonical headers (Mã đơn
// vị, Đơn vị, the counts), one row per new unit, the total; then the sheet
// "Nguồn số liệu" (every figure's cells and old units) and "Nguồn" (the
// table, the shares file, the inputs with their sha256, the warnings).
func WriteCrosswalkXLSX(w io.Writer, rep *Crosswalk) error {
	l := crosswalkLabels(rep.Lang)
	words := wordsFor(rep.Lang)
	keys := crosswalkKeys(rep)
	f := newWorkbook()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", l.data); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	count, err := f.NewStyle(&excelize.Style{NumFmt: 3})
	if err != nil {
		return err
	}
	countBold, err := f.NewStyle(&excelize.Style{NumFmt: 3, Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	if err != nil {
		return err
	}
	sh := l.data
	if err := setText(f, sh, cellName(1, crosswalkTitleRow), l.title, bold); err != nil {
		return err
	}
	if p, err := time.Parse("2006-01", rep.Period); err == nil {
		if err := f.SetCellStr(sh, cellName(1, crosswalkPeriodRow), fmt.Sprintf(l.period, int(p.Month()), p.Year())); err != nil {
			return err
		}
	}
	if err := f.SetCellStr(sh, cellName(1, crosswalkNoteRow), fmt.Sprintf(l.from, rep.Table.Name, sourceLabelsFor(rep.Lang).sheet)); err != nil {
		return err
	}
	heads := []string{words.rowNumber, header("code", rep.Lang), header("unit", rep.Lang)}
	for _, k := range keys {
		heads = append(heads, header(k, rep.Lang))
	}
	for i, h := range heads {
		if err := setText(f, sh, cellName(i+1, crosswalkHeadRow), h, head); err != nil {
			return err
		}
	}
	row := crosswalkHeadRow + 1
	missing := false
	for i, u := range rep.Units {
		if err := f.SetCellInt(sh, cellName(1, row), int64(i+1)); err != nil {
			return err
		}
		if err := f.SetCellStr(sh, cellName(2, row), u.Code); err != nil {
			return err
		}
		if err := f.SetCellStr(sh, cellName(3, row), u.Name); err != nil {
			return err
		}
		for j, k := range keys {
			c := cellName(4+j, row)
			v, ok := u.Counts[k]
			if !ok {
				missing = true
				if err := f.SetCellStr(sh, c, "x"); err != nil {
					return err
				}
				continue
			}
			if err := f.SetCellInt(sh, c, v); err != nil {
				return err
			}
			if err := f.SetCellStyle(sh, c, c, count); err != nil {
				return err
			}
		}
		row++
	}
	if err := setText(f, sh, cellName(3, row), totalLabel(rep.Lang), bold); err != nil {
		return err
	}
	for j, k := range crosswalkKeys(rep) {
		c := cellName(4+j, row)
		if err := f.SetCellInt(sh, c, crosswalkTotal(rep, keys)[k]); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, c, c, countBold); err != nil {
			return err
		}
	}
	if missing {
		if err := f.SetCellStr(sh, cellName(1, row+2), l.missing); err != nil {
			return err
		}
	}
	for i, wd := range append([]float64{6, 10, 30}, repeat(18, len(keys))...) {
		if err := f.SetColWidth(sh, colName(i+1), colName(i+1), wd); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(sh, crosswalkHeadRow, 48); err != nil {
		return err
	}
	// the data sheet opens first
	f.SetActiveSheet(0)
	if err := writeSourcesSheet(f, unitPtrs(rep.Units), rep.Lang, l.title); err != nil {
		return err
	}
	if err := crosswalkSourcesSheet(f, rep, l, words, bold); err != nil {
		return err
	}
	if err := printSheets(f, l.title, "", rep.Lang, map[string]printSheet{
		l.data:        {landscape: true, headRows: [2]int{crosswalkHeadRow, crosswalkHeadRow}},
		words.sources: {landscape: true},
	}); err != nil {
		return err
	}
	ts := rep.Generated.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Created: ts, Modified: ts, Creator: rep.Tool, LastModifiedBy: rep.Tool, Title: l.title}); err != nil {
		return err
	}
	return f.Write(w)
}

func repeat(v float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// crosswalkSourcesSheet is the "Nguồn" sheet: the table, the shares, the
// inputs with their sha256 (so --skip-unchanged style checks can read
// them), the warnings, the tool and the time.
func crosswalkSourcesSheet(f *excelize.File, rep *Crosswalk, l crosswalkText, words words, bold int) error {
	sh := words.sources
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	row := 1
	put := func(style int, vals ...string) error {
		for j, v := range vals {
			c := cellName(j+1, row)
			if err := f.SetCellStr(sh, c, v); err != nil {
				return err
			}
			if j == 0 && style != 0 {
				if err := f.SetCellStyle(sh, c, c, style); err != nil {
					return err
				}
			}
		}
		row++
		return nil
	}
	lines := [][]string{{l.table, rep.Table.Name, rep.Table.Effective, rep.Table.SHA256}, {"", rep.Table.Source}}
	if rep.Shares != nil {
		lines = append(lines, []string{l.shares, rep.Shares.File, "", rep.Shares.SHA256})
	}
	lines = append(lines, []string{l.inputs})
	for _, in := range rep.Inputs {
		lines = append(lines, []string{"", in.File, in.Sheet, in.SHA256})
	}
	for _, ln := range lines {
		if err := put(bold, ln...); err != nil {
			return err
		}
	}
	row++
	for _, is := range rep.Issues {
		if err := put(0, is.LevelIn(msg.Lang(rep.Lang)), is.Code, is.File, is.Message.In(msg.Lang(rep.Lang))); err != nil {
			return err
		}
	}
	row++
	if err := put(bold, words.tool, rep.Tool); err != nil {
		return err
	}
	if err := put(bold, words.generated, rep.Generated.Format(time.RFC3339)); err != nil {
		return err
	}
	for col, w := range []float64{22, 40, 22, 66} {
		if err := f.SetColWidth(sh, colName(col+1), colName(col+1), w); err != nil {
			return err
		}
	}
	return nil
}
