package main

// The messages of issue 14's "mistakes made easy": each says what went wrong
// and what to type instead, in Vietnamese and in English (msg renders the
// run's --lang).

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio"
	"github.com/bhxh/bhxh/xlsxio/report"
)

// The messages, each a format in both languages taking the same arguments
// (msg.Sprintf's two), made an error by errorOf.
var (
	msgFormatVsExt = msg.Text{
		VI: "--format %s không khớp với -o %s, phần mở rộng %s là định dạng %s: bỏ --format hoặc đổi phần mở rộng",
		EN: "--format %s does not match -o %s, whose extension %s means %s: drop --format or change the extension",
	}
	msgBinaryTerminal = msg.Text{
		VI: "không ghi xlsx ra màn hình: hãy cho -o TỆP.xlsx (hoặc chuyển vào một tệp hay một lệnh khác bằng > hoặc |)",
		EN: "refusing to write xlsx to a terminal: give -o FILE.xlsx (or redirect it into a file or another command with > or |)",
	}
	msgNoFolder = msg.Text{
		VI: "-o %s: thư mục %s không tồn tại; hãy tạo thư mục đó hoặc chọn thư mục khác",
		EN: "-o %s: the folder %s does not exist; create it or choose another folder",
	}
	msgInUse = msg.Text{
		VI: "không ghi được %s: tệp đang mở trong Excel; hãy đóng %s trong Excel rồi chạy lại",
		EN: "cannot write %s: it is open in Excel; close %s in Excel and run again",
	}
	msgTargetsKeyRate = msg.Text{
		VI: "--targets %s: không có tệp này; --targets là tệp chỉ tiêu, một tỷ lệ thì cho bằng --target %s",
		EN: "--targets %s: no such file; --targets takes a targets file, a rate is given with --target %s",
	}
	msgUnknownFlag = msg.Text{
		VI: "không có cờ %s; có phải ý bạn là %s?",
		EN: "unknown flag: %s; did you mean %s?",
	}
	msgUnknownCommand = msg.Text{
		VI: "không có lệnh %q trong %q; có phải ý bạn là %q?",
		EN: "unknown command %q for %q; did you mean %q?",
	}
	msgNotACount = msg.Text{
		VI: "--%s %s: không phải số người nguyên (viết 1000, 1.000 hoặc 1 000)",
		EN: "--%s %s: not a whole number of people (write 1000, 1.000 or 1 000)",
	}
)

// errorOf is m formatted with a as an error in both languages, which wraps
// err when there is one, for errors.Is.
func errorOf(m msg.Text, err error, a ...any) error {
	t := msg.Sprintf(m.EN, m.VI, a...)
	if err == nil {
		return msg.New(t.EN, t.VI)
	}
	return msg.Wrap(err, t)
}

// formatOfExt is the format an output file's extension (lower case) says:
// formatExt read the other way.
func formatOfExt(ext string) (string, bool) {
	for f, e := range formatExt {
		if e == ext {
			return f, true
		}
	}
	return "", false
}

// outputError explains a failure to write the output file path: a missing
// folder, or the report open in Excel; anything else is as it is.
func outputError(path string, err error) error {
	switch {
	case errors.Is(err, report.ErrNoFolder):
		return errorOf(msgNoFolder, err, path, filepath.Dir(path))
	case errors.Is(err, report.ErrInUse):
		base := filepath.Base(path)
		return errorOf(msgInUse, err, path, base)
	}
	return err
}

// looksLikeKeyRate is true for a --targets value that is a --target
// (bhxh=30), not a file name.
func looksLikeKeyRate(s string) bool {
	k, v, ok := strings.Cut(s, "=")
	return ok && k != "" && v != "" && !strings.ContainsAny(k, `/\.`) && !strings.ContainsAny(v, `/\`)
}

// flagError is the root's flag error function: every flag error is a usage
// error, and an unknown long flag close to a known one says which.
func flagError(cmd *cobra.Command, err error) error {
	var nc notACountError
	if errors.As(err, &nc) {
		return usageError{errorOf(msgNotACount, err, nc.flag, nc.text)}
	}
	if name, ok := strings.CutPrefix(err.Error(), "unknown flag: --"); ok {
		if s := closestFlag(cmd.Flags(), name); s != "" {
			return usageError{errorOf(msgUnknownFlag, err, "--"+name, "--"+s)}
		}
	}
	return usageError{err}
}

// closestFlag is the flag of fs nearest name by edit distance, at most 2
// edits away (1 for a name of 4 letters or fewer: --nope is not --name), or
// whose name name starts (--out for --out-dir); "" if none.
func closestFlag(fs *pflag.FlagSet, name string) string {
	best, bestD := "", 3
	if len([]rune(name)) <= 4 {
		bestD = 2
	}
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		d := editDistance(name, f.Name)
		if d > 2 && len(name) >= 3 && strings.HasPrefix(f.Name, name) {
			d = 2
		}
		if d < bestD {
			best, bestD = f.Name, d
		}
	})
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes, with a
// swap of two neighbours counting one ("tagret" → "target").
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev2 := make([]int, len(y)+1)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}

// countFlag is a flag holding a count of people typed as an analyst types
// it: "1000", "1.000", "1.000.000", "1 000", read by xlsxio.ParseCount,
// the parser of count cells.
type countFlag struct {
	name string
	n    *int64
}

func (c countFlag) String() string {
	if c.n == nil {
		return "0"
	}
	return fmt.Sprint(*c.n)
}

func (c countFlag) Set(s string) error {
	n, err := xlsxio.ParseCount(s)
	if err != nil {
		return notACountError{flag: c.name, text: s, err: err}
	}
	*c.n = n
	return nil
}

func (countFlag) Type() string { return "count" }

// notACountError is a count flag's value that is not a count; flagError
// words it.
type notACountError struct {
	flag, text string
	err        error
}

func (e notACountError) Error() string { return e.err.Error() }
func (e notACountError) Unwrap() error { return e.err }

// countVar defines a count flag (see countFlag).
func countVar(fs *pflag.FlagSet, p *int64, name string, value int64, usage string) {
	*p = value
	fs.Var(countFlag{name: name, n: p}, name, usage)
}
