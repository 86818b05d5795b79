package xlsxio

// What the table finder asks of a grid's cells: the text shown (through a
// merge), a row's texts, whether a cell reads as a number, an official code.

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/xlsxio/grid"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
)

// ref names the cell at 0-based (r, c): "H12".
func ref(r, c int) string { return rawxlsx.CellName(c, r+1) }

// textAt returns the text shown at (r, c): the top-left cell of a merged
// block shows for every cell of the block.
func textAt(s grid.Sheet, r, c int) string {
	for _, m := range s.Merges() {
		if m.Contains(r, c) {
			r, c = m.R0, m.C0
			break
		}
	}
	cl := shown(s, r, c)
	if cl.Kind == grid.Text || cl.Kind == grid.Number {
		return oneLine(cl.Text)
	}
	return ""
}

// shown is the cell as Excel shows it: a formula saved without its value
// (a header or a unit name linked to a list: ='DM xã'!B2) computed. One
// that cannot be is left a Formula cell, which reads as no text; a count
// cell's is reported by the row reader.
func shown(s grid.Sheet, r, c int) grid.Cell {
	cl := s.Cell(r, c)
	if cl.Kind == grid.Formula {
		if v, err := s.Eval(r, c); err == nil {
			return v
		}
	}
	return cl
}

// oneLine joins a header or name typed over several lines.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func mergeAt(s grid.Sheet, r, c int) (grid.Merge, bool) {
	for _, m := range s.Merges() {
		if m.Contains(r, c) {
			return m, true
		}
	}
	return grid.Merge{}, false
}

func rowTexts(s grid.Sheet, r, ncols int) []string {
	out := make([]string, ncols)
	for c := 0; c < ncols; c++ {
		cl := shown(s, r, c)
		switch cl.Kind {
		case grid.Text, grid.Number, grid.Bool, grid.Error:
			out[c] = oneLine(cl.Text)
		case grid.Formula:
			out[c] = cl.Text
		}
	}
	return out
}

// firstText is the first text of row r in its first ncols columns.
func firstText(s grid.Sheet, r, ncols int) string {
	for _, x := range rowTexts(s, r, ncols) {
		if x != "" {
			return x
		}
	}
	return ""
}

func looksNumeric(cl grid.Cell) bool {
	switch cl.Kind {
	case grid.Number:
		return true
	case grid.Text:
		if !strings.ContainsAny(cl.Text, "0123456789") {
			return false
		}
		n, err := parseCellText(cl.Text, kindPercent)
		if err != nil { // "10.411 người"
			n, err = parseCellText(cl.Text, kindCount)
		}
		return err == nil && !n.Absent
	}
	return false
}

// isAbsentText: "-", "x" and the like, which a count cell may hold.
func isAbsentText(t string) bool {
	n, err := parseCellText(t, kindCount)
	return err == nil && (n.Absent || n.Value.IsZero())
}

// codeText keeps an official code as text; a code typed as a number lost
// its leading zeros already, so it is kept as its digits.
func codeText(cl grid.Cell) string {
	switch cl.Kind {
	case grid.Text:
		return strings.TrimSpace(cl.Text)
	case grid.Number:
		if d, err := decimal.NewFromString(cl.Raw); err == nil && d.IsInteger() {
			return d.String()
		}
		return cl.Raw
	}
	return ""
}
