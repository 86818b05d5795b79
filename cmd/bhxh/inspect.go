package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio"
)

// inspectOptions holds everything `bhxh inspect` needs: the parsed and
// checked flags, and the streams.
type inspectOptions struct {
	streams
	Inputs    []string // the arguments expanded (folders, globs)
	readFlags          // --sheet, --col, --columns, --period, --password
	Format    string
}

// newInspectCmd binds inspect's flags and checks them; runF does the work
// (runInspect unless a test captures the options).
func newInspectCmd(f *factory, runF func(*inspectOptions) error) *cobra.Command {
	opts := &inspectOptions{streams: f.streams}
	cmd := &cobra.Command{
		Use:   "inspect WORKBOOK…",
		Short: "Show what bhxh recognises in a workbook: sheet, header, columns, units, total, period",
		Long: `inspect reads workbooks as compute would and shows what it recognised: the sheet,
the header rows, each column and the key it was read as (or why it was ignored),
the units, the total row, the period and any warning. When a guess is wrong, it
prints the --col line that fixes it.`,
		Example: `  bhxh inspect tinh-mau-2023-11.xlsx
  bhxh inspect --sheet "Số liệu" --format json bao-cao.xlsx
  bhxh inspect --col 'TG BHXH BB=bhxh_mandatory' huyen.xlsx`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			inputs, err := expandInputs(args)
			if err != nil {
				return err
			}
			opts.Inputs = inputs
			if opts.Format != "table" && opts.Format != "json" {
				return usagef("--format %q: want table or json", opts.Format)
			}
			if err := opts.readFlags.check(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runInspect(opts)
		},
	}
	opts.readFlags.bind(cmd)
	cmd.Flags().StringVar(&opts.Format, "format", "table", "output format: table or json")
	return cmd
}

// inspectJSON is the bhxh.inspect/v1 document of one input.
type inspectJSON struct {
	File       string              `json:"file"`
	Sheet      *string             `json:"sheet"`
	HeaderRows []int               `json:"header_rows"`
	Period     *string             `json:"period"`
	Columns    []inspectColumnJSON `json:"columns"`
	Units      []inspectUnitJSON   `json:"units"`
	Total      *inspectUnitJSON    `json:"total"`
	Subtotals  []inspectUnitJSON   `json:"subtotals"`
	Issues     []xlsxio.Issue      `json:"issues"`
}

type inspectColumnJSON struct {
	Column string  `json:"column"`
	Group  string  `json:"group"`
	Header string  `json:"header"`
	Key    *string `json:"key"`
	Why    string  `json:"why"`
}

type inspectUnitJSON struct {
	Row    int              `json:"row"`
	Name   string           `json:"name"`
	Code   *string          `json:"code"`
	Counts map[string]int64 `json:"counts"`
}

// runInspect reads each input and shows what was recognised.
func runInspect(opts *inspectOptions) error {
	ropt, err := opts.readFlags.options()
	if err != nil {
		return err
	}
	var docs []inspectJSON
	for _, in := range opts.Inputs {
		t, err := xlsxio.ReadFile(in, ropt)
		if err != nil {
			if xlsxio.IsNoHeader(err) && opts.Format == "table" {
				printPreview(opts.Err, in, ropt)
			}
			return err
		}
		docs = append(docs, inspectDoc(t))
	}
	if opts.Format == "json" {
		enc := json.NewEncoder(opts.Out)
		enc.SetIndent("", " ")
		enc.SetEscapeHTML(false)
		return enc.Encode(struct {
			Schema string        `json:"schema"`
			Inputs []inspectJSON `json:"inputs"`
		}{"bhxh.inspect/v1", docs})
	}
	for i, d := range docs {
		if i > 0 {
			fmt.Fprintln(opts.Out)
		}
		printInspect(opts.Out, d)
	}
	return nil
}

func inspectDoc(t *xlsxio.Table) inspectJSON {
	d := inspectJSON{File: t.File, HeaderRows: t.HeaderRows, Issues: t.Issues}
	if t.Sheet != "" {
		d.Sheet = &t.Sheet
	}
	if t.Period != "" {
		d.Period = &t.Period
	}
	if d.Issues == nil {
		d.Issues = []xlsxio.Issue{}
	}
	for _, c := range t.Columns {
		if c.Header == "" {
			continue
		}
		cj := inspectColumnJSON{Column: c.Letter, Group: c.Group, Header: c.Header, Why: c.Why}
		if c.Key != "" {
			k := c.Key
			cj.Key = &k
		}
		d.Columns = append(d.Columns, cj)
	}
	unit := func(u *coverage.Unit) inspectUnitJSON {
		uj := inspectUnitJSON{Row: u.Row, Name: u.Name, Counts: u.Counts}
		if u.Code != "" {
			c := u.Code
			uj.Code = &c
		}
		return uj
	}
	d.Units = []inspectUnitJSON{}
	for i := range t.Units {
		d.Units = append(d.Units, unit(&t.Units[i]))
	}
	d.Subtotals = []inspectUnitJSON{}
	for i := range t.Subtotals {
		d.Subtotals = append(d.Subtotals, unit(&t.Subtotals[i]))
	}
	if t.Total != nil {
		tj := unit(t.Total)
		d.Total = &tj
	}
	return d
}

func printInspect(w io.Writer, d inspectJSON) {
	sheet := "(CSV)"
	if d.Sheet != nil {
		sheet = fmt.Sprintf("%q", *d.Sheet)
	}
	period := "not found (give --period YYYY-MM)"
	if d.Period != nil {
		period = *d.Period
	}
	fmt.Fprintf(w, "%s\n  sheet:       %s\n  header rows: %s\n  period:      %s\n", d.File, sheet, joinInts(d.HeaderRows), period)
	fmt.Fprintln(w, "  columns:")
	var fixes []string
	for _, c := range d.Columns {
		head := c.Header
		if c.Group != "" {
			head = c.Group + " › " + c.Header
		}
		key := "—"
		if c.Key != nil {
			key = *c.Key
		}
		fmt.Fprintf(w, "    %-3s %-28s %s  (%s)\n", c.Column, key, quoteShort(head, 60), c.Why)
		if c.Key == nil && c.Why != "" && !strings.Contains(c.Why, "row number") && !strings.Contains(c.Why, "notes") {
			h := c.Header
			if c.Group != "" {
				h = c.Group + " " + c.Header
			}
			fixes = append(fixes, fmt.Sprintf("--col '%s=KEY'", h))
		}
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
	for _, is := range d.Issues {
		fmt.Fprintf(w, "  %s %s %s: %s\n", is.Level, is.Code, is.Cell, is.Message)
	}
	if len(fixes) > 0 {
		fmt.Fprintln(w, "  to read an ignored column, name its key (keys: bhxh inspect --help):")
		for _, f := range fixes {
			fmt.Fprintln(w, "    "+f)
		}
	}
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

// printPreview helps when no table was found: it shows each sheet's row
// that looks most like a header, what each cell matched, and the --col
// lines to name the unit column and the counts.
func printPreview(w io.Writer, path string, ropt xlsxio.Options) {
	previews, err := xlsxio.Preview(path, ropt)
	if err != nil {
		return
	}
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
