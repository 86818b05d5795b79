package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/msg"
)

// parseCommand runs a command built by newCmd on args with a runF that
// only captures what it was given: flag parsing and checking, no work.
func parseCommand[O any](t *testing.T, newCmd func(*factory, func(*O) error) *cobra.Command, args ...string) (*O, error) {
	t.Helper()
	f := &factory{streams: streams{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}, Now: time.Now, Getenv: fakeEnv(nil)}
	var got *O
	cmd := newCmd(f, func(o *O) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	cmd.SetFlagErrorFunc(flagError) // as the root gives it
	err := cmd.Execute()
	return got, err
}

// targetRates shows parsed targets as "bhxh=30" for comparison.
func targetRates(m map[string]coverage.Target) []string {
	var out []string
	for _, ind := range coverage.Indicators {
		if t, ok := m[ind.Key]; ok {
			out = append(out, ind.Key+"="+t.Rate.String())
		}
	}
	return out
}

// The arguments of compute → its options, or the usage error that refuses
// them. Nothing is read: the inputs named here do not exist.
func TestComputeFlags(t *testing.T) {
	type parsed struct {
		Inputs         []string
		Targets        []string // FlagTargets
		Preset         []string // PresetTargets
		Decimals       int
		Lang, Format   string
		Output, OutDir string
		Name           string
		Merge          bool
	}
	def := func(p parsed) parsed {
		if p.Decimals == 0 {
			p.Decimals = 2
		}
		if p.Lang == "" {
			p.Lang = "vi"
		}
		if p.Name == "" {
			p.Name = defaultReportName
		}
		return p
	}
	for _, c := range []struct {
		name string
		args []string
		want parsed
		err  string
	}{
		{name: "one workbook", args: []string{"a.xlsx"}, want: parsed{Inputs: []string{"a.xlsx"}}},
		{name: "targets parsed once, before any file is read", args: []string{"--target", "bhxh=30", "--target", "bhyt=95,15", "a.xlsx"},
			want: parsed{Inputs: []string{"a.xlsx"}, Targets: []string{"bhxh=30", "bhyt=95.15"}}},
		{name: "an indicator targeted twice", args: []string{"--target", "bhxh=30", "--target", "bhxh=40", "a.xlsx"},
			err: `--target bhxh is given twice (--target bhxh=30 and "bhxh=40")`},
		{name: "a target that is not a rate", args: []string{"--target", "bhxh=2.5e1", "a.xlsx"},
			err: `--target "bhxh=2.5e1": "2.5e1" is not a rate in percent (e.g. 55 or 95,15)`},
		{name: "preset resolved", args: []string{"--preset", "nq28", "--year", "2025", "a.xlsx"},
			want: parsed{Inputs: []string{"a.xlsx"}, Preset: []string{"bhxh=45", "bhxh_voluntary=2.5", "bhtn=35", "bhyt=95", "pension=55"}}},
		{name: "preset without a year", args: []string{"--preset", "nq28", "a.xlsx"}, err: "--preset nq28 needs --year"},
		{name: "year without a preset", args: []string{"--year", "2025", "a.xlsx"}, err: "--year is only used with --preset"},
		{name: "decimals out of range", args: []string{"--decimals", "11", "a.xlsx"}, err: "--decimals 11: want 0 to 10"},
		{name: "unknown language", args: []string{"--lang", "fr", "a.xlsx"}, err: `--lang "fr": want vi or en`},
		{name: "unknown format", args: []string{"--format", "pdf", "a.xlsx"}, err: `--format "pdf": want table, csv, json or xlsx`},
		{name: "format from -o", args: []string{"-o", "bao-cao.xlsx", "a.xlsx"}, want: parsed{Inputs: []string{"a.xlsx"}, Output: "bao-cao.xlsx"}},
		{name: "-o naming no format", args: []string{"-o", "bao-cao.pdf", "a.xlsx"}, err: "-o bao-cao.pdf: cannot tell the format from the extension; give --format"},
		{name: "period not a month", args: []string{"--period", "11/2023", "a.xlsx"}, err: `--period "11/2023": want YYYY-MM`},
		{name: "two inputs, one report", args: []string{"a.xlsx", "b.xlsx"},
			err: `2 input files: give --out-dir DIR for one report per input (named by --name, default "{stem}.bao-cao.xlsx"), or --merge (with -o FILE) for one report of all their units`},
		{name: "merge", args: []string{"--merge", "-o", "tinh.json", "a.xlsx", "b.xlsx"},
			want: parsed{Inputs: []string{"a.xlsx", "b.xlsx"}, Output: "tinh.json", Merge: true}},
		{name: "--format picks the default report name's extension", args: []string{"--out-dir", "bc", "--format", "json", "a.xlsx", "b.xlsx"},
			want: parsed{Inputs: []string{"a.xlsx", "b.xlsx"}, Format: "json", OutDir: "bc", Name: "{stem}.bao-cao.json"}},
		{name: "merge and out-dir", args: []string{"--merge", "--out-dir", "bc", "a.xlsx"},
			err: "--merge writes one report (-o FILE) and --out-dir one report per input; give one of them"},
		{name: "unknown log format", args: []string{"--log-format", "xml", "a.xlsx"}, err: `--log-format "xml": want text or json`},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts, err := parseCommand(t, newComputeCmd, c.args...)
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
			got := parsed{Inputs: opts.Inputs, Targets: targetRates(opts.FlagTargets), Preset: targetRates(opts.PresetTargets),
				Decimals: opts.Decimals, Lang: opts.Lang, Format: opts.Format, Output: opts.Output,
				OutDir: opts.Batch.OutDir, Name: opts.Batch.Name, Merge: opts.Batch.Merge}
			if want := def(c.want); !reflect.DeepEqual(got, want) {
				t.Errorf("options\n%+v, want\n%+v", got, want)
			}
		})
	}
}

