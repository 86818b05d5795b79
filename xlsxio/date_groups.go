package xlsxio

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/bhxh/bhxh/xlsxio/grid"
)

// Group cells that are dates (25/11/2024 over one block of counts,
// 25/11/2023 over another) say which block is current and which is the
// same period last year: the latest date is current, a date a year before
// it the prior, and the latest date's month is the period.

// dateGroup is the role a date group gives the columns under it.
type dateGroup struct {
	date  time.Time
	prior bool   // a year before the latest date
	why   string // said in the column's Why
}

var dmyDate = regexp.MustCompile(`^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$`)

// cellDate reads a date cell (a serial day with a date format, an ISO
// date stored as such) or a date typed as text ("25/11/2024").
func cellDate(cl grid.Cell) (time.Time, bool) {
	switch cl.Kind {
	case grid.Number:
		if !cl.Date {
			return time.Time{}, false
		}
		if t, err := time.Parse("2006-01-02", cl.Raw[:min(len(cl.Raw), 10)]); err == nil {
			return t, true
		}
		day, err := strconv.ParseFloat(cl.Raw, 64) // a serial day: only its whole part is used
		if err != nil || day < 1 || day > 2958465 {
			return time.Time{}, false
		}
		return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(day)), true
	case grid.Text:
		m := dmyDate.FindStringSubmatch(cl.Text)
		if m == nil {
			return time.Time{}, false
		}
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if t.Day() != d || int(t.Month()) != mo {
			return time.Time{}, false
		}
		return t, true
	}
	return time.Time{}, false
}

// dateGroups finds the date group cells on row r over the columns of h
// (merged over them, or typed above each) and gives each column under a
// date its role, when two dates or more stand over the columns.
func dateGroups(s grid.Sheet, r int, h *header) {
	dates := map[int]time.Time{}
	var latest time.Time
	for _, col := range h.cols {
		rr, c := r, col.Index
		if m, ok := mergeAt(s, r, c); ok {
			rr, c = m.R0, m.C0
		}
		if d, ok := cellDate(s.Cell(rr, c)); ok {
			dates[col.Index] = d
			if d.After(latest) {
				latest = d
			}
		}
	}
	distinct := map[time.Time]bool{}
	for _, d := range dates {
		distinct[d] = true
	}
	if len(distinct) < 2 {
		return
	}
	h.dates = map[int]dateGroup{}
	year := latest.AddDate(-1, 0, 0)
	for i := range h.cols {
		d, ok := dates[h.cols[i].Index]
		if !ok {
			continue
		}
		h.cols[i].Group = d.Format("02/01/2006")
		switch {
		case d.Equal(latest):
			h.dates[h.cols[i].Index] = dateGroup{date: d, why: "the latest date group: current"}
		case d.Year() == year.Year() && d.Month() == year.Month():
			h.dates[h.cols[i].Index] = dateGroup{date: d, prior: true,
				why: fmt.Sprintf("a date group a year before %s: same period last year", latest.Format("02/01/2006"))}
		default:
			h.dates[h.cols[i].Index] = dateGroup{date: d,
				why: fmt.Sprintf("a date group neither the latest (%s) nor a year before it: not read", latest.Format("02/01/2006"))}
		}
	}
	h.datePeriod = format(latest.Year(), int(latest.Month()))
}

// matchDated is matchColumn for a column under a date group.
func matchDated(opt Options, col Column, g dateGroup) (key, why string) {
	if strings.HasPrefix(g.why, "a date group neither") {
		return "", g.why
	}
	if g.prior {
		col.Group = "Cùng kỳ năm trước"
	} else {
		col.Group = ""
	}
	key, why = matchColumn(opt, col)
	return key, why + " (" + g.why + ")"
}
