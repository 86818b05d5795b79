package report

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/bhxh/bhxh/msg"
	"github.com/xuri/excelize/v2"
)

// How the xlsx reports print. Every sheet of every report gets a page
// setup: A4, an orientation, margins, the report's title and period in the
// page header, "Trang x/y" in the footer, and either one page wide or, for
// a table too wide to shrink legibly, printed blocks of columns with the
// unit columns repeated on each.

// printSheet is how one sheet prints.
type printSheet struct {
	landscape bool
	// headRows are the first and last rows repeated at the top of every
	// page; 0 when none.
	headRows [2]int
	// keepCols columns (the unit's name and code) are repeated at the left
	// of every page when the sheet prints in blocks.
	keepCols int
	// groups are the first columns of each group of columns that must stay
	// together (the counts, one indicator's figures); the sheet prints in
	// blocks when the groups do not fit one page wide at full size.
	groups  []int
	lastCol int // the last column of the last group
	// pagesAcross: printed at full size, pages across, never fitted to
	// the page (no sheet properties written: "Nguồn số liệu", whose ten
	// columns fitted one page wide would print at about half size).
	pagesAcross bool
	// tail is the first and last rows of what closes the sheet and prints
	// on one page: the signatures, with what they sign under (the
	// evaluation block, or the table's last rows). 0 when none. When the
	// page would end inside it, a page break goes before it, so the
	// signatures never sit alone on the last page (tailBreak).
	tail [2]int
	// heights gives the rows' heights for tail: an excelize file (nil:
	// the sheet's own file), or ownCells, which holds its sheets' rows.
	heights rowHeighter
}

// rowHeighter gives a row's height in points.
type rowHeighter interface {
	GetRowHeight(sheet string, row int) (float64, error)
}

// Paper: A4 in points, margins in inches (Excel's unit for them).
const (
	a4Long, a4Short        = 842.0, 595.0
	defaultRowHeight       = 15.0      // points: Calibri 11, every report's rows but the ones set
	marginSide, marginEdge = 0.4, 0.75 // left/right; top/bottom (room for header and footer)
	marginHeadFoot         = 0.3
	// minScale is the smallest print scale a sheet of 11-point text is
	// shrunk to when fitted to one page wide: 8.25 points.
	minScale = 75
)

// printWidth is the width in points of a page's printable area.
func printWidth(landscape bool) float64 {
	w := a4Short
	if landscape {
		w = a4Long
	}
	return w - 2*marginSide*72
}

// blockPoints is the printed width in points of cols columns holding
// chars characters in all, as blockBreaks counts them: colPoints per
// column.
func blockPoints(chars float64, cols int) float64 { return colPoints(chars) + 4*float64(cols-1) }

// colPoints is the printed width in points of a column of w characters
// in the wider of the two renderers: LibreOffice without Calibri measures
// a character by its stand-in (DejaVu Sans: 7 points at 11 points, Excel's
// Calibri 5.25).
func colPoints(w float64) float64 { return w*7 + 4 }

// pageHeader is the page header and footer codes: the title (bold) and
// period in the header, "Trang &P/&N" in the footer.
func pageHeader(title, period, lang string) *excelize.HeaderFooterOptions {
	esc := func(s string) string { return strings.ReplaceAll(s, "&", "&&") }
	head := `&C&"-,Bold"&10` + esc(title)
	if period != "" {
		head += `&"-,Regular"` + "\n" + esc(period)
	}
	page := "Trang"
	if lang == "en" {
		page = "Page"
	}
	return &excelize.HeaderFooterOptions{OddHeader: head, OddFooter: "&C&9" + page + " &P/&N"}
}

// printSheets gives every sheet of f its page setup; a sheet missing from
// sheets prints portrait, one page wide. "Nguồn số liệu" is passed over:
// it was set up with its rows (writeSourcesSheet).
func printSheets(f *excelize.File, title, period, lang string, sheets map[string]printSheet) error {
	for _, name := range f.GetSheetList() {
		if _, ok := sheets[name]; !ok && name == sourceLabelsFor(lang).sheet {
			continue
		}
		if err := printOne(f, name, title, period, lang, sheets[name]); err != nil {
			return msg.Errorf("page setup of %s: %w", "thiết lập trang in của %s: %w", name, err)
		}
	}
	return nil
}

