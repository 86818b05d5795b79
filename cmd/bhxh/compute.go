package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bhxh/bhxh/msg"

	"github.com/spf13/cobra"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/crosswalk"
	"github.com/bhxh/bhxh/targets"
	"github.com/bhxh/bhxh/xlsxio"
	"github.com/bhxh/bhxh/xlsxio/report"
)

// computeOptions holds everything `bhxh compute` needs: the parsed and
// checked flags, and the outside world (streams, clock, environment).
type computeOptions struct {
	streams
	Now    func() time.Time
	Getenv func(string) string

	Inputs    []string // the arguments expanded (folders, globs)
	readFlags          // --sheet, --col, --columns, --period, --password

	Targets       []string                   // --target KEY=RATE as given
	FlagTargets   map[string]coverage.Target // --target parsed (a repeated indicator is refused)
	TargetsFile   string
	Preset        string
	Year          int
	Interpolate   bool
	PresetTargets map[string]coverage.Target // --preset --year resolved, nil without --preset

	defineFlags           // --indicator, --indicators: the user's own indicators
	Prior          string // --prior FILE: last year's (or month's) workbook
	crosswalkFlags        // --crosswalk, --shares, --partial: inputs in the old units

	commonFlags                   // --quiet, --strict, --lang, --decimals, --format, -o
	Sort        string            // --sort [INDICATOR:]MEASURE as given
	SortKey     *coverage.SortKey // --sort parsed; nil = workbook order

	Batch batchOptions // --out-dir, --merge and the flags of unattended runs
}

