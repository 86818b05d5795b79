package main

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/bhxh/bhxh/msg"

	"github.com/spf13/cobra"
	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/xlsxio"
	"github.com/bhxh/bhxh/xlsxio/report"
)

// batchOptions are the flags of `bhxh compute` over many inputs, the way a
// cron job runs it: one report per input into --out-dir, or --merge.
type batchOptions struct {
	OutDir        string
	Name          string // output name template, {stem} = input name without extension
	Merge         bool
	Quiet         bool // the common --quiet
	FailFast      bool
	SkipUnchanged bool
	LockTimeout   time.Duration
	LogFormat     string // text or json
}

const defaultReportName = "{stem}.bao-cao.xlsx"

func addBatchFlags(cmd *cobra.Command, b *batchOptions) {
	f := cmd.Flags()
	f.StringVar(&b.OutDir, "out-dir", "", "write one report per input into this folder (created if missing)")
	f.StringVar(&b.Name, "name", defaultReportName, "report name in --out-dir; {stem} is the input name without extension; the extension picks the format")
	f.BoolVar(&b.Merge, "merge", false, "one report of all inputs, joined unit by unit (different columns for the same units are put together; two inputs disagreeing on a value is an error)")
	f.BoolVar(&b.FailFast, "fail-fast", false, "with --out-dir, stop at the first input that fails")
	f.BoolVar(&b.SkipUnchanged, "skip-unchanged", false, "skip an input whose existing report records the same input sha256")
	f.DurationVar(&b.LockTimeout, "lock-timeout", 10*time.Minute, "how long to wait for another run holding the output folder's .bhxh.lock")
	f.StringVar(&b.LogFormat, "log-format", "text", "log records on stderr: text or json")
}

