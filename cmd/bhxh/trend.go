package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio"
	"github.com/bhxh/bhxh/xlsxio/report"
)

// trendOptions holds everything `bhxh trend` needs: the parsed and checked
// flags, and the outside world.
type trendOptions struct {
	streams
	Now    func() time.Time
	Getenv func(string) string

	Inputs    []string // the arguments expanded (folders, globs)
	readFlags          // --sheet, --col, --columns, --period, --password

	Decimals int
	Lang     string
	Format   string
	Output   string
}

// newTrendCmd binds trend's flags and checks them; runF does the work
// (runTrend unless a test captures the options).
func newTrendCmd(f *factory, runF func(*trendOptions) error) *cobra.Command {
	opts := &trendOptions{streams: f.streams, Now: f.Now, Getenv: f.Getenv}
	cmd := &cobra.Command{
		Use:   "trend WORKBOOK|FOLDER|GLOB…",
		Short: "Coverage month by month: units × months per indicator, with a line chart",
		Long: `trend reads one workbook per month and lines the units up across months (by unit
code, else by name with spelling variants folded), giving for each indicator the rate of
every unit and of the total in each month and the month-on-month change in points.

The month of a workbook comes from its title ("Tháng 11 năm 2023"), else from its file name
(2023-11, 2023_11, 202311, thang-11-2023, T11-2023…); --period gives it when a single
workbook says neither. Two workbooks for the same month are an error. A unit absent from
a month is shown as missing (an empty cell in xlsx, "x" in the table, null in JSON), never
as zero, with a missing_unit warning. Totals are sums
of counts divided by sums of denominators, month by month.

The xlsx report has a sheet per indicator with a native Excel line chart, a long "Số liệu"
sheet with numerators and denominators, and "Nguồn" (inputs, sha256, warnings).`,
		Example: `  bhxh trend -o xu-huong-2023.xlsx bao-cao/2023-*.xlsx
  bhxh trend --format json thang-10-2023.xlsx thang-11-2023.xlsx
  bhxh trend --format csv -o xu-huong.csv bao-cao/`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkDecimals(opts.Decimals); err != nil {
				return err
			}
			if err := checkLang(opts.Lang); err != nil {
				return err
			}
			if _, err := outputFormat(opts.Format, opts.Output); err != nil {
				return err
			}
			inputs, err := expandInputs(args)
			if err != nil {
				return err
			}
			opts.Inputs = inputs
			if opts.Period != "" && len(inputs) > 1 {
				return usagef("--period gives the month of a single workbook, and %d were given: the month of each comes from its title or file name", len(inputs))
			}
			if err := opts.readFlags.check(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runTrend(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	opts.readFlags.bind(cmd)
	fl.Lookup("period").Usage = "report period YYYY-MM of a single workbook whose title and file name do not say it"
	fl.IntVar(&opts.Decimals, "decimals", 2, "decimals shown for rates and changes (rounded half-up)")
	fl.StringVar(&opts.Lang, "lang", "vi", "language of table and report labels: vi or en")
	fl.StringVar(&opts.Format, "format", "", "output format: table, csv, json or xlsx (default: from -o, else table)")
	fl.StringVarP(&opts.Output, "output", "o", "", "output file (- = standard output)")
	return cmd
}

// runTrend reads one workbook per month and writes the trend report.
func runTrend(ctx context.Context, opts *trendOptions) error {
	format, err := outputFormat(opts.Format, opts.Output)
	if err != nil {
		return err
	}
	files := opts.Inputs
	ropt, err := opts.readFlags.options()
	if err != nil {
		return err
	}

	var (
		months []coverage.Month
		inputs = map[string]report.TrendInput{}
		tables = map[string]*xlsxio.Table{}
		issues []xlsxio.Issue
	)
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		t, err := readTable(path, ropt)
		if err != nil {
			return err
		}
		src := "title"
		switch {
		case opts.Period != "":
			src = "--period"
		case t.Period == "":
			p, ok := xlsxio.PeriodFromFileName(path)
			if !ok {
				return fmt.Errorf("%s: cannot tell its month: the title has no \"Tháng 11 năm 2023\" and the file name no 2023-11; rename the file or, for a single workbook, give --period", t.File)
			}
			t.Period, src = p, "file name"
		}
		if prev, ok := tables[t.Period]; ok {
			return fmt.Errorf("%s and %s are both for %s: give one workbook per month", prev.Path, t.Path, t.Period)
		}
		tables[t.Period] = t
		inputs[t.Period] = report.TrendInput{Period: t.Period, PeriodSource: src, File: t.File, Sheet: t.Sheet, SHA256: t.SHA256}
		months = append(months, coverage.Month{Period: t.Period, Source: t.File, Units: t.Units})
		issues = append(issues, t.Issues...)
	}
	topt := coverage.TrendOptions{NameKey: trendNameKey(months)}
	if opts.Lang == "en" {
		topt.TotalName = "Total"
	}
	tr, err := coverage.ComputeTrend(months, topt)
	if err != nil {
		return err
	}
	rep := &report.Trend{
		Trend: tr, Decimals: opts.Decimals, Lang: opts.Lang,
		Tool: toolVersion(), Generated: reportTime(opts.Now, opts.Getenv),
	}
	for i, p := range tr.Periods {
		rep.Inputs = append(rep.Inputs, inputs[p])
		rep.Issues = append(rep.Issues, warningIssues(tr.Warnings[i], []*xlsxio.Table{tables[p]})...)
	}
	rep.Issues = append(issues, rep.Issues...)
	rep.Issues = append(rep.Issues, missingUnitIssues(tr)...)

	trendWriters := writers[*report.Trend]{report.WriteTrendJSON, report.WriteTrendCSV, report.WriteTrendXLSX, report.WriteTrendTable}
	if err := writeReport(opts.streams, format, opts.Output, files, trendWriters, rep); err != nil {
		return err
	}
	printIssues(opts.Err, rep.Issues)
	return nil
}

// trendNameKey matches units across months by name without the
// administrative type ("Huyện Đông Hòa" = "Đông Hoà"), except for names
// that only the type tells apart within one month ("Xã Tân Lập" and
// "Phường Tân Lập"): those keep it.
func trendNameKey(months []coverage.Month) func(string) string {
	ambiguous := map[string]bool{}
	for _, m := range months {
		full := map[string]string{}
		for _, u := range m.Units {
			bare := xlsxio.UnitNameKey(u.Name)
			if f, ok := full[bare]; ok && f != xlsxio.UnitFullKey(u.Name) {
				ambiguous[bare] = true
			}
			full[bare] = xlsxio.UnitFullKey(u.Name)
		}
	}
	return func(name string) string {
		if bare := xlsxio.UnitNameKey(name); !ambiguous[bare] {
			return bare
		}
		return "full:" + xlsxio.UnitFullKey(name)
	}
}

// missingUnitIssues warns of every unit with no figures in a month that
// others report: the month's total then covers fewer units, and its change
// against the months around it is not like for like.
func missingUnitIssues(tr coverage.Trend) []xlsxio.Issue {
	if len(tr.Indicators) == 0 {
		return nil
	}
	var out []xlsxio.Issue
	for _, s := range tr.Indicators[0].Units {
		for p, pt := range s.Points {
			if pt == nil {
				out = append(out, xlsxio.Issue{Level: "warning", Code: "missing_unit", File: tr.Sources[p],
					Message: fmt.Sprintf("%s: no figures for %s; that month's total leaves it out", s.Name, tr.Periods[p])})
			}
		}
	}
	return out
}