// newComputeCmd binds compute's flags and checks them; runF does the work
// (runCompute unless a test captures the options).
func newComputeCmd(f *factory, runF func(*computeOptions) error) *cobra.Command {
	opts := &computeOptions{streams: f.streams, Now: f.Now, Getenv: f.Getenv}
	cmd := &cobra.Command{
		Use:   "compute WORKBOOK…",
		Short: "Coverage rates, gaps to target and progress per unit and for the whole province",
		Long: `compute reads unit workbooks (.xlsx, .xls, .csv) and reports, per unit and for the
total, each coverage rate (bhxh, bhxh_mandatory, bhxh_voluntary, bhtn, bhyt, pension),
the gap to target in points and in people, % of plan, change against the same period
last year and the monthly pace needed to finish the year. The console table fits the
terminal (else COLUMNS, else 120 columns) in blocks of columns with the unit names
repeated; --indicator bhxh,bhyt chooses the indicators it shows.

Several inputs (files, folders, globs such as 'den/*.xlsx', expanded by bhxh
itself) give either one report per input (--out-dir DIR, --name) or one merged
report (--merge). Such a run never prompts, logs one record per file on stderr,
ends with a one-line summary, keeps going past a bad file (unless --fail-fast)
and holds DIR/.bhxh.lock so overlapping runs wait for each other.

Targets come from the workbook's own columns, a targets file (--targets), flags
(--target bhxh=55) or a built-in roadmap (--preset nq28 --year 2025); a unit's own
target wins over a flag, a flag over a preset.`,
		Example: `  bhxh compute tinh-mau-2023-11.xlsx
  bhxh compute --target bhxh=30 --target bhyt=95 -o bao-cao.xlsx tinh-mau-2023-11.xlsx
  bhxh compute --preset nq28 --year 2025 --format json xa-phuong-2025-10.xlsx
  bhxh compute --targets giao-chi-tieu-2026.xlsx co-so-2026.xlsx
  bhxh compute --out-dir bao-cao 'den/*.xlsx'                 # one report per input
  bhxh compute --merge -o tinh-2023-11.xlsx xa-phuong/         # all communes in one report
  bhxh compute --quiet --skip-unchanged --out-dir bao-cao den/ # from cron`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			inputs, err := expandInputs(args)
			if err != nil {
				return err
			}
			opts.Inputs = inputs
			if err := opts.check(cmd.Flags().Changed("year")); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runCompute(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	opts.readFlags.bind(cmd)
	opts.defineFlags.bind(cmd)
	fl.StringArrayVar(&opts.Targets, "target", nil, "province-wide target rate, e.g. bhxh=55 (repeatable)")
	fl.StringVar(&opts.TargetsFile, "targets", "", "targets file (xlsx or CSV, e.g. the output of bhxh allocate)")
	fl.StringVar(&opts.Preset, "preset", "", "built-in roadmap: nq28 (Resolution 28-NQ/TW) or qd546 (Decision 546/QĐ-TTg)")
	fl.IntVar(&opts.Year, "year", 0, "year of the --preset roadmap")
	fl.BoolVar(&opts.Interpolate, "interpolate", false, "interpolate a preset linearly between its milestone years")
	opts.commonFlags.bind(cmd, withReport|withDecimals|withPlace)
	fl.StringVar(&opts.Sort, "sort", "", "rank the units best first by rate, gap, persons_needed or plan_completion, optionally of one indicator (bhyt:gap)")
	fl.StringVar(&opts.Prior, "prior", "", "last year's (or last month's) workbook: prior and change of every indicator, matched by unit")
	markInputFiles(cmd, "targets", "prior")
	opts.crosswalkFlags.bind(cmd, "")
	addBatchFlags(cmd, &opts.Batch)
	return cmd
}

// check validates the flags against each other and the expanded inputs, and
// parses --target and --preset: every usage error is found before any file
// is read, once for a whole batch.
func (opts *computeOptions) check(yearSet bool) error {
	opts.Batch.Quiet = opts.Quiet
	if err := checkBatchFlags(&opts.Batch, opts, len(opts.Inputs)); err != nil {
		return err
	}
	if opts.Preset != "" && !yearSet {
		return usagef("--preset %s needs --year", "--preset %s cần --year", opts.Preset)
	}
	if yearSet && opts.Preset == "" {
		return usagef("--year is only used with --preset", "--year chỉ dùng với --preset")
	}
	if err := checkDecimals(opts.Decimals); err != nil {
		return err
	}
	if err := checkTargetsFile(opts.TargetsFile); err != nil {
		return err
	}
	if err := checkLang(opts.Lang); err != nil {
		return err
	}
	out := opts.Out
	if opts.Batch.OutDir != "" {
		out = nil // the reports go to files
	}
	if _, err := opts.checkOutput(out); err != nil {
		return err
	}
	if err := opts.readFlags.check(); err != nil {
		return err
	}
	if err := opts.defineFlags.check(); err != nil {
		return err
	}
	var err error
	opts.FlagTargets, opts.PresetTargets, err = parseTargets(opts.Targets, opts.defineFlags.names(), opts.Preset, opts.Year, opts.Interpolate)
	if err != nil {
		return err
	}
	if opts.Sort != "" {
		k, err := coverage.ParseSortKey(opts.Sort)
		if err != nil {
			return usagef("--sort: %v", "--sort: %v", err)
		}
		opts.SortKey = &k
	}
	return nil
}

// parseTargets parses --target (of built-in and defined indicators) and
// resolves --preset --year: compute and trend take targets alike.
func parseTargets(flags, defined []string, preset string, year int, interpolate bool) (flagTargets, presetTargets map[string]coverage.Target, err error) {
	if flagTargets, err = targets.ParseTargetFlags(flags, defined...); err != nil {
		return nil, nil, usageError{err}
	}
	if preset != "" {
		if presetTargets, err = targets.Preset(preset, year, interpolate); err != nil {
			return nil, nil, usageError{presetHint(err)}
		}
	}
	return flagTargets, presetTargets, nil
}

// checkTargetsFile refuses a --targets that is not a file but reads as a
// --target (bhxh=30): the one-letter slip between the two flags.
func checkTargetsFile(path string) error {
	if path == "" || !looksLikeKeyRate(path) {
		return nil
	}
	if _, err := os.Stat(path); err == nil {
		return nil // a file really named so
	}
	return usageError{errorOf(msgTargetsKeyRate, nil, path, path)}
}

// checkDecimals, checkPeriod and checkLang check flags several commands have.
func checkDecimals(n int) error {
	if n < 0 || n > 10 {
		return usagef("--decimals %d: want 0 to 10", "--decimals %d: cần từ 0 đến 10", n)
	}
	return nil
}

// checkPeriod checks a --period: "" or YYYY-MM.
func checkPeriod(period string) error {
	if period == "" {
		return nil
	}
	if _, err := time.Parse("2006-01", period); err != nil {
		return usagef("--period %q: want YYYY-MM", "--period %q: cần dạng YYYY-MM", period)
	}
	return nil
}

func checkLang(lang string) error {
	if lang != "vi" && lang != "en" {
		return usagef("--lang %q: want vi or en", "--lang %q: cần vi hoặc en", lang)
	}
	return nil
}

// readFlags are the flags of every command that reads unit workbooks.
type readFlags struct {
	Sheet       string
	Cols        []string
	ColumnsFile string
	Period      string
	Password    string
}

func (r *readFlags) bind(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&r.Sheet, "sheet", "", "sheet name or 1-based index (default: the first sheet holding a table)")
	f.StringArrayVar(&r.Cols, "col", nil, "map a header to a key, e.g. 'TG BHXH BB=bhxh_mandatory' (repeatable)")
	f.StringVar(&r.ColumnsFile, "columns", "", "file of 'Header text=key' lines")
	markInputFiles(cmd, "columns")
	f.StringVar(&r.Period, "period", "", "report period YYYY-MM (default: read from the title)")
	f.StringVar(&r.Password, "password", "", "password of a protected workbook")
}

// check validates --period and --col; the --columns file is read by options.
func (r *readFlags) check() error {
	_, err := readOptions(r.Sheet, r.Cols, "", r.Period, r.Password)
	return err
}

// options turns the flags into xlsxio.Options.
func (r *readFlags) options() (xlsxio.Options, error) {
	return readOptions(r.Sheet, r.Cols, r.ColumnsFile, r.Period, r.Password)
}

// readOptions turns the shared reading flags into xlsxio.Options.
func readOptions(sheet string, cols []string, columnsFile, period, password string) (xlsxio.Options, error) {
	opt := xlsxio.Options{Sheet: sheet, Period: period, Password: password, Columns: map[string]string{}}
	if err := checkPeriod(period); err != nil {
		return opt, err
	}
	if columnsFile != "" {
		m, err := xlsxio.ParseColumnsFile(columnsFile)
		if err != nil {
			return opt, colHint(err)
		}
		for k, v := range m {
			opt.Columns[k] = v
		}
	}
	for _, c := range cols {
		h, k, err := xlsxio.ParseColOverride(c)
		if err != nil {
			return opt, usageError{colHint(err)}
		}
		opt.Columns[h] = k
		opt.MustMatch = append(opt.MustMatch, h)
	}
	return opt, nil
}

// outputFormat decides the format from --format, else -o's extension.
func outputFormat(format, output string) (string, error) {
	byExt, known := "", false
	if output != "" && output != "-" {
		byExt, known = formatOfExt(strings.ToLower(filepath.Ext(output)))
	}
	if format != "" {
		switch format {
		case "table", "csv", "json", "xlsx":
		default:
			return "", usagef("--format %q: want table, csv, json or xlsx", "--format %q: cần table, csv, json hoặc xlsx", format)
		}
		// A CSV named r.xlsx is a file Excel refuses to open.
		if known && byExt != format {
			return "", usageError{errorOf(msgFormatVsExt, nil, format, output, filepath.Ext(output), byExt)}
		}
		return format, nil
	}
	if output == "" || output == "-" {
		return "table", nil
	}
	if known {
		return byExt, nil
	}
	return "", usagef("-o %s: cannot tell the format from the extension; give --format", "-o %s: không biết định dạng từ đuôi tệp; hãy cho --format", output)
}

// runCompute computes and writes one report, or runs a batch (--out-dir,
// --merge).
func runCompute(ctx context.Context, opts *computeOptions) error {
	if opts.Batch.isBatch() {
		return runBatch(ctx, opts)
	}
	rep, err := computeOne(ctx, opts, opts.Inputs)
	if err != nil {
		return err
	}
	if err := writeComputeReport(opts, rep, opts.Output, opts.Inputs); err != nil {
		return err
	}
	printNotes(opts.warnings(opts.Err), msg.Lang(opts.Lang), rep.Inputs)
	printIssues(opts.warnings(opts.Err), msg.Lang(opts.Lang), rep.Issues)
	return strictCheck(opts.Strict, rep.Issues)
}

// strictCheck fails a finished run (exit 3) when --strict is given and any
// warning was reported.
func strictCheck(strict bool, issues []xlsxio.Issue) error {
	if n := countWarnings(issues); strict && n > 0 {
		return strictError{n}
	}
	return nil
}

// reportInputs describes a table read for the report's "Nguồn": one
// input per sheet read (forms joined from several sheets give several),
// the first carrying the choices bhxh made reading the file.
func reportInputs(t *xlsxio.Table, targetNotes []msg.Text) []report.Input {
	parts := t.Parts
	if len(parts) == 0 {
		parts = []*xlsxio.Table{t}
	}
	var out []report.Input
	for i, p := range parts {
		in := report.Input{File: p.File, Sheet: p.Sheet, SHA256: p.SHA256, TargetNotes: targetNotes}
		for _, c := range p.Columns {
			in.Columns = append(in.Columns, report.Column{Letter: c.Letter, Header: c.Header, Key: c.Key, Why: c.Why})
		}
		if i == 0 {
			in.Choice = t.Notes
		}
		out = append(out, in)
	}
	return out
}

// printNotes says on standard error each choice bhxh made reading an
// input (a sheet among several, a block continuing the table): never a
// silent guess.
func printNotes(w io.Writer, lang msg.Lang, inputs []report.Input) {
	for _, in := range inputs {
		for _, n := range in.Choice {
			fmt.Fprintf(w, "bhxh: %s: %s: %s\n", noteWord(lang), in.File, n.In(lang))
		}
	}
}

// noteWord heads a note on standard error: a choice bhxh made reading.
func noteWord(l msg.Lang) string {
	return msg.Sprintf("note", "ghi chú").In(l)
}

// printIssues reports warnings on standard error, one per line, each
// naming its file and cell: they are never silent. Past the first 50 (a
// participant list can hold thousands of duplicates) it says how many more
// there are; the JSON output holds them all.
func printIssues(w io.Writer, lang msg.Lang, issues []xlsxio.Issue) {
	const shown = 50
	for i, is := range issues {
		if i == shown {
			fmt.Fprintf(w, "bhxh: %s\n", msg.Sprintf("… %d more warnings (all of them with --format json)", "… còn %d cảnh báo nữa (xem hết với --format json)", len(issues)-shown).In(lang))
			return
		}
		loc := is.File
		switch {
		case is.Line > 0: // a CSV participant list
			loc += ":" + strconv.FormatInt(is.Line, 10)
		case is.Sheet != "" && is.Cell != "":
			loc += ": " + is.Sheet + "!" + is.Cell
		case is.Cell != "":
			loc += ": " + is.Cell
		}
		if loc != "" {
			loc += ": "
		}
		fmt.Fprintf(w, "bhxh: %s %s: %s%s\n", is.LevelIn(lang), is.Code, loc, is.Message.In(lang))
	}
}

func countWarnings(issues []xlsxio.Issue) int {
	n := 0
	for _, is := range issues {
		if is.Level == "warning" {
			n++
		}
	}
	return n
}

// computeOne reads inputs (several are merged into one report), applies
// targets and computes. It writes nothing.
func computeOne(ctx context.Context, opts *computeOptions, inputs []string) (*report.Compute, error) {
	ropt, err := opts.readFlags.options()
	if err != nil {
		return nil, err
	}
	flagTargets, preset := opts.FlagTargets, opts.PresetTargets
	opts.defineFlags.apply(&ropt)
	tables, err := readAll(ctx, inputs, ropt)
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		if err := opts.defineFlags.verify(t); err != nil {
			return nil, err
		}
		if t.Report == xlsxio.ReportAllocate {
			// its plans are the allocation; the rate column shows them rounded
			targets.ExactPlanTargets(t.Units)
		}
	}
	units, stated, joinIssues, err := joinInputs(tables)
	if err != nil {
		return nil, err
	}
	var conv *converter
	if opts.Crosswalk != "" {
		if conv, err = loadConverter(opts.crosswalkFlags); err != nil {
			return nil, err
		}
		cu, ci, converted, err := conv.toNewUnits(tables)
		if err != nil {
			return nil, err
		}
		if converted {
			units, stated, joinIssues = cu, nil, ci
		}
	}
	var prior *xlsxio.Table
	if opts.Prior != "" {
		var priorIssues []xlsxio.Issue
		units, prior, priorIssues, err = attachPrior(units, tables, opts.Prior, ropt, conv)
		if err != nil {
			return nil, err
		}
		joinIssues = append(joinIssues, priorIssues...)
	}

	var (
		notes         []msg.Text
		targetsIssues []xlsxio.Issue
	)
	if opts.TargetsFile != "" {
		tf, err := targets.ReadFile(opts.TargetsFile, xlsxio.Options{})
		if err != nil {
			return nil, err
		}
		applied, err := targets.Apply(units, tf)
		if err != nil {
			return nil, err
		}
		targetsIssues = append(targetsIssues, applied.Issues...)
		for _, r := range applied.Unmatched {
			text := msg.Sprintf("targets row %q matches no unit: its targets are not used", "dòng chỉ tiêu %q không khớp đơn vị nào: chỉ tiêu của dòng này không được dùng", r.Name)
			notes = append(notes, msg.Sprintf("%s: row %q matches no unit", "%s: dòng %q không khớp đơn vị nào", filepath.Base(opts.TargetsFile), r.Name))
			targetsIssues = append(targetsIssues, xlsxio.Issue{Level: "warning", Code: "unmatched_target",
				File: filepath.Base(opts.TargetsFile), Message: text})
		}
		flagTargets = targets.MergeFlags(tf.ProvinceTargets(), flagTargets)
	}

	period := ""
	if len(tables) > 0 {
		period = tables[0].Period
	}
	month := 0
	if period != "" {
		month, _ = strconv.Atoi(period[5:])
	}
	totalName := ""
	if stated != nil {
		totalName = stated.Name
	} else if opts.Lang == "en" {
		totalName = "Total"
	}
	res := coverage.Compute(units, stated, coverage.Options{
		Month: month, Flags: flagTargets, Preset: preset, TotalName: totalName, Defined: opts.Defined,
	})
	if opts.SortKey != nil {
		if _, err := coverage.Rank(&res, *opts.SortKey); err != nil {
			return nil, fmt.Errorf("--sort %s: %w", opts.Sort, err)
		}
	}

	rep := &report.Compute{
		Period:    period,
		Result:    res,
		Decimals:  opts.Decimals,
		Lang:      opts.Lang,
		Tool:      toolVersion(),
		Generated: reportTime(opts.Now, opts.Getenv),
		Place:     opts.Place,
		Width:     consoleWidth(opts.Out, opts.Getenv),
		Show:      opts.Show,
	}
	for _, t := range tables {
		rep.Inputs = append(rep.Inputs, reportInputs(t, targetNotes(flagTargets, preset, notes, opts.Defined))...)
		rep.Issues = append(rep.Issues, t.Issues...)
	}
	if prior != nil {
		rep.Inputs = append(rep.Inputs, report.Input{File: prior.File, Sheet: prior.Sheet, SHA256: prior.SHA256,
			TargetNotes: []msg.Text{msg.Plain("--prior")}})
	}
	rep.Issues = append(rep.Issues, joinIssues...)
	rep.Issues = append(rep.Issues, warningIssues(res.Warnings, tables)...)
	rep.Issues = append(rep.Issues, targetsIssues...)
	return rep, nil
}