func printOne(f *excelize.File, sheet, title, period, lang string, p printSheet) error {
	size := 9 // A4
	orientation := map[bool]string{true: "landscape", false: "portrait"}[p.landscape]
	side, edge, hf := marginSide, marginEdge, marginHeadFoot
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &edge, Bottom: &edge, Header: &hf, Footer: &hf}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, pageHeader(title, period, lang)); err != nil {
		return err
	}
	layout := &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation}
	breaks, scale, err := blockBreaks(f, sheet, p)
	if err != nil {
		return err
	}
	fit := len(breaks) == 0
	if p.tail[0] > 0 {
		at, err := tailBreak(f, sheet, p, fit, scale)
		if err != nil {
			return err
		}
		if at > 0 {
			if err := f.InsertPageBreak(sheet, cellName(1, at)); err != nil {
				return err
			}
		}
	}
	if fit {
		fitW, fitH := 1, 0
		layout.FitToWidth, layout.FitToHeight = &fitW, &fitH
	} else {
		layout.AdjustTo = &scale
		for _, col := range breaks {
			if err := f.InsertPageBreak(sheet, cellName(col, 1)); err != nil {
				return err
			}
		}
	}
	if !p.pagesAcross {
		if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
			return err
		}
	}
	if err := f.SetPageLayout(sheet, layout); err != nil {
		return err
	}
	return printTitles(f, sheet, p, !fit)
}

// printTitles repeats the head rows on every page, and the unit columns
// when the sheet prints in blocks.
func printTitles(f *excelize.File, sheet string, p printSheet, blocks bool) error {
	q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	var refs []string
	if blocks && p.keepCols > 0 {
		refs = append(refs, fmt.Sprintf("%s$A:$%s", q, colName(p.keepCols)))
	}
	if p.headRows[0] > 0 {
		refs = append(refs, fmt.Sprintf("%s$%d:$%d", q, p.headRows[0], p.headRows[1]))
	}
	if len(refs) == 0 {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: strings.Join(refs, ","), Scope: sheet})
}

// blockBreaks decides whether a sheet with column groups prints in blocks:
// when its columns shrunk to one page wide would print below minScale. It
// returns the columns a page starts at (none: one page wide) and the
// scale that fits the widest block with the unit columns beside it.
// The groups go on as few pages as they fit, as evenly as they can
// (packGroups).
func blockBreaks(f *excelize.File, sheet string, p printSheet) ([]int, uint, error) {
	if len(p.groups) == 0 {
		return nil, 100, nil
	}
	last := max(p.lastCol, p.groups[len(p.groups)-1])
	width := func(from, to int) (float64, error) { // in points
		w, err := colsWidth(f, sheet, from, to)
		return blockPoints(w, to-from+1), err
	}
	page := printWidth(p.landscape)
	all, err := width(1, last)
	if err != nil {
		return nil, 0, err
	}
	if all*minScale/100 <= page {
		return nil, 100, nil
	}
	keep, err := width(1, p.keepCols)
	if err != nil {
		return nil, 0, err
	}
	ends := append(append([]int{}, p.groups[1:]...), last+1)
	gws := make([]float64, len(p.groups))
	for i, start := range p.groups {
		if gws[i], err = width(start, ends[i]-1); err != nil {
			return nil, 0, err
		}
	}
	starts := packGroups(keep, gws, page)
	var breaks []int
	widest := keep
	for b, first := range starts {
		if b > 0 {
			breaks = append(breaks, p.groups[first])
		}
		end := len(gws)
		if b+1 < len(starts) {
			end = starts[b+1]
		}
		used := keep
		for _, gw := range gws[first:end] {
			used += gw
		}
		widest = max(widest, used)
	}
	scale := uint(100)
	if widest > page {
		scale = max(uint(page/widest*100), minScale)
	}
	return breaks, scale, nil
}

