package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestTemplateCommandWithUnits(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mẫu biểu")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	list := filepath.Join(dir, "danh sách xã.csv")
	if err := os.WriteFile(list, []byte("\ufeffTên đơn vị,Mã ĐVHC\nXã Hòa Bình,04402\nPhường Thủy Dương,04405\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "mẫu tháng 10.xlsx")
	if _, stderr, code := runCmd("template", "--units", list, "--period", "2025-10", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Số liệu")
	if rows[1][0] != "Tháng 10 năm 2025" {
		t.Errorf("period line %q", rows[1][0])
	}
	if !reflect.DeepEqual(rows[4], []string{"1", "Xã Hòa Bình", "04402"}) || !reflect.DeepEqual(rows[5], []string{"2", "Phường Thủy Dương", "04405"}) {
		t.Errorf("units %q", rows[4:])
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("%d entries in the folder: a temporary file left?", len(entries))
	}
}

func TestTemplateCommandErrors(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "ds.xlsx")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Xã A", "001"})
	if err := f.SaveAs(list); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no output", []string{"template"}, 2, "-o FILE.xlsx"},
		{"not xlsx", []string{"template", "-o", filepath.Join(dir, "mau.csv")}, 2, "an .xlsx workbook"},
		{"bad period", []string{"template", "--period", "2025-13", "-o", filepath.Join(dir, "m.xlsx")}, 2, "--period"},
		{"bad lang", []string{"template", "--lang", "fr", "-o", filepath.Join(dir, "m.xlsx")}, 2, "--lang"},
		{"output is the unit list", []string{"template", "--units", list, "-o", list}, 2, "refusing to overwrite an input"},
		{"missing unit list", []string{"template", "--units", filepath.Join(dir, "none.csv"), "-o", filepath.Join(dir, "m.xlsx")}, 1, "none.csv"},
		{"stray argument", []string{"template", "-o", filepath.Join(dir, "m.xlsx"), "extra"}, 2, "unknown command"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, stderr, code := runCmd(inEnglish(c.args)...)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d (want %d), stderr %q (want %q)", code, c.code, stderr, c.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "m.xlsx")); err == nil {
		t.Error("a failed run wrote its output")
	}
}

// A commune list headed "Tên xã,Mã xã" (the usual header of a commune list,
// and one count recognises) keeps its codes: they were silently dropped.
func TestTemplateUnitListMaXaHeader(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "ds xã.csv")
	writeFile(t, list, "Tên xã,Mã xã\nXã Tân Phú,00004\nPhường Hòa Bình,00012\n")
	out := filepath.Join(dir, "mẫu.xlsx")
	if _, stderr, code := runCmd("template", "--units", list, "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Số liệu")
	if !reflect.DeepEqual(rows[4], []string{"1", "Xã Tân Phú", "00004"}) || !reflect.DeepEqual(rows[5], []string{"2", "Phường Hòa Bình", "00012"}) {
		t.Errorf("units %q", rows[4:])
	}
}

// The blank form prints one page wide: landscape, fit to width (it used to
// print its title and columns cut across portrait pages).
func TestTemplatePrintsOnePageWide(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "mau.xlsx")
	if _, stderr, code := runIn(t, dir, nil, "template", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := f.GetSheetName(0)
	pl, err := f.GetPageLayout(sh)
	if err != nil {
		t.Fatal(err)
	}
	props, err := f.GetSheetProps(sh)
	if err != nil {
		t.Fatal(err)
	}
	if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 ||
		props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("sheet %q page setup: orientation %v, fit to width %v, fit to page %v", sh, pl.Orientation, pl.FitToWidth, props.FitToPage)
	}
}

// The arguments of template → its options, or the usage error that refuses
// them. Nothing is written.
func TestTemplateFlags(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		want templateOptions
		err  string
	}{
		{name: "a workbook", args: []string{"-o", "mau.xlsx"}, want: templateOptions{commonFlags: commonFlags{Output: "mau.xlsx", Lang: "vi"}}},
		{name: "units, month, English", args: []string{"--units", "ds.csv", "--period", "2025-10", "--lang", "en", "-o", "mau.XLSX"},
			want: templateOptions{Units: "ds.csv", Period: "2025-10", commonFlags: commonFlags{Output: "mau.XLSX", Lang: "en"}}},
		{name: "to standard output", args: []string{"-o", "-"}, want: templateOptions{commonFlags: commonFlags{Output: "-", Lang: "vi"}}},
		{name: "no output", args: nil, err: "give the workbook to write with -o FILE.xlsx"},
		{name: "not xlsx", args: []string{"-o", "mau.csv"}, err: "-o mau.csv: a template is an .xlsx workbook"},
		{name: "bad period", args: []string{"--period", "2025-13", "-o", "m.xlsx"}, err: `--period "2025-13": want YYYY-MM`},
		{name: "bad lang", args: []string{"--lang", "fr", "-o", "m.xlsx"}, err: `--lang "fr": want vi or en`},
		{name: "stray argument", args: []string{"-o", "m.xlsx", "extra"}, err: `unknown command "extra" for "template"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts, err := parseCommand(t, newTemplateCmd, c.args...)
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
			got := *opts
			got.streams = streams{}
			if got != c.want {
				t.Errorf("options %+v, want %+v", got, c.want)
			}
		})
	}
}

// runTemplate's exact errors; its workbook is read back cell by cell in
// the tests above.
func TestRunTemplate(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "ds.csv")
	writeFile(t, list, "Tên đơn vị,Mã ĐVHC\nXã Hòa Bình,04402\n")
	for _, c := range []struct {
		name string
		opts templateOptions
		err  string
	}{
		{name: "a missing unit list", opts: templateOptions{Units: filepath.Join(dir, "none.csv"), commonFlags: commonFlags{Output: filepath.Join(dir, "m.xlsx")}},
			err: "none.csv: open " + filepath.Join(dir, "none.csv") + ": no such file or directory"},
		{name: "the template over its unit list", opts: templateOptions{Units: list, commonFlags: commonFlags{Output: list}},
			err: list + ": output path is one of the inputs; refusing to overwrite an input"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			opts := c.opts
			opts.streams, opts.Lang = streams{Out: &out, Err: &out}, "vi"
			if got := errString(runTemplate(&opts)); got != c.err {
				t.Errorf("error %q, want %q", got, c.err)
			}
			if out.Len() != 0 {
				t.Errorf("printed %q", out.String())
			}
			if _, err := os.Stat(filepath.Join(dir, "m.xlsx")); err == nil {
				t.Error("a failed run wrote its output")
			}
		})
	}
}