// runCompute on small inputs written here: the exact text it prints and the
// exact error it returns. The figures are worked out by hand in the
// comments (Xã A: (150+5)/1000 = 15.50 %; Xã B: (201+44)/3000 = 8.1666… →
// 8.17; total 400/4000 = 10.00; needed at 20 %: 200−155 = 45, 600−245 =
// 355, 800−400 = 400; BB total 351/4000 = 8.775 → 8.78 and TN 49/4000 =
// 1.225 → 1.23, half-up).
func TestRunCompute(t *testing.T) {
	dir := t.TempDir()
	xa := filepath.Join(dir, "xa.csv")
	writeFile(t, xa, "Mã xã,Đơn vị,Lực lượng lao động,BHXH bắt buộc,BHXH tự nguyện,BHTN\n01,Xã A,1000,150,5,120\n02,Xã B,3000,201,44,180\n")
	bad := filepath.Join(dir, "hong.csv")
	writeFile(t, bad, "Đơn vị,Lực lượng lao động,BHXH bắt buộc\nXã A,1000,15O\n")
	mismatch := filepath.Join(dir, "lech.csv")
	writeFile(t, mismatch, "Đơn vị,Lực lượng lao động,BHXH bắt buộc\nXã A,1000,150\nTổng cộng,1000,151\n")
	at20 := map[string]coverage.Target{"bhxh": {Rate: decimal.RequireFromString("20"), Source: coverage.SourceFlag, Note: msg.Plain("--target bhxh=20")}}

	for _, c := range []struct {
		name         string
		opts         computeOptions
		stdout, warn string
		err          string
	}{
		{name: "table", opts: computeOptions{Inputs: []string{xa}, FlagTargets: at20},
			stdout: `Kết quả phát triển người tham gia BHXH, BHYT
┌───────────┬─────────┬──────────┬──────────┬──────────┬─────────┬─────────┬───────┐
│ Đơn vị    │    BHXH │     BHXH │     BHXH │     BHXH │ BHXH BB │ BHXH TN │  BHTN │
│           │   Tỷ lệ │ Chỉ tiêu │    Thiếu │ Cần thêm │   Tỷ lệ │   Tỷ lệ │ Tỷ lệ │
│           │     (%) │      (%) │ (điểm %) │  (người) │     (%) │     (%) │   (%) │
├───────────┼─────────┼──────────┼──────────┼──────────┼─────────┼─────────┼───────┤
│ Xã A      │ 15,50 ▼ │    20,00 │     4,50 │       45 │   15,00 │    0,50 │ 12,00 │
│ Xã B      │  8,17 ▼ │    20,00 │    11,83 │      355 │    6,70 │    1,47 │  6,00 │
├───────────┼─────────┼──────────┼──────────┼──────────┼─────────┼─────────┼───────┤
│ Tổng cộng │ 10,00 ▼ │    20,00 │    10,00 │      400 │    8,78 │    1,23 │  7,50 │
└───────────┴─────────┴──────────┴──────────┴──────────┴─────────┴─────────┴───────┘
2/2 đơn vị chưa đạt BHXH 20 %: Xã A, Xã B.
BB = bắt buộc; TN = tự nguyện.
▼ bên tỷ lệ: chưa đạt chỉ tiêu; thiếu = chỉ tiêu − tỷ lệ (điểm %), Vượt = đã vượt; cần thêm = số người tối thiểu để đạt.
`},
		{name: "CSV for Excel", opts: computeOptions{Inputs: []string{xa}, FlagTargets: at20, commonFlags: commonFlags{Format: "csv"}},
			stdout: "\ufeffunit,code,bhxh_mandatory,bhxh_voluntary,bhtn,labour_force,bhxh_rate,bhxh_target,bhxh_target_source,bhxh_gap_pp,bhxh_persons_needed,bhxh_plan,bhxh_plan_completion,bhxh_prior,bhxh_change,bhxh_pace_per_month,bhxh_mandatory_rate,bhxh_mandatory_target,bhxh_mandatory_target_source,bhxh_mandatory_gap_pp,bhxh_mandatory_persons_needed,bhxh_mandatory_plan,bhxh_mandatory_plan_completion,bhxh_mandatory_prior,bhxh_mandatory_change,bhxh_mandatory_pace_per_month,bhxh_voluntary_rate,bhxh_voluntary_target,bhxh_voluntary_target_source,bhxh_voluntary_gap_pp,bhxh_voluntary_persons_needed,bhxh_voluntary_plan,bhxh_voluntary_plan_completion,bhxh_voluntary_prior,bhxh_voluntary_change,bhxh_voluntary_pace_per_month,bhtn_rate,bhtn_target,bhtn_target_source,bhtn_gap_pp,bhtn_persons_needed,bhtn_plan,bhtn_plan_completion,bhtn_prior,bhtn_change,bhtn_pace_per_month\n" +
				"Xã A,00001,150,5,120,1000,15.50,20.00,flag,4.50,45,,,,,,15.00,,,,,,,,,,0.50,,,,,,,,,,12.00,,,,,,,,,\n" +
				"Xã B,00002,201,44,180,3000,8.17,20.00,flag,11.83,355,,,,,,6.70,,,,,,,,,,1.47,,,,,,,,,,6.00,,,,,,,,,\n" +
				"Tổng cộng,,351,49,300,4000,10.00,20.00,flag,10.00,400,,,,,,8.78,,,,,,,,,,1.23,,,,,,,,,,7.50,,,,,,,,,\n"},
		{name: "a missing file", opts: computeOptions{Inputs: []string{filepath.Join(dir, "khong-co.xlsx")}},
			err: "khong-co.xlsx: no such file (" + filepath.Join(dir, "khong-co.xlsx") + ")"},
		{name: "a count that is not a number", opts: computeOptions{Inputs: []string{bad}},
			err: `hong.csv: C2: "15O" is not a whole number of people`},
		{name: "warnings are printed, the report written", opts: computeOptions{Inputs: []string{mismatch}, commonFlags: commonFlags{Format: "csv"}},
			stdout: "\ufeffunit,code,bhxh_mandatory,labour_force,bhxh_mandatory_rate,bhxh_mandatory_target,bhxh_mandatory_target_source,bhxh_mandatory_gap_pp,bhxh_mandatory_persons_needed,bhxh_mandatory_plan,bhxh_mandatory_plan_completion,bhxh_mandatory_prior,bhxh_mandatory_change,bhxh_mandatory_pace_per_month\n" +
				"Xã A,,150,1000,15.00,,,,,,,,,\nTổng cộng,,150,1000,15.00,,,,,,,,,\n",
			warn: "bhxh: cảnh báo total_mismatch: lech.csv: C3: bhxh_mandatory: dòng \"Tổng cộng\" ghi 151, cộng các đơn vị được 150\n"},
		{name: "--strict fails on warnings", opts: computeOptions{Inputs: []string{mismatch}, commonFlags: commonFlags{Format: "csv", Strict: true}},
			stdout: "\ufeffunit,code,bhxh_mandatory,labour_force,bhxh_mandatory_rate,bhxh_mandatory_target,bhxh_mandatory_target_source,bhxh_mandatory_gap_pp,bhxh_mandatory_persons_needed,bhxh_mandatory_plan,bhxh_mandatory_plan_completion,bhxh_mandatory_prior,bhxh_mandatory_change,bhxh_mandatory_pace_per_month\n" +
				"Xã A,,150,1000,15.00,,,,,,,,,\nTổng cộng,,150,1000,15.00,,,,,,,,,\n",
			warn: "bhxh: cảnh báo total_mismatch: lech.csv: C3: bhxh_mandatory: dòng \"Tổng cộng\" ghi 151, cộng các đơn vị được 150\n",
			err:  "1 warning(s) and --strict given"},
		{name: "the report over its input", opts: computeOptions{Inputs: []string{xa}, commonFlags: commonFlags{Output: xa, Format: "csv"}},
			err: xa + ": output path is one of the inputs; refusing to overwrite an input"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errw bytes.Buffer
			opts := c.opts
			opts.streams = streams{Out: &out, Err: &errw}
			opts.Now, opts.Getenv = time.Now, fakeEnv(nil)
			opts.Decimals, opts.Lang = 2, "vi"
			err := runCompute(context.Background(), &opts)
			if got := errString(err); got != c.err {
				t.Errorf("error %q, want %q", got, c.err)
			}
			if out.String() != c.stdout {
				t.Errorf("stdout\n%s\nwant\n%s", out.String(), c.stdout)
			}
			if errw.String() != c.warn {
				t.Errorf("stderr %q, want %q", errw.String(), c.warn)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
