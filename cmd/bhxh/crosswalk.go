package main

import (
	"context"
	"time"

	"github.com/bhxh/bhxh/msg"

	"github.com/spf13/cobra"

	"github.com/bhxh/bhxh/crosswalk"
	"github.com/bhxh/bhxh/xlsxio/report"
)

// crosswalkOptions holds everything `bhxh crosswalk` needs.
type crosswalkOptions struct {
	streams
	Now    func() time.Time
	Getenv func(string) string

	Inputs    []string
	readFlags // --sheet, --col, --columns, --period, --password
	crosswalkFlags

	commonFlags // --quiet, --strict, --lang, --format, -o
}

// newCrosswalkCmd binds crosswalk's flags and checks them; runF does the
// work (runCrosswalk unless a test captures the options).
func newCrosswalkCmd(f *factory, runF func(*crosswalkOptions) error) *cobra.Command {
	opts := &crosswalkOptions{streams: f.streams, Now: f.Now, Getenv: f.Getenv}
	cmd := &cobra.Command{
		Use:   "crosswalk OLD-WORKBOOK… [--shares FILE] -o NEW.xlsx",
		Short: "Move old-unit workbooks' figures into the units in force since 1 July 2025",
		Long: `crosswalk reads workbooks in the communes that existed before 1 July 2025 (several:
e.g. two old provinces that became one, or counts and denominators of the same units,
joined unit by unit) and gives the same figures in the new communes, with the official
conversion table of the statistics office built in (--crosswalk vn-2025, the default)
or a table of your own of the same columns (--crosswalk FILE).

Old units are found by code, else by name within the old district of the row's own
"Huyện" column or of the workbook's title. An old unit that went whole into a new one
moves all its counts; land alone ("area" rows) moves none; an old unit divided between
new ones ("part" rows) needs --shares FILE (old_code,new_code,share: the population of
each part, or percentages), and its people are split in whole people by largest
remainder (ties to the larger share, then the new unit listed first), so each old
unit's count is kept exactly. Nothing is guessed: without shares the divided units are
listed; an unknown code, a unit given twice or a new unit missing some of its old units
(unless --partial) is an error naming them.

The xlsx output is a workbook compute reads as it is (canonical headers, new codes and
names) with a sheet "Nguồn số liệu" giving, for every figure, the old units and cells it
was summed from; --format json gives the same as bhxh.crosswalk/v1.`,
		Example: `  bhxh crosswalk -o cao-bang-2024-11-moi.xlsx cao-bang-2024-11.xlsx
  bhxh crosswalk --shares chia-tach.csv -o hai-phong-moi.xlsx hai-duong-cu.xlsx hai-phong-cu.xlsx
  bhxh crosswalk --crosswalk bang-cua-toi.csv --format json huyen-cu.xlsx`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkLang(opts.Lang); err != nil {
				return err
			}
			if _, err := opts.checkOutput(opts.Out); err != nil {
				return err
			}
			if err := opts.readFlags.check(); err != nil {
				return err
			}
			inputs, err := expandInputs(args)
			if err != nil {
				return err
			}
			opts.Inputs = inputs
			if runF != nil {
				return runF(opts)
			}
			return runCrosswalk(cmd.Context(), opts)
		},
	}
	opts.readFlags.bind(cmd)
	opts.crosswalkFlags.bind(cmd, crosswalk.DefaultName)
	opts.commonFlags.bind(cmd, withReport)
	return cmd
}

// bind adds --crosswalk (default def; "" makes it opt-in), --shares and
// --partial.
func (c *crosswalkFlags) bind(cmd *cobra.Command, def string) {
	f := cmd.Flags()
	usage := "the old→new unit table: a built-in name (vn-2025) or a CSV file of the same columns"
	if def == "" {
		usage = "convert inputs in the units before the 2025 reform with this table: vn-2025 (built in) or a CSV file of the same columns"
	}
	f.StringVar(&c.Crosswalk, "crosswalk", def, usage)
	f.StringVar(&c.Shares, "shares", "", "shares of the old units divided between new ones: CSV old_code,new_code,share")
	markInputFiles(cmd, "crosswalk", "shares")
	f.BoolVar(&c.Partial, "partial", false, "convert a new unit even when some of its old units are not in the inputs (with a warning)")
}

// runCrosswalk reads the old-unit workbooks, moves their figures to the
// new units and writes them.
func runCrosswalk(ctx context.Context, opts *crosswalkOptions) error {
	format, err := outputFormat(opts.Format, opts.Output)
	if err != nil {
		return err
	}
	ropt, err := opts.readFlags.options()
	if err != nil {
		return err
	}
	conv, err := loadConverter(opts.crosswalkFlags)
	if err != nil {
		return err
	}
	tables, err := readAll(ctx, opts.Inputs, ropt)
	if err != nil {
		return err
	}
	units, issues, err := conv.convertTables(tables)
	if err != nil {
		return err
	}
	rep := &report.Crosswalk{Table: conv.tableRef(), Shares: conv.sharesRef, Units: units, Lang: opts.Lang,
		Tool: toolVersion(), Generated: reportTime(opts.Now, opts.Getenv), Width: consoleWidth(opts.Out, opts.Getenv)}
	for _, t := range tables {
		rep.Inputs = append(rep.Inputs, report.Input{File: t.File, Sheet: t.Sheet, SHA256: t.SHA256})
		rep.Issues = append(rep.Issues, t.Issues...)
		if rep.Period == "" {
			rep.Period = t.Period
		}
	}
	rep.Issues = append(rep.Issues, issues...)
	inputs := append([]string{}, opts.Inputs...)
	if opts.Shares != "" {
		inputs = append(inputs, opts.Shares)
	}
	crosswalkWriters := writers[*report.Crosswalk]{report.WriteCrosswalkJSON, report.WriteCrosswalkCSV, report.WriteCrosswalkXLSX, report.WriteCrosswalkTable}
	if err := writeReport(opts.streams, format, opts.Output, inputs, crosswalkWriters, rep); err != nil {
		return err
	}
	printIssues(opts.warnings(opts.Err), msg.Lang(opts.Lang), rep.Issues)
	return strictCheck(opts.Strict, rep.Issues)
}
