package main

import (
	"errors"
	"fmt"
	"math/big"
	"path/filepath"
	"strings"
	"time"

	"github.com/bhxh/bhxh/msg"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/targets"
	"github.com/bhxh/bhxh/xlsxio"
	"github.com/bhxh/bhxh/xlsxio/report"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// allocateOptions holds everything `bhxh allocate` needs: the parsed and
// checked flags, and the outside world.
type allocateOptions struct {
	streams
	Now    func() time.Time
	Getenv func(string) string

	Baseline       string   // the first baseline file
	Baselines      []string // every baseline file (the arguments expanded), joined unit by unit
	crosswalkFlags          // --crosswalk, --shares, --partial: a baseline in the old units
	readFlags               // --sheet, --col, --columns, --period, --password

	Indicator      string // a key, or a definition NAME=NUM/DEN
	IndicatorsFile string // --indicators: definitions --indicator may name
	Rate           string // --rate R (percent), "" when --total
	Total          int64  // --total N
	TotalSet       bool
	Method         string
	Rounding       string
	Min            int64
	NoDecrease     bool
	By             string
	ParentTargets  string

	commonFlags // --quiet, --strict, --lang, --format, -o

	// What check parsed the flags into.
	ind      coverage.Indicator
	rate     *decimal.Decimal // nil with --total or --by
	method   coverage.Method
	rounding coverage.Rounding
}

// newAllocateCmd binds allocate's flags and checks them; runF does the work
// (runAllocate unless a test captures the options).
func newAllocateCmd(f *factory, runF func(*allocateOptions) error) *cobra.Command {
	opts := &allocateOptions{streams: f.streams, Now: f.Now, Getenv: f.Getenv}
	cmd := &cobra.Command{
		Use:   "allocate BASELINE… --indicator KEY (--rate R | --total N)",
		Short: "Split a target across units in whole people that sum exactly",
		Long: `allocate splits a province's target ("giao chỉ tiêu") across the units of a
baseline workbook (any file compute reads), in whole people that add up exactly
to the total.

The total is --total people, or --rate R: the fewest people that reach R % of the
summed denominator, ⌈R/100 × Σd⌉.

Methods: proportional (every unit aims at the same rate), uncovered (the increase
in proportion to the people not yet covered), current (the increase in proportion
to current participants), weight:COLUMN (the increase in proportion to a baseline
column). With --no-decrease (the default) no unit's target falls below what it
has: such units keep their current count and the rest is re-shared. No target
exceeds the unit's denominator; an impossible request fails and says why.

Rounding: largest-remainder (default; ties to the larger denominator, then the
earlier row), webster, dhondt or huntington-hill. All arithmetic is exact.

The xlsx output ("Giao chỉ tiêu" and "Phương pháp" sheets) is a targets file:
bhxh compute --targets giao.xlsx reads it as it is.

Several baseline files are joined unit by unit (counts from one, denominators from
another). With --crosswalk vn-2025 (and --shares), a baseline in the communes before 1
July 2025 is moved into the new ones first, so 2026 targets are split over the new
communes from old-commune figures.`,
		Example: `  bhxh allocate --indicator bhxh --rate 25 co-so.xlsx
  bhxh allocate --indicator bhxh --rate 25 --method uncovered -o giao-chi-tieu.xlsx co-so.xlsx
  bhxh allocate --indicator bhyt --total 435 --rounding huntington-hill --min 1 us-house-2020.csv
  bhxh allocate --indicator bhxh --by Huyện --parent-targets chi-tieu-huyen.csv xa.xlsx
  bhxh allocate --indicator bhyt --rate 95 --crosswalk vn-2025 so-nguoi-2025-cu.xlsx mau-so-2025-cu.xlsx`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			baselines, err := expandInputs(args)
			if err != nil {
				return err
			}
			opts.Baseline, opts.Baselines = baselines[0], baselines
			if opts.By != "" && (len(baselines) > 1 || opts.Crosswalk != "") {
				return usagef("--by reads a column of one baseline workbook as it is: give one baseline, without --crosswalk", "--by đọc một cột của đúng một bảng số liệu gốc: chỉ cho một bảng gốc, không kèm --crosswalk")
			}
			opts.TotalSet = cmd.Flags().Changed("total")
			if err := opts.check(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runAllocate(opts)
		},
	}
	fl := cmd.Flags()
	opts.readFlags.bind(cmd)
	fl.StringVar(&opts.Indicator, "indicator", "", "indicator to allocate: bhxh, bhxh_mandatory, bhxh_voluntary, bhtn, bhyt, pension, a name from --indicators, or a definition NAME=NUMERATOR/DENOMINATOR")
	fl.StringVar(&opts.IndicatorsFile, "indicators", "", "file of indicator definitions (one NAME=NUMERATOR/DENOMINATOR a line) --indicator may name")
	fl.StringVar(&opts.Rate, "rate", "", "target rate in percent of the summed denominator, e.g. 25")
	countVar(fl, &opts.Total, "total", 0, "target in whole people (1000, 1.000 or 1 000)")
	fl.StringVar(&opts.Method, "method", string(coverage.Proportional), "proportional, uncovered, current or weight:COLUMN")
	fl.StringVar(&opts.Rounding, "rounding", string(coverage.LargestRemainder), "largest-remainder, webster, dhondt or huntington-hill")
	countVar(fl, &opts.Min, "min", 0, "every unit gets at least this many people")
	fl.BoolVar(&opts.NoDecrease, "no-decrease", true, "no unit's target below its current count")
	fl.StringVar(&opts.By, "by", "", "column naming each unit's parent (e.g. the old district): allocate within each parent")
	fl.StringVar(&opts.ParentTargets, "parent-targets", "", "CSV or xlsx with each parent's name and total (people) or rate (%), for --by")
	markInputFiles(cmd, "indicators", "parent-targets")
	opts.crosswalkFlags.bind(cmd, "")
	opts.commonFlags.bind(cmd, withReport|withPlace)
	return cmd
}

// check validates the flags against each other and parses --rate: every
// usage error is found before the baseline is read.
func (opts *allocateOptions) check() error {
	if opts.Indicator == "" {
		return usagef("--indicator is required (bhxh, bhxh_mandatory, bhxh_voluntary, bhtn, bhyt or pension)", "cần --indicator (bhxh, bhxh_mandatory, bhxh_voluntary, bhtn, bhyt hoặc pension)")
	}
	if err := opts.resolveIndicator(); err != nil {
		return err
	}
	hier := opts.By != "" || opts.ParentTargets != ""
	if hier && (opts.By == "" || opts.ParentTargets == "") {
		return usagef("--by and --parent-targets go together", "--by và --parent-targets phải đi cùng nhau")
	}
	switch {
	case hier && (opts.Rate != "" || opts.TotalSet):
		return usagef("with --by, each parent's total comes from --parent-targets; drop --rate/--total", "với --by, tổng của mỗi đơn vị cấp trên lấy từ --parent-targets; bỏ --rate/--total")
	case hier:
	case opts.Rate != "" && opts.TotalSet:
		return usagef("give --rate or --total, not both", "cho --rate hoặc --total, không cho cả hai")
	case opts.Rate != "":
		r, err := targets.ParseTargetRate(opts.Rate)
		if err != nil {
			return usagef("--rate %s: %v", "--rate %s: %v", opts.Rate, err)
		}
		opts.rate = &r
	case opts.TotalSet: // a count flag: whole, 0 or more
	default:
		return usagef("give the target: --rate R (percent) or --total N (people)", "hãy cho chỉ tiêu: --rate R (phần trăm) hoặc --total N (số người)")
	}
	var err error
	if opts.method, err = coverage.ParseMethod(opts.Method); err != nil {
		return usageError{err}
	}
	if opts.rounding, err = coverage.ParseRounding(opts.Rounding); err != nil {
		return usageError{err}
	}
	if err := checkLang(opts.Lang); err != nil {
		return err
	}
	if _, err := opts.checkOutput(opts.Out); err != nil {
		return err
	}
	return opts.readFlags.check()
}

// runAllocate reads the baseline, allocates and writes the allocation.
func runAllocate(opts *allocateOptions) error {
	ind, rate, method, rounding := opts.ind, opts.rate, opts.method, opts.rounding
	hier := opts.By != ""
	format, err := outputFormat(opts.Format, opts.Output)
	if err != nil {
		return err
	}

	ropt, err := opts.readFlags.options()
	if err != nil {
		return err
	}
	if hier {
		ropt.Parent = opts.By
	}
	defined := defineFlags{Defined: definedOnly(ind)}
	defined.apply(&ropt)
	t, issues, err := allocateBaseline(opts, ropt)
	if err != nil {
		return err
	}
	if err := defined.verify(t); err != nil {
		return err
	}
	units, err := coverage.AllocUnitsOf(t.Units, ind)
	if err != nil {
		return fmt.Errorf("%s: %w", t.File, err)
	}
	if col := method.WeightColumn(); col != "" {
		if err := setWeights(t, units, col); err != nil {
			return err
		}
	}
	req := coverage.AllocRequest{Method: method, Rounding: rounding, Min: opts.Min, NoDecrease: opts.NoDecrease}
	inputs := append([]string{}, opts.Baselines...) // set by allocateBaseline
	if hier {
		inputs = append(inputs, opts.ParentTargets)
		var byIssues []xlsxio.Issue
		if req.GroupTotals, byIssues, err = groupTotals(opts, ind.Key, t, units); err != nil {
			return err
		}
		issues = append(issues, byIssues...)
	} else {
		var sumD int64
		for _, u := range units {
			sumD += u.Denominator
		}
		req.Total = opts.Total
		if rate != nil {
			req.Total = coverage.TotalForRate(*rate, sumD)
		}
	}
	a, err := coverage.Allocate(units, req)
	if errors.Is(err, coverage.ErrMinimum) {
		return msg.Errorf("%s: %w: lower --min %d or raise the total", "%s: %w: hãy giảm --min %d hoặc tăng tổng chỉ tiêu", t.File, err, opts.Min)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", t.File, err)
	}
	rep := &report.Allocate{
		Indicator: ind.Key, Def: ind, Allocation: a, Rate: rate, Min: opts.Min, NoDecrease: opts.NoDecrease,
		By: opts.By, Parents: filepath.Base(opts.ParentTargets), Baseline: t.File, Sheet: t.Sheet,
		Lang: opts.Lang, Tool: toolVersion(), Generated: reportTime(opts.Now, opts.Getenv), Place: opts.Place,
		Width: consoleWidth(opts.Out, opts.Getenv),
	}
	rep.Parts = make([][]int64, len(t.Units))
	for i, u := range t.Units {
		for _, k := range ind.Numerator {
			rep.Parts[i] = append(rep.Parts[i], u.Counts[k])
		}
	}
	allocateWriters := writers[*report.Allocate]{report.WriteAllocateJSON, report.WriteAllocateCSV, report.WriteAllocateXLSX, report.WriteAllocateTable}
	if err := writeReport(opts.streams, format, opts.Output, inputs, allocateWriters, rep); err != nil {
		return err
	}
	printIssues(opts.warnings(opts.Err), msg.Lang(opts.Lang), issues) // the baseline's reading, join and conversion warnings, and --by's
	return strictCheck(opts.Strict, issues)
}

// allocateBaseline reads the baseline: one workbook as it is, or several
// joined unit by unit, moved into the new units when in the old ones (with
// --crosswalk). Several or converted make a table of their own, whose
// columns are the keys.
func allocateBaseline(opts *allocateOptions, ropt xlsxio.Options) (*xlsxio.Table, []xlsxio.Issue, error) {
	if len(opts.Baselines) == 0 {
		opts.Baselines = []string{opts.Baseline}
	}
	tables := make([]*xlsxio.Table, len(opts.Baselines))
	var issues []xlsxio.Issue
	for i, path := range opts.Baselines {
		t, err := readTable(path, ropt)
		if err != nil {
			return nil, nil, err
		}
		tables[i] = t
		issues = append(issues, t.Issues...)
	}
	if opts.Crosswalk != "" {
		conv, err := loadConverter(opts.crosswalkFlags)
		if err != nil {
			return nil, nil, err
		}
		units, more, converted, err := conv.toNewUnits(tables)
		if err != nil {
			return nil, nil, err
		}
		if converted {
			return convertedTable(tables[0], units), append(issues, more...), nil
		}
	}
	if len(tables) == 1 {
		return tables[0], issues, nil
	}
	j, err := xlsxio.Join(tables)
	if err != nil {
		return nil, nil, err
	}
	t := convertedTable(tables[0], j.Units)
	return t, append(issues, j.Issues...), nil
}

// columnKey resolves a --method weight:COLUMN or --by COLUMN to the key the
// reader gave the column: a canonical key as it is, else the header text.
func columnKey(t *xlsxio.Table, col string) (string, bool) {
	for _, c := range t.Columns {
		if c.Key == col {
			return col, true
		}
	}
	fc := vntext.Fold(col)
	for _, c := range t.Columns {
		if vntext.Fold(c.Header) == fc && c.Key != "" {
			return c.Key, true
		}
	}
	return "", false
}

// setWeights fills each unit's weight from a baseline column.
func setWeights(t *xlsxio.Table, units []coverage.AllocUnit, col string) error {
	key, ok := columnKey(t, col)
	if !ok {
		return usagef("--method weight:%s: no such column in %s (give a canonical key such as population, or a header text; map an unrecognised column with --col 'Header=key')", "--method weight:%s: không có cột này trong %s (cho một khóa chuẩn như population, hoặc chữ tiêu đề cột; gán cột chưa nhận ra bằng --col 'Tiêu đề=khóa')", col, t.File)
	}
	letter := ""
	for _, c := range t.Columns {
		if c.Key == key {
			letter = c.Letter
		}
	}
	// A weight is a figure read from a cell: a blank cell (which a count
	// column reads as 0 people) is no more a weight than an "x".
	var errs xlsxio.ErrorList
	for i, u := range t.Units {
		cell := u.Cells[key]
		if cell != "" {
			if v, ok := u.Counts[key]; ok {
				units[i].Weight = new(big.Rat).SetInt64(v)
				continue
			}
			if v, ok := u.Percents[key]; ok {
				units[i].Weight = v.Rat()
				continue
			}
		} else {
			cell = fmt.Sprintf("%s%d", letter, u.Row)
		}
		errs = append(errs, &xlsxio.CellError{File: t.File, Sheet: t.Sheet, Cell: cell,
			Err: msg.Errorf("unit %q has no weight for --method weight:%s (the cell is blank or \"x\"): give a number, 0 for none", "đơn vị %q không có trọng số cho --method weight:%s (ô trống hoặc \"x\"): hãy ghi một số, 0 nếu không có", u.Name, col)})
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// groupTotals reads --parent-targets and pairs each parent the --by column
// names with its row there (xlsxio.JoinUnits: by name with type, else
// without it, with a warning). Each unit's Group is its parent's row name.
func groupTotals(opts *allocateOptions, ind string, t *xlsxio.Table, units []coverage.AllocUnit) (map[string]int64, []xlsxio.Issue, error) {
	parents, err := xlsxio.ReadParentTargets(opts.ParentTargets, ind)
	if err != nil {
		return nil, nil, readHints(err)
	}
	file := filepath.Base(opts.ParentTargets)
	rows := make([]xlsxio.UnitRef, len(parents))
	listed := xlsxio.NewUnitIndex()
	for i, p := range parents {
		rows[i] = xlsxio.UnitRef{Code: p.Code, Name: p.Name}
		if _, err := listed.Add(rows[i]); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", file, err) // a parent listed twice
		}
	}
	// The parents the --by column names, each once, in baseline order: two
	// spellings the matcher finds the same by name ("Huyện Hòa An",
	// "Huyện Hoà An") are one parent.
	var named []xlsxio.UnitRef
	seen := xlsxio.NewUnitIndex()
	at := make([]int, len(units))
	for i, u := range t.Units {
		ref := xlsxio.UnitRef{Name: u.Parent}
		k, err := seen.Add(ref)
		if err != nil && !errors.Is(err, xlsxio.ErrDuplicateUnit) {
			return nil, nil, err
		}
		if err == nil {
			named = append(named, ref)
		}
		at[i] = k
	}
	ms, err := xlsxio.JoinUnits(named, rows)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: --by %q: %w", t.File, opts.By, err)
	}
	var issues []xlsxio.Issue
	for k, m := range ms {
		if m.Index < 0 {
			return nil, nil, msg.Errorf("%s: parent %q (column %q) has no row in %s", "%s: đơn vị cấp trên %q (cột %q) không có dòng nào trong %s", t.File, named[k].Name, opts.By, file)
		}
		if m.Warning.EN != "" {
			issues = append(issues, xlsxio.Issue{Level: "warning", Code: xlsxio.WarnLooseUnitMatch, File: file,
				Message: msg.Sprintf("parent %s", "đơn vị cấp trên %s", m.Warning)})
		}
	}
	sumD := make([]int64, len(parents))
	for i := range units {
		pi := ms[at[i]].Index
		units[i].Group = parents[pi].Name
		sumD[pi] += units[i].Denominator
	}
	out := map[string]int64{}
	for pi, p := range parents {
		if sumD[pi] == 0 && !parentNamed(ms, pi) {
			return nil, nil, msg.Errorf("%s: parent %q has a target but no units in %s (column %q)", "%s: đơn vị cấp trên %q có chỉ tiêu nhưng không có đơn vị nào trong %s (cột %q)", file, p.Name, t.File, opts.By)
		}
		if p.Rate != nil {
			out[p.Name] = coverage.TotalForRate(*p.Rate, sumD[pi])
		} else {
			out[p.Name] = p.Total
		}
	}
	return out, issues, nil
}

func parentNamed(ms []xlsxio.UnitMatch, pi int) bool {
	for _, m := range ms {
		if m.Index == pi {
			return true
		}
	}
	return false
}

// resolveIndicator reads --indicator: a built-in key, a definition
// NAME=NUM/DEN, or a name defined in --indicators.
func (opts *allocateOptions) resolveIndicator() error {
	const want = "want bhxh, bhxh_mandatory, bhxh_voluntary, bhtn, bhyt, pension, a name from --indicators or NAME=NUMERATOR/DENOMINATOR"
	if ind, ok := coverage.IndicatorByKey(opts.Indicator); ok {
		opts.ind = ind
		return nil
	}
	if strings.Contains(opts.Indicator, "=") {
		ind, err := coverage.ParseIndicator(opts.Indicator)
		if err != nil {
			return usagef("--indicator %v", "--indicator %v", err)
		}
		opts.ind = ind
		return nil
	}
	if opts.IndicatorsFile != "" {
		d := defineFlags{IndicatorsFile: opts.IndicatorsFile}
		if err := d.check(); err != nil {
			return err
		}
		for _, ind := range d.Defined {
			if ind.Key == opts.Indicator {
				opts.ind = ind
				return nil
			}
		}
		return usagef("--indicator %q: not defined in %s", "--indicator %q: không được định nghĩa trong %s", opts.Indicator, opts.IndicatorsFile)
	}
	return usagef("--indicator %q: %s", "--indicator %q: %s", opts.Indicator, want)
}

// definedOnly is ind when it is a defined indicator (its columns are read
// by header), nothing for a built-in one.
func definedOnly(ind coverage.Indicator) []coverage.Indicator {
	if _, builtin := coverage.IndicatorByKey(ind.Key); builtin {
		return nil
	}
	return []coverage.Indicator{ind}
}
