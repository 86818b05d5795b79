package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"unicode"

	"github.com/bhxh/bhxh/msg"

	"github.com/spf13/cobra"

	"github.com/bhxh/bhxh/xlsxio"
	"github.com/bhxh/bhxh/xlsxio/report"
)

// countOptions holds everything `bhxh count` needs.
type countOptions struct {
	streams
	Getenv      func(string) string // COLUMNS: the console table's width
	Inputs      []string
	Sheet       string
	Schemes     []string // --scheme, once for every list or once per list
	commonFlags          // --quiet, --strict, --format, -o
	Memory      string   // --memory: budget of the duplicate check, e.g. "1GiB"
	TempDir     string   // --temp-dir: where sorted runs go past it
	Lang        msg.Lang // of messages (--lang)

	// set by check
	format      string // table|csv|json|xlsx, from --format or -o
	memoryBytes int64  // --memory in bytes
}

// newCountCmd binds count's flags and checks them; runF does the work
// (runCount unless a test captures the options).
func newCountCmd(f *factory, runF func(*countOptions) error) *cobra.Command {
	opts := &countOptions{streams: f.streams, Getenv: f.Getenv}
	cmd := &cobra.Command{
		Use:   "count LIST…",
		Short: "Participant lists (one row per person) → the unit counts compute reads",
		Long: `count reads participant lists (.xlsx, or CSV of any length, one row per insured
person) and counts, per unit, the persons taking part in each scheme: BHXH bắt buộc
(bhxh_mandatory), BHXH tự nguyện (bhxh_voluntary), BHTN (bhtn), BHYT (bhyt). A person
(mã số BHXH, 10 digits) is counted once per scheme across all lists; repeats are reported
as duplicate_person.

Columns are recognised by their headers: "Mã số BHXH"; the unit by "Mã xã" / "Mã ĐVHC" /
"Mã đơn vị" and/or "Xã, phường" / "Đơn vị"; the scheme by "Loại hình" / "Đối tượng"
(values such as "Bắt buộc", "Tự nguyện", "BHTN", "BHYT", "BB, BHTN, BHYT"). A list of one
scheme needs no such column: give --scheme (once for all lists, or once per list).

CSV lists (a province's or the nation's extract, past Excel's 1,048,576 rows) are UTF-8
with or without a BOM, separated by commas, semicolons or tabs (the one that makes the
header row), optionally gzipped (.csv.gz); several files add up (a folder gives its
.xlsx, .csv and .csv.gz files). They are read in one
streaming pass on every core, and strictly: a malformed row, an unclosed quote or a
truncated file is an error naming file:line. The duplicate check keeps 16 bytes per
person and scheme in memory up to --memory, then writes sorted runs to a temporary
folder (in --temp-dir, else $TMPDIR), which is removed at the end, on an error and on
Ctrl-C (SIGINT) or SIGTERM.

The xlsx written (-o counts.xlsx) has the columns compute reads back unchanged.`,
		Example: `  bhxh count danh-sach-2023-11.xlsx -o so-nguoi.xlsx
  bhxh count --scheme bhyt the-bhyt-q1.xlsx the-bhyt-q2.xlsx --format json
  bhxh count --scheme bhxh_mandatory --scheme bhxh_voluntary bb.xlsx tn.xlsx -o so-nguoi.xlsx
  bhxh count --memory 512MiB ca-nuoc-1.csv.gz ca-nuoc-2.csv.gz -o so-nguoi.xlsx`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang = langOf(cmd)
			inputs, err := expandLists(args)
			if err != nil {
				return err
			}
			opts.Inputs = inputs
			if err := opts.check(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runCount(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Sheet, "sheet", "", "sheet name or 1-based index (default: every visible sheet that holds a list)")
	fl.StringArrayVar(&opts.Schemes, "scheme", nil, "every row of a list counts for this scheme: "+strings.Join(xlsxio.ParticipantSchemes, ", ")+" (once for all lists, or once per list)")
	opts.commonFlags.bind(cmd, withQuiet|withStrict|withFormat|withOutput)
	fl.StringVar(&opts.Memory, "memory", "1GiB", "memory for the duplicate check (16 bytes per person and scheme) before sorted runs spill to a temporary folder: e.g. 256MiB, 4GiB")
	fl.StringVar(&opts.TempDir, "temp-dir", "", "folder for the temporary sorted runs (default $TMPDIR); they are removed at the end, on errors and on SIGINT/SIGTERM")
	return cmd
}

// check validates the flags against each other and the expanded inputs:
// every usage error is found before any list is read.
func (opts *countOptions) check() error {
	format, err := opts.checkOutput(opts.Out)
	if err != nil {
		return err
	}
	opts.format = format
	for _, s := range opts.Schemes {
		if xlsxio.SchemeIndex(s) < 0 {
			return usagef("--scheme %q: want one of %s", "--scheme %q: cần một trong %s", s, strings.Join(xlsxio.ParticipantSchemes, ", "))
		}
	}
	if n := len(opts.Schemes); n > 1 && n != len(opts.Inputs) {
		return usagef("--scheme given %d times for %d lists: give it once for all, or once per list", "--scheme được cho %d lần cho %d danh sách: cho một lần cho tất cả, hoặc mỗi danh sách một lần", n, len(opts.Inputs))
	}
	if opts.Output != "" && opts.Output != "-" {
		if err := report.CheckOutput(opts.Output, opts.Inputs); err != nil {
			return usageError{err}
		}
	}
	if opts.memoryBytes, err = parseByteSize(opts.Memory); err != nil {
		return usagef("--memory %q: %v", "--memory %q: %v", opts.Memory, err)
	}
	return nil
}

// runCount reads the lists of checked options and writes the counts.
func runCount(opts *countOptions) error {
	pc := xlsxio.NewParticipantCounter(xlsxio.CounterOptions{Memory: opts.memoryBytes, TempDir: opts.TempDir})
	defer pc.Close()
	// SIGINT/SIGTERM: remove the temporary runs at once; the count under
	// way then fails and nothing is written.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		pc.Abort()
	}()
	for i, in := range opts.Inputs {

		o := xlsxio.CountOptions{Sheet: opts.Sheet}
		switch len(opts.Schemes) {
		case 0:
		case 1:
			o.Scheme = opts.Schemes[0]
		default:
			o.Scheme = opts.Schemes[i]
		}
		if err := pc.AddFile(ctx, in, o); err != nil {
			return interrupted(ctx, countHints(err))
		}
	}
	if err := pc.Finish(); err != nil {
		return interrupted(ctx, err)
	}
	if ctx.Err() != nil {
		return interrupted(ctx, ctx.Err())
	}
	printSheetsRead(opts.warnings(opts.Err), pc.Inputs)
	res := &report.Count{Inputs: pc.Inputs, Schemes: pc.Schemes(), Units: pc.Units(), Issues: pc.Issues,
		Width: consoleWidth(opts.Out, opts.Getenv)}
	printIssues(opts.warnings(opts.Err), opts.Lang, res.Issues)

	countWriters := writers[*report.Count]{report.WriteCountJSON, report.WriteCountCSV, report.WriteCountXLSX, report.WriteCountTable}
	if err := writeReport(opts.streams, opts.format, opts.Output, opts.Inputs, countWriters, res); err != nil {
		return err
	}
	return strictCheck(opts.Strict, res.Issues)
}

// printSheetsRead says which sheets of a workbook were counted when it had
// more than one list (a list split over "DS (1)" and "DS (2)").
func printSheetsRead(w io.Writer, inputs []xlsxio.CountInput) {
	for i := 0; i < len(inputs); {
		j := i
		for j < len(inputs) && inputs[j].File == inputs[i].File {
			j++
		}
		if j-i > 1 {
			parts := make([]string, 0, j-i)
			for _, in := range inputs[i:j] {
				parts = append(parts, fmt.Sprintf("%q (%d rows)", in.Sheet, in.Rows))
			}
			fmt.Fprintf(w, "bhxh: %s: counted sheets %s\n", inputs[i].File, strings.Join(parts, ", "))
		}
		i = j
	}
}

// interrupted turns the error of a count stopped by a signal into one that
// says so.
func interrupted(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return msg.New("interrupted: nothing written, temporary files removed", "bị ngắt: không ghi gì, đã xóa tệp tạm")
	}
	return err
}

// parseByteSize reads "1GiB", "512MiB", "64MB", "1G" or a number of bytes.
func parseByteSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	num := strings.TrimRightFunc(s, unicode.IsLetter)
	unit := strings.ToLower(strings.TrimSpace(s[len(num):]))
	n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
	if err != nil || n <= 0 {
		return 0, msg.New("want a size such as 256MiB or 4GiB", "cần một dung lượng như 256MiB hoặc 4GiB")
	}
	mult, ok := map[string]int64{"": 1, "b": 1, "k": 1 << 10, "kb": 1e3, "kib": 1 << 10, "m": 1 << 20, "mb": 1e6, "mib": 1 << 20,
		"g": 1 << 30, "gb": 1e9, "gib": 1 << 30, "t": 1 << 40, "tb": 1e12, "tib": 1 << 40}[unit]
	if !ok {
		return 0, msg.Errorf("unit %q: want B, KiB, MiB, GiB or TiB", "đơn vị %q: cần B, KiB, MiB, GiB hoặc TiB", unit)
	}
	if n > math.MaxInt64/mult {
		return 0, msg.New("too large", "quá lớn")
	}
	return n * mult, nil
}