// readAll reads inputs concurrently (up to GOMAXPROCS at a time) and
// returns them in input order; the first error in input order wins, so a
// run names the same bad file whatever the scheduling.
func readAll(ctx context.Context, inputs []string, ropt xlsxio.Options) ([]*xlsxio.Table, error) {
	tables := make([]*xlsxio.Table, len(inputs))
	errs := make([]error, len(inputs))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, in := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if err := ctx.Err(); err != nil {
				errs[i] = err
				return
			}
			tables[i], errs[i] = readTable(in, ropt)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return tables, nil
}

// attachPrior gives each unit its prior_* counts from the prior workbook
// (read like an input, converted to the new units with --crosswalk when it
// is in the old ones), joined unit by unit: a prior the workbook also
// states must agree with it; a unit without a prior is a missing_unit
// warning, a unit found only in the prior file is left out with one.
func attachPrior(units []coverage.Unit, tables []*xlsxio.Table, path string, ropt xlsxio.Options, conv *converter) ([]coverage.Unit, *xlsxio.Table, []xlsxio.Issue, error) {
	popt := ropt
	popt.Period = "" // --period is the current workbook's
	pt, err := readTable(path, popt)
	if err != nil {
		return nil, nil, nil, err
	}
	issues := append([]xlsxio.Issue(nil), pt.Issues...)
	if conv != nil {
		pu, pi, converted, err := conv.toNewUnits([]*xlsxio.Table{pt})
		if err != nil {
			return nil, nil, nil, err
		}
		if converted {
			pt = convertedTable(pt, pu)
			issues = append(issues, pi...)
		}
	} else if err := sameSideOfReform(pt, tables); err != nil {
		return nil, nil, nil, err
	}
	cur := &xlsxio.Table{File: tables[0].File, Sheet: tables[0].Sheet, Units: units}
	for _, t := range tables {
		cur.Columns = append(cur.Columns, t.Columns...)
	}
	j, err := xlsxio.Join([]*xlsxio.Table{cur, xlsxio.AsPrior(pt)})
	if err != nil {
		return nil, nil, nil, err
	}
	var kept []coverage.Unit
	for i, from := range j.From {
		if from[0] == 0 {
			kept = append(kept, j.Units[i])
		}
	}
	return kept, pt, append(issues, j.Issues...), nil
}

