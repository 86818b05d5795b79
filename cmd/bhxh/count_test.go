package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func writeTestList(t *testing.T, dir, name string, rows [][]string) string {
	t.Helper()
	f := excelize.NewFile()
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		vals := make([]any, len(row))
		for j, v := range row {
			vals[j] = v
		}
		if err := f.SetSheetRow("Sheet1", cell, &vals); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCountCommand(t *testing.T) {
	dir := t.TempDir()
	ok := writeTestList(t, dir, "ds.xlsx", [][]string{
		{"DANH SÁCH NGƯỜI THAM GIA"},
		{"STT", "Mã số BHXH", "Mã xã", "Xã, phường", "Loại hình"},
		{"1", "0123456789", "00004", "Phường Ba Đình", "BHXH bắt buộc"},
		{"2", "0123456788", "00004", "Phường Ba Đình", "BHYT"},
		{"3", "0123456788", "00004", "Phường Ba Đình", "BHYT"},
	})
	bad := writeTestList(t, dir, "loi.xlsx", [][]string{
		{"Mã số BHXH", "Mã xã", "Loại hình"},
		{"12345", "00004", "BB"},
	})
	cases := []struct {
		name string
		args []string
		code int
		out  string // substring of stdout
		err  string // substring of stderr
	}{
		{"json", []string{"count", ok, "--format", "json"}, exitOK, `"schema":"bhxh.count/v1"`, "duplicate_person: ds.xlsx: Sheet1!B5"},
		{"table", []string{"count", ok}, exitOK, "Tổng cộng", ""},
		{"csv", []string{"count", ok, "--format", "csv"}, exitOK, "\uFEFFcode,unit,bhxh_mandatory,bhyt\n00004,Phường Ba Đình,1,1\n", ""},
		{"strict", []string{"count", "--strict", ok, "--format", "json"}, exitWarnings, "", "--strict"},
		{"bad id", []string{"count", bad}, exitData, "", `loi.xlsx: Sheet1!A2: "12345" is not a mã số BHXH`},
		{"bad scheme", []string{"count", "--scheme", "bhxh", ok}, exitUsage, "", "--scheme"},
		{"schemes vs lists", []string{"count", "--scheme", "bhyt", "--scheme", "bhtn", ok}, exitUsage, "", "once per list"},
		{"output is input", []string{"count", ok, "-o", ok}, exitUsage, "", "input"},
		{"no args", []string{"count"}, exitUsage, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errw bytes.Buffer
			code := run(inEnglish(c.args), strings.NewReader(""), &out, &errw)
			if code != c.code || !strings.Contains(out.String(), c.out) || !strings.Contains(errw.String(), c.err) {
				t.Errorf("exit %d (want %d)\nstdout:\n%s\nstderr:\n%s", code, c.code, out.String(), errw.String())
			}
		})
	}

	// the JSON in full
	var out, errw bytes.Buffer
	run([]string{"count", ok, "--format", "json"}, nil, &out, &errw)
	var doc struct {
		Schema string
		Inputs []struct {
			File, Sheet string
			Rows        int
		}
		Units []struct {
			Code, Name string
			Counts     map[string]int
		}
		Issues []struct{ Level, Code, File, Sheet, Cell, Message string }
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Inputs) != 1 || doc.Inputs[0].Rows != 3 || len(doc.Units) != 1 || doc.Units[0].Code != "00004" ||
		doc.Units[0].Counts["bhxh_mandatory"] != 1 || doc.Units[0].Counts["bhyt"] != 1 || len(doc.Units[0].Counts) != 2 ||
		len(doc.Issues) != 1 || doc.Issues[0].Cell != "B5" || doc.Issues[0].Level != "warning" {
		t.Errorf("%s", out.String())
	}

	// the xlsx: canonical headers compute reads back
	xl := filepath.Join(dir, "so-nguoi.xlsx")
	if code := run([]string{"count", ok, "-o", xl}, nil, &out, &errw); code != exitOK {
		t.Fatalf("exit %d: %s", code, errw.String())
	}
	f, err := excelize.OpenFile(xl)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	want := "Mã đơn vị|Đơn vị|Số người tham gia BHXH bắt buộc|Số người tham gia BHYT\n00004|Phường Ba Đình|1|1"
	if got := strings.Join(rows[0], "|") + "\n" + strings.Join(rows[1], "|"); got != want {
		t.Errorf("xlsx:\n%s\nwant\n%s", got, want)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 3 {
		t.Errorf("%d files in the folder, want 3 (no temporary left)", len(ents))
	}
}

// The same commune name typed in another Unicode form (NFD, as lists saved on
// a Mac often are) or another case is the same name: no unit_name_conflict.
// A really different name under the same code still warns.
func TestCountUnitNameConflictIgnoresFormAndCase(t *testing.T) {
	dir := t.TempDir()
	// "Xã Đông Sơn" decomposed (an earlier version had a stray grave
	// accent, spelling "Đồng": another commune name, see unitmatch.go).
	nfd := "Xa\u0303 \u0110o\u0302ng So\u031bn"
	list := writeTestList(t, dir, "ds.xlsx", [][]string{
		{"Mã số BHXH", "Mã xã", "Xã, phường", "Loại hình"},
		{"0104000001", "00025", "Xã Đông Sơn", "BB"},
		{"0104000002", "00025", nfd, "BB"},
		{"0104000003", "00025", "xã đông sơn", "BB"},
		{"0104000004", "00030", "Xã Tây Sơn", "BB"},
		{"0104000005", "00030", "Xã Tây Hòa", "BB"},
	})
	out, errs, code := runCmd("count", "--format", "json", list)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Issues []struct {
			Code, Cell string
		} `json:"issues"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, is := range r.Issues {
		got = append(got, is.Code+"@"+is.Cell)
	}
	if len(got) != 1 || got[0] != "unit_name_conflict@C6" {
		t.Errorf("issues %v, want only unit_name_conflict@C6", got)
	}
}

// A participant list saved as .xls is refused with a message that says what
// to do, not "zip: not a valid zip file".
func TestCountXLSListSaysWhatToDo(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "ds bhyt.xls")
	writeFile(t, list, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 an OLE compound file")
	_, errs, code := runCmd("count", "--lang", "en", "--scheme", "bhyt", list)
	if code != exitData || !strings.Contains(errs, "ds bhyt.xls") || !strings.Contains(errs, "save it as .xlsx or as CSV UTF-8") || strings.Contains(errs, "zip:") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

// The arguments of count → its options, or the usage error that refuses
// them. Nothing is read: the lists named here do not exist.
func TestCountFlags(t *testing.T) {
	for _, c := range []struct {
		name    string
		args    []string
		format  string
		schemes []string
		memory  int64
		err     string
	}{
		{name: "defaults", args: []string{"a.xlsx"}, format: "table", memory: 1 << 30},
		{name: "one scheme for all, -o, --memory", args: []string{"--scheme", "bhyt", "--memory", "512MiB", "-o", "n.xlsx", "a.xlsx", "b.csv"},
			format: "xlsx", schemes: []string{"bhyt"}, memory: 512 << 20},
		{name: "a scheme per list", args: []string{"--scheme", "bhxh_mandatory", "--scheme", "bhtn", "--format", "json", "a.xlsx", "b.xlsx"},
			format: "json", schemes: []string{"bhxh_mandatory", "bhtn"}, memory: 1 << 30},
		{name: "no list", args: nil, err: "requires at least 1 arg(s), only received 0"},
		{name: "unknown scheme", args: []string{"--scheme", "pension", "a.xlsx"}, err: `--scheme "pension": want one of`},
		{name: "schemes and lists differ", args: []string{"--scheme", "bhyt", "--scheme", "bhtn", "a.xlsx", "b.xlsx", "c.xlsx"},
			err: "--scheme given 2 times for 3 lists"},
		{name: "bad format", args: []string{"--format", "pdf", "a.xlsx"}, err: `--format "pdf": want table, csv, json or xlsx`},
		{name: "bad memory", args: []string{"--memory", "lots", "a.xlsx"}, err: `--memory "lots"`},
		{name: "output over an input", args: []string{"-o", "a.xlsx", "a.xlsx"}, err: "a.xlsx"},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts, err := parseCommand(t, newCountCmd, c.args...)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				if !errors.As(err, new(usageError)) {
					t.Errorf("error %v is not a usage error (exit 2)", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if opts.format != c.format || strings.Join(opts.Schemes, ",") != strings.Join(c.schemes, ",") || opts.memoryBytes != c.memory {
				t.Errorf("options %+v", opts)
			}
		})
	}
}
