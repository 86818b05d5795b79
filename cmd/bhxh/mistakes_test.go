package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/report"
)

// wantPair checks that err carries exactly the Vietnamese and English
// messages vi and en.
func wantPair(t *testing.T, err error, vi, en string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	if got := msg.Render(err, msg.VI); got != vi {
		t.Errorf("Vietnamese:\n got %q\nwant %q", got, vi)
	}
	if got := msg.Render(err, msg.EN); got != en {
		t.Errorf("English:\n got %q\nwant %q", got, en)
	}
}

// copyFixture copies a bundled workbook into dir under name.
func copyFixture(t *testing.T, fixture, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, fixture))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// fixtures is testdata/fixtures, found before any test changes folder.
var fixtures = func() string {
	d, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "fixtures"))
	return d
}()

// --format contradicting -o's extension is a usage error (a CSV named
// r.xlsx is a file Excel refuses); -o's extension alone chooses the format.
func TestFormatContradictsOutput(t *testing.T) {
	dir := t.TempDir()
	in := copyFixture(t, "tinh-mau-2023-11.xlsx", dir, "tinh.xlsx")
	en := "--format csv does not match -o r.xlsx, whose extension .xlsx means xlsx: drop --format or change the extension"
	vi := "--format csv không khớp với -o r.xlsx, phần mở rộng .xlsx là định dạng xlsx: bỏ --format hoặc đổi phần mở rộng"
	for lang, want := range map[string]string{"vi": vi, "en": en} {
		stdout, stderr, code := runIn(t, dir, nil, "compute", "--lang", lang, "--format", "csv", "-o", "r.xlsx", in)
		if code != exitUsage || stdout != "" || stderr != "bhxh: "+want+"\n" {
			t.Errorf("--lang %s: exit %d, stdout %q, stderr %q", lang, code, stdout, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "r.xlsx")); err == nil {
		t.Error("r.xlsx was written")
	}
	_, err := outputFormat("csv", "r.xlsx")
	wantPair(t, err, vi, en)

	for _, c := range []struct{ format, output, want string }{
		{"", "r.xlsx", "xlsx"}, {"", "R.CSV", "csv"}, {"", "r.json", "json"}, {"", "r.txt", "table"},
		{"csv", "r.csv", "csv"}, {"json", "r.dat", "json"}, {"xlsx", "-", "xlsx"}, {"", "", "table"},
	} {
		if got, err := outputFormat(c.format, c.output); err != nil || got != c.want {
			t.Errorf("--format %q -o %q: %q, %v; want %q", c.format, c.output, got, err, c.want)
		}
	}
	for _, c := range []struct{ format, output string }{{"table", "r.csv"}, {"xlsx", "r.json"}, {"json", "r.txt"}} {
		var ue usageError
		if _, err := outputFormat(c.format, c.output); !errors.As(err, &ue) {
			t.Errorf("--format %s -o %s: %v, want a usage error", c.format, c.output, err)
		}
	}
	// -o r.csv without --format writes CSV.
	if _, stderr, code := runIn(t, dir, nil, "compute", "-o", "r.csv", in); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "r.csv")); !strings.Contains(string(b), ",") || strings.HasPrefix(string(b), "PK") {
		t.Errorf("r.csv is not CSV: %.40q", b)
	}
}