// checkBatchFlags validates the batch flags against the expanded inputs.
func checkBatchFlags(b *batchOptions, opts *computeOptions, n int) error {
	if b.LogFormat != "text" && b.LogFormat != "json" {
		return usagef("--log-format %q: want text or json", "--log-format %q: cần text hoặc json", b.LogFormat)
	}
	if b.LockTimeout < 0 {
		return usagef("--lock-timeout %s: want a duration ≥ 0", "--lock-timeout %s: cần một khoảng thời gian ≥ 0", b.LockTimeout)
	}
	if b.Merge && b.OutDir != "" {
		return usagef("--merge writes one report (-o FILE) and --out-dir one report per input; give one of them", "--merge ghi một báo cáo (-o TỆP) còn --out-dir ghi mỗi tệp vào một báo cáo; chỉ cho một trong hai")
	}
	if b.OutDir != "" {
		if opts.Output != "" {
			return usagef("-o names a single report; with --out-dir each report is named by --name (default %q)", "-o đặt tên cho một báo cáo; với --out-dir mỗi báo cáo được đặt tên theo --name (mặc định %q)", defaultReportName)
		}
		if b.Name == "" || strings.ContainsAny(b.Name, `/\`) {
			return usagef("--name %q: want a file name such as %q (no folder; the folder is --out-dir)", "--name %q: cần một tên tệp như %q (không có thư mục; thư mục là --out-dir)", b.Name, defaultReportName)
		}
		if n > 1 && !strings.Contains(b.Name, "{stem}") {
			return usagef("--name %q: with %d inputs the name needs {stem}, else every report would have the same name", "--name %q: với %d tệp vào, tên cần có {stem}, nếu không mọi báo cáo sẽ trùng tên", b.Name, n)
		}
		byName, nameErr := outputFormat("", b.Name)
		if opts.Format == "" {
			return nameErr
		}
		if _, err := outputFormat(opts.Format, ""); err != nil {
			return err
		}
		switch {
		case nameErr != nil, byName == opts.Format:
			// An extension that names no format is the user's choice.
			return nil
		case b.Name == defaultReportName:
			// --format alone picks the default name's extension.
			b.Name = strings.TrimSuffix(defaultReportName, ".xlsx") + formatExt[opts.Format]
			return nil
		}
		return usagef("--format %s but --name %q says %s; give one of them", "--format %s nhưng --name %q là %s; chỉ cho một trong hai", opts.Format, b.Name, byName)
	}
	if n > 1 && !b.Merge {
		return usagef("%d input files: give --out-dir DIR for one report per input (named by --name, default %q), or --merge (with -o FILE) for one report of all their units", "%d tệp vào: cho --out-dir THƯ_MỤC để có mỗi tệp một báo cáo (tên theo --name, mặc định %q), hoặc --merge (với -o TỆP) để có một báo cáo chung cho mọi đơn vị", n, defaultReportName)
	}
	return nil
}

var formatExt = map[string]string{"xlsx": ".xlsx", "json": ".json", "csv": ".csv", "table": ".txt"}

// isBatch tells whether the run goes through runBatch rather than the plain
// single-report path.
func (b *batchOptions) isBatch() bool { return b.OutDir != "" || b.Merge }

// tempFilePattern matches the temp files report.WriteFileAtomic creates
// (".NAME.tmp-123456") for report names; a run killed with SIGKILL cannot
// remove its own, so the next run removes them while holding the lock.
var tempFilePattern = regexp.MustCompile(`^\..+\.(?i:xlsx|csv|json|txt)\.tmp-[0-9]+$`)

func removeStaleTemps(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, e := range entries {
		if e.Type().IsRegular() && tempFilePattern.MatchString(e.Name()) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
				return removed, err
			}
			removed = append(removed, e.Name())
		}
	}
	return removed, nil
}

// reportName is the --name template applied to an input.
func reportName(tmpl, input string) string {
	base := filepath.Base(input)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	return strings.ReplaceAll(tmpl, "{stem}", stem)
}

// fileStatus is what happened to one input.
type fileStatus string

const (
	statusOK      fileStatus = "ok"
	statusFailed  fileStatus = "failed"
	statusSkipped fileStatus = "skipped"
	statusNotRun  fileStatus = "not_run" // --fail-fast stopped (or a signal) before it started
)

type fileResult struct {
	input, output string
	status        fileStatus
	warnings      int
	issues        []xlsxio.Issue
	err           error
	duration      time.Duration
}

// silentExit ends the process with code without printing anything more: the
// batch has already logged its errors and summary.
type silentExit struct{ code int }

func (e silentExit) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// batchLogger makes the slog logger of a run: text or JSON records on w,
// only errors when quiet.
func batchLogger(w io.Writer, b *batchOptions) *slog.Logger {
	level := slog.LevelInfo
	if b.Quiet {
		level = slog.LevelError
	}
	ho := &slog.HandlerOptions{Level: level}
	if b.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, ho))
	}
	return slog.New(slog.NewTextHandler(w, ho))
}

// runBatch runs compute over many inputs: one report per input into
// --out-dir, or all of them merged (--merge). It never prompts, logs one
// record per file, ends with a one-line summary and returns silentExit with
// the exit code (1 any file failed, 3 --strict and warnings).
func runBatch(ctx context.Context, opts *computeOptions) error {
	b := &opts.Batch
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if b.Merge {
		return runMerge(ctx, opts, b)
	}
	return runOutDir(ctx, opts, b)
}

// lockOutputDir takes the lock of dir, logging when it has to wait.
func lockOutputDir(ctx context.Context, dir string, b *batchOptions, log *slog.Logger) (*dirLock, error) {
	return acquireLock(ctx, dir, b.LockTimeout, func(path string, h lockHolder) {
		log.Info("waiting for another bhxh run", "lock", path, "holder", h.String(), "timeout", b.LockTimeout.String())
	})
}

// fail reports an error that stops the whole run: as a log record in JSON
// mode (so stderr stays JSON lines), else as the usual "bhxh: …" line.
func fail(log *slog.Logger, b *batchOptions, err error) error {
	if b.LogFormat == "json" {
		log.Error("run failed", "error", err.Error())
		return silentExit{exitData}
	}
	return err
}

func runOutDir(ctx context.Context, opts *computeOptions, b *batchOptions) error {
	log := batchLogger(opts.Err, b)
	inputs := withoutOwnReports(opts.Inputs, b)
	if len(inputs) == 0 {
		return fail(log, b, msg.Errorf("no input left: every file named is one of our reports in %s", "không còn tệp vào nào: mọi tệp được cho đều là báo cáo của bhxh trong %s", b.OutDir))
	}

	outputs := make([]string, len(inputs))
	byOutput := map[string]string{}
	for i, in := range inputs {
		outputs[i] = filepath.Join(b.OutDir, reportName(b.Name, in))
		key := outputs[i]
		if abs, err := filepath.Abs(key); err == nil {
			key = abs
		}
		if prev, ok := byOutput[key]; ok {
			return usagef("%s and %s would both be written to %s; rename one, or give --name another template", "%s và %s đều sẽ được ghi vào %s; đổi tên một tệp, hoặc cho --name một mẫu khác", prev, in, outputs[i])
		}
		byOutput[key] = in
	}
	if err := refuseOutputsOverInputs(outputs, inputs); err != nil {
		return err
	}
	if err := os.MkdirAll(b.OutDir, 0o755); err != nil {
		return fail(log, b, err)
	}
	lock, err := lockOutputDir(ctx, b.OutDir, b, log)
	if err != nil {
		return fail(log, b, err)
	}
	defer lock.release()
	if removed, err := removeStaleTemps(b.OutDir); err != nil {
		return fail(log, b, err)
	} else if len(removed) > 0 {
		log.Info("removed temp files left by an interrupted run", "dir", b.OutDir, "files", removed)
	}

	// No bar between JSON records: a terminal showing them is a machine's.
	prog := newProgress(opts.Err, len(inputs), !b.Quiet && b.LogFormat == "text")
	log = batchLogger(prog.Writer(), b)

	defer batchGC()()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make([]fileResult, len(inputs))
	jobs := make(chan int)
	done := make(chan int)
	// Two workers per core: each report is synced to disk before its
	// rename (WriteFileAtomic), and a worker waiting on the disk leaves its
	// core idle. With one worker per core the runtime found no goroutine to
	// run 13-15 % of the time writing 300 CSV or JSON reports (6 % xlsx);
	// with two, 3 % (0.7 %), for the same CPU time. A worker reads,
	// computes and writes only its own input's report, and the records are
	// logged in input order below, so no report and no message depends on
	// how many workers there are or which finishes first. Each holds one
	// workbook and one report: peak RSS of 300 xlsx reports 62 MB with 2
	// workers, 78 MB with 4 (104 MB with 8, for 1 % less idle).
	workers := min(2*runtime.GOMAXPROCS(0), len(inputs))
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i] = processInput(ctx, opts, b, inputs[i], outputs[i])
				done <- i
			}
		}()
	}
	go func() {
		for i := range inputs {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(done)
	}()

	// Log in input order whatever order the workers finish in.
	finished := make([]bool, len(inputs))
	next := 0
	for i := range done {
		finished[i] = true
		if results[i].status == statusFailed && b.FailFast {
			cancel()
		}
		for next < len(inputs) && finished[next] {
			logResult(log, results[next])
			next++
		}
		// After the log lines, so the last ones print above the final frame.
		prog.Done()
	}
	prog.Finish()
	return summarize(opts, b, results)
}

// batchGC lets the heap grow to 5× the live data, not 2×, while a batch
// runs (unless GOGC says otherwise), and returns the undo. Each report
// is read, computed and written from scratch: a batch makes garbage at a
// high rate with little live data, and the collector took a fifth of the
// CPU of 1,000 xlsx reports (issue 17). Peak RSS goes from ~35 MB to ~65 MB.
func batchGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(batchGCPercent)
	return func() { debug.SetGCPercent(old) }
}

const batchGCPercent = 400

// withoutOwnReports drops inputs that are reports of an earlier run: files
// in the output folder whose name fits the --name template, or which are
// compute reports whatever their name (an earlier run with another --name),
// so `bhxh compute den --out-dir den` does not read last month's reports as
// workbooks.
func withoutOwnReports(inputs []string, b *batchOptions) []string {
	outAbs, err := filepath.Abs(b.OutDir)
	if err != nil {
		return inputs
	}
	parts := strings.Split(b.Name, "{stem}")
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	own := regexp.MustCompile("^" + strings.Join(parts, ".+") + "$")
	var kept []string
	for _, in := range inputs {
		abs, err := filepath.Abs(in)
		base := filepath.Base(in)
		// An input that would be its own report stays, to be refused.
		if err == nil && filepath.Dir(abs) == outAbs && reportName(b.Name, in) != base && (own.MatchString(base) || isComputeReport(in)) {
			continue
		}
		kept = append(kept, in)
	}
	return kept
}

// isComputeReport tells a report bhxh compute wrote from a workbook: an
// xlsx whose document properties name bhxh as its creator and which has
// the "Nguồn" (or "Sources") sheet, or a CSV whose header is the report's
// ("unit,code,…,bhxh_rate,…"). A participant count or an allocation, which
// compute reads as inputs, is neither.
func isComputeReport(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx":
		zr, err := zip.OpenReader(path)
		if err != nil {
			return false
		}
		defer zr.Close()
		part := func(name string) string {
			for _, f := range zr.File {
				if f.Name == name && f.UncompressedSize64 < 1<<20 {
					rc, err := f.Open()
					if err != nil {
						return ""
					}
					defer rc.Close()
					b, _ := io.ReadAll(io.LimitReader(rc, 1<<20))
					return string(b)
				}
			}
			return ""
		}
		return strings.Contains(part("docProps/core.xml"), "<dc:creator>bhxh") &&
			(strings.Contains(part("xl/workbook.xml"), `name="Nguồn"`) || strings.Contains(part("xl/workbook.xml"), `name="Sources"`))
	case ".csv":
		f, err := os.Open(path)
		if err != nil {
			return false
		}
		defer f.Close()
		head := make([]byte, 4096)
		n, _ := io.ReadFull(f, head)
		line, _, _ := strings.Cut(strings.TrimPrefix(string(head[:n]), "\uFEFF"), "\n")
		return strings.HasPrefix(line, "unit,code,") && strings.Contains(line, "_rate,")
	}
	return false
}

// processInput computes and writes the report of one input.
func processInput(ctx context.Context, opts *computeOptions, b *batchOptions, in, out string) fileResult {
	start := time.Now()
	res := fileResult{input: in, output: out}
	if ctx.Err() != nil {
		res.status = statusNotRun
		return res
	}
	finish := func(st fileStatus, err error) fileResult {
		res.status, res.err, res.duration = st, err, time.Since(start)
		return res
	}
	if b.SkipUnchanged {
		if same, _ := reportRecordsInputs(out, []string{in}); same {
			return finish(statusSkipped, nil)
		}
	}
	rep, err := computeOne(ctx, opts, []string{in})
	if err != nil {
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			return finish(statusNotRun, nil)
		}
		return finish(statusFailed, err)
	}
	res.warnings = countWarnings(rep.Issues)
	res.issues = rep.Issues
	if err := writeComputeReport(opts, rep, out, []string{in}); err != nil {
		return finish(statusFailed, err)
	}
	return finish(statusOK, nil)
}

func logResult(log *slog.Logger, r fileResult) {
	if r.status == statusNotRun {
		return
	}
	attrs := []any{"file", r.input, "status", string(r.status), "warnings", r.warnings}
	if r.status != statusFailed {
		attrs = append(attrs, "output", r.output)
	}
	attrs = append(attrs, "duration", r.duration.Round(time.Microsecond))
	if r.err != nil {
		attrs = append(attrs, "error", r.err.Error())
		log.Error("file", attrs...)
		return
	}
	log.Info("file", attrs...)
	logIssues(log, r.issues)
}

// logIssues logs each warning of a report after its file's record: as in
// a single run, warnings are never silent (but --quiet hides them).
func logIssues(log *slog.Logger, issues []xlsxio.Issue) {
	for _, is := range issues {
		cell := is.Cell
		if is.Sheet != "" && is.Cell != "" {
			cell = is.Sheet + "!" + is.Cell
		}
		level := slog.LevelWarn
		if is.Level != "warning" {
			level = slog.LevelInfo
		}
		log.Log(context.Background(), level, "issue", "file", is.File, "code", is.Code, "cell", cell, "message", is.Message)
	}
}

// summarize prints the one-line summary and picks the exit code.
func summarize(opts *computeOptions, b *batchOptions, results []fileResult) error {
	var ok, skipped, notRun, warnings int
	var failed []string
	for _, r := range results {
		switch r.status {
		case statusOK:
			ok++
		case statusSkipped:
			skipped++
		case statusNotRun:
			notRun++
		case statusFailed:
			failed = append(failed, r.input)
		}
		warnings += r.warnings
	}
	parts := []string{fmt.Sprintf("%d ok", ok)}
	if skipped > 0 {
		parts = append(parts, fmt.Sprintf("%d skipped (unchanged)", skipped))
	}
	parts = append(parts, fmt.Sprintf("%d failed", len(failed)), fmt.Sprintf("%d warnings", warnings))
	if notRun > 0 {
		parts = append(parts, fmt.Sprintf("%d not processed (stopped early)", notRun))
	}
	line := strings.Join(parts, ", ")
	if len(failed) > 0 {
		line += "; failed: " + strings.Join(failed, ", ")
	}
	strictFail := opts.Strict && warnings > 0 && len(failed) == 0
	if strictFail {
		line += "; --strict: warnings fail the run"
	}
	bad := len(failed) > 0 || notRun > 0 || strictFail
	if !b.Quiet || bad {
		if b.LogFormat == "json" {
			level := slog.LevelInfo
			if bad {
				level = slog.LevelError
			}
			// The summary is shown even with --quiet when the run failed.
			slog.New(slog.NewJSONHandler(opts.Err, nil)).Log(context.Background(), level, "summary",
				"ok", ok, "skipped", skipped, "failed", len(failed), "warnings", warnings,
				"not_processed", notRun, "failed_files", nonNil(failed), "summary", line)
		} else {
			fmt.Fprintln(opts.Err, "bhxh: "+line)
		}
	}
	switch {
	case len(failed) > 0 || notRun > 0:
		// notRun without a failure: interrupted (SIGINT, SIGTERM).
		return silentExit{exitData}
	case strictFail:
		return silentExit{exitWarnings}
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// runMerge writes one report of all units of all inputs (a province
// assembling its communes' files). computeOne refuses a unit found in two
// inputs, naming both files.
func runMerge(ctx context.Context, opts *computeOptions, b *batchOptions) error {
	log := batchLogger(opts.Err, b)
	start := time.Now()
	out := opts.Output
	toFile := out != "" && out != "-"
	if _, err := outputFormat(opts.Format, out); err != nil {
		return err
	}
	if toFile {
		if err := refuseOutputsOverInputs([]string{out}, opts.Inputs); err != nil {
			return err
		}
		dir := filepath.Dir(out)
		lock, err := lockOutputDir(ctx, dir, b, log)
		if err != nil {
			return fail(log, b, err)
		}
		defer lock.release()
		if b.SkipUnchanged {
			if same, _ := reportRecordsInputs(out, opts.Inputs); same {
				log.Info("file", "file", strings.Join(opts.Inputs, ", "), "status", string(statusSkipped), "output", out)
				return summarize(opts, b, []fileResult{{input: out, status: statusSkipped}})
			}
		}
	}
	rep, err := computeOne(ctx, opts, opts.Inputs)
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			return err
		}
		return fail(log, b, err)
	}
	if err := writeComputeReport(opts, rep, out, opts.Inputs); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			return err
		}
		return fail(log, b, err)
	}
	n := countWarnings(rep.Issues)
	if toFile {
		log.Info("merged", "files", len(opts.Inputs), "units", len(rep.Result.Units), "status", string(statusOK),
			"warnings", n, "output", out, "duration", time.Since(start).Round(time.Microsecond))
	}
	logIssues(log, rep.Issues)
	if opts.Strict && n > 0 {
		return strictError{n}
	}
	return nil
}

// refuseOutputsOverInputs refuses, before anything is written, a report
// path that is (or links to) one of the inputs.
func refuseOutputsOverInputs(outputs, inputs []string) error {
	absIn := map[string]bool{}
	var inStats []os.FileInfo
	for _, in := range inputs {
		if abs, err := filepath.Abs(in); err == nil {
			absIn[abs] = true
		}
		if st, err := os.Stat(in); err == nil {
			inStats = append(inStats, st)
		}
	}
	for _, out := range outputs {
		if abs, err := filepath.Abs(out); err == nil && absIn[abs] {
			return usageError{fmt.Errorf("%s: %w", out, report.ErrOutputIsInput)}
		}
		st, err := os.Stat(out)
		if err != nil {
			continue
		}
		for _, in := range inStats {
			if os.SameFile(st, in) {
				return usageError{fmt.Errorf("%s: %w", out, report.ErrOutputIsInput)}
			}
		}
	}
	return nil
}

// reportRecordsInputs tells whether the report at path already records
// exactly the sha256 of each of inputs (so recomputing it would change
// nothing the inputs decide). A missing or unreadable report records nothing.
func reportRecordsInputs(path string, inputs []string) (bool, error) {
	recorded, err := reportInputHashes(path)
	if err != nil || len(recorded) == 0 {
		return false, err
	}
	for _, in := range inputs {
		sum, err := fileSHA256(in)
		if err != nil {
			return false, err
		}
		if !slices.Contains(recorded, sum) {
			return false, nil
		}
	}
	return len(recorded) == len(inputs), nil
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

var sha256Hex = regexp.MustCompile(`\b[0-9a-fA-F]{64}\b`)

// sourcesSheets are the names the xlsx report gives its inputs sheet.
var sourcesSheets = []string{"Nguồn", "Sources"}

// reportInputHashes returns the input sha256 values a report records (lower
// case, in order, without repeats): inputs[].sha256 of a JSON report, the
// 64-hex strings of an xlsx report's "Nguồn" sheet. CSV and table reports
// record none.
func reportInputHashes(path string) ([]string, error) {
	var found []string
	add := func(s string) {
		s = strings.ToLower(s)
		if !slices.Contains(found, s) {
			found = append(found, s)
		}
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		var rep struct {
			Inputs []struct {
				SHA256 string `json:"sha256"`
			} `json:"inputs"`
		}
		if err := json.Unmarshal(data, &rep); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		for _, in := range rep.Inputs {
			if sha256Hex.MatchString(in.SHA256) && len(in.SHA256) == 64 {
				add(in.SHA256)
			}
		}
		return found, nil
	case ".xlsx":
		f, err := excelize.OpenFile(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		sheets := f.GetSheetList()
		for _, name := range sourcesSheets {
			if slices.Contains(sheets, name) {
				sheets = []string{name}
				break
			}
		}
		for _, sh := range sheets {
			rows, err := f.GetRows(sh)
			if err != nil {
				return nil, err
			}
			for _, row := range rows {
				for _, cell := range row {
					for _, m := range sha256Hex.FindAllString(cell, -1) {
						add(m)
					}
				}
			}
		}
		return found, nil
	}
	return nil, nil
}
