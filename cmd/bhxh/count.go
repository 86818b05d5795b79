package main

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/bhxh/bhxh/xlsxio"
	"github.com/bhxh/bhxh/xlsxio/report"
)

// countOptions holds everything `bhxh count` needs.
type countOptions struct {
	streams
	Inputs  []string
	Sheet   string
	Schemes []string // --scheme, once for every list or once per list
	Format  string
	Output  string
	Strict  bool
}

func newCountCmd(s streams) *cobra.Command {
	opts := &countOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "count LIST…",
		Short: "Participant lists (one row per person) → the unit counts compute reads",
		Long: `count reads participant lists (.xlsx, one row per insured person) and counts, per
unit, the persons taking part in each scheme: BHXH bắt buộc (bhxh_mandatory), BHXH tự
nguyện (bhxh_voluntary), BHTN (bhtn), BHYT (bhyt). A person (mã số BHXH, 10 digits) is
counted once per scheme across all lists; repeats are reported as duplicate_person.

Columns are recognised by their headers: "Mã số BHXH"; the unit by "Mã xã" / "Mã ĐVHC" /
"Mã đơn vị" and/or "Xã, phường" / "Đơn vị"; the scheme by "Loại hình" / "Đối tượng"
(values such as "Bắt buộc", "Tự nguyện", "BHTN", "BHYT", "BB, BHTN, BHYT"). A list of one
scheme needs no such column: give --scheme (once for all lists, or once per list).

The xlsx written (-o counts.xlsx) has the columns compute reads back unchanged.`,
		Example: `  bhxh count danh-sach-2023-11.xlsx -o so-nguoi.xlsx
  bhxh count --scheme bhyt the-bhyt-q1.xlsx the-bhyt-q2.xlsx --format json
  bhxh count --scheme bhxh_mandatory --scheme bhxh_voluntary bb.xlsx tn.xlsx -o so-nguoi.xlsx`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			inputs, err := expandInputs(args)
			if err != nil {
				return err
			}
			opts.Inputs = inputs
			return runCount(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Sheet, "sheet", "", "sheet name or 1-based index (default: the first sheet)")
	f.StringArrayVar(&opts.Schemes, "scheme", nil, "every row of a list counts for this scheme: "+strings.Join(xlsxio.ParticipantSchemes, ", ")+" (once for all lists, or once per list)")
	f.StringVar(&opts.Format, "format", "", "output format: table, csv, json or xlsx (default: from -o, else table)")
	f.StringVarP(&opts.Output, "output", "o", "", "output file (- = standard output)")
	f.BoolVar(&opts.Strict, "strict", false, "exit 3 when any warning was reported")
	return cmd
}

func runCount(opts *countOptions) error {
	format, err := outputFormat(opts.Format, opts.Output)
	if err != nil {
		return err
	}
	for _, s := range opts.Schemes {
		if xlsxio.SchemeIndex(s) < 0 {
			return usagef("--scheme %q: want one of %s", s, strings.Join(xlsxio.ParticipantSchemes, ", "))
		}
	}
	if n := len(opts.Schemes); n > 1 && n != len(opts.Inputs) {
		return usagef("--scheme given %d times for %d lists: give it once for all, or once per list", n, len(opts.Inputs))
	}
	if opts.Output != "" && opts.Output != "-" {
		if err := report.CheckOutput(opts.Output, opts.Inputs); err != nil {
			return usageError{err}
		}
	}
	pc := xlsxio.NewParticipantCounter()
	for i, in := range opts.Inputs {
		o := xlsxio.CountOptions{Sheet: opts.Sheet}
		switch len(opts.Schemes) {
		case 0:
		case 1:
			o.Scheme = opts.Schemes[0]
		default:
			o.Scheme = opts.Schemes[i]
		}
		if err := pc.AddFile(in, o); err != nil {
			return err
		}
	}
	pc.Finish()
	res := &report.Count{Inputs: pc.Inputs, Schemes: pc.Schemes(), Units: pc.Units(), Issues: pc.Issues}
	printIssues(opts.Err, res.Issues)

	write := func(w io.Writer) error {
		switch format {
		case "json":
			return report.WriteCountJSON(w, res)
		case "csv":
			return report.WriteCountCSV(w, res)
		case "xlsx":
			return report.WriteCountXLSX(w, res)
		default:
			return report.WriteCountTable(w, res)
		}
	}
	if err := writeOutput(opts.streams, opts.Output, opts.Inputs, format == "xlsx", write); err != nil {
		return err
	}
	if opts.Strict {
		if n := countWarnings(res.Issues); n > 0 {
			return strictError{n}
		}
	}
	return nil
}
