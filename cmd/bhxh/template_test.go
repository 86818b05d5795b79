package main

import (
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
			_, stderr, code := runCmd(c.args...)
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
