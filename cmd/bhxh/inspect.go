package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/bhxh/bhxh/msg"

	"github.com/spf13/cobra"

	"github.com/bhxh/bhxh/xlsxio"
	"github.com/bhxh/bhxh/xlsxio/report"
)

// inspectOptions holds everything `bhxh inspect` needs: the parsed and
// checked flags, and the streams.
type inspectOptions struct {
	streams
	Inputs         []string            // the arguments expanded (folders, globs)
	readFlags                          // --sheet, --col, --columns, --period, --password
	commonFlags                        // --strict, --format
	Unit           string              // --unit NAME|CODE: where that unit's figures came from
	crosswalkFlags                     // with --unit: inputs in the old units, converted first
	Lang           msg.Lang            // of messages (--lang)
	Getenv         func(string) string // COLUMNS: the table's width
}

// newInspectCmd binds inspect's flags and checks them; runF does the work
// (runInspect unless a test captures the options).
func newInspectCmd(f *factory, runF func(*inspectOptions) error) *cobra.Command {
	opts := &inspectOptions{streams: f.streams, Getenv: f.Getenv}
	cmd := &cobra.Command{
		Use:   "inspect WORKBOOK…",
		Short: "Show what bhxh recognises in a workbook: sheet, header, columns, units, total, period",
		Long: `inspect reads workbooks as compute would and shows what it recognised: the sheet,
the header rows, each column and the key it was read as (or why it was ignored),
the units, the total row, the period and any warning. When a guess is wrong, it
prints the --col line that fixes it.

--unit NAME (or its code) shows where each of that unit's figures came from: the
cell of every count, as file!sheet!cell, reading the inputs as compute would
(several joined unit by unit; with --crosswalk, old units moved into the new ones,
each figure then listed with the old units and cells it was summed from).`,
		Example: `  bhxh inspect tinh-mau-2023-11.xlsx
  bhxh inspect --sheet "Số liệu" --format json bao-cao.xlsx
  bhxh inspect --col 'TG BHXH BB=bhxh_mandatory' huyen.xlsx
  bhxh inspect --unit "Huyện Đông Hòa" tinh-mau-2023-11.xlsx
  bhxh inspect --unit 01273 --crosswalk vn-2025 cao-bang-2024-11.xlsx`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			inputs, err := expandInputs(args)
			if err != nil {
				return err
			}
			opts.Inputs = inputs
			opts.Lang = langOf(cmd)
			if opts.Format == "" {
				opts.Format = "table"
			}
			if opts.Format != "table" && opts.Format != "json" {
				return usagef("--format %q: want table or json", "--format %q: cần table hoặc json", opts.Format)
			}
			if err := opts.readFlags.check(); err != nil {
				return err
			}
			if opts.Unit == "" && (opts.Crosswalk != "" || opts.Shares != "") {
				return usagef("--crosswalk and --shares go with --unit", "--crosswalk và --shares đi cùng --unit")
			}
			if runF != nil {
				return runF(opts)
			}
			if opts.Unit != "" {
				return runInspectUnit(cmd.Context(), opts)
			}
			return runInspect(opts)
		},
	}
	opts.readFlags.bind(cmd)
	cmd.Flags().StringVar(&opts.Unit, "unit", "", "show where this unit's figures came from (its name or code)")
	opts.crosswalkFlags.bind(cmd, "")
	opts.commonFlags.bind(cmd, withStrict|withFormat)
	cmd.Flags().Lookup("format").Usage = "output format: table or json (default table)"
	return cmd
}

