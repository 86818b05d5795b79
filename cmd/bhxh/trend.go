package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/crosswalk"
	"github.com/bhxh/bhxh/xlsxio"
	"github.com/bhxh/bhxh/xlsxio/report"
)

// trendOptions holds everything `bhxh trend` needs: the parsed and checked
// flags, and the outside world.
type trendOptions struct {
	streams
	Now    func() time.Time
	Getenv func(string) string

	Inputs         []string // the arguments expanded (folders, globs)
	readFlags               // --sheet, --col, --columns, --period, --password
	crosswalkFlags          // --crosswalk, --shares, --partial: months in the old units

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
workbook says neither. Several workbooks for the same month are joined unit by unit
(counts from one, denominators from another; the same columns for other units appended).
With --crosswalk vn-2025 (and --shares), months in the units before 1 July 2025 are moved
into the new units, so a trend through 2025 lines every month up; without it, months on
both sides of the reorganisation are refused. A unit absent from
a month is shown as missing (an empty cell in xlsx, "x" in the table, null in JSON), never
as zero, with a missing_unit warning; that month's total is marked incomplete ("*" in the
table, a coloured cell with "*" in xlsx, "complete": false in JSON) and the total's change between
two months is over the units reporting both (like for like). Totals are sums of counts
divided by sums of denominators, month by month.

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
	opts.crosswalkFlags.bind(cmd, "")
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

	var conv *converter
	if opts.Crosswalk != "" {
		if conv, err = loadConverter(opts.crosswalkFlags); err != nil {
			return err
		}
	}
	// The workbooks of one month make one table (xlsxio.Join: counts from
	// one, denominators from another); each month's, when in the old
	// units, is moved to the new ones.
	var (
		months []coverage.Month
		order  []string
		byP    = map[string][]*xlsxio.Table{}
		inputs = map[string][]report.TrendInput{}
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
		if _, ok := byP[t.Period]; !ok {
			order = append(order, t.Period)
		}
		byP[t.Period] = append(byP[t.Period], t)
		inputs[t.Period] = append(inputs[t.Period], report.TrendInput{Period: t.Period, PeriodSource: src, File: t.File, Sheet: t.Sheet, SHA256: t.SHA256})
		issues = append(issues, t.Issues...)
	}
	if conv == nil {
		if err := trendWithinReform(order, byP); err != nil {
			return err
		}
	}
	for _, p := range order {
		units, more, err := monthUnits(byP[p], conv)
		if err != nil {
			return err
		}
		issues = append(issues, more...)
		var names []string
		for _, t := range byP[p] {
			names = append(names, t.File)
		}
		months = append(months, coverage.Month{Period: p, Source: strings.Join(names, ", "), Units: units})
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
		rep.Inputs = append(rep.Inputs, inputs[p]...)
		rep.Issues = append(rep.Issues, warningIssues(tr.Warnings[i], byP[p])...)
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

// monthUnits makes one month's units from its workbooks: joined when
// several, moved to the new units when in the old ones (with --crosswalk).
func monthUnits(tables []*xlsxio.Table, conv *converter) ([]coverage.Unit, []xlsxio.Issue, error) {
	if conv != nil {
		units, issues, converted, err := conv.toNewUnits(tables)
		if err != nil || converted {
			return units, issues, err
		}
	}
	if len(tables) == 1 {
		return tables[0].Units, nil, nil
	}
	j, err := xlsxio.Join(tables)
	if err != nil {
		return nil, nil, err
	}
	return j.Units, j.Issues, nil
}

// trendWithinReform refuses, without --crosswalk, months on both sides of
// the reorganisation of 1 July 2025: codes were kept for other units
// across it, so lining units up by code would join different communes.
func trendWithinReform(periods []string, byP map[string][]*xlsxio.Table) error {
	const reform = "2025-07"
	var before, after string
	for _, p := range periods {
		switch {
		case p < reform && (before == "" || p > before):
			before = p
		case p >= reform && (after == "" || p < after):
			after = p
		}
	}
	if before == "" || after == "" {
		return nil
	}
	return fmt.Errorf("%s (%s) and %s (%s) are on both sides of the reorganisation of 1 July 2025: give --crosswalk %s to line the old units up in the new ones",
		byP[before][0].File, before, byP[after][0].File, after, crosswalk.DefaultName)
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
