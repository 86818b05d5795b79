package xlsxio

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/bhxh/bhxh/xlsxio/grid"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

var englishMonths = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

// parsePeriod reads the reporting month "YYYY-MM" from a title line:
// "Tháng 11 năm 2023", "THÁNG 6 NĂM 2024", "tháng 10/2025", "Tính đến ngày
// 31/5/2020", "Thực hiện đến 25/11/2023", "November 2023". A month
// phrase wins over a date; ok is false when the title names no month.
// A quarter or the first months of a year give their last month (see
// parsePeriodSpan).
func parsePeriod(title string) (string, bool) {
	p, _, ok := parsePeriodSpan(title)
	return p, ok
}

// Spans a title may name instead of one month (Table.PeriodSpan).
const (
	SpanQuarter     = "quarter"                  // "Quý IV năm 2023"
	SpanFirstMonths = "first months of the year" // "6 tháng đầu năm 2024"
)

// parsePeriodSpan is parsePeriod that also says when the period is a
// quarter or the first months of a year rather than one month: span is
// SpanQuarter or SpanFirstMonths, "" for a month.
func parsePeriodSpan(title string) (period, span string, ok bool) {
	words := strings.Fields(vntext.Fold(title))
	// "thang 11 nam 2023", "thang 10 2025", "november 2023"
	for i := 0; i+1 < len(words); i++ {
		m, ok := englishMonths[words[i]]
		next := i + 1
		if words[i] == "thang" {
			m, ok = month(words[i+1]), true
			next = i + 2
		}
		if !ok || m == 0 {
			continue
		}
		if next < len(words) && (words[next] == "nam" || words[next] == "of") {
			next++
		}
		if next < len(words) {
			if y := year(words[next]); y != 0 {
				return format(y, m), "", true
			}
		}
	}
	// a quarter is its last month: "Quý IV năm 2023", "quý 4/2023";
	// "6 tháng đầu năm 2024" is June
	for i := 0; i+2 < len(words); i++ {
		next := i + 2
		m, sp := 0, SpanQuarter
		switch {
		case words[i] == "quy":
			if q := quarter(words[i+1]); q != 0 {
				m = 3 * q
			}
		case words[i+1] == "thang" && i+3 < len(words) && words[i+2] == "dau" && words[i+3] == "nam":
			m, next, sp = month(words[i]), i+4, SpanFirstMonths
		}
		if m == 0 {
			continue
		}
		if next < len(words) && words[next] == "nam" {
			next++
		}
		if next < len(words) {
			if y := year(words[next]); y != 0 {
				return format(y, m), sp, true
			}
		}
	}
	// a date "31/5/2020": day, month, year
	for i := 0; i+2 < len(words); i++ {
		d, err := strconv.Atoi(words[i])
		if err != nil || len(words[i]) > 2 || d < 1 || d > 31 {
			continue
		}
		if m, y := month(words[i+1]), year(words[i+2]); m != 0 && y != 0 {
			return format(y, m), "", true
		}
	}
	// a month and year without a word: "Kỳ báo cáo: 10/2025", not a
	// document number "06/2024/TT-BLĐTBXH" nor part of a longer date
	for _, m := range monthYear.FindAllStringSubmatch(title, -1) {
		if mo, y := month(m[1]), year(m[2]); mo != 0 && y != 0 {
			return format(y, mo), "", true
		}
	}
	return "", "", false
}

var monthYear = regexp.MustCompile(`(?:^|[^0-9/.\-])([0-9]{1,2}) ?[/.\-] ?([0-9]{4})(?:$|[^0-9/])`)

// quarter reads "iv" or "4" as 4; 0 when w is no quarter.
func quarter(w string) int {
	switch w {
	case "i", "1":
		return 1
	case "ii", "2":
		return 2
	case "iii", "3":
		return 3
	case "iv", "4":
		return 4
	}
	return 0
}

func month(w string) int {
	if len(w) > 2 {
		return 0
	}
	m, err := strconv.Atoi(w)
	if err != nil || m < 1 || m > 12 {
		return 0
	}
	return m
}

func year(w string) int {
	if len(w) != 4 {
		return 0
	}
	y, err := strconv.Atoi(w)
	if err != nil || y < 1900 || y > 2999 {
		return 0
	}
	return y
}

func format(y, m int) string {
	s := strconv.Itoa(y) + "-"
	if m < 10 {
		s += "0"
	}
	return s + strconv.Itoa(m)
}

// findPeriod reads the period from the title rows, then from the header
// block ("Thực hiện đến 25/11/2023"), then from date group cells (the
// latest date's month).
func findPeriod(s grid.Sheet, h header) (period, span string) {
	_, ncols := s.Size()
	for r := 0; r <= h.last; r++ {
		for c := 0; c < ncols; c++ {
			if t := textAt(s, r, c); t != "" {
				if p, sp, ok := parsePeriodSpan(t); ok {
					return p, sp
				}
			}
		}
	}
	return h.datePeriod, ""
}

// titleLines are the texts above the header, one line per row (cells
// joined by spaces): the agency, the report's name, its period. The
// crosswalk reads the old district or province a workbook is about there.
func titleLines(s grid.Sheet, h header) []string {
	_, ncols := s.Size()
	var out []string
	for r := 0; r < h.first; r++ {
		var cells []string
		for c := 0; c < ncols; c++ {
			if m, merged := mergeAt(s, r, c); merged && (m.R0 != r || m.C0 != c) {
				continue // a merged title is one line, on its first row
			}
			if t := textAt(s, r, c); t != "" {
				cells = append(cells, oneLine(t))
			}
		}
		if len(cells) > 0 {
			out = append(out, strings.Join(cells, " "))
		}
	}
	return out
}
