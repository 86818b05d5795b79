package main

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/bhxh/bhxh/msg"
)

// The arguments of inspect → its options, or the usage error that refuses
// them. Nothing is read.
func TestInspectFlags(t *testing.T) {
	for _, c := range []struct {
		name   string
		args   []string
		inputs []string
		format string
		err    string
	}{
		{name: "workbooks", args: []string{"a.xlsx", "b.csv"}, inputs: []string{"a.xlsx", "b.csv"}, format: "table"},
		{name: "JSON", args: []string{"--format", "json", "a.xlsx"}, inputs: []string{"a.xlsx"}, format: "json"},
		{name: "a format inspect does not write", args: []string{"--format", "csv", "a.xlsx"}, err: `--format "csv": want table or json`},
		{name: "a --col without a key", args: []string{"--col", "Đơn vị", "a.xlsx"}, err: `--col "Đơn vị": want 'Header text=key'`},
		{name: "period not a month", args: []string{"--period", "2023", "a.xlsx"}, err: `--period "2023": want YYYY-MM`},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts, err := parseCommand(t, newInspectCmd, c.args...)
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
			if !reflect.DeepEqual(opts.Inputs, c.inputs) || opts.Format != c.format {
				t.Errorf("inputs %q, format %q; want %q, %q", opts.Inputs, opts.Format, c.inputs, c.format)
			}
		})
	}
}

// runInspect on small CSVs: exactly what it prints, on stdout and stderr
// (120 columns wide: no COLUMNS, not a terminal).
func TestRunInspect(t *testing.T) {
	dir := t.TempDir()
	x := filepath.Join(dir, "x.csv")
	writeFile(t, x, "Đơn vị;LLLĐ trong độ tuổi;TG BHXH BB;Số hộ nghèo\nHuyện A;1.000;300;12\nHuyện B;2.000;400;30\n")
	noHeader := filepath.Join(dir, "nohdr.csv")
	writeFile(t, noHeader, "Tên xã;Người LĐ;Đã tham gia\nXã A;100;20\nXã B;200;30\n")
	for _, c := range []struct {
		name                string
		opts                inspectOptions
		stdout, stderr, err string
	}{
		{name: "what was recognised, and the --col that reads the rest", opts: inspectOptions{Inputs: []string{x}, commonFlags: commonFlags{Format: "table"}, Lang: msg.VI},
			stdout: `x.csv
  trang tính:   (CSV)
  dòng tiêu đề: 1
  kỳ:           không thấy (hãy cho --period YYYY-MM)
  cột:
    A  unit            "Đơn vị"              (từ khóa "don vi")
    B  labour_force    "LLLĐ trong độ tuổi"  (từ khóa "luc luong lao dong" → số hiện có)
    C  bhxh_mandatory  "TG BHXH BB"          (từ khóa "tham gia" "bhxh" "bat buoc" → số hiện có)
    D  —               "Số hộ nghèo"         (không khớp từ khóa nào)
  đơn vị:       2 (dòng 2–3: Huyện A … Huyện B)
  dòng tổng:    không có (tổng là tổng các đơn vị)
  các dòng:
    1    tiêu đề cột
    2–3  đơn vị       2 đơn vị
  cảnh báo unknown_column D1: cột D "Số hộ nghèo" có số nhưng không được đọc (không khớp từ khóa nào); để đọc: --col 'Số
    hộ nghèo=KEY'
  để đọc một cột bị bỏ qua, hãy nêu khóa của cột (các khóa: bhxh inspect --help):
    --col 'Số hộ nghèo=KEY'
`},
		{name: "no header: the likeliest row, on stderr", opts: inspectOptions{Inputs: []string{noHeader}, commonFlags: commonFlags{Format: "table"}, Lang: msg.VI},
			stderr: `tệp: dòng 1 giống dòng tiêu đề nhất:
  A   unit                     "Tên xã"  (từ khóa "ten")
  B   —                        "Người LĐ"  (không khớp từ khóa nào)
  C   —                        "Đã tham gia"  (không khớp từ khóa nào)
  nêu từng cột số liệu bằng --col 'Tiêu đề=KHÓA' (các khóa: bhxh_mandatory, bhxh_voluntary, bhtn, bhyt, labour_force, population, …)
`,
			err: "nohdr.csv: no recognisable table header (a row naming units and counts) in the file: expected a header row naming the unit (\"Đơn vị\") and counts such as \"Số người tham gia BHXH bắt buộc\"; run `bhxh inspect` to see what was read, and --col 'Header=key' to map a column"},
		{name: "what was recognised, in English", opts: inspectOptions{Inputs: []string{x}, commonFlags: commonFlags{Format: "table"}, Lang: msg.EN},
			stdout: `x.csv
  sheet:       (CSV)
  header rows: 1
  period:      not found (give --period YYYY-MM)
  columns:
    A  unit            "Đơn vị"              (keyword "don vi")
    B  labour_force    "LLLĐ trong độ tuổi"  (keywords "luc luong lao dong" → current)
    C  bhxh_mandatory  "TG BHXH BB"          (keywords "tham gia" "bhxh" "bat buoc" → current)
    D  —               "Số hộ nghèo"         (no keyword matched)
  units:       2 (rows 2–3: Huyện A … Huyện B)
  total row:   none (the total is the sum of units)
  rows:
    1    header
    2–3  units   2 units
  warning unknown_column D1: column D "Số hộ nghèo" holds numbers but is not read (no keyword matched); to read it:
    --col 'Số hộ nghèo=KEY'
  to read an ignored column, name its key (keys: bhxh inspect --help):
    --col 'Số hộ nghèo=KEY'
`},
		{name: "no header: the likeliest row, in English", opts: inspectOptions{Inputs: []string{noHeader}, commonFlags: commonFlags{Format: "table"}, Lang: msg.EN},
			stderr: `the file: row 1 looks most like a header:
  A   unit                     "Tên xã"  (keyword "ten")
  B   —                        "Người LĐ"  (no keyword matched)
  C   —                        "Đã tham gia"  (no keyword matched)
  name each count column with --col 'Header=KEY' (keys: bhxh_mandatory, bhxh_voluntary, bhtn, bhyt, labour_force, population, …)
`,
			err: "nohdr.csv: no recognisable table header (a row naming units and counts) in the file: expected a header row naming the unit (\"Đơn vị\") and counts such as \"Số người tham gia BHXH bắt buộc\"; run `bhxh inspect` to see what was read, and --col 'Header=key' to map a column"},
		{name: "no header, JSON: no preview", opts: inspectOptions{Inputs: []string{noHeader}, commonFlags: commonFlags{Format: "json"}},
			err: "nohdr.csv: no recognisable table header (a row naming units and counts) in the file: expected a header row naming the unit (\"Đơn vị\") and counts such as \"Số người tham gia BHXH bắt buộc\"; run `bhxh inspect` to see what was read, and --col 'Header=key' to map a column"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errw bytes.Buffer
			opts := c.opts
			opts.streams = streams{Out: &out, Err: &errw}
			err := runInspect(&opts)
			if got := errString(err); got != c.err {
				t.Errorf("error %q, want %q", got, c.err)
			}
			if out.String() != c.stdout {
				t.Errorf("stdout\n%s\nwant\n%s", out.String(), c.stdout)
			}
			if errw.String() != c.stderr {
				t.Errorf("stderr\n%s\nwant\n%s", errw.String(), c.stderr)
			}
		})
	}
}
