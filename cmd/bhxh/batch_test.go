package main

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// Workbooks for the batch tests use the canonical headers, which every
// version of the header matcher reads.
var canonicalHeader = []any{"unit", "labour_force", "bhxh_mandatory", "population", "bhyt"}

// writeUnitWorkbook writes a workbook of units; a row is the values under
// canonicalHeader.
func writeUnitWorkbook(t testing.TB, path string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := f.GetSheetName(0)
	if err := f.SetSheetRow(sh, "A1", &canonicalHeader); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if err := f.SetSheetRow(sh, fmt.Sprintf("A%d", i+2), &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// goodRows are n plausible units named after the file number k.
func goodRows(k, n int) [][]any {
	rows := make([][]any, n)
	for i := range rows {
		lf := 10000 + 137*k + 11*i
		rows[i] = []any{fmt.Sprintf("Xã %03d-%d", k, i+1), lf, lf/4 + i, 2*lf + 7, 2*lf - 31*i}
	}
	return rows
}

// batchFixture is a folder of generated inputs, some of them bad.
type batchFixture struct {
	dir   string   // the inputs' folder
	names []string // every input, sorted
	bad   []string // the inputs that must fail
}

// makeBatchFixture writes n workbooks into dir: the three bad ones are a
// count typed as text "12,5", random bytes named .xlsx, and a unit listed
// twice. Names carry Vietnamese letters and spaces.
func makeBatchFixture(t testing.TB, dir string, n int) batchFixture {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	fx := batchFixture{dir: dir}
	for k := 1; k <= n; k++ {
		name := fmt.Sprintf("Huyện Đông Hòa %03d.xlsx", k)
		path := filepath.Join(dir, name)
		rows := goodRows(k, 5)
		switch k {
		case n / 4:
			rows[2][2] = "12,5"
			fx.bad = append(fx.bad, name)
		case n / 2:
			b := make([]byte, 4096)
			rand.Read(b)
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			fx.bad = append(fx.bad, name)
			fx.names = append(fx.names, name)
			continue
		case 3 * n / 4:
			rows[3][0] = rows[1][0]
			fx.bad = append(fx.bad, name)
		}
		writeUnitWorkbook(t, path, rows)
		fx.names = append(fx.names, name)
	}
	return fx
}

// outFiles lists the names in dir.
func outFiles(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// checkReportsComplete asserts every file in dir is a complete report (a
// JSON report parses, an xlsx report opens) and no temp file or lock is
// left; it returns the report names.
func checkReportsComplete(t testing.TB, dir string) []string {
	t.Helper()
	var reports []string
	for _, name := range outFiles(t, dir) {
		path := filepath.Join(dir, name)
		switch {
		case strings.HasPrefix(name, "."):
			t.Errorf("left in %s: %s", dir, name)
		case strings.HasSuffix(name, ".json"):
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var rep struct {
				Schema string `json:"schema"`
				Units  []any  `json:"units"`
			}
			if err := json.Unmarshal(data, &rep); err != nil || rep.Schema != "bhxh.compute/v1" || len(rep.Units) == 0 {
				t.Errorf("%s is not a complete JSON report (%v)", name, err)
			}
			reports = append(reports, name)
		case strings.HasSuffix(name, ".xlsx"):
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Errorf("%s does not open as xlsx: %v", name, err)
				continue
			}
			if len(f.GetSheetList()) == 0 {
				t.Errorf("%s has no sheet", name)
			}
			f.Close()
			reports = append(reports, name)
		default:
			t.Errorf("unexpected file in %s: %s", dir, name)
		}
	}
	return reports
}

func mtimes(t testing.TB, dir string) map[string]time.Time {
	t.Helper()
	m := map[string]time.Time{}
	for _, name := range outFiles(t, dir) {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		m[name] = st.ModTime()
	}
	return m
}

func assertNoTerminalBytes(t testing.TB, stderr string) {
	t.Helper()
	if strings.ContainsAny(stderr, "\r\x1b") {
		t.Errorf("stderr (not a terminal) holds carriage returns or escape codes: %q", firstN(stderr, 400))
	}
}

func firstN(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// TestBatch200 is issue 5's acceptance run: 200 workbooks, 3 bad, one run.
func TestBatch200(t *testing.T) {
	work := t.TempDir()
	in := filepath.Join(work, "Báo cáo tháng 11")
	out := filepath.Join(work, "bao cáo ra")
	fx := makeBatchFixture(t, in, 200)

	start := time.Now()
	_, stderr, code := runIn(t, work, nil, "compute", "Báo cáo tháng 11", "--out-dir", "bao cáo ra", "--name", "{stem}.json")
	elapsed := time.Since(start)
	t.Logf("200 workbooks → JSON reports in %v", elapsed)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	assertNoTerminalBytes(t, stderr)
	reports := checkReportsComplete(t, out)
	if len(reports) != 197 {
		t.Errorf("%d reports, want 197", len(reports))
	}
	for _, b := range fx.bad {
		if _, err := os.Stat(filepath.Join(out, strings.TrimSuffix(b, ".xlsx")+".json")); err == nil {
			t.Errorf("a report was written for the bad input %s", b)
		}
	}
	sum := lastLine(stderr)
	if !strings.HasPrefix(sum, "bhxh: 197 ok, 3 failed, ") {
		t.Errorf("summary %q", sum)
	}
	for _, b := range fx.bad {
		if !strings.Contains(sum, b) {
			t.Errorf("summary does not name %s: %q", b, sum)
		}
	}
	// One log record per input, in input order.
	var logged []string
	for _, line := range strings.Split(stderr, "\n") {
		if i := strings.Index(line, "file=\""); i >= 0 && strings.Contains(line, " msg=file ") {
			rest := line[i+len("file=\""):]
			logged = append(logged, filepath.Base(rest[:strings.Index(rest, "\"")]))
		}
	}
	if !reflect.DeepEqual(logged, fx.names) {
		t.Errorf("log records not one per input in input order: %d records, first %v", len(logged), logged[:min(3, len(logged))])
	}
	if !strings.Contains(stderr, `12,5`) {
		t.Errorf("the text count's error is not logged:\n%s", firstN(stderr, 2000))
	}

	// A second run with --skip-unchanged writes nothing.
	before := mtimes(t, out)
	time.Sleep(20 * time.Millisecond)
	_, stderr, code = runIn(t, work, nil, "compute", "--skip-unchanged", "Báo cáo tháng 11", "--out-dir", "bao cáo ra", "--name", "{stem}.json")
	if code != 1 {
		t.Fatalf("second run: exit %d, want 1 (the bad files still fail); stderr:\n%s", code, stderr)
	}
	if sum := lastLine(stderr); !strings.HasPrefix(sum, "bhxh: 0 ok, 197 skipped (unchanged), 3 failed, ") {
		t.Errorf("second run summary %q", sum)
	}
	if after := mtimes(t, out); !reflect.DeepEqual(before, after) {
		t.Errorf("--skip-unchanged rewrote reports")
	}

	// A changed input is recomputed, the others still skipped.
	writeUnitWorkbook(t, filepath.Join(in, fx.names[0]), goodRows(999, 4))
	_, stderr, _ = runIn(t, work, nil, "compute", "--skip-unchanged", "--quiet", "Báo cáo tháng 11", "--out-dir", "bao cáo ra", "--name", "{stem}.json")
	if sum := lastLine(stderr); !strings.HasPrefix(sum, "bhxh: 1 ok, 196 skipped (unchanged), 3 failed, ") {
		t.Errorf("after changing one input: summary %q", sum)
	}
}

// TestBatchXLSX runs a smaller batch with the default xlsx reports, and
// --skip-unchanged reading the hashes back from their "Nguồn" sheet.
func TestBatchXLSX(t *testing.T) {
	work := t.TempDir()
	in := filepath.Join(work, "Báo cáo tháng 11")
	fx := makeBatchFixture(t, in, 12)
	_, stderr, code := runIn(t, work, nil, "compute", "--out-dir", "đầu ra", filepath.Join("Báo cáo tháng 11", "*.xlsx"))
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	out := filepath.Join(work, "đầu ra")
	reports := checkReportsComplete(t, out)
	if len(reports) != 9 {
		t.Fatalf("%d reports, want 9: %v", len(reports), reports)
	}
	want := "Huyện Đông Hòa 001.bao-cao.xlsx"
	if reports[0] != want {
		t.Errorf("first report %q, want %q", reports[0], want)
	}
	hashes, err := reportInputHashes(filepath.Join(out, want))
	if err != nil {
		t.Fatal(err)
	}
	sum, _ := fileSHA256(filepath.Join(in, fx.names[0]))
	if !reflect.DeepEqual(hashes, []string{sum}) {
		t.Errorf("hashes read from the xlsx report %v, want [%s]", hashes, sum)
	}
	before := mtimes(t, out)
	_, stderr, _ = runIn(t, work, nil, "compute", "--skip-unchanged", "--out-dir", "đầu ra", filepath.Join("Báo cáo tháng 11", "*.xlsx"))
	if s := lastLine(stderr); !strings.HasPrefix(s, "bhxh: 0 ok, 9 skipped (unchanged), 3 failed") {
		t.Errorf("summary %q", s)
	}
	if after := mtimes(t, out); !reflect.DeepEqual(before, after) {
		t.Errorf("--skip-unchanged rewrote xlsx reports")
	}
}

// TestBatchConcurrentRuns starts two runs on one output folder at once: one
// waits for the other's lock, both finish with every report complete.
func TestBatchConcurrentRuns(t *testing.T) {
	work := t.TempDir()
	makeBatchFixture(t, filepath.Join(work, "den"), 120)
	out := filepath.Join(work, "bao-cao")
	args := []string{"compute", "den", "--out-dir", "bao-cao", "--name", "{stem}.json"}
	type run struct {
		cmd    *exec.Cmd
		stderr bytes.Buffer
	}
	runs := make([]*run, 2)
	for i := range runs {
		r := &run{cmd: exec.Command(bhxhBinary(t), args...)}
		r.cmd.Dir = work
		r.cmd.Stderr = &r.stderr
		if err := r.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		runs[i] = r
	}
	waited := 0
	for i, r := range runs {
		err := r.cmd.Wait()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != 1 {
			t.Errorf("run %d: exit %d, want 1; stderr:\n%s", i, code, firstN(r.stderr.String(), 2000))
		}
		if s := lastLine(r.stderr.String()); !strings.HasPrefix(s, "bhxh: 117 ok, 3 failed") {
			t.Errorf("run %d: summary %q", i, s)
		}
		if strings.Contains(r.stderr.String(), "waiting for another bhxh run") {
			waited++
		}
	}
	if waited != 1 {
		t.Errorf("%d runs waited for the lock, want 1", waited)
	}
	if n := len(checkReportsComplete(t, out)); n != 117 {
		t.Errorf("%d reports, want 117", n)
	}
}

// TestBatchLockTimeout: a run that cannot get the lock in time says who
// holds it and exits 1 without writing.
func TestBatchLockTimeout(t *testing.T) {
	work := t.TempDir()
	makeBatchFixture(t, filepath.Join(work, "den"), 4)
	out := filepath.Join(work, "bao-cao")
	os.Mkdir(out, 0o755)
	// This test process is alive: its pid holds the lock.
	lock := fmt.Sprintf("pid %d\nsince 2025-11-26T06:15:00+07:00\n", os.Getpid())
	if err := os.WriteFile(filepath.Join(out, lockName), []byte(lock), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runBinary(t, work, nil, "compute", "--lang", "en", "den", "--out-dir", "bao-cao", "--lock-timeout", "300ms")
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	want := fmt.Sprintf("another bhxh run holds %s (pid %d since 2025-11-26T06:15:00+07:00)", filepath.Join("bao-cao", lockName), os.Getpid())
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr does not say %q:\n%s", want, stderr)
	}
	if names := outFiles(t, out); !reflect.DeepEqual(names, []string{lockName}) {
		t.Errorf("output folder holds %v", names)
	}
}

// TestBatchKilled kills a run mid-way: only complete reports remain under
// their final names; the next run takes over the dead run's lock and
// removes its temp files.
func TestBatchKilled(t *testing.T) {
	work := t.TempDir()
	makeBatchFixture(t, filepath.Join(work, "den"), 200)
	out := filepath.Join(work, "bao-cao")
	cmd := exec.Command(bhxhBinary(t), "compute", "den", "--out-dir", "bao-cao")
	cmd.Dir = work
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(out)
		reports := 0
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".bao-cao.xlsx") {
				reports++
			}
		}
		if reports >= 5 {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	left := outFiles(t, out)
	t.Logf("after SIGKILL: %d files in the output folder", len(left))
	if !contains(left, lockName) {
		t.Errorf("the killed run left no lock; was it killed mid-way? %v", left)
	}
	// Whatever is under a final name is complete.
	for _, name := range left {
		if strings.HasSuffix(name, ".bao-cao.xlsx") {
			f, err := excelize.OpenFile(filepath.Join(out, name))
			if err != nil {
				t.Errorf("%s is partial: %v", name, err)
				continue
			}
			f.Close()
		}
	}
	// A temp file of a report being written when the process died (planted,
	// since the kill may fall between two writes).
	planted := filepath.Join(out, ".Huyện Đông Hòa 007.bao-cao.xlsx.tmp-1234567")
	if err := os.WriteFile(planted, []byte("PK\x03\x04 half a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runBinary(t, work, nil, "compute", "den", "--out-dir", "bao-cao", "--lock-timeout", "5s")
	if code != 1 {
		t.Fatalf("next run: exit %d, want 1; stderr:\n%s", code, firstN(stderr, 3000))
	}
	if n := len(checkReportsComplete(t, out)); n != 197 {
		t.Errorf("%d reports after the next run, want 197", n)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestBatchUsage: several inputs need --out-dir or --merge; conflicting
// flags and templates are refused before anything is read.
func TestBatchUsage(t *testing.T) {
	work := t.TempDir()
	writeUnitWorkbook(t, filepath.Join(work, "a.xlsx"), goodRows(1, 3))
	writeUnitWorkbook(t, filepath.Join(work, "b.xlsx"), goodRows(2, 3))
	writeUnitWorkbook(t, filepath.Join(work, "b.csv.xlsx"), goodRows(3, 3))
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"several inputs, no mode", []string{"compute", "a.xlsx", "b.xlsx"}, []string{"2 input files", "--out-dir", "--merge"}},
		{"glob, no mode", []string{"compute", "*.xlsx"}, []string{"3 input files", "--out-dir", "--merge"}},
		{"merge and out-dir", []string{"compute", "--merge", "--out-dir", "o", "a.xlsx", "b.xlsx"}, []string{"--merge", "--out-dir"}},
		{"-o with out-dir", []string{"compute", "--out-dir", "o", "-o", "x.xlsx", "a.xlsx", "b.xlsx"}, []string{"-o names a single report"}},
		{"name without stem", []string{"compute", "--out-dir", "o", "--name", "x.xlsx", "a.xlsx", "b.xlsx"}, []string{"needs {stem}"}},
		{"name with a folder", []string{"compute", "--out-dir", "o", "--name", "sub/{stem}.xlsx", "a.xlsx"}, []string{"no folder"}},
		{"name without format", []string{"compute", "--out-dir", "o", "--name", "{stem}.pdf", "a.xlsx"}, []string{"cannot tell the format"}},
		{"format against name", []string{"compute", "--out-dir", "o", "--format", "csv", "--name", "{stem}.json", "a.xlsx"}, []string{"--format csv", "json"}},
		{"log format", []string{"compute", "--out-dir", "o", "--log-format", "xml", "a.xlsx"}, []string{"--log-format"}},
		{"output is an input", []string{"compute", "--out-dir", ".", "--name", "{stem}.xlsx", "a.xlsx", "b.xlsx"}, []string{"a.xlsx", "refusing to overwrite an input"}},
		{"merge over an input", []string{"compute", "--merge", "-o", "b.xlsx", "a.xlsx", "b.xlsx"}, []string{"refusing to overwrite an input"}},
		{"two inputs, one report", []string{"compute", "--out-dir", "o", "a.xlsx", filepath.Join("sub", "a.xlsx")}, []string{"would both be written"}},
	}
	os.Mkdir(filepath.Join(work, "sub"), 0o755)
	writeUnitWorkbook(t, filepath.Join(work, "sub", "a.xlsx"), goodRows(4, 3))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := runIn(t, work, nil, inEnglish(c.args)...)
			if code != 2 {
				t.Fatalf("exit %d, want 2; stderr:\n%s", code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout: %q", stdout)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not contain %q:\n%s", w, stderr)
				}
			}
			if _, err := os.Stat(filepath.Join(work, "o")); err == nil {
				t.Errorf("a refused run created the output folder")
			}
		})
	}
}