// An xlsx onto a terminal is refused, saying to give -o; into a pipe (or a
// redirected file) it is written, as the user asked with | or >.
func TestBinaryOutputToTerminal(t *testing.T) {
	dir := t.TempDir()
	in := copyFixture(t, "tinh-mau-2023-11.xlsx", dir, "tinh.xlsx")
	en := "refusing to write xlsx to a terminal: give -o FILE.xlsx (or redirect it into a file or another command with > or |)"
	vi := "không ghi xlsx ra màn hình: hãy cho -o TỆP.xlsx (hoặc chuyển vào một tệp hay một lệnh khác bằng > hoặc |)"
	tty := openTerminal(t)
	var e strings.Builder
	f := &factory{streams: streams{In: strings.NewReader(""), Out: tty, Err: &e}, Now: time.Now, Getenv: fakeEnv(nil)}
	err := newRootCmdRun(f, "compute", "--format", "xlsx", in)
	wantPair(t, err, vi, en)
	if code := runWith(f, []string{"compute", "--format", "xlsx", in}); code != exitUsage || e.String() != "bhxh: "+vi+"\n" {
		t.Errorf("exit %d, stderr %q", code, e.String())
	}

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan []byte)
	go func() {
		var b strings.Builder
		buf := make([]byte, 1<<16)
		for {
			n, err := r.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		done <- []byte(b.String())
	}()
	e.Reset()
	f.Out = w
	code := runWith(f, []string{"compute", "--format", "xlsx", in})
	w.Close()
	got := <-done
	if code != exitOK || !strings.HasPrefix(string(got), "PK") {
		t.Errorf("into a pipe: exit %d, %d bytes (%.4q), stderr %q", code, len(got), got, e.String())
	}
}

// The refusal of an xlsx onto a terminal comes with the flags, before any
// input is read: every command that writes xlsx, given an input that
// cannot be read, exits 2 with the refusal on a terminal, where into a
// buffer the same command fails on the input (exit 1).
func TestBinaryOutputToTerminalFailsFast(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "hong.xlsx")
	if err := os.WriteFile(bad, []byte("not a workbook"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "khong-co.csv")
	vi := "không ghi xlsx ra màn hình: hãy cho -o TỆP.xlsx (hoặc chuyển vào một tệp hay một lệnh khác bằng > hoặc |)"
	tty := openTerminal(t)
	for _, args := range [][]string{
		{"compute", "--format", "xlsx", bad},
		{"compute", "-o", "-", "--format", "xlsx", "--merge", bad, bad + "x"},
		{"trend", "--format", "xlsx", bad, bad},
		{"allocate", "--indicator", "bhxh", "--rate", "25", "--format", "xlsx", bad},
		{"count", "--format", "xlsx", bad},
		{"crosswalk", "--format", "xlsx", bad},
		{"template", "-o", "-", "--units", missing},
	} {
		var e strings.Builder
		f := &factory{streams: streams{In: strings.NewReader(""), Out: tty, Err: &e}, Now: time.Now, Getenv: fakeEnv(nil)}
		if code := runWith(f, args); code != exitUsage || e.String() != "bhxh: "+vi+"\n" {
			t.Errorf("%q on a terminal: exit %d, stderr %q", args, code, e.String())
		}
		var o bytes.Buffer
		e.Reset()
		f.Out = &o
		if code := runWith(f, args); code != exitData {
			t.Errorf("%q into a buffer: exit %d (want 1: the input is read), stderr %q", args, code, e.String())
		}
	}
}

// newRootCmdRun executes args in f and returns the error itself (runWith
// prints it).
func newRootCmdRun(f *factory, args ...string) error {
	root := newRootCmd(f)
	root.SetArgs(args)
	return root.Execute()
}

// A missing output folder is named as such, not as a temp file's open
// error; nothing is left behind.
func TestMissingOutputFolder(t *testing.T) {
	dir := t.TempDir()
	in := copyFixture(t, "tinh-mau-2023-11.xlsx", dir, "tinh.xlsx")
	en := "-o nosuchdir/r.xlsx: the folder nosuchdir does not exist; create it or choose another folder"
	vi := "-o nosuchdir/r.xlsx: thư mục nosuchdir không tồn tại; hãy tạo thư mục đó hoặc chọn thư mục khác"
	out := filepath.Join("nosuchdir", "r.xlsx")
	for lang, want := range map[string]string{"vi": vi, "en": en} {
		stdout, stderr, code := runIn(t, dir, nil, "compute", "--lang", lang, "-o", out, in)
		if code != exitData || stdout != "" || stderr != "bhxh: "+filepath.FromSlash(want)+"\n" {
			t.Errorf("--lang %s: exit %d, stdout %q, stderr %q", lang, code, stdout, stderr)
		}
	}
	wantPair(t, outputError(out, fmt.Errorf("nosuchdir: %w", report.ErrNoFolder)), filepath.FromSlash(vi), filepath.FromSlash(en))
}

