package xlsxio

// The header finder: which rows near the top of a sheet are its table's
// header (one, two or three rows, merged group cells over sub-headers),
// which key each column holds (--col overrides first, then the keyword
// matcher of headers.go), and which column holds the unit names.

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio/grid"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// How far down a sheet a header is looked for: title blocks are a handful
// of rows, instructions at the top of a data sheet a few dozen. Rows that
// hold nothing of their own (empty, or only a title merged across the
// sheet, or cells under a merge from above: a title merged over 150 rows)
// do not count, so a header far down is found; maxHeaderScan bounds the
// rows looked at, so a 1,048,576-row sheet is not searched to its end.
const (
	maxHeaderRow  = 60
	maxHeaderScan = 5000
)

// headerCandidates lists the rows (0-based, ascending) a header may be
// on: the first maxHeaderRow rows holding something of their own.
func headerCandidates(s grid.Sheet, nrows, ncols int) []int {
	var out []int
	for r := 0; r < min(nrows, maxHeaderScan) && len(out) < maxHeaderRow; r++ {
		if ownContent(s, r, ncols) {
			out = append(out, r)
		}
	}
	return out
}

// ownContent reports whether row r holds a value that is not a title
// merged across the sheet nor part of a merge begun on a row above. Only
// the first maxOwnCols columns are looked at: a table starts at the left,
// and a stray cell at XFD1048576 must not make every empty row cost
// 16,384 lookups.
func ownContent(s grid.Sheet, r, ncols int) bool {
	for c := 0; c < min(ncols, maxOwnCols); c++ {
		if s.Cell(r, c).Kind == grid.Empty {
			continue
		}
		m, merged := mergeAt(s, r, c)
		if !merged || (m.R0 == r && (m.C1-m.C0+1)*5 < ncols*4) {
			return true
		}
		c = max(c, m.C1)
	}
	return false
}

const maxOwnCols = 64

// header is a recognised header block.
type header struct {
	first, last int // 0-based rows of the header block
	cols        []Column
	unit, code  int // column indexes, -1 when none
	score       int
	hidden      map[int]bool      // hidden columns
	choices     []choice          // columns read as one key, and the one taken
	unitAlso    []int             // other columns of names (innermostUnit)
	dates       map[int]dateGroup // columns under date groups, by index
	datePeriod  string            // the latest date group's month
}

// findHeader tries every row near the top as a one-row header, and every
// pair of rows as a two-row header (a group row over sub-headers), and keeps
// the reading that recognises most columns.
func findHeader(s grid.Sheet, opt Options) (header, bool) {
	nrows, ncols := s.Size()
	best := header{score: -1}
	rows := headerCandidates(s, nrows, ncols)
	// A row holding mostly numbers is data, never part of a header: skip
	// every reading that would use it (most rows of a sheet are such).
	data := make([]bool, len(rows))
	for i, r := range rows {
		nums, texts := 0, 0
		for c := 0; c < ncols; c++ {
			switch cl := s.Cell(r, c); {
			case cl.Kind == grid.Number:
				nums++
			case cl.Kind == grid.Text && looksNumeric(cl):
				nums++
			case cl.Kind == grid.Text:
				texts++
			}
		}
		data[i] = nums >= 2 && nums > texts
	}
	// above: row i-k is the row just above row i-k+1, holding no data
	above := func(i, k int) bool {
		return i >= k && rows[i-k] == rows[i]-k && !data[i-k]
	}
	for i, r := range rows {
		if data[i] {
			continue
		}
		if h, ok := tryHeader(s, opt, r, r, ncols); ok && better(s, h, best) {
			best = h
		}
		if above(i, 1) {
			if h, ok := tryHeader(s, opt, r-1, r, ncols); ok && better(s, h, best) {
				best = h
			}
		}
		// A three-row header: a top group over the two-row one. It wins
		// only by recognising more columns, as when the role sits on top
		// ("Kế hoạch" / "Thực hiện" over "BHXH bắt buộc" over "Số người",
		// "Tỷ lệ"); a top group adding nothing ("Số người tham gia" over
		// "Thực hiện" over "BB") leaves the two lowest rows as the header.
		if above(i, 1) && above(i, 2) {
			if h, ok := tryHeader(s, opt, r-2, r, ncols); ok && better(s, h, best) {
				best = h
			}
		}
	}
	return best, best.score >= 0
}

