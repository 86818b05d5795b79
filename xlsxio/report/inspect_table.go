package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/bhxh/bhxh/xlsxio"
)

// WriteInspectTable writes, input by input, what was recognised: sheet,
// header rows, period, each column and the key it was read as (or why not),
// units, total row, subtotals, warnings and the --col lines that read the
// ignored columns. Every line fits width (0: no limit): the columns and
// rows in tables whose texts wrap in their cells, the other lines wrapped
// at spaces.
func WriteInspectTable(w io.Writer, tables []*xlsxio.Table, width int) error {
	var b bytes.Buffer
	for i, t := range tables {
		if i > 0 {
			fmt.Fprintln(&b)
		}
		if err := writeInspectTable(&b, inspectDoc(t), width); err != nil {
			return err
		}
	}
	for line := range strings.Lines(b.String()) {
		if err := writeLines(w, width, strings.TrimSuffix(line, "\n")); err != nil {
			return err
		}
	}
	return nil
}

// writeInspectLines writes a section's lines (columns, rows) as a table
// under the section's label: no head, no rules, each cell's text wrapped
// in its cell where the line would be wider than width.
func writeInspectLines(w io.Writer, width int, rows [][]string) error {
	if len(rows) == 0 {
		return nil
	}
	t := &consoleTable{style: bare, rows: rows, wrap: true}
	if width > 0 {
		t.width = max(1, width-2)
	}
	var b bytes.Buffer
	if err := t.render(&b); err != nil {
		return err
	}
	for line := range strings.Lines(b.String()) {
		if _, err := io.WriteString(w, "  "+line); err != nil { // under the label, as the other lines
			return err
		}
	}
	return nil
}

func writeInspectTable(w io.Writer, d inspectJSON, width int) error {
	sheet := "(CSV)"
	if d.Sheet != nil {
		sheet = fmt.Sprintf("%q", *d.Sheet)
	}
	period := "not found (give --period YYYY-MM)"
	if d.Period != nil {
		period = *d.Period
	}
	fmt.Fprintf(w, "%s\n  sheet:       %s\n  header rows: %s\n  period:      %s\n", d.File, sheet, joinInts(d.HeaderRows), period)
	if d.Transposed {
		fmt.Fprintln(w, "  layout:      transposed (indicators down a column, units across a row; each \"column\" below is a row of the sheet)")
	}
	fmt.Fprintln(w, "  columns:")
	var fixes []string
	var cols [][]string
	for _, c := range d.Columns {
		head := c.Header
		if c.Group != "" {
			head = c.Group + " › " + c.Header
		}
		key := "—"
		if c.Key != nil {
			key = *c.Key
		}
		cols = append(cols, []string{c.Column, key, quoteShort(head, 60), "(" + c.Why + ")"})
		if c.Key == nil && c.Why != "" && !strings.Contains(c.Why, "row number") && !strings.Contains(c.Why, "notes") {
			h := c.Header
			if c.Group != "" {
				h = c.Group + " " + c.Header
			}
			fixes = append(fixes, fmt.Sprintf("--col '%s=KEY'", h))
		}
	}
	if err := writeInspectLines(w, width, cols); err != nil {
		return err
	}
	fmt.Fprintf(w, "  units:       %d", len(d.Units))
	if len(d.Units) > 0 {
		fmt.Fprintf(w, " (rows %d–%d: %s … %s)", d.Units[0].Row, d.Units[len(d.Units)-1].Row, d.Units[0].Name, d.Units[len(d.Units)-1].Name)
	}
	fmt.Fprintln(w)
	if d.Total != nil {
		fmt.Fprintf(w, "  total row:   %d %q (cross-checked against the sum of units)\n", d.Total.Row, d.Total.Name)
	} else {
		fmt.Fprintln(w, "  total row:   none (the total is the sum of units)")
	}
	if len(d.Subtotals) > 0 {
		rows := make([]int, len(d.Subtotals))
		for i, s := range d.Subtotals {
			rows[i] = s.Row
		}
		fmt.Fprintf(w, "  subtotals:   rows %s (skipped)\n", joinInts(rows))
	}
	if err := writeInspectRows(w, d, width); err != nil {
		return err
	}
	for _, is := range d.Issues {
		if is.Cell == "" {
			fmt.Fprintf(w, "  %s %s: %s\n", is.Level, is.Code, is.Message)
			continue
		}
		fmt.Fprintf(w, "  %s %s %s: %s\n", is.Level, is.Code, is.Cell, is.Message)
	}
	writeInspectSheets(w, d)
	if len(fixes) > 0 {
		fmt.Fprintln(w, "  to read an ignored column, name its key (keys: bhxh inspect --help):")
		for _, f := range fixes {
			fmt.Fprintln(w, "    "+f)
		}
	}
	return nil
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}

