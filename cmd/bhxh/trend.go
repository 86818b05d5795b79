package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/bhxh/bhxh/msg"

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
	defineFlags             // --indicator, --indicators

	commonFlags // --quiet, --strict, --lang, --decimals, --format, -o

	// Targets, as compute takes them: they say whether a projection
	// reaches its target (a unit's own target column wins).
	Targets       []string                   // --target KEY=RATE as given
	FlagTargets   map[string]coverage.Target // --target parsed
	Preset        string
	Year          int
	Interpolate   bool
	PresetTargets map[string]coverage.Target // --preset --year resolved

	Project   bool   // --project (or --project-to)
	ProjectTo string // --project-to YYYY-MM; "" = December of the latest year
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
sheet with numerators and denominators, and "Nguồn" (inputs, sha256, warnings).

--project projects each unit's and the total's numerator to December (--project-to
another month): the least-squares line through the months of the latest year, in exact
rationals, rounded half-up to a whole person, over the latest denominator, and says
whether it reaches the target (--target, --preset or the workbook's own). A straight line:
no seasonality. Fewer than two months of the year give no projection.`,
		Example: `  bhxh trend -o xu-huong-2023.xlsx bao-cao/2023-*.xlsx
  bhxh trend --project --target bhyt=96.1 bao-cao/2024-*.xlsx
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
			if _, err := opts.checkOutput(opts.Out); err != nil {
				return err
			}
			inputs, err := expandInputs(args)
			if err != nil {
				return err
			}
			opts.Inputs = inputs
			if opts.Period != "" && len(inputs) > 1 {
				return usagef("--period gives the month of a single workbook, and %d were given: the month of each comes from its title or file name", "--period cho tháng của một bảng duy nhất, nhưng có %d bảng: tháng của mỗi bảng lấy từ tiêu đề hoặc tên tệp", len(inputs))
			}
			if err := opts.readFlags.check(); err != nil {
				return err
			}
			if err := opts.checkProjection(cmd.Flags().Changed("year")); err != nil {
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
	opts.defineFlags.bind(cmd)
	fl.Lookup("period").Usage = "report period YYYY-MM of a single workbook whose title and file name do not say it"
	opts.crosswalkFlags.bind(cmd, "")
	opts.commonFlags.bind(cmd, withReport|withDecimals)
	fl.BoolVar(&opts.Project, "project", false, "project each unit's and the total's year end: the least-squares line through the months of the latest year")
	fl.StringVar(&opts.ProjectTo, "project-to", "", "project to this month YYYY-MM instead of December (implies --project)")
	fl.StringArrayVar(&opts.Targets, "target", nil, "province-wide target rate: a dashed line on the xlsx chart, and what the projection is compared with, e.g. bhyt=95 (repeatable)")
	fl.StringVar(&opts.Preset, "preset", "", "built-in roadmap the projection is compared with: nq28 or qd546")
	fl.IntVar(&opts.Year, "year", 0, "year of the --preset roadmap")
	fl.BoolVar(&opts.Interpolate, "interpolate", false, "interpolate a preset linearly between its milestone years")
	return cmd
}

// checkProjection parses --project-to and the targets, as compute does.
func (opts *trendOptions) checkProjection(yearSet bool) error {
	if opts.ProjectTo != "" {
		if _, err := time.Parse("2006-01", opts.ProjectTo); err != nil {
			return usagef("--project-to %q: want YYYY-MM", "--project-to %q: cần dạng YYYY-MM", opts.ProjectTo)
		}
		opts.Project = true
	}
	if opts.Preset != "" && !yearSet {
		return usagef("--preset %s needs --year", "--preset %s cần --year", opts.Preset)
	}
	if yearSet && opts.Preset == "" {
		return usagef("--year is only used with --preset", "--year chỉ dùng với --preset")
	}
	if err := opts.defineFlags.check(); err != nil {
		return err
	}
	var err error
	opts.FlagTargets, opts.PresetTargets, err = parseTargets(opts.Targets, opts.defineFlags.names(), opts.Preset, opts.Year, opts.Interpolate)
	return err
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
	opts.defineFlags.apply(&ropt)

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
		spans  []*xlsxio.Table // workbooks for a quarter (or the first months of a year), not a month
		notes  []msg.Text      // the choices made reading the workbooks
	)
	addMonth := func(t *xlsxio.Table, path string) error {
		if err := opts.defineFlags.verify(t); err != nil {
			return err
		}
		src := "title"
		fromName, named := xlsxio.PeriodFromFileName(path)
		switch {
		case opts.Period != "":
			src = "--period"
		case t.Period == "":
			if !named {
				return msg.Errorf("%s: cannot tell its month: the title has no \"Tháng 11 năm 2023\" and the file name no 2023-11; rename the file or, for a single workbook, give --period", "%s: không biết số liệu tháng nào: tiêu đề không có \"Tháng 11 năm 2023\" và tên tệp không có 2023-11; hãy đổi tên tệp hoặc, nếu chỉ có một bảng, cho --period", t.File)
			}
			t.Period, src = fromName, "file name"
		case named && fromName != t.Period:
			t.Issues = append(t.Issues, xlsxio.Issue{Level: "warning", Code: "period_mismatch", File: t.File, Sheet: t.Sheet,
				Message: msg.Sprintf("the title says %s and the file name %s; the title's month is used", "tiêu đề ghi %s còn tên tệp ghi %s; dùng tháng của tiêu đề", t.Period, fromName)})
		}
		if t.PeriodSpan != "" && opts.Period == "" {
			spans = append(spans, t)
		}
		if _, ok := byP[t.Period]; !ok {
			order = append(order, t.Period)
		}
		byP[t.Period] = append(byP[t.Period], t)
		inputs[t.Period] = append(inputs[t.Period], report.TrendInput{Period: t.Period, PeriodSource: src, File: t.File, Sheet: t.Sheet, SHA256: t.SHA256})
		issues = append(issues, t.Issues...)
		return nil
	}
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		wb, err := xlsxio.ReadWorkbook(path, ropt)
		if err != nil {
			return readHints(err)
		}
		// a workbook of month sheets is a series by itself: every period
		// is a month of the trend
		series := wb.Series
		if len(series) <= 1 {
			series = []*xlsxio.Table{wb.Table}
			notes = append(notes, fileNotes(wb.Table.File, wb.Table.Notes)...)
		} else {
			notes = append(notes, fileNotes(wb.File, wb.Notes)...)
			for _, t := range series {
				notes = append(notes, fileNotes(wb.File, t.Notes)...)
			}
		}
		for _, t := range series {
			if err := addMonth(t, path); err != nil {
				return err
			}
		}
	}
	if len(spans) > 0 && len(spans) < len(files) {
		t := spans[0]
		return msg.Errorf("%s is for a %s (read as its last month, %s) and the other workbooks for one month each: a trend lines up like periods; give monthly workbooks, or read it alone with --period YYYY-MM", "%s là số liệu %s (đọc như tháng cuối, %s) còn các bảng khác mỗi bảng một tháng: xu hướng cần các kỳ giống nhau; hãy cho các bảng theo tháng, hoặc đọc riêng bảng này với --period YYYY-MM",
			t.File, spanText(t.PeriodSpan), t.Period)
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
	var lineUpIssues []xlsxio.Issue
	topt := coverage.TrendOptions{LineUp: func(period string, seen, units []coverage.Unit) ([]int, error) {
		at, issues, err := lineUpMonth(byP[period][0], seen, units)
		lineUpIssues = append(lineUpIssues, issues...)
		return at, err
	}, Flags: opts.FlagTargets, Preset: opts.PresetTargets, Defined: opts.Defined}
	if opts.Lang == "en" {
		topt.TotalName = "Total"
	}
	tr, err := coverage.ComputeTrend(months, topt)
	if err != nil {
		return err
	}
	if opts.Project {
		if err := coverage.ProjectTrend(&tr, opts.ProjectTo); err != nil {
			return usagef("--project-to: %v", "--project-to: %v", err)
		}
	}
	rep := &report.Trend{
		Trend: tr, Decimals: opts.Decimals, Lang: opts.Lang,
		Tool: toolVersion(), Generated: reportTime(opts.Now, opts.Getenv), Notes: notes,
		Width: consoleWidth(opts.Out, opts.Getenv), Show: opts.Show,
	}
	for i, p := range tr.Periods {
		rep.Inputs = append(rep.Inputs, inputs[p]...)
		rep.Issues = append(rep.Issues, warningIssues(tr.Warnings[i], byP[p])...)
	}
	rep.Issues = append(append(issues, lineUpIssues...), rep.Issues...)
	rep.Issues = append(rep.Issues, missingUnitIssues(tr)...)
	rep.Issues = append(rep.Issues, noProjectionIssues(tr)...)

	trendWriters := writers[*report.Trend]{report.WriteTrendJSON, report.WriteTrendCSV, report.WriteTrendXLSX, report.WriteTrendTable}
	if err := writeReport(opts.streams, format, opts.Output, files, trendWriters, rep); err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintf(opts.warnings(opts.Err), "bhxh: %s: %s\n", noteWord(msg.Lang(opts.Lang)), n.In(msg.Lang(opts.Lang)))
	}
	printIssues(opts.warnings(opts.Err), msg.Lang(opts.Lang), rep.Issues)
	return strictCheck(opts.Strict, rep.Issues)
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
	return msg.Errorf("%s (%s) and %s (%s) are on both sides of the reorganisation of 1 July 2025: give --crosswalk %s to line the old units up in the new ones", "%s (%s) và %s (%s) ở hai bên đợt sắp xếp đơn vị hành chính ngày 1/7/2025: hãy cho --crosswalk %s để xếp đơn vị cũ vào đơn vị mới",
		byP[before][0].File, before, byP[after][0].File, after, crosswalk.DefaultName)
}