// better: h recognises more columns than best, or as many with fewer
// read twice (column_choice), or as many from the same
// top row but reaching lower, when the rows it adds hold words where best
// would read counts (a "Số người" / "Tỷ lệ" row under a group row).
func better(s grid.Sheet, h, best header) bool {
	if h.score != best.score {
		return h.score > best.score
	}
	// as many columns, fewer of them read twice: a group row kept in the
	// header ("Số thu (triệu đồng)" over BB/TN/BHTN/BHYT, then "Số người
	// tham gia" over the same) tells the two blocks apart
	if len(h.choices) != len(best.choices) {
		return len(h.choices) < len(best.choices)
	}
	if h.first != best.first || h.last <= best.last {
		return false
	}
	words := false
	for r := best.last + 1; r <= h.last; r++ {
		for _, col := range best.cols {
			if !coverage.IsCountKey(col.Key) {
				continue
			}
			switch cl := s.Cell(r, col.Index); {
			case cl.Kind == grid.Text && !looksNumeric(cl) && !isAbsentText(cl.Text):
				words = true
			case cl.Kind != grid.Empty:
				return false
			}
		}
	}
	return words
}

// tryHeader reads rows first..last (one, two or three rows) as a header.
func tryHeader(s grid.Sheet, opt Options, first, last, ncols int) (header, bool) {
	if last-first == 2 {
		h, _ := tryHeader(s, opt, first+1, last, ncols)
		h.first = first
		addTopGroups(s, first, ncols, h.cols)
		return matchHeader(opt, h)
	}
	h := header{first: first, last: last, unit: -1, code: -1, cols: make([]Column, 0, ncols), hidden: hiddenColumns(s, ncols)}
	noMerges := len(s.Merges()) == 0
	lastGroup := ""
	for c := 0; c < ncols; c++ {
		col := Column{Index: c, Letter: rawxlsx.ColumnLetters(c)}
		if first == last {
			col.Header = textAt(s, last, c)
		} else {
			top, bottom := textAt(s, first, c), textAt(s, last, c)
			m, merged := mergeAt(s, first, c)
			switch {
			case merged && m.R1 >= last: // one cell over both rows
				col.Header = top
			case bottom == "":
				col.Header = top
			case merged && (m.C1-m.C0+1)*5 >= ncols*4:
				// a title merged across the sheet, not a group
				col.Header = bottom
			default:
				col.Header, col.Group = bottom, top
				if top == "" && noMerges {
					// A group typed in its first column only, in a
					// file without merges (.xls as read, CSV).
					col.Group = lastGroup
				}
			}
			if top != "" && bottom != "" {
				lastGroup = top
			} else if top != "" {
				lastGroup = ""
			}
		}
		h.cols = append(h.cols, col)
	}
	if first < last {
		dateGroups(s, first, &h)
	}
	return matchHeader(opt, h)
}

// addTopGroups puts the top row of a three-row header in front of each
// column's group: a cell merged over the columns below it, or (in a file
// without merges) typed in the first column of its group and standing
// for the columns to its right up to the next one. A cell merged down
// into the rows below is the column's own header, and a title merged
// across the sheet is no group.
func addTopGroups(s grid.Sheet, top, ncols int, cols []Column) {
	noMerges := len(s.Merges()) == 0
	carried := ""
	for i := range cols {
		col := &cols[i]
		t := textAt(s, top, col.Index)
		if m, merged := mergeAt(s, top, col.Index); merged && (m.R1 > top || (m.C1-m.C0+1)*5 >= ncols*4) {
			continue
		}
		if col.Header == "" && col.Group == "" {
			col.Header = t // typed on the top row alone ("STT" in a CSV)
			carried = ""
			continue
		}
		if noMerges {
			switch {
			case t != "" && col.Group != "":
				carried = t // starts a group over sub-groups
			case t != "":
				carried = ""
				continue // a header typed on the top row, or a title
			case col.Group == "" && col.Header == "":
				continue
			default:
				t = carried
			}
		}
		if t == "" || t == col.Header || t == col.Group || col.Header == "" {
			continue
		}
		col.Group = strings.TrimSpace(t + " " + col.Group)
	}
}

// matchHeader gives each column of h a key, and says whether h is a header:
// a unit column and at least one count.
func matchHeader(opt Options, h header) (header, bool) {
	h.unit, h.code, h.score = -1, -1, 0
	counts := 0
	for i := range h.cols {
		col := &h.cols[i]
		col.Key, col.Why = "", ""
		if col.Header == "" {
			continue
		}
		if g, ok := h.dates[col.Index]; ok {
			col.Key, col.Why = matchDated(opt, *col, g)
		} else {
			col.Key, col.Why = matchColumn(opt, *col)
		}
		if opt.ownReport == ReportCompute {
			col.Key, col.Why = computedColumn(col.Key, col.Why)
		}
		if col.Key == "-" {
			col.Key = ""
		}
	}
	h = chooseColumns(h)
	for _, col := range h.cols {
		if col.Key == "" {
			continue
		}
		h.score++
		// a table of counts, or a targets file of rates only
		if coverage.IsCountKey(col.Key) || strings.HasPrefix(col.Key, coverage.TargetPrefix) {
			counts++
		}
		switch col.Key {
		case "unit":
			h.unit = col.Index
		case "code":
			h.code = col.Index
		}
	}
	if h.unit < 0 || counts == 0 {
		return h, false
	}
	return h, true
}