// TestBatchMerge: all units of all inputs in one report; a unit found in
// two inputs fails the run naming both files.
func TestBatchMerge(t *testing.T) {
	work := t.TempDir()
	dir := filepath.Join(work, "Báo cáo tháng 11")
	os.Mkdir(dir, 0o755)
	writeUnitWorkbook(t, filepath.Join(dir, "Huyện Đông Hòa.xlsx"), goodRows(1, 3))
	writeUnitWorkbook(t, filepath.Join(dir, "Huyện Tây Hòa.xlsx"), goodRows(2, 4))
	stdout, stderr, code := runIn(t, work, nil, "compute", "--merge", "--format", "json", "Báo cáo tháng 11")
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	var rep struct {
		Inputs []struct{ File string } `json:"inputs"`
		Units  []any                   `json:"units"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if len(rep.Units) != 7 || len(rep.Inputs) != 2 {
		t.Errorf("merged report: %d units from %d inputs, want 7 from 2", len(rep.Units), len(rep.Inputs))
	}

	// -o into a folder, and --skip-unchanged when nothing changed.
	_, stderr, code = runIn(t, work, nil, "compute", "--merge", "-o", "tinh.json", "Báo cáo tháng 11")
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	before := mtimes(t, work)
	_, stderr, code = runIn(t, work, nil, "compute", "--merge", "--skip-unchanged", "-o", "tinh.json", "Báo cáo tháng 11")
	if code != 0 || !strings.Contains(stderr, "skipped") {
		t.Errorf("exit %d; stderr:\n%s", code, stderr)
	}
	if after := mtimes(t, work); !reflect.DeepEqual(before, after) {
		t.Errorf("--skip-unchanged rewrote the merged report")
	}

	dup := goodRows(3, 2)
	dup[1][0] = "Xã 001-2" // also in Huyện Đông Hòa.xlsx
	writeUnitWorkbook(t, filepath.Join(dir, "Thị xã Đông Hòa.xlsx"), dup)
	stdout, stderr, code = runIn(t, work, nil, "compute", "--merge", "--format", "json", "Báo cáo tháng 11")
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	for _, w := range []string{"Xã 001-2", "Huyện Đông Hòa.xlsx", "Thị xã Đông Hòa.xlsx"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("error does not name %q:\n%s", w, stderr)
		}
	}
	if stdout != "" {
		t.Errorf("a failed merge printed %q", firstN(stdout, 200))
	}
}

// TestBatchFailFastAndStrict: --fail-fast stops at the first bad file;
// --strict turns warnings into exit 3; --quiet prints only errors.
func TestBatchFailFastAndStrict(t *testing.T) {
	// The batch runs two workers per core, and a worker that has started
	// a report finishes it. Two cores, as on the machine the bound below was
	// set on, keep "stops early" the same claim on a CI runner with many cores.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	work := t.TempDir()
	fx := makeBatchFixture(t, filepath.Join(work, "den"), 40)
	_, stderr, code := runIn(t, work, nil, "compute", "--fail-fast", "den", "--out-dir", "o1", "--name", "{stem}.json")
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	sum := lastLine(stderr)
	if !strings.Contains(sum, fx.bad[0]) || !strings.Contains(sum, "not processed") {
		t.Errorf("--fail-fast summary %q", sum)
	}
	if n := len(checkReportsComplete(t, filepath.Join(work, "o1"))); n >= 37 {
		t.Errorf("--fail-fast still wrote %d reports", n)
	}
	// --format alone changes the default name's extension.
	_, stderr, _ = runIn(t, work, nil, "compute", "--fail-fast", "--format", "json", "den", "--out-dir", "o3")
	if _, err := os.Stat(filepath.Join(work, "o3", "Huyện Đông Hòa 001.bao-cao.json")); err != nil {
		t.Errorf("--format json: %v\n%s", err, firstN(stderr, 1000))
	}

	good := filepath.Join(work, "good")
	os.Mkdir(good, 0o755)
	rows := goodRows(1, 3)
	rows = append(rows, []any{"Xã thiếu mẫu số", 0, 5, 0, 5}) // no denominator: a warning
	writeUnitWorkbook(t, filepath.Join(good, "a.xlsx"), rows)
	writeUnitWorkbook(t, filepath.Join(good, "b.xlsx"), goodRows(2, 3))
	stdout, stderr, code := runIn(t, work, nil, "compute", "--quiet", "good", "--out-dir", "o2", "--name", "{stem}.json")
	if code != 0 || stdout != "" || stderr != "" {
		t.Errorf("--quiet, all ok: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	_, stderr, code = runIn(t, work, nil, "compute", "--strict", "good", "--out-dir", "o2", "--name", "{stem}.json")
	if code != 3 {
		t.Errorf("--strict with warnings: exit %d, want 3; stderr:\n%s", code, stderr)
	}
	if s := lastLine(stderr); !strings.HasPrefix(s, "bhxh: 2 ok, 0 failed, ") || !strings.Contains(s, "--strict") {
		t.Errorf("--strict summary %q", s)
	}
	if !strings.Contains(stderr, "level=WARN msg=issue file=a.xlsx code=no_denominator") {
		t.Errorf("the warning is not logged:\n%s", stderr)
	}
}

// TestBatchSameEachRun: the reports and the log records (but for their
// time and duration) are the same bytes from run to run, in input order,
// whichever of the workers (two per core) finishes first.
func TestBatchSameEachRun(t *testing.T) {
	work := t.TempDir()
	makeBatchFixture(t, filepath.Join(work, "den"), 24)
	clock := regexp.MustCompile(`time=\S+ | duration=\S+`)
	var firstLog string
	var firstReports map[string]string
	for run := range 3 {
		if err := os.RemoveAll(filepath.Join(work, "o")); err != nil {
			t.Fatal(err)
		}
		_, stderr, code := runIn(t, work, nil, "compute", "den", "--out-dir", "o", "--name", "{stem}.json")
		if code != 1 {
			t.Fatalf("run %d: exit %d, want 1 (three bad inputs); stderr:\n%s", run, code, stderr)
		}
		log := clock.ReplaceAllString(stderr, "")
		reports := map[string]string{}
		for _, name := range checkReportsComplete(t, filepath.Join(work, "o")) {
			b, err := os.ReadFile(filepath.Join(work, "o", name))
			if err != nil {
				t.Fatal(err)
			}
			reports[name] = string(b)
		}
		if len(reports) != 21 || strings.Count(log, " msg=file ") != 24 {
			t.Fatalf("run %d: %d reports, %d file records; want 21 and 24:\n%s", run, len(reports), strings.Count(log, " msg=file "), log)
		}
		if run == 0 {
			firstLog, firstReports = log, reports
			continue
		}
		if log != firstLog {
			t.Errorf("run %d logged\n%s\nrun 0\n%s", run, log, firstLog)
		}
		if !reflect.DeepEqual(reports, firstReports) {
			t.Errorf("run %d wrote other reports than run 0", run)
		}
	}
}

// TestBatchLogJSON: --log-format json gives one JSON record per file in
// input order and a summary record, nothing else on stderr.
func TestBatchLogJSON(t *testing.T) {
	work := t.TempDir()
	fx := makeBatchFixture(t, filepath.Join(work, "den"), 8)
	_, stderr, code := runIn(t, work, nil, "compute", "--log-format", "json", "den", "--out-dir", "o", "--name", "{stem}.json")
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	var files []string
	var summary map[string]any
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("not a JSON record: %q", line)
		}
		switch rec["msg"] {
		case "file":
			files = append(files, filepath.Base(rec["file"].(string)))
			for _, k := range []string{"status", "warnings", "duration"} {
				if _, ok := rec[k]; !ok {
					t.Errorf("record without %s: %s", k, line)
				}
			}
			if rec["status"] == "failed" && rec["error"] == nil {
				t.Errorf("failed record without error: %s", line)
			}
			if rec["status"] == "ok" && rec["output"] == nil {
				t.Errorf("ok record without output: %s", line)
			}
		case "summary":
			summary = rec
		case "issue":
			if rec["level"] != "WARN" || rec["code"] == nil || rec["file"] == nil {
				t.Errorf("issue record %s", line)
			}
		default:
			t.Errorf("unexpected record %s", line)
		}
	}
	if !reflect.DeepEqual(files, fx.names) {
		t.Errorf("records %v, want %v", files, fx.names)
	}
	if summary == nil || summary["ok"] != float64(5) || summary["failed"] != float64(3) {
		t.Errorf("summary record %v", summary)
	}
}

// TestCrontabLine runs the README's crontab line as cron would: /bin/sh,
// an empty environment but PATH and HOME, stderr appended to a log.
func TestCrontabLine(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var line string
	for _, l := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(l, "15 6 26 * * ") {
			line = l
		}
	}
	if line == "" {
		t.Fatal("README has no crontab line starting with '15 6 26 * * '")
	}
	command := strings.TrimPrefix(line, "15 6 26 * * ")
	if !strings.HasPrefix(command, "cd /srv/bhxh && bhxh compute ") {
		t.Fatalf("crontab command %q does not start with 'cd /srv/bhxh && bhxh compute '", command)
	}
	home := t.TempDir()
	root := filepath.Join(home, "Báo cáo tháng 11")
	command = strings.Replace(command, "cd /srv/bhxh", "cd '"+root+"'", 1)
	command = strings.Replace(command, "&& bhxh ", "&& '"+bhxhBinary(t)+"' ", 1)

	fx := makeBatchFixture(t, filepath.Join(root, "den"), 8)
	for _, b := range fx.bad {
		os.Remove(filepath.Join(root, "den", b))
	}
	cron := func() int {
		cmd := exec.Command("env", "-i", "PATH=/usr/bin:/bin", "HOME="+home, "/bin/sh", "-c", command)
		cmd.Dir = home
		out, err := cmd.CombinedOutput()
		if len(out) != 0 {
			t.Errorf("the crontab command printed (cron would mail it): %q", out)
		}
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return 0
	}
	if code := cron(); code != 0 {
		log, _ := os.ReadFile(filepath.Join(root, "bhxh.log"))
		t.Fatalf("exit %d; bhxh.log:\n%s", code, log)
	}
	out := filepath.Join(root, "bao-cao")
	if n := len(checkReportsComplete(t, out)); n != 5 {
		t.Errorf("%d reports, want 5", n)
	}
	if log, _ := os.ReadFile(filepath.Join(root, "bhxh.log")); len(log) != 0 {
		t.Errorf("--quiet run with nothing wrong logged:\n%s", log)
	}

	// Next month: one more file, a bad one; the five done are skipped.
	before := mtimes(t, out)
	writeUnitWorkbook(t, filepath.Join(root, "den", "Xã mới.xlsx"), goodRows(77, 3))
	writeUnitWorkbook(t, filepath.Join(root, "den", "Xã hỏng.xlsx"), [][]any{{"Xã A", "12,5", 1, 1, 1}})
	if code := cron(); code != 1 {
		t.Errorf("exit %d with a bad file, want 1", code)
	}
	after := mtimes(t, out)
	for name, mt := range before {
		if !after[name].Equal(mt) {
			t.Errorf("%s rewritten although unchanged", name)
		}
	}
	if _, ok := after["Xã mới.bao-cao.xlsx"]; !ok {
		t.Errorf("the new input got no report: %v", after)
	}
	log, _ := os.ReadFile(filepath.Join(root, "bhxh.log"))
	assertNoTerminalBytes(t, string(log))
	if s := lastLine(string(log)); !strings.HasPrefix(s, "bhxh: 1 ok, 5 skipped (unchanged), 1 failed, ") || !strings.HasSuffix(s, "failed: den/Xã hỏng.xlsx") {
		t.Errorf("bhxh.log summary %q\n%s", s, log)
	}
}

func TestReportName(t *testing.T) {
	for _, c := range [][3]string{
		{"{stem}.bao-cao.xlsx", "den/Huyện Đông Hòa.xlsx", "Huyện Đông Hòa.bao-cao.xlsx"},
		{"{stem}.json", "a.b.csv", "a.b.json"},
		{"bc-{stem}-{stem}.csv", "x", "bc-x-x.csv"},
	} {
		if got := reportName(c[0], c[1]); got != c[2] {
			t.Errorf("reportName(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

func TestRemoveStaleTemps(t *testing.T) {
	dir := t.TempDir()
	keep := []string{"a.bao-cao.xlsx", ".bhxh.lock", ".notes.tmp-1", ".x.xlsx.tmp-abc", "x.xlsx.tmp-1"}
	drop := []string{".Huyện Đông Hòa.bao-cao.xlsx.tmp-123", ".a.json.tmp-9", ".b.CSV.tmp-77"}
	for _, n := range append(append([]string{}, keep...), drop...) {
		os.WriteFile(filepath.Join(dir, n), nil, 0o644)
	}
	removed, err := removeStaleTemps(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != len(drop) {
		t.Errorf("removed %q, want %q", removed, drop)
	}
	left := outFiles(t, dir)
	for _, k := range keep {
		if !contains(left, k) {
			t.Errorf("%s removed", k)
		}
	}
}

func TestReportInputHashes(t *testing.T) {
	dir := t.TempDir()
	h1 := strings.Repeat("ab", 32)
	h2 := strings.Repeat("0F", 32)
	js := filepath.Join(dir, "r.json")
	os.WriteFile(js, []byte(`{"schema":"bhxh.compute/v1","inputs":[{"file":"a.xlsx","sha256":"`+h1+`"},{"file":"b.xlsx","sha256":"nope"}]}`), 0o644)
	got, err := reportInputHashes(js)
	if err != nil || !reflect.DeepEqual(got, []string{h1}) {
		t.Errorf("json: %v %v", got, err)
	}

	xl := filepath.Join(dir, "r.xlsx")
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", strings.Repeat("cd", 32)) // not the sources sheet
	f.NewSheet("Nguồn")
	f.SetCellValue("Nguồn", "A1", "Tệp")
	f.SetCellValue("Nguồn", "B1", "a.xlsx")
	f.SetCellValue("Nguồn", "A2", "SHA-256")
	f.SetCellValue("Nguồn", "B2", h2)
	f.SetCellValue("Nguồn", "B5", "sha256: "+h1+".")
	if err := f.SaveAs(xl); err != nil {
		t.Fatal(err)
	}
	got, err = reportInputHashes(xl)
	if err != nil || !reflect.DeepEqual(got, []string{strings.ToLower(h2), h1}) {
		t.Errorf("xlsx: %v %v", got, err)
	}

	csv := filepath.Join(dir, "r.csv")
	os.WriteFile(csv, []byte(h1+"\n"), 0o644)
	if got, err := reportInputHashes(csv); err != nil || got != nil {
		t.Errorf("csv: %v %v (a CSV report records no inputs)", got, err)
	}
	if _, err := reportInputHashes(filepath.Join(dir, "none.json")); err == nil {
		t.Error("missing report: no error")
	}
	bad := filepath.Join(dir, "half.xlsx")
	os.WriteFile(bad, []byte("PK\x03\x04"), 0o644)
	if _, err := reportInputHashes(bad); err == nil {
		t.Error("partial xlsx: no error")
	}
}

// TestBatchProgressOnTerminal: on a terminal (a pty made by script(1)) the
// bar is drawn; TestBatch200 and TestCrontabLine check it is not otherwise.
func TestBatchProgressOnTerminal(t *testing.T) {
	script, err := exec.LookPath("script")
	if err != nil || runtime.GOOS != "linux" {
		t.Skip("needs util-linux script(1)")
	}
	work := t.TempDir()
	makeBatchFixture(t, filepath.Join(work, "den"), 12)
	cmd := exec.Command(script, "-qfec", "'"+bhxhBinary(t)+"' compute den --out-dir o --name '{stem}.json'", "/dev/null")
	cmd.Dir = work
	out, _ := cmd.Output()
	s := string(out)
	if !strings.Contains(s, "(12/12)") || !strings.Contains(s, "\r") {
		t.Errorf("no progress bar on a terminal:\n%q", firstN(s, 1500))
	}
	if !strings.Contains(s, "bhxh: 9 ok, 3 failed") {
		t.Errorf("no summary on a terminal:\n%q", firstN(s, 1500))
	}
	// The bar does not swallow log lines: one per input.
	if n := strings.Count(s, "msg=file"); n != 12 {
		t.Errorf("%d log records, want 12", n)
	}
}

// TestBatchInProcess runs a batch through run() so that `go test -race`
// watches the worker pool, and checks what a non-terminal stderr gets.
func TestBatchInProcess(t *testing.T) {
	work := t.TempDir()
	fx := makeBatchFixture(t, filepath.Join(work, "den"), 24)
	t.Chdir(work)
	var stdout, stderr bytes.Buffer
	code := run([]string{"compute", "den", "--out-dir", "den", "--name", "{stem}.kq.json"}, strings.NewReader(""), &stdout, &stderr)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr.String())
	}
	assertNoTerminalBytes(t, stderr.String())
	if stdout.Len() != 0 {
		t.Errorf("stdout: %q", firstN(stdout.String(), 200))
	}
	if s := lastLine(stderr.String()); !strings.HasPrefix(s, "bhxh: 21 ok, 3 failed") {
		t.Errorf("summary %q", s)
	}
	// Reports written next to the inputs are not read back as inputs.
	stderr.Reset()
	code = run([]string{"compute", "--quiet", "den", "--out-dir", "den", "--name", "{stem}.kq.json"}, strings.NewReader(""), &stdout, &stderr)
	if s := lastLine(stderr.String()); code != 1 || !strings.HasPrefix(s, "bhxh: 21 ok, 3 failed") {
		t.Errorf("second run over its own reports: exit %d, summary %q", code, s)
	}
	if n := len(outFiles(t, "den")); n != len(fx.names)+21 {
		t.Errorf("%d files in den, want %d", n, len(fx.names)+21)
	}
}

// TestBatchInterrupted: SIGTERM (cron's, or shutdown) stops a run between
// files: exit 1, the summary says what was not processed, the lock is
// released and nothing partial is left.
func TestBatchInterrupted(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM on Windows")
	}
	work := t.TempDir()
	makeBatchFixture(t, filepath.Join(work, "den"), 120)
	out := filepath.Join(work, "bao-cao")
	cmd := exec.Command(bhxhBinary(t), "compute", "--quiet", "den", "--out-dir", "bao-cao")
	cmd.Dir = work
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if entries, _ := os.ReadDir(out); len(entries) >= 4 {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 1 {
		t.Fatalf("after SIGTERM: %v, want exit 1; stderr:\n%s", err, stderr.String())
	}
	if s := lastLine(stderr.String()); !strings.Contains(s, "not processed (stopped early)") {
		t.Errorf("summary %q", s)
	}
	n := len(checkReportsComplete(t, out)) // also: no lock, no temp file
	if n == 0 || n >= 117 {
		t.Errorf("%d reports: not stopped mid-way", n)
	}
}