// sameSideOfReform refuses, without --crosswalk, a prior workbook from
// before 1 July 2025 against a current one from after: codes were kept
// across the reform for other units, so matching them would silently give
// wrong priors.
func sameSideOfReform(prior *xlsxio.Table, tables []*xlsxio.Table) error {
	const reform = "2025-07"
	for _, t := range tables {
		if prior.Period != "" && t.Period != "" && (prior.Period < reform) != (t.Period < reform) {
			return msg.Errorf("%s is for %s and %s for %s, across the reorganisation of 1 July 2025: give --crosswalk %s to move the old units' figures into the new units", "%s là số liệu %s còn %s là %s, hai bên đợt sắp xếp đơn vị hành chính ngày 1/7/2025: hãy cho --crosswalk %s để chuyển số liệu của đơn vị cũ sang đơn vị mới",
				prior.File, prior.Period, t.File, t.Period, crosswalk.DefaultName)
		}
	}
	return nil
}

// joinInputs makes one table of the inputs: a single input as read (its
// own total row cross-checked), several joined unit by unit (xlsxio.Join:
// different columns for the same units are put together, the same columns
// for different units appended; a value two inputs disagree on is an error
// naming both cells).
func joinInputs(tables []*xlsxio.Table) ([]coverage.Unit, *coverage.Unit, []xlsxio.Issue, error) {
	if len(tables) == 1 {
		return tables[0].Units, tables[0].Total, nil, nil
	}
	j, err := xlsxio.Join(tables)
	if err != nil {
		return nil, nil, nil, err
	}
	return j.Units, nil, j.Issues, nil
}