// A report open in Excel: its owner file "~$r.xlsx" beside it, or (on
// Windows) the rename over it refused, says to close it; the open report
// is untouched.
func TestReportOpenInExcel(t *testing.T) {
	dir := t.TempDir()
	in := copyFixture(t, "tinh-mau-2023-11.xlsx", dir, "tinh.xlsx")
	en := "cannot write r.xlsx: it is open in Excel; close r.xlsx in Excel and run again"
	vi := "không ghi được r.xlsx: tệp đang mở trong Excel; hãy đóng r.xlsx trong Excel rồi chạy lại"
	writeFile(t, filepath.Join(dir, "r.xlsx"), "old")
	writeFile(t, filepath.Join(dir, "~$r.xlsx"), "")
	for lang, want := range map[string]string{"vi": vi, "en": en} {
		stdout, stderr, code := runIn(t, dir, nil, "compute", "--lang", lang, "-o", "r.xlsx", in)
		if code != exitData || stdout != "" || stderr != "bhxh: "+want+"\n" {
			t.Errorf("owner file, --lang %s: exit %d, stdout %q, stderr %q", lang, code, stdout, stderr)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "r.xlsx")); string(b) != "old" {
		t.Errorf("the open report was changed")
	}
	// The rename refused (report's TestWriteFileAtomicInUse injects it):
	// the same message.
	refused := fmt.Errorf("r.xlsx: %w (rename .r.xlsx.tmp-1 r.xlsx: The process cannot access the file because it is being used by another process.)", report.ErrInUse)
	wantPair(t, outputError("r.xlsx", refused), vi, en)
}

// A --targets given KEY=RATE (a --target) says so instead of "no such file".
func TestTargetsGivenKeyRate(t *testing.T) {
	en := "--targets bhxh=30: no such file; --targets takes a targets file, a rate is given with --target bhxh=30"
	vi := "--targets bhxh=30: không có tệp này; --targets là tệp chỉ tiêu, một tỷ lệ thì cho bằng --target bhxh=30"
	for lang, want := range map[string]string{"vi": vi, "en": en} {
		stdout, stderr, code := runCmd("compute", "--lang", lang, "--targets", "bhxh=30", "a.xlsx")
		if code != exitUsage || stdout != "" || stderr != "bhxh: "+want+"\n" {
			t.Errorf("--lang %s: exit %d, stdout %q, stderr %q", lang, code, stdout, stderr)
		}
	}
	wantPair(t, checkTargetsFile("bhxh=30"), vi, en)
	for _, ok := range []string{"", "giao.xlsx", "a=b/giao.csv", "chi-tieu.csv"} {
		if err := checkTargetsFile(ok); err != nil {
			t.Errorf("--targets %s: %v", ok, err)
		}
	}
}

// A misspelt flag or command names the one meant.
func TestDidYouMean(t *testing.T) {
	for _, c := range []struct {
		name   string
		args   []string
		vi, en string
	}{
		{"flag, two letters swapped", []string{"compute", "--tagret", "bhxh=30", "a.xlsx"},
			"không có cờ --tagret; có phải ý bạn là --target?", "unknown flag: --tagret; did you mean --target?"},
		{"flag, a letter missing", []string{"allocate", "--indicatr", "bhxh", "a.xlsx"},
			"không có cờ --indicatr; có phải ý bạn là --indicator?", "unknown flag: --indicatr; did you mean --indicator?"},
		{"flag, a letter wrong", []string{"count", "--formal", "json", "a.xlsx"},
			"không có cờ --formal; có phải ý bạn là --format?", "unknown flag: --formal; did you mean --format?"},
		{"command", []string{"comput", "a.xlsx"},
			`không có lệnh "comput" trong "bhxh"; có phải ý bạn là "compute"?`, `unknown command "comput" for "bhxh"; did you mean "compute"?`},
		{"command after a flag", []string{"--help=false", "alocate"},
			`không có lệnh "alocate" trong "bhxh"; có phải ý bạn là "allocate"?`, `unknown command "alocate" for "bhxh"; did you mean "allocate"?`},
	} {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := runCmd(c.args...)
			if code != exitUsage || stdout != "" || stderr != "bhxh: "+c.vi+"\n" {
				t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
			}
			f := &factory{streams: streams{In: strings.NewReader(""), Out: &strings.Builder{}, Err: &strings.Builder{}}, Now: time.Now, Getenv: fakeEnv(nil)}
			root := newRootCmd(f)
			err := findCommand(root, c.args)
			if err == nil {
				root.SetArgs(c.args)
				err = root.Execute()
			}
			wantPair(t, err, c.vi, c.en)
		})
	}
	// Nothing close: the flag error as it was.
	if _, stderr, code := runCmd("compute", "--nope", "a.xlsx"); code != exitUsage || stderr != "bhxh: unknown flag: --nope\n" {
		t.Errorf("--nope: exit %d, %q", code, stderr)
	}
}

