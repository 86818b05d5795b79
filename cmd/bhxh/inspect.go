package main

import (
	"github.com/spf13/cobra"

	"github.com/bhxh/bhxh/xlsxio"
	"github.com/bhxh/bhxh/xlsxio/report"
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

// runInspect reads each input and shows what was recognised.
func runInspect(opts *inspectOptions) error {
	ropt, err := opts.readFlags.options()
	if err != nil {
		return err
	}
	var tables []*xlsxio.Table
	for _, in := range opts.Inputs {
		t, err := readTable(in, ropt)
		if err != nil {
			if xlsxio.IsNoHeader(err) && opts.Format == "table" {
				// Help when no table was found: each sheet's likeliest header.
				if previews, perr := xlsxio.Preview(in, ropt); perr == nil {
					report.WriteInspectPreview(opts.Err, previews)
				}
			}
			return err
		}
		tables = append(tables, t)
	}
	if opts.Format == "json" {
		return report.WriteInspectJSON(opts.Out, tables)
	}
	return report.WriteInspectTable(opts.Out, tables)
}