// fileNotes names the file of each choice bhxh made reading it.
func fileNotes(file string, notes []msg.Text) []msg.Text {
	out := make([]msg.Text, len(notes))
	for i, n := range notes {
		out[i] = msg.Sprintf("%s: %s", "%s: %s", file, n)
	}
	return out
}

// lineUpMonth pairs a month's units with the units of the months before
// (xlsxio.JoinUnits: by code, else by name with its type, else without it
// with a loose_unit_match warning pointing at the month's cell).
func lineUpMonth(t *xlsxio.Table, seen, units []coverage.Unit) ([]int, []xlsxio.Issue, error) {
	refs := func(us []coverage.Unit) []xlsxio.UnitRef {
		out := make([]xlsxio.UnitRef, len(us))
		for i, u := range us {
			out[i] = xlsxio.UnitRef{Code: u.Code, Name: u.Name}
		}
		return out
	}
	ms, err := xlsxio.JoinUnits(refs(units), refs(seen))
	if err != nil {
		return nil, nil, err
	}
	at := make([]int, len(ms))
	var issues []xlsxio.Issue
	for i, m := range ms {
		at[i] = m.Index
		if m.Warning.EN != "" {
			issues = append(issues, xlsxio.Issue{Level: "warning", Code: xlsxio.WarnLooseUnitMatch, File: t.File, Sheet: t.Sheet,
				Cell: units[i].Cells["unit"], Message: m.Warning})
		}
	}
	return at, issues, nil
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
					Message: msg.Sprintf("%s: no figures for %s; that month's total leaves it out", "%s: không có số liệu tháng %s; tổng của tháng đó không tính đơn vị này", s.Name, tr.Periods[p])})
			}
		}
	}
	return out
}