// matchColumn applies the --col/--columns overrides (by header text, by
// group and header, or by column letter), then the keyword matcher.
func matchColumn(opt Options, col Column) (key, why string) {
	// In the overrides' text order, so that two naming one column give
	// the same key every run.
	for _, text := range slices.Sorted(maps.Keys(opt.Columns)) {
		k := opt.Columns[text]
		if overrideNames(text, col) {
			if k == "-" {
				return "-", "ignored by --col"
			}
			return k, fmt.Sprintf("--col %q", text+"="+k)
		}
	}
	if k := canonicalKey(col.Header); k != "" {
		return k, "canonical key"
	}
	if k, why, ok := reportColumnKey(strings.TrimSpace(col.Header)); ok {
		return k, why
	}
	return matchHeaderCached(col.Group, col.Header)
}

// canonicalKey accepts a canonical key typed as a header (bhxh_mandatory).
func canonicalKey(h string) string {
	// Exactly as written: "BHYT" is a Vietnamese header (a group may make
	// it a plan or a prior), "bhyt" the canonical key.
	h = strings.TrimSpace(h)
	if h == "unit" || h == "code" || coverage.IsCountKey(h) || coverage.IsPercentKey(h) {
		return h
	}
	return ""
}

// matchHeaderCached memoises MatchHeader, a pure function asked the same
// few hundred headers over and over (every candidate row of every file of a
// batch). The memo stops growing at a bound; past it, headers are matched
// afresh.
func matchHeaderCached(group, header string) (key, why string) {
	k := group + "\x00" + header
	if v, ok := headerMemo.Load(k); ok {
		r := v.([2]string)
		return r[0], r[1]
	}
	key, why = MatchHeader(group, header)
	if headerMemoSize.Add(1) <= maxHeaderMemo {
		headerMemo.Store(k, [2]string{key, why})
	}
	return key, why
}

const maxHeaderMemo = 20000

var (
	headerMemo     sync.Map
	headerMemoSize atomic.Int64
)

// unitSpan handles a unit header merged over several columns ("Đơn vị"
// over B:C): the names are in whichever of them holds most words, and a
// column of them holding only official codes ("04402") is the code.
func unitSpan(s grid.Sheet, h header) header {
	h = innermostUnit(s, h)
	var span grid.Merge
	found := false
	for r := h.first; r <= h.last && !found; r++ {
		if m, ok := mergeAt(s, r, h.unit); ok && m.C1 > m.C0 && m.R1 <= h.last {
			span, found = m, true
		}
	}
	if !found {
		return h
	}
	nrows, _ := s.Size()
	end := min(nrows, h.last+1+200)
	best, bestWords := h.unit, -1
	codeCol := -1
	for c := span.C0; c <= span.C1; c++ {
		words, codes, other := 0, 0, 0
		for r := h.last + 1; r < end; r++ {
			if _, merged := mergeAt(s, r, c); merged {
				continue // a total or section label merged across
			}
			cl := s.Cell(r, c)
			switch v := codeText(cl); {
			case cl.Kind == grid.Empty:
			case isDigits(v) && (len(v) >= 4 || v[0] == '0'):
				codes++
			case cl.Kind == grid.Text && !looksNumeric(cl):
				words++
			default:
				other++
			}
		}
		if words > bestWords {
			best, bestWords = c, words
		}
		if codes > 0 && words == 0 && other == 0 {
			codeCol = c
		}
	}
	cols := append([]Column(nil), h.cols...)
	for i := range cols {
		switch c := cols[i].Index; {
		case c == best && c != h.unit:
			cols[i].Key, cols[i].Why = "unit", fmt.Sprintf("names under %q merged over %s–%s", cols[i].Header, rawxlsx.ColumnLetters(span.C0), rawxlsx.ColumnLetters(span.C1))
		case c == h.unit && c != best:
			cols[i].Key, cols[i].Why = "", fmt.Sprintf("the names are in column %s", rawxlsx.ColumnLetters(best))
		}
		if c := cols[i].Index; c == codeCol && h.code < 0 && c != best {
			cols[i].Key, cols[i].Why = "code", fmt.Sprintf("codes under %q merged over %s–%s", cols[i].Header, rawxlsx.ColumnLetters(span.C0), rawxlsx.ColumnLetters(span.C1))
		}
	}
	h.cols, h.unit = cols, best
	if h.code < 0 && codeCol != best {
		h.code = codeCol
	}
	return h
}

// isRowNumberColumn: "STT", "TT", "Số thứ tự" hold row numbers, not data.
func isRowNumberColumn(col Column) bool {
	switch vntext.Fold(col.Header) {
	case "stt", "tt", "so tt", "so thu tu", "no", "#":
		return true
	}
	return false
}
