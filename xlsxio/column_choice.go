package xlsxio

import (
	"fmt"
	"strings"

	"github.com/bhxh/bhxh/xlsxio/grid"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
)

// When two columns read as one key (last month's copy kept in a hidden
// column, "BHYT hộ gia đình" before "Tổng số người tham gia BHYT"), one
// is taken: an override first, then the visible one, then the total over
// a breakdown, then the first. The other is left unread, and the choice is
// said in inspect (the columns' Why) and in a column_choice warning.

// choice is one such decision.
type choice struct {
	key         string
	taken, left Column
	why         string
}

func hiddenColumns(s grid.Sheet, ncols int) map[int]bool {
	var m map[int]bool
	for c := range ncols {
		if s.ColHidden(c) {
			if m == nil {
				m = map[int]bool{}
			}
			m[c] = true
		}
	}
	return m
}

// chooseColumns leaves one column per key.
func chooseColumns(h header) header {
	h.choices, h.unitAlso = nil, nil
	taken := map[string]int{} // key → index in h.cols
	for i := range h.cols {
		key := h.cols[i].Key
		if key == "" {
			continue
		}
		j, ok := taken[key]
		if !ok {
			taken[key] = i
			continue
		}
		win, lose := j, i
		better, why := prefer(h, h.cols[i], h.cols[j])
		if better {
			win, lose = i, j
			taken[key] = i
		}
		w, l := &h.cols[win], &h.cols[lose]
		l.Key = ""
		l.Why = fmt.Sprintf("also read as %s; column %s %q taken instead: %s", key, w.Letter, columnLabel(*w), why)
		if key == "unit" {
			h.unitAlso = append(h.unitAlso, h.cols[lose].Index)
		}
		if key != "unit" && key != "code" { // settled by the names under them (innermostUnit, unitSpan)
			h.choices = append(h.choices, choice{key: key, taken: *w, left: *l, why: why})
		}
	}
	return h
}

// prefer says whether column a is to be read rather than b (b is to its
// left), and why one was.
func prefer(h header, a, b Column) (bool, string) {
	if ao, bo := isOverride(a), isOverride(b); ao != bo {
		return ao, "named by --col"
	}
	if ah, bh := h.hidden[a.Index], h.hidden[b.Index]; ah != bh {
		hidden := a
		if bh {
			hidden = b
		}
		return bh, fmt.Sprintf("column %s is hidden", hidden.Letter)
	}
	if ar, br := totalRank(a), totalRank(b); ar != br {
		return ar > br, "a total, not a breakdown (\"trong đó\", \"hộ gia đình\", \"NSNN đóng\"…)"
	}
	return false, "the first of them (give --col to choose)"
}

func isOverride(c Column) bool { return len(c.Why) > 5 && c.Why[:5] == "--col" }

// totalRank: 2 a total ("Tổng số…"), 0 a breakdown, 1 neither.
func totalRank(c Column) int {
	w, _ := headerWords(c.Group + " " + c.Header)
	hw, _ := headerWords(c.Header)
	switch {
	case firstOf(w, breakdownWords...) != "":
		return 0
	case firstOf(hw, "tong so", "tong cong", "tong", "total", "cong") != "":
		return 2
	}
	return 1
}

// breakdownWords name a part of a count's people (folded).
var breakdownWords = []string{"trong do", "ho gia dinh", "hssv", "hoc sinh", "sinh vien", "nsnn", "ngan sach",
	"nsnn dong", "doi tuong", "nhom", "chia ra", "nu", "dan toc thieu so", "ngheo", "can ngheo", "tre em"}

func columnLabel(c Column) string {
	if c.Group != "" {
		return c.Group + " / " + c.Header
	}
	return c.Header
}

// innermostUnit: of two name columns ("Huyện" merged down over its
// communes, then "Xã, phường, thị trấn"), the units are in the one that
// names most rows; the other is their parent.
func innermostUnit(s grid.Sheet, h header) header {
	if len(h.unitAlso) == 0 {
		return h
	}
	nrows, _ := s.Size()
	names := func(c int) int {
		n := 0
		for r := h.last + 1; r < min(nrows, h.last+1+200); r++ {
			if cl := s.Cell(r, c); cl.Kind == grid.Text && strings.TrimSpace(cl.Text) != "" {
				n++
			}
		}
		return n
	}
	best, most := h.unit, names(h.unit)
	for _, c := range h.unitAlso {
		if n := names(c); n > most {
			best, most = c, n
		}
	}
	if best == h.unit {
		return h
	}
	cols := append([]Column(nil), h.cols...)
	for i := range cols {
		switch cols[i].Index {
		case best:
			cols[i].Key, cols[i].Why = "unit", fmt.Sprintf("the innermost name column: %d names under it", most)
		case h.unit:
			cols[i].Key, cols[i].Why = "", fmt.Sprintf("a parent name column (fewer names, merged over its units'); the units are in column %s", rawxlsx.ColumnLetters(best))
		}
	}
	h.cols, h.unit = cols, best
	return h
}
