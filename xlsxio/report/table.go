package report

import (
	"bytes"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// consoleTable is a table printed on the console. Every console table of
// bhxh is drawn here, by tablewriter, in one of three styles.
type consoleTable struct {
	style tableStyle
	head  []string
	// headAlign aligns the head cells; nil centres them.
	headAlign []tw.Align
	align     []tw.Align // the rows' and the total's, by column
	rows      [][]string
	total     []string // the total row under a rule; nil when none

	// width is the widest line the table may print (the terminal's); 0:
	// no limit. A wider table prints in blocks of columns one under the
	// other, the first keep columns (the unit's name) repeated in each,
	// a group of columns (an indicator's figures, from each index of
	// groups on) kept together where it fits: never a wrapped or cut cell.
	width  int
	keep   int
	groups []int
	// wrap: rather than in blocks, a wider table fits width by wrapping
	// its cells at spaces (tablewriter's WrapNormal), the widest first:
	// a table of texts, one thing a line (inspect's columns and rows).
	wrap bool
}

type tableStyle int

const (
	// boxed: box-drawing borders, rules under the head and above the
	// total (compute, allocate).
	boxed tableStyle = iota
	// ruled: no borders, columns two spaces apart, dashes under the head
	// and above the total (one rule when there are no rows), no line
	// ending in spaces (count).
	ruled
	// bare: no borders, no rules, every column two spaces right of the one
	// before, the first indented as much (trend).
	bare
)

// gap separates the columns of the ruled and bare styles.
const gap = "  "

// render writes the table, in blocks of columns when it is wider than
// t.width.
func (t *consoleTable) render(w io.Writer) error {
	var whole bytes.Buffer
	if err := t.renderAll(&whole); err != nil {
		return err
	}
	if t.width <= 0 || t.wrap || textWidth(whole.Bytes()) <= t.width || len(t.head) <= t.keep+1 {
		_, err := whole.WriteTo(w)
		return err
	}
	blocks, err := t.blocks()
	if err != nil {
		return err
	}
	for i, b := range blocks {
		if i > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// blocks renders the table in blocks of columns no wider than t.width,
// packing whole groups greedily; a group too wide on its own is split
// column by column, and a column too wide even alone beside the kept ones
// gets a block of its own (wider than t.width: nothing narrower exists).
func (t *consoleTable) blocks() ([][]byte, error) {
	var units [][]int // the groups, as column indices
	starts := append([]int{}, t.groups...)
	if len(starts) == 0 || starts[0] != t.keep {
		starts = append([]int{t.keep}, starts...)
	}
	for i, from := range starts {
		to := len(t.head)
		if i+1 < len(starts) {
			to = starts[i+1]
		}
		var g []int
		for c := from; c < to; c++ {
			g = append(g, c)
		}
		if len(g) > 0 {
			units = append(units, g)
		}
	}
	var out [][]byte
	var cur []int
	var curText []byte
	flush := func() {
		if len(cur) > 0 {
			out = append(out, curText)
		}
		cur, curText = nil, nil
	}
	try := func(cols []int) ([]byte, bool, error) {
		var b bytes.Buffer
		if err := t.columns(cols).renderAll(&b); err != nil {
			return nil, false, err
		}
		return b.Bytes(), textWidth(b.Bytes()) <= t.width, nil
	}
	for _, g := range units {
		text, fits, err := try(append(append([]int{}, cur...), g...))
		if err != nil {
			return nil, err
		}
		if fits {
			cur, curText = append(cur, g...), text
			continue
		}
		flush()
		if text, fits, err = try(g); err != nil {
			return nil, err
		} else if fits {
			cur, curText = append(cur, g...), text
			continue
		}
		for _, c := range g { // the group alone is too wide: column by column
			text, fits, err := try(append(append([]int{}, cur...), c))
			if err != nil {
				return nil, err
			}
			if !fits && len(cur) > 0 {
				flush()
				if text, _, err = try([]int{c}); err != nil {
					return nil, err
				}
			}
			cur, curText = append(cur, c), text
		}
	}
	flush()
	return out, nil
}

// columns is the table of the kept columns and cols.
func (t *consoleTable) columns(cols []int) *consoleTable {
	idx := make([]int, 0, t.keep+len(cols))
	for c := range t.keep {
		idx = append(idx, c)
	}
	idx = append(idx, cols...)
	pick := func(row []string) []string {
		if row == nil {
			return nil
		}
		out := make([]string, len(idx))
		for i, c := range idx {
			if c < len(row) {
				out[i] = row[c]
			}
		}
		return out
	}
	pickAlign := func(a []tw.Align) []tw.Align {
		if a == nil {
			return nil
		}
		out := make([]tw.Align, len(idx))
		for i, c := range idx {
			if c < len(a) {
				out[i] = a[c]
			}
		}
		return out
	}
	sub := &consoleTable{style: t.style, head: pick(t.head), headAlign: pickAlign(t.headAlign),
		align: pickAlign(t.align), total: pick(t.total)}
	for _, r := range t.rows {
		sub.rows = append(sub.rows, pick(r))
	}
	return sub
}

// writeLines writes lines of prose under or over a table, each wrapped at
// spaces to width (0: not wrapped), the lines it continues indented.
func writeLines(w io.Writer, width int, lines ...string) error {
	for _, line := range lines {
		for _, l := range wrapText(line, width) {
			if _, err := io.WriteString(w, l+"\n"); err != nil {
				return err
			}
		}
	}
	return nil
}

// wrapText breaks s at spaces into lines of at most width columns, the
// first keeping s's indentation, every line after it indented two spaces
// more; a word longer than a line stays whole.
func wrapText(s string, width int) []string {
	if width <= 0 || twwidth.Width(s) <= width {
		return []string{s}
	}
	lead := s[:len(s)-len(strings.TrimLeft(s, " "))]
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = lead + word
		case twwidth.Width(cur)+1+twwidth.Width(word) <= width:
			cur += " " + word
		default:
			lines = append(lines, cur)
			cur = lead + "  " + word
		}
	}
	return append(lines, cur)
}

// headLines breaks a column head at spaces into lines of at most width
// columns (a longer word whole), so that a long head does not make its
// column wider than its figures need.
func headLines(s string, width int) string {
	lines := wrapText(s, width)
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	return strings.Join(lines, "\n")
}

// textWidth is the widest line of b in terminal columns.
func textWidth(b []byte) int {
	w := 0
	for line := range bytes.Lines(b) {
		w = max(w, twwidth.Width(strings.TrimRight(string(line), "\n")))
	}
	return w
}

// renderAll writes the whole table. Cells show what they hold: no
// trimming, no wrapping, no capitalised heads.
func (t *consoleTable) renderAll(w io.Writer) error {
	opts := []tablewriter.Option{
		tablewriter.WithTrimSpace(tw.Off),
		tablewriter.WithTrimTab(tw.Off),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignmentConfig(tw.CellAlignment{Global: tw.AlignCenter, PerColumn: t.headAlign}),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{Global: tw.AlignLeft, PerColumn: t.align}),
		tablewriter.WithFooterAlignmentConfig(tw.CellAlignment{Global: tw.AlignRight, PerColumn: t.align}),
	}
	if caps := t.wrapWidths(); caps != nil {
		opts = append(opts, tablewriter.WithColumnWidths(caps), tablewriter.WithRowAutoWrap(tw.WrapNormal))
	}
	if t.style != boxed {
		rules := tw.Off
		if t.style == ruled {
			rules = tw.On
		}
		indent := tw.Off
		if t.style == bare {
			indent = tw.On // the left border is the gap
		}
		opts = append(opts, tablewriter.WithPadding(tw.PaddingNone), tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders: tw.Border{Left: indent, Right: tw.Off, Top: tw.Off, Bottom: tw.Off},
			Symbols: tw.NewSymbolCustom("bhxh-plain").WithRow("-").WithColumn(gap).WithCenter(gap).
				WithMidLeft(gap).WithHeaderMid(gap).WithHeaderLeft(gap),
			Settings: tw.Settings{
				Separators: tw.Separators{BetweenColumns: tw.On, BetweenRows: tw.Off, ShowHeader: rules, ShowFooter: rules},
				Lines:      tw.Lines{ShowTop: tw.Off, ShowBottom: tw.Off, ShowHeaderLine: rules, ShowFooterLine: rules},
			},
		})))
	}
	trim := t.style == ruled || t.wrap
	out := w
	var buf bytes.Buffer
	if trim {
		out = &buf
	}
	tbl := tablewriter.NewTable(out, opts...)
	if len(t.head) > 0 {
		tbl.Header(cells(t.head)...)
	}
	rows, total := t.rows, t.total
	if t.style == ruled && len(rows) == 0 && total != nil {
		rows, total = [][]string{total}, nil // under the head's rule
	}
	for _, r := range rows {
		if err := tbl.Append(cells(r)...); err != nil {
			return err
		}
	}
	if total != nil {
		tbl.Footer(cells(total)...)
	}
	if err := tbl.Render(); err != nil {
		return err
	}
	if !trim {
		return nil
	}
	// A left-aligned last column is padded to its width: trim it.
	var trimmed bytes.Buffer
	for line := range bytes.Lines(buf.Bytes()) {
		trimmed.Write(bytes.TrimRight(line, " \n"))
		trimmed.WriteByte('\n')
	}
	_, err := trimmed.WriteTo(w)
	return err
}

