package xlsxio

import (
	"fmt"
	"strings"

	"github.com/bhxh/bhxh/coverage"
)

// How far down a sheet a header is looked for: title blocks are a handful
// of rows, instructions at the top of a data sheet a few dozen.
const maxHeaderRow = 60

// header is a recognised header block.
type header struct {
	first, last int // 0-based rows of the header block
	cols        []Column
	unit, code  int // column indexes, -1 when none
	score       int
}

// textAt returns the text shown at (r, c): the top-left cell of a merged
// block shows for every cell of the block.
func textAt(s sheetSource, r, c int) string {
	for _, m := range s.Merges() {
		if m.contains(r, c) {
			r, c = m.r0, m.c0
			break
		}
	}
	cl := s.Cell(r, c)
	if cl.Kind == cellText || cl.Kind == cellNumber {
		return oneLine(cl.Text)
	}
	return ""
}

// oneLine joins a header or name typed over several lines.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func mergeAt(s sheetSource, r, c int) (mergeRange, bool) {
	for _, m := range s.Merges() {
		if m.contains(r, c) {
			return m, true
		}
	}
	return mergeRange{}, false
}

// findHeader tries every row near the top as a one-row header, and every
// pair of rows as a two-row header (a group row over sub-headers), and keeps
// the reading that recognises most columns.
func findHeader(s sheetSource, opt Options) (header, bool) {
	nrows, ncols := s.Size()
	best := header{score: -1}
	for r := 0; r < min(nrows, maxHeaderRow); r++ {
		if h, ok := tryHeader(s, opt, r, r, ncols); ok && h.score > best.score {
			best = h
		}
		if r > 0 {
			if h, ok := tryHeader(s, opt, r-1, r, ncols); ok && h.score > best.score {
				best = h
			}
		}
	}
	return best, best.score >= 0
}

func tryHeader(s sheetSource, opt Options, first, last, ncols int) (header, bool) {
	h := header{first: first, last: last, unit: -1, code: -1}
	noMerges := len(s.Merges()) == 0
	seen := map[string]bool{}
	counts := 0
	lastGroup := ""
	for c := 0; c < ncols; c++ {
		col := Column{Index: c, Letter: columnLetter(c)}
		if first == last {
			col.Header = textAt(s, last, c)
		} else {
			top, bottom := textAt(s, first, c), textAt(s, last, c)
			m, merged := mergeAt(s, first, c)
			switch {
			case merged && m.r1 >= last: // one cell over both rows
				col.Header = top
			case bottom == "":
				col.Header = top
			case merged && (m.c1-m.c0+1)*5 >= ncols*4:
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
		if col.Header == "" {
			h.cols = append(h.cols, col)
			continue
		}
		col.Key, col.Why = matchColumn(opt, col)
		if col.Key != "" && col.Key != "-" {
			if seen[col.Key] {
				col.Why = fmt.Sprintf("also read as %s by an earlier column; ignored (give --col to choose)", col.Key)
				col.Key = ""
			} else {
				seen[col.Key] = true
				h.score++
				// a table of counts, or a targets file of rates only
				if coverage.IsCountKey(col.Key) || strings.HasPrefix(col.Key, coverage.TargetPrefix) {
					counts++
				}
				switch col.Key {
				case "unit":
					h.unit = c
				case "code":
					h.code = c
				}
			}
		}
		if col.Key == "-" {
			col.Key = ""
		}
		h.cols = append(h.cols, col)
	}
	if h.unit < 0 || counts == 0 {
		return h, false
	}
	return h, true
}

// matchColumn applies the --col/--columns overrides (by header text, by
// group and header, or by column letter), then the keyword matcher.
func matchColumn(opt Options, col Column) (key, why string) {
	if len(opt.Columns) > 0 {
		cands := []string{Fold(col.Header), Fold(col.Group + " " + col.Header), strings.ToLower(col.Letter)}
		for text, k := range opt.Columns {
			f := Fold(text)
			for _, cand := range cands {
				if f == cand {
					if k == "-" {
						return "-", "ignored by --col"
					}
					return k, fmt.Sprintf("--col %q", text+"="+k)
				}
			}
		}
	}
	if k := canonicalKey(col.Header); k != "" {
		return k, "canonical key"
	}
	return MatchHeader(col.Group, col.Header)
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

// columnLetter turns a 0-based index into A, B, … Z, AA….
func columnLetter(c int) string {
	s := ""
	for c++; c > 0; c = (c - 1) / 26 {
		s = string(rune('A'+(c-1)%26)) + s
	}
	return s
}
