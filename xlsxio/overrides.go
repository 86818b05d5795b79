package xlsxio

// Column overrides: --col 'Header=key' and --columns files, which column
// each names, and the warning for one naming none.

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/bhxh/bhxh/msg"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// OverrideError is a column override that does not read as 'Header
// text=key': one given alone, or a line of a columns file.
type OverrideError struct {
	File    string   // base name of the columns file; "" for an override given alone
	Line    int      // 1-based line in File
	Text    string   // the override as written
	Problem msg.Text // what is wrong with it
}

func (e *OverrideError) Error() string { return e.In(msg.EN) }

func (e *OverrideError) In(l msg.Lang) string {
	s := fmt.Sprintf("%q: %s", e.Text, e.Problem.In(l))
	if e.File != "" {
		s = fmt.Sprintf("%s:%d: %s", e.File, e.Line, s)
	}
	return s
}

// ParseColumnsFile reads a columns file: one 'Header text=key' per line;
// blank lines and lines starting with # are skipped. A line that is no
// override is an *OverrideError naming the file and line.
func ParseColumnsFile(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		h, k, err := ParseColOverride(line)
		if err != nil {
			oe := err.(*OverrideError)
			oe.File, oe.Line = filepath.Base(path), n
			return nil, oe
		}
		m[h] = k
	}
	return m, sc.Err()
}

// ParseColOverride parses one override 'Header text=key'. The header may
// be a column letter ("H=bhxh_mandatory"); key "-" ignores the column. A
// text that is no override is an *OverrideError.
func ParseColOverride(s string) (header, key string, err error) {
	i := strings.LastIndexByte(s, '=')
	if i <= 0 {
		return "", "", &OverrideError{Text: s, Problem: msg.Sprintf("want 'Header text=key'", "cần 'Chữ tiêu đề=khóa'")}
	}
	header, key = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
	if header == "" {
		return "", "", &OverrideError{Text: s, Problem: msg.Sprintf("empty header", "tiêu đề trống")}
	}
	if key != "-" && canonicalKey(key) != key {
		return "", "", &OverrideError{Text: s, Problem: msg.Sprintf("unknown key %q (keys: unit, code, %s, or - to ignore)", "không có khóa %q (các khóa: unit, code, %s, hoặc - để bỏ qua)", key, strings.Join(coverage.AllKeys(), ", "))}
	}
	return header, key, nil
}

// overrideNames reports whether the header text of a --col override names
// col: its header, its group and header, or its letter.
func overrideNames(text string, col Column) bool {
	f := vntext.Fold(text)
	return f == vntext.Fold(col.Header) || f == vntext.Fold(col.Group+" "+col.Header) || f == strings.ToLower(col.Letter)
}

// unusedOverrides warns of each --col override naming no column of the
// table: usually a typo, and then the mapping the analyst asked for did not
// happen.
func unusedOverrides(opt Options, t *Table) []Issue {
	var out []Issue
	for _, text := range opt.MustMatch {
		k := opt.Columns[text]
		used := false
		for _, col := range t.Columns {
			if col.Header != "" && overrideNames(text, col) {
				used = true
				break
			}
		}
		if !used {
			out = append(out, Issue{Level: "warning", Code: "unused_col", File: t.File, Sheet: t.Sheet,
				Message: msg.Sprintf("--col '%s=%s' names no column of the table (header rows %s)", "--col '%s=%s' không khớp cột nào của bảng (dòng tiêu đề %s)", text, k, joinRows(t.HeaderRows))})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Message.EN < out[j].Message.EN })
	return out
}

func joinRows(rows []int) string {
	s := make([]string, len(rows))
	for i, r := range rows {
		s[i] = strconv.Itoa(r)
	}
	return strings.Join(s, ", ")
}