// tailBreak is the row a page break goes before so that the tail
// (p.tail) prints on one page: 0 when it does without one, or when it is
// taller than a page. It lays the rows out down the page as a printer
// does: rows at their heights times the scale, each page after the first
// starting with the head rows, a row that does not fit going to the next
// page. Fitted one page wide, the sheet is taken at full size, the
// largest it prints at: its rows at their tallest, a break is never
// missing where it is needed, at worst the tail gets a page of its own
// where a shrunk sheet had room for it on the page before.
func tailBreak(f *excelize.File, sheet string, p printSheet, fit bool, scale uint) (int, error) {
	var heights rowHeighter = f
	if p.heights != nil {
		heights = p.heights
	}
	height := func(row int) (float64, error) { return heights.GetRowHeight(sheet, row) }
	s := 1.0 // one page wide: at most full size
	if !fit {
		s = float64(scale) / 100
	}
	page := a4Long
	if p.landscape {
		page = a4Short
	}
	page = (page - 2*marginEdge*72) / s
	var head float64 // the head rows' height, on each page after the first
	for r := p.headRows[0]; r > 0 && r <= p.headRows[1]; r++ {
		h, err := height(r)
		if err != nil {
			return 0, err
		}
		head += h
	}
	var y float64
	top, tailTop := 1, 0 // the first row of the page; of the tail's page
	for r := 1; r <= p.tail[1]; r++ {
		h, err := height(r)
		if err != nil {
			return 0, err
		}
		if y+h > page && r > top {
			top, y = r, 0
			if p.headRows[0] > 0 && r > p.headRows[1] {
				y = head
			}
		}
		y += h
		if r == p.tail[0] {
			tailTop = top
		}
	}
	if top == tailTop { // the tail ends on the page it starts on
		return 0, nil
	}
	var tail float64
	for r := p.tail[0]; r <= p.tail[1]; r++ {
		h, err := height(r)
		if err != nil {
			return 0, err
		}
		tail += h
	}
	if head+tail > page {
		return 0, nil
	}
	return p.tail[0], nil
}

// packGroups splits groups of widths gws into pages of width page, each
// with keep beside them, and returns the first group of each page: as
// few pages as greedy packing takes (a group wider than a page gets one
// of its own), the narrowest page as wide as it can be. Packed greedily
// from the first, the last page often held one column of rates, and the
// evaluation block and the signatures, which go under the last page's
// columns (lastBlock), wrapped into it a word a line.
func packGroups(keep float64, gws []float64, page float64) []int {
	n := len(gws)
	pages, used := 1, keep
	for _, gw := range gws {
		if used+gw > page && used > keep {
			pages, used = pages+1, keep
		}
		used += gw
	}
	fits := func(i, j int) (float64, bool) { // groups i..j-1 on a page
		w := keep
		for _, gw := range gws[i:j] {
			w += gw
		}
		return w, j-i == 1 || w <= page
	}
	// best[k][j]: the widest narrowest page of groups 0..j-1 on k pages;
	// from[k][j] the first group of the k-th page. -1: cannot.
	best := make([][]float64, pages+1)
	from := make([][]int, pages+1)
	for k := range best {
		best[k], from[k] = make([]float64, n+1), make([]int, n+1)
		for j := range best[k] {
			best[k][j] = -1
		}
	}
	best[0][0] = math.Inf(1)
	for k := 1; k <= pages; k++ {
		for j := 1; j <= n; j++ {
			for i := k - 1; i < j; i++ {
				if best[k-1][i] < 0 {
					continue
				}
				w, ok := fits(i, j)
				if !ok {
					continue
				}
				if m := min(best[k-1][i], w); m > best[k][j] {
					best[k][j], from[k][j] = m, i
				}
			}
		}
	}
	starts := make([]int, pages)
	for k, j := pages, n; k > 0; k-- {
		starts[k-1] = from[k][j]
		j = from[k][j]
	}
	return starts
}

// colsWidth is the width of columns from..to (1-based, inclusive), in
// characters.
func colsWidth(f *excelize.File, sheet string, from, to int) (float64, error) {
	var w float64
	for c := from; c <= to; c++ {
		cw, err := f.GetColWidth(sheet, colName(c))
		if err != nil {
			return 0, err
		}
		w += cw
	}
	return w, nil
}

// wrappedLines estimates the lines text wraps to in a cell width
// characters wide: a tenth more for the margins and the words that do not
// fill a line. Computed as 11n/(10·width) so that an integer width gives
// exactly the integer estimate.
func wrappedLines(text string, width float64) int {
	if width < 1 {
		width = 1
	}
	return int(float64(11*utf8.RuneCountInString(text))/(10*width)) + 1
}