// warningIssues turns the domain's warnings into report issues pointing at
// the file and sheet the unit came from: the file holding the warning's
// cell for that unit (joined inputs give one unit cells in several files),
// else the unit's first file.
func warningIssues(ws []coverage.Warning, tables []*xlsxio.Table) []xlsxio.Issue {
	file, sheet := "", ""
	if len(tables) > 0 {
		file, sheet = tables[0].File, tables[0].Sheet
	}
	owner := map[string]*xlsxio.Table{}
	cellOwner := map[[2]string]*xlsxio.Table{} // unit name, cell → table
	for _, t := range tables {
		for _, u := range t.Units {
			if _, ok := owner[u.Name]; !ok {
				owner[u.Name] = t
			}
			for _, c := range u.Cells {
				if _, ok := cellOwner[[2]string{u.Name, c}]; !ok {
					cellOwner[[2]string{u.Name, c}] = t
				}
			}
		}
	}
	out := make([]xlsxio.Issue, 0, len(ws))
	for _, w := range ws {
		is := xlsxio.Issue{Level: "warning", Code: w.Code, File: file, Sheet: sheet, Cell: w.Cell, Message: w.Message}
		if t, ok := cellOwner[[2]string{w.Unit, w.Cell}]; ok && w.Cell != "" {
			is.File, is.Sheet = t.File, t.Sheet
		} else if t, ok := owner[w.Unit]; ok {
			is.File, is.Sheet = t.File, t.Sheet
		}
		out = append(out, is)
	}
	return out
}