// A count typed on the command line is read as a count cell is: Vietnamese
// thousands ("1.000", "1.000.000", "1 000"); a non-count says what to type.
func TestCountFlagsVietnameseThousands(t *testing.T) {
	for _, c := range []struct {
		total string
		want  int64
	}{{"435", 435}, {"1.000", 1000}, {"1.000.000", 1000000}, {"1 000", 1000}, {"1\u00a0000", 1000}, {"12,345", 12345}, {"1.000,0", 1000}, {"0", 0}} {
		opts, err := parseCommand(t, newAllocateCmd, "--indicator", "bhxh", "--total", c.total, "--min", c.total, "co-so.xlsx")
		if err != nil || opts.Total != c.want || opts.Min != c.want {
			t.Errorf("--total %q: %v, %v; want %d", c.total, opts, err, c.want)
		}
	}
	for _, bad := range []string{"1,5", "mười", "-5", "1.0.0", ""} {
		en := fmt.Sprintf("--total %s: not a whole number of people (write 1000, 1.000 or 1 000)", bad)
		vi := fmt.Sprintf("--total %s: không phải số người nguyên (viết 1000, 1.000 hoặc 1 000)", bad)
		_, err := parseCommand(t, newAllocateCmd, "--indicator", "bhxh", "--total", bad, "co-so.xlsx")
		var ue usageError
		if !errors.As(err, &ue) {
			t.Errorf("--total %q: %v, want a usage error", bad, err)
			continue
		}
		wantPair(t, err, vi, en)
	}
}

// A file name typed in NFC finds the file saved with its name in NFD (as
// macOS saves it), and the other way round.
func TestInputNameNFCNFD(t *testing.T) {
	dir := t.TempDir()
	nfc := norm.NFC.String("Huyện Đông.xlsx")
	nfd := norm.NFD.String(nfc)
	if nfc == nfd {
		t.Fatal("the test name has no accent to decompose")
	}
	copyFixture(t, "tinh-mau-2023-11.xlsx", dir, nfd)
	if _, err := os.Stat(filepath.Join(dir, nfc)); err == nil {
		t.Skip("this file system normalises names itself")
	}
	got, err := expandInputs([]string{filepath.Join(dir, nfc)})
	if err != nil || len(got) != 1 || got[0] != filepath.Join(dir, nfd) {
		t.Errorf("NFC name: %q, %v; want the NFD file", got, err)
	}
	if _, stderr, code := runIn(t, dir, nil, "compute", nfc); code != exitOK {
		t.Errorf("compute of the NFC name: exit %d, %s", code, stderr)
	}
	copyFixture(t, "tinh-mau-2023-11.xlsx", dir, norm.NFC.String("Xã Ân.xlsx"))
	got, err = expandInputs([]string{filepath.Join(dir, norm.NFD.String("Xã Ân.xlsx"))})
	if err != nil || len(got) != 1 || got[0] != filepath.Join(dir, norm.NFC.String("Xã Ân.xlsx")) {
		t.Errorf("NFD name: %q, %v; want the NFC file", got, err)
	}
}