// noProjectionIssues says which series could not be projected: a line
// needs two months of the year. Once for the whole trend when the total
// has fewer (one workbook of the year given), else once per unit.
func noProjectionIssues(tr coverage.Trend) []xlsxio.Issue {
	if len(tr.Indicators) == 0 || tr.Indicators[0].Total.Projection == nil {
		return nil
	}
	it := tr.Indicators[0]
	year := tr.Periods[len(tr.Periods)-1][:4]
	if p := it.Total.Projection; p.Numerator == nil {
		return []xlsxio.Issue{{Level: "warning", Code: "no_projection",
			Message: msg.Sprintf("%d month of %s given: no projection (a line needs two months of the year)", "chỉ có %d tháng của năm %s: không dự báo (cần ít nhất hai tháng trong năm)", p.Months, year)}}
	}
	var out []xlsxio.Issue
	for _, s := range it.Units {
		if p := s.Projection; p != nil && p.Numerator == nil {
			out = append(out, xlsxio.Issue{Level: "warning", Code: "no_projection",
				Message: msg.Sprintf("%s: %d month of %s with figures: no projection (a line needs two)", "%s: chỉ %d tháng của năm %s có số liệu: không dự báo (cần ít nhất hai tháng)", s.Name, p.Months, year)})
		}
	}
	return out
}

// spanText is a period span (xlsxio.SpanQuarter, SpanFirstMonths) as the
// reader says it: "a quarter" is "quý" in Vietnamese.
func spanText(span string) msg.Text {
	switch span {
	case xlsxio.SpanQuarter:
		return msg.Text{EN: span, VI: "quý"}
	case xlsxio.SpanFirstMonths:
		return msg.Text{EN: span, VI: "các tháng đầu năm"}
	}
	return msg.Plain(span)
}
