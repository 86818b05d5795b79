package main

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/bhxh/bhxh/coverage"
	"github.com/shopspring/decimal"
)

// The arguments of allocate → its options, or the usage error that refuses
// them. The baseline named here does not exist: nothing is read.
func TestAllocateFlags(t *testing.T) {
	type parsed struct {
		Baseline, Indicator, Rate string // Rate: the parsed --rate, "" without
		Total                     int64
		Method, Rounding          string
	}
	for _, c := range []struct {
		name string
		args []string
		want parsed
		err  string
	}{
		{name: "a rate", args: []string{"--indicator", "bhxh", "--rate", "25", "co-so.xlsx"},
			want: parsed{"co-so.xlsx", "bhxh", "25", 0, "proportional", "largest-remainder"}},
		{name: "a rate typed the Vietnamese way", args: []string{"--indicator", "bhyt", "--rate", "95,15%", "--method", "uncovered", "--rounding", "webster", "co-so.xlsx"},
			want: parsed{"co-so.xlsx", "bhyt", "95.15", 0, "uncovered", "webster"}},
		{name: "a total", args: []string{"--indicator", "bhxh", "--total", "435", "--rounding", "huntington-hill", "co-so.xlsx"},
			want: parsed{"co-so.xlsx", "bhxh", "", 435, "proportional", "huntington-hill"}},
		{name: "no indicator", args: []string{"--rate", "25", "co-so.xlsx"},
			err: "--indicator is required (bhxh, bhxh_mandatory, bhxh_voluntary, bhtn, bhyt or pension)"},
		{name: "unknown indicator", args: []string{"--indicator", "xyz", "--rate", "25", "co-so.xlsx"},
			err: `--indicator "xyz": want bhxh, bhxh_mandatory, bhxh_voluntary, bhtn, bhyt, pension, a name from --indicators or NAME=NUMERATOR/DENOMINATOR`},
		{name: "no target", args: []string{"--indicator", "bhxh", "co-so.xlsx"}, err: "give the target: --rate R (percent) or --total N (people)"},
		{name: "both targets", args: []string{"--indicator", "bhxh", "--rate", "25", "--total", "5", "co-so.xlsx"}, err: "give --rate or --total, not both"},
		{name: "rate above 100", args: []string{"--indicator", "bhxh", "--rate", "101", "co-so.xlsx"},
			err: "--rate 101: a target rate must be above 0 and at most 100 (percent)"},
		{name: "a rate as a program writes it", args: []string{"--indicator", "bhxh", "--rate", "2.5e1", "co-so.xlsx"},
			err: `--rate 2.5e1: "2.5e1" is not a rate in percent (e.g. 55 or 95,15)`},
		{name: "a negative total", args: []string{"--indicator", "bhxh", "--total", "-5", "co-so.xlsx"},
			err: "--total -5: not a whole number of people (write 1000, 1.000 or 1 000)"},
		{name: "bad method", args: []string{"--indicator", "bhxh", "--rate", "25", "--method", "equal", "co-so.xlsx"},
			err: `method "equal": want proportional, uncovered, current or weight:COLUMN`},
		{name: "bad rounding", args: []string{"--indicator", "bhxh", "--rate", "25", "--rounding", "banker", "co-so.xlsx"},
			err: `rounding "banker": want largest-remainder, webster, dhondt or huntington-hill`},
		{name: "by without parents", args: []string{"--indicator", "bhxh", "--by", "Huyện", "co-so.xlsx"}, err: "--by and --parent-targets go together"},
		{name: "by with a rate", args: []string{"--indicator", "bhxh", "--by", "Huyện", "--parent-targets", "h.csv", "--rate", "25", "co-so.xlsx"},
			err: "with --by, each parent's total comes from --parent-targets; drop --rate/--total"},
		{name: "negative minimum", args: []string{"--indicator", "bhxh", "--rate", "25", "--min", "-1", "co-so.xlsx"}, err: "--min -1: not a whole number of people (write 1000, 1.000 or 1 000)"},
		{name: "no baseline", args: []string{"--indicator", "bhxh", "--rate", "25"}, err: "requires at least 1 arg(s), only received 0"},
		{name: "by over two baselines", args: []string{"--indicator", "bhxh", "--by", "Huyện", "--parent-targets", "h.csv", "a.xlsx", "b.xlsx"},
			err: "--by reads a column of one baseline workbook as it is: give one baseline, without --crosswalk"},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts, err := parseCommand(t, newAllocateCmd, c.args...)
			if c.err != "" {
				var ue usageError
				if err == nil || err.Error() != c.err || !errors.As(err, &ue) {
					t.Fatalf("error %v, want the usage error %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := parsed{Baseline: opts.Baseline, Indicator: opts.ind.Key, Total: opts.Total, Method: string(opts.method), Rounding: string(opts.rounding)}
			if opts.rate != nil {
				got.Rate = opts.rate.String()
			}
			if got != c.want {
				t.Errorf("options %+v, want %+v", got, c.want)
			}
		})
	}
}

// runAllocate on a small baseline: the exact allocation and errors.
// 10 % of 6,000 is 600 people; Xã A's proportional share (100) is below
// the 155 it has, so it keeps 155 and B and C share the other 445 as
// 3000:2000 = 267 + 178, 8.90 % each.
func TestRunAllocate(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "co-so.csv")
	writeFile(t, base, "Đơn vị,Lực lượng lao động,BHXH bắt buộc,BHXH tự nguyện\nXã A,1000,150,5\nXã B,3000,201,44\nXã C,2000,100,0\n")
	ten := decimal.NewFromInt(10)
	for _, c := range []struct {
		name   string
		opts   allocateOptions
		stdout string
		err    string
	}{
		{name: "CSV", opts: allocateOptions{Baseline: base, ind: mustIndicator("bhxh"), rate: &ten, commonFlags: commonFlags{Format: "csv"}},
			stdout: "\ufeffunit,labour_force,bhxh_mandatory,bhxh_voluntary,plan_bhxh,increment,target_bhxh\n" +
				"Xã A,1000,150,5,155,0,15.50\nXã B,3000,201,44,267,22,8.90\nXã C,2000,100,0,178,78,8.90\n" +
				"Tổng cộng,6000,451,49,600,100,10.00\n"},
		{name: "a total below what units have", opts: allocateOptions{Baseline: base, ind: mustIndicator("bhxh"), Total: 100, TotalSet: true},
			err: "co-so.csv: infeasible allocation: total 100 is below what units already have (no unit's target falls below its current count); the smallest feasible total is 500"},
		{name: "an indicator the baseline cannot give", opts: allocateOptions{Baseline: base, ind: mustIndicator("bhyt"), rate: &ten},
			err: `co-so.csv: unit "Xã A" has no population (the denominator of bhyt)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errw bytes.Buffer
			opts := c.opts
			opts.streams = streams{Out: &out, Err: &errw}
			opts.Now, opts.Getenv = time.Now, fakeEnv(nil)
			opts.Indicator, opts.Lang, opts.NoDecrease = opts.ind.Key, "vi", true
			opts.method, opts.rounding = coverage.Proportional, coverage.LargestRemainder
			err := runAllocate(&opts)
			if got := errString(err); got != c.err {
				t.Errorf("error %q, want %q", got, c.err)
			}
			if out.String() != c.stdout {
				t.Errorf("stdout\n%s\nwant\n%s", out.String(), c.stdout)
			}
			if errw.String() != "" {
				t.Errorf("stderr %q", errw.String())
			}
		})
	}
}

func mustIndicator(key string) coverage.Indicator {
	ind, ok := coverage.IndicatorByKey(key)
	if !ok {
		panic(key)
	}
	return ind
}