func targetNotes(flags, preset map[string]coverage.Target, extra []msg.Text, defined []coverage.Indicator) []msg.Text {
	var notes []msg.Text
	for _, ind := range append(append([]coverage.Indicator{}, coverage.Indicators...), defined...) {
		if t, ok := flags[ind.Key]; ok {
			notes = append(notes, msg.Sprintf("%s %s%%: %s", "%s %s%%: %s", ind.Key, msg.Decimal(t.Rate.String()), t.Note))
		}
		if t, ok := preset[ind.Key]; ok {
			notes = append(notes, msg.Sprintf("%s %s%%: preset, %s", "%s %s%%: bộ chỉ tiêu có sẵn, %s", ind.Key, msg.Decimal(t.Rate.String()), t.Note))
		}
	}
	return append(notes, extra...)
}

// reportTime is SOURCE_DATE_EPOCH when set (reproducible reports), else now.
func reportTime(now func() time.Time, getenv func(string) string) time.Time {
	zone := reportZone(getenv)
	if s := getenv("SOURCE_DATE_EPOCH"); s != "" {
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(sec, 0).In(zone)
		}
	}
	return now().In(zone).Truncate(time.Second)
}

// reportZone is where the report's reader is: the zone TZ names
// ("Asia/Bangkok", "UTC"; a leading ':' as the C library takes it), else
// Asia/Ho_Chi_Minh, whatever the machine's own zone (a server in UTC, a
// Windows PC whose zone Go cannot name). The zone data is in the binary
// (time/tzdata), so this works where the system has none.
func reportZone(getenv func(string) string) *time.Location {
	if tz := strings.TrimPrefix(getenv("TZ"), ":"); tz != "" {
		if loc, err := time.LoadLocation(tz); err == nil {
			return loc
		}
	}
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil { // cannot happen: time/tzdata is linked in
		return time.FixedZone("+07", 7*3600)
	}
	return loc
}

func toolVersion() string {
	ver, rev := buildVersion()
	if rev == "" {
		return "bhxh " + ver
	}
	return fmt.Sprintf("bhxh %s (revision %s)", ver, rev)
}

// writeComputeReport writes rep to out ("" or "-" = standard output) in the
// format chosen by opts; files are written atomically and never over an input.
func writeComputeReport(opts *computeOptions, rep *report.Compute, out string, inputs []string) error {
	format, err := outputFormat(opts.Format, out)
	if err != nil {
		return err
	}
	computeWriters := writers[*report.Compute]{report.WriteComputeJSON, report.WriteComputeCSV, report.WriteComputeXLSX, report.WriteComputeTable}
	return writeReport(opts.streams, format, out, inputs, computeWriters, rep)
}
