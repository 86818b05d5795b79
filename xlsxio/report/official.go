package report

import (
	"fmt"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// The foot of a report an office prints, signs and forwards: the date and
// place line over the head of unit's signature on the right, the preparer's
// on the left, as Vietnamese administrative forms have them. One writer for
// every report that has it (compute's summary, allocate's sheet).

// officialFoot is what the foot says.
type officialFoot struct {
	lang  string    // "vi" or "en"
	place string    // "Hà Nội"; "" leaves the line to fill in by hand
	date  time.Time // the report's time, already in its reader's zone
}

// officialWords are the foot's words in one language.
type officialWords struct {
	preparedBy, head       string // the two signatures' titles
	preparedNote, headNote string // what goes under each
}

func officialWordsFor(lang string) officialWords {
	if lang == "en" {
		return officialWords{preparedBy: "PREPARED BY", head: "HEAD OF UNIT",
			preparedNote: "(Signature, full name)", headNote: "(Signature, full name, seal)"}
	}
	return officialWords{preparedBy: "NGƯỜI LẬP BIỂU", head: "THỦ TRƯỞNG ĐƠN VỊ",
		preparedNote: "(Ký, ghi rõ họ tên)", headNote: "(Ký, ghi rõ họ tên, đóng dấu)"}
}

// dateLine is "Hà Nội, ngày 30 tháng 11 năm 2026" ("Hanoi, 30 November
// 2026"). Without a place the whole line is left blank to fill in: a
// report is often printed and signed days after it was made, and the
// date on a signed page is the day it is signed (the time the figures
// were made is on the sources sheet).
func (ft officialFoot) dateLine() string {
	if ft.place == "" {
		if ft.lang == "en" {
			return "…………………, …… ……………… 20……"
		}
		return "…………………, ngày …… tháng …… năm 20……"
	}
	d := ft.date
	if ft.lang == "en" {
		return fmt.Sprintf("%s, %d %s %d", ft.place, d.Day(), d.Month(), d.Year())
	}
	// As Nghị định 30/2020/NĐ-CP writes dates: a day below 10, and
	// months 1 and 2, with a leading 0 ("ngày 05 tháng 02", "tháng 3").
	month := strconv.Itoa(int(d.Month()))
	if d.Month() <= time.February {
		month = "0" + month
	}
	return fmt.Sprintf("%s, ngày %02d tháng %s năm %d", ft.place, d.Day(), month, d.Year())
}

// writeOfficialFoot writes the foot from row across columns first..last:
// the preparer on their left half, the date and place line over the head
// of unit on their right half, each merged over its half and centred (a
// printed page shows them at a quarter and three quarters of its width,
// whatever the columns' widths). One column gets its neighbour as the
// right half. Styles are made in f; sw merges, styles and sets heights
// (f itself, or a report's own cells); set writes a text cell (a report
// may track what it writes). It returns the last row written.
func writeOfficialFoot(f *excelize.File, sw sheetWriter, sheet string, row, first, last int, ft officialFoot,
	set func(cell, v string) error) (int, error) {
	last = max(last, first+1)
	mid := first + (last-first+1)/2 // the right half's first column
	w := officialWordsFor(ft.lang)
	// Wrapped, in rows two lines high: under the narrow last block of a
	// summary printed in blocks a half may be a column or two wide, and
	// a merged cell never spills its text over its neighbours.
	center := &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}
	styles := map[string]*excelize.Style{
		"date": {Font: &excelize.Font{Italic: true}, Alignment: center},
		"sign": {Font: &excelize.Font{Bold: true}, Alignment: center},
		"note": {Font: &excelize.Font{Italic: true}, Alignment: center},
	}
	left, right := [2]int{first, mid - 1}, [2]int{mid, last}
	cells := []struct {
		cols  [2]int
		row   int
		text  string
		style string
	}{
		{right, row, ft.dateLine(), "date"},
		{left, row + 1, w.preparedBy, "sign"},
		{right, row + 1, w.head, "sign"},
		{left, row + 2, w.preparedNote, "note"},
		{right, row + 2, w.headNote, "note"},
	}
	for _, c := range cells {
		id, err := f.NewStyle(styles[c.style])
		if err != nil {
			return 0, err
		}
		from, to := cellName(c.cols[0], c.row), cellName(c.cols[1], c.row)
		if to != from {
			if err := sw.MergeCell(sheet, from, to); err != nil {
				return 0, err
			}
		}
		if err := set(from, c.text); err != nil {
			return 0, err
		}
		if err := sw.SetCellStyle(sheet, from, to, id); err != nil {
			return 0, err
		}
	}
	for r := row; r <= row+2; r++ {
		if err := sw.SetRowHeight(sheet, r, 30); err != nil {
			return 0, err
		}
	}
	return row + 2, nil
}