// runInspectUnit reads the inputs as compute would and prints where the
// figures of the unit --unit names came from.
func runInspectUnit(ctx context.Context, opts *inspectOptions) error {
	ropt, err := opts.readFlags.options()
	if err != nil {
		return err
	}
	tables, err := readAll(ctx, opts.Inputs, ropt)
	if err != nil {
		return err
	}
	units, _, _, err := joinInputs(tables)
	if err != nil {
		return err
	}
	if opts.Crosswalk != "" {
		conv, err := loadConverter(opts.crosswalkFlags)
		if err != nil {
			return err
		}
		cu, _, converted, err := conv.toNewUnits(tables)
		if err != nil {
			return err
		}
		if converted {
			units = cu
		}
	}
	ix := xlsxio.NewUnitIndex()
	for _, u := range units {
		ix.Add(xlsxio.UnitRef{Code: u.Code, Name: u.Name}) // a doubled unit was refused by the reader or the join
	}
	ref := xlsxio.UnitRef{Name: opts.Unit}
	if strings.Trim(opts.Unit, "0123456789") == "" {
		ref = xlsxio.UnitRef{Code: opts.Unit} // a code
	}
	m, err := ix.Find(ref)
	if err != nil {
		return err
	}
	if m.Index < 0 {
		return msg.Errorf("no unit %q in %s", "không có đơn vị %q trong %s", opts.Unit, strings.Join(opts.Inputs, ", "))
	}
	var issues []xlsxio.Issue // --strict fails on a loose match, as everywhere
	if m.Warning.EN != "" {
		issues = append(issues, xlsxio.Issue{Level: "warning", Code: xlsxio.WarnLooseUnitMatch, Message: m.Warning})
	}
	if opts.Format == "json" {
		if err := report.WriteUnitTraceJSON(opts.Out, &units[m.Index]); err != nil {
			return err
		}
		return strictCheck(opts.Strict, issues)
	}
	if m.Warning.EN != "" {
		fmt.Fprintln(opts.Err, "bhxh: warning loose_unit_match:", m.Warning.In(opts.Lang))
	}
	if err := report.WriteUnitTrace(opts.Out, &units[m.Index], string(opts.Lang)); err != nil {
		return err
	}
	return strictCheck(opts.Strict, issues)
}

// runInspect reads each input and shows what was recognised.
func runInspect(opts *inspectOptions) error {
	ropt, err := opts.readFlags.options()
	if err != nil {
		return err
	}
	var tables []*xlsxio.Table
	for _, in := range opts.Inputs {
		wb, err := xlsxio.ReadWorkbook(in, ropt)
		if err != nil && wb != nil {
			// A table was found and cells of it rejected: inspect shows
			// what it read, the rejected cells among its issues (compute
			// refuses the file with the same errors).
			wb.Table.Issues = append(wb.Table.Issues, rejectedIssues(wb.Table, err)...)
			tables = append(tables, wb.Table)
			continue
		}
		err = readHints(err)
		if err != nil {
			if xlsxio.IsNoHeader(err) && opts.Format == "table" {
				// Help when no table was found: each sheet's likeliest header.
				if previews, perr := xlsxio.Preview(in, ropt); perr == nil {
					report.WriteInspectPreview(opts.Err, previews, opts.Lang)
				}
			}
			return err
		}
		tables = append(tables, wb.Table)
	}
	width := consoleWidth(opts.Out, opts.Getenv)
	write := func(w io.Writer, tables []*xlsxio.Table) error {
		return report.WriteInspectTable(w, tables, width, opts.Lang)
	}
	if opts.Format == "json" {
		write = report.WriteInspectJSON
	}
	if err := write(opts.Out, tables); err != nil {
		return err
	}
	// The warnings are in the report inspect prints; --strict makes them
	// fail the run, as in every command that warns.
	var issues []xlsxio.Issue
	for _, t := range tables {
		issues = append(issues, t.Issues...)
	}
	return strictCheck(opts.Strict, issues)
}

// rejectedIssues are the errors of reading t, one issue each (level
// "error", code "read_error"), naming the cell where there is one.
func rejectedIssues(t *xlsxio.Table, err error) []xlsxio.Issue {
	errs := []error{err}
	if l, ok := err.(interface{ Unwrap() []error }); ok {
		errs = l.Unwrap()
	}
	var out []xlsxio.Issue
	for _, e := range errs {
		is := xlsxio.Issue{Level: "error", Code: "read_error", File: t.File, Sheet: t.Sheet, Message: msg.TextOf(e)}
		var ce *xlsxio.CellError
		if errors.As(e, &ce) {
			is.Cell = ce.Cell
		}
		out = append(out, is)
	}
	return out
}