func cells(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// wrapWidths are the widths of the columns a wrap table narrows to fit
// t.width, nil when it fits as it is: the widest columns are cut to one
// width, the largest that fits (the narrow ones, a letter or a key, keep
// theirs); nil too when even that cannot fit.
func (t *consoleTable) wrapWidths() tw.Mapper[int, int] {
	if !t.wrap || t.width <= 0 || len(t.rows) == 0 {
		return nil
	}
	var natural []int
	for _, r := range t.rows {
		for c, cell := range r {
			if c == len(natural) {
				natural = append(natural, 0)
			}
			for l := range strings.Lines(cell) {
				natural[c] = max(natural[c], twwidth.Width(strings.TrimSuffix(l, "\n")))
			}
		}
	}
	room := t.width - len(gap)*(len(natural)-1)
	if t.style == bare {
		room -= len(gap) // its indent
	}
	sum := 0
	for _, n := range natural {
		sum += n
	}
	if sum <= room {
		return nil
	}
	// The largest cut such that the columns, each at most cut, fit room.
	cut := 0
	for c := 1; ; c++ {
		used := 0
		for _, n := range natural {
			used += min(n, c)
		}
		if used > room {
			break
		}
		cut = c
	}
	if cut < 8 { // a column of a few letters a line reads worse than a long line
		return nil
	}
	caps := tw.NewMapper[int, int]()
	for c, n := range natural {
		if n > cut {
			caps.Set(c, cut)
		}
	}
	return caps
}
