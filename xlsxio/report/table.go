package report

import (
	"bytes"
	"io"

	"github.com/olekukonko/tablewriter"
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

// render writes the table. Cells show what they hold: no trimming, no
// wrapping, no capitalised heads.
func (t *consoleTable) render(w io.Writer) error {
	opts := []tablewriter.Option{
		tablewriter.WithTrimSpace(tw.Off),
		tablewriter.WithTrimTab(tw.Off),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignmentConfig(tw.CellAlignment{Global: tw.AlignCenter, PerColumn: t.headAlign}),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{Global: tw.AlignLeft, PerColumn: t.align}),
		tablewriter.WithFooterAlignmentConfig(tw.CellAlignment{Global: tw.AlignRight, PerColumn: t.align}),
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
	out := w
	var buf bytes.Buffer
	if t.style == ruled {
		out = &buf
	}
	tbl := tablewriter.NewTable(out, opts...)
	tbl.Header(cells(t.head)...)
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
	if t.style != ruled {
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