func quoteShort(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		s = string(r[:n-1]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// WriteInspectPreview helps when no table was found: it shows each sheet's
// row that looks most like a header, what each cell matched, and the --col
// lines to name the unit column and the counts.
func WriteInspectPreview(w io.Writer, previews []xlsxio.SheetPreview) {
	for _, p := range previews {
		if p.Row == 0 {
			fmt.Fprintf(w, "sheet %q: no text\n", p.Sheet)
			continue
		}
		where := fmt.Sprintf("sheet %q", p.Sheet)
		if p.Sheet == "" {
			where = "the file"
		}
		if len(p.Columns) < 2 {
			fmt.Fprintf(w, "%s: no row with two or more headings (row %d: %s)\n", where, p.Row, quoteShort(p.Columns[0].Header, 60))
			continue
		}
		fmt.Fprintf(w, "%s: row %d looks most like a header:\n", where, p.Row)
		hasUnit := false
		for _, c := range p.Columns {
			key := "—"
			if c.Key != "" {
				key = c.Key
			}
			if c.Key == "unit" {
				hasUnit = true
			}
			fmt.Fprintf(w, "  %-3s %-24s %s  (%s)\n", c.Letter, key, quoteShort(c.Header, 60), c.Why)
		}
		if !hasUnit {
			fmt.Fprintf(w, "  no unit column: name it, e.g. --col '%s=unit'\n", p.Columns[0].Header)
		}
		fmt.Fprintln(w, "  name each count column with --col 'Header=KEY' (keys: bhxh_mandatory, bhxh_voluntary, bhtn, bhyt, labour_force, population, …)")
	}
}

// writeInspectSheets says, for every sheet of a workbook of several, why it
// was read or skipped, then the choices bhxh made among them.
func writeInspectSheets(w io.Writer, d inspectJSON) {
	if len(d.Sheets) < 2 {
		return
	}
	fmt.Fprintln(w, "  sheets:")
	for i, s := range d.Sheets {
		var what []string
		if s.Visibility != "visible" {
			what = append(what, s.Visibility)
		}
		if s.Active {
			what = append(what, "active")
		}
		if s.Period != nil {
			what = append(what, *s.Period)
		}
		switch {
		case s.Units == 1:
			what = append(what, "1 unit")
		case s.Units > 1:
			what = append(what, fmt.Sprintf("%d units", s.Units))
		}
		if s.Transposed {
			what = append(what, "transposed")
		}
		head := fmt.Sprintf("%d %q", i+1, s.Name)
		if len(what) > 0 {
			head += " [" + strings.Join(what, ", ") + "]"
		}
		fmt.Fprintf(w, "    %s: %s\n", head, s.Why)
	}
	for _, n := range d.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
}

// writeInspectRows says what every row is, in runs from the top.
func writeInspectRows(w io.Writer, d inspectJSON, width int) error {
	sheet := "-"
	var rows [][]string
	for _, r := range d.Rows {
		if r.Sheet != sheet {
			if err := writeInspectLines(w, width, rows); err != nil {
				return err
			}
			rows = nil
			switch {
			case r.Sheet != "":
				fmt.Fprintf(w, "  rows of %q:\n", r.Sheet)
			case d.Transposed:
				fmt.Fprintln(w, "  rows (of the view: columns of the sheet):")
			default:
				fmt.Fprintln(w, "  rows:")
			}
			sheet = r.Sheet
		}
		span := fmt.Sprint(r.First)
		if r.Last > r.First {
			span = fmt.Sprintf("%d–%d", r.First, r.Last)
		}
		rows = append(rows, []string{span, r.What, r.Why})
	}
	return writeInspectLines(w, width, rows)
}
