package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A targets file typed by hand names units the short way ("P. Tân An") with
// codes as numbers (4410 for "04410"): the row is a unit's target, not a
// section heading dropped without a word.
func TestTargetsAbbreviatedUnitName(t *testing.T) {
	dir := t.TempDir()
	tf := filepath.Join(dir, "chi-tieu.csv")
	writeFile(t, tf, "Mã đơn vị,Tên đơn vị,Chỉ tiêu BHYT (%)\n4402,Phường Hòa Bình,97.5\n4410,P. Tân An,98\n,Toàn tỉnh,94\n")
	out, stderr, code := runBinary(t, dir, nil, "compute", "--targets", tf, "--target", "bhyt=96", "--format", "json",
		filepath.Join(fixturesDir(t), "xa-phuong-2025-10.xlsx"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep struct {
		Units []struct {
			Code       string
			Indicators map[string]struct {
				Target       *string `json:"target"`
				TargetSource *string `json:"target_source"`
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"04402": "97.50", "04410": "98.00", "04437": "96.00"}
	for _, u := range rep.Units {
		w, ok := want[u.Code]
		if !ok {
			continue
		}
		got := u.Indicators["bhyt"]
		if got.Target == nil || *got.Target != w {
			t.Errorf("unit %s: bhyt target %v, want %s", u.Code, got.Target, w)
		}
	}
}

// The "Giao chỉ tiêu" sheet is a Vietnamese document (title, headers,
// footer) whatever --lang: its total row is not the one English word.
func TestAllocateXLSXEnglishTotalRow(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "giao.xlsx")
	_, stderr, code := runBinary(t, dir, nil, "allocate", "--lang", "en", "--indicator", "bhxh", "--rate", "25", "-o", out,
		filepath.Join(fixturesDir(t), "phan-bo-co-so.xlsx"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Giao chỉ tiêu")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if len(r) > 1 && (r[1] == "Total" || r[1] == "Tổng cộng") {
			if r[1] != "Tổng cộng" {
				t.Errorf("total row labelled %q in a Vietnamese sheet", r[1])
			}
			return
		}
	}
	t.Errorf("no total row in %v", rows)
}

// The blank form prints one page wide: landscape, fit to width (it used to
// print its title and columns cut across portrait pages).
func TestTemplatePrintsOnePageWide(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "mau.xlsx")
	if _, stderr, code := runBinary(t, dir, nil, "template", "-o", out); code != 0 {
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

// A trend sheet prints one landscape page wide (its chart was cut across
// portrait pages) and its header row holds the three lines of a change
// column ("Thay đổi" / "2023-10" / "(điểm %)"), which 32 points clipped.
func TestTrendSheetPrintable(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(fixturesDir(t), "tinh-mau-2023-11.xlsx")
	out := filepath.Join(dir, "xu-huong.xlsx")
	if _, stderr, code := runBinary(t, dir, nil, "trend", "--period", "2023-10", "--period", "2023-11", "-o", out, src, src); code != 0 {
		t.Skipf("two months of one file not accepted here (exit %d: %s)", code, stderr)
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
	if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
		t.Errorf("sheet %q page setup: orientation %v, fit to width %v", sh, pl.Orientation, pl.FitToWidth)
	}
	for r := 1; r <= 10; r++ {
		if v, _ := f.GetCellValue(sh, "B"+strconv.Itoa(r)); v == "Đơn vị" {
			if h, _ := f.GetRowHeight(sh, r); h < 45 {
				t.Errorf("header row %d is %v points high: three lines need 45", r, h)
			}
			return
		}
	}
	t.Errorf("no header row on sheet %q", sh)
}

// A file with a header and no unit rows, or a unit twice, is an error that
// reads well for a CSV too (it has no sheet: no "file.csv: : …").
func TestCSVErrorsNameNoEmptySheet(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "hdr.csv"), "Đơn vị,Lực lượng lao động,BHXH bắt buộc\n")
	writeFile(t, filepath.Join(dir, "dup.csv"), "Đơn vị,Lực lượng lao động,BHXH bắt buộc\nXã A,100,10\nXã A,100,10\n")
	for name, want := range map[string]string{
		"hdr.csv": "hdr.csv: no unit rows under the header (which ends on row 1)",
		"dup.csv": "dup.csv: duplicate unit",
	} {
		_, stderr, code := runBinary(t, dir, nil, "compute", "-o", "out.xlsx", name)
		if code != 1 || !strings.Contains(stderr, want) || strings.Contains(stderr, ": :") {
			t.Errorf("%s: exit %d, stderr %q; want exit 1 and %q", name, code, stderr, want)
		}
	}
}

// Merged files with different columns (one lacks BHTN), or a count marked
// "x": the total's BHTN rate is over the units that report BHTN, not their
// BHTN over everyone's labour force, and a missing_unit warning says so.
func TestTotalLeavesOutUnitsWithoutTheCount(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.csv"), "Mã xã,Đơn vị,Lực lượng lao động,BHXH bắt buộc,BHTN\n01,Xã A,1000,100,80\n")
	writeFile(t, filepath.Join(dir, "b.csv"), "Mã xã,Đơn vị,Lực lượng lao động,BHXH bắt buộc\n02,Xã B,1000,300\n")
	writeFile(t, filepath.Join(dir, "x.csv"), "Đơn vị,Lực lượng lao động,BHXH bắt buộc,BHTN\nXã A,1000,100,80\nXã B,1000,300,x\n")
	for name, args := range map[string][]string{
		"merge": {"--merge", "a.csv", "b.csv"},
		"x":     {"x.csv"},
	} {
		out, stderr, code := runBinary(t, dir, nil, append([]string{"compute", "--format", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", name, code, stderr)
		}
		var rep struct {
			Total struct {
				Indicators map[string]struct {
					Rate        *string `json:"rate"`
					Denominator *int64  `json:"denominator"`
				}
			}
			Issues []struct{ Code, File, Message string }
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		if r := rep.Total.Indicators["bhtn"]; r.Rate == nil || *r.Rate != "8.00" || r.Denominator == nil || *r.Denominator != 1000 {
			t.Errorf("%s: total bhtn %+v, want rate 8.00 over 1000", name, r)
		}
		if r := rep.Total.Indicators["bhxh_mandatory"]; r.Rate == nil || *r.Rate != "20.00" {
			t.Errorf("%s: total bhxh_mandatory %+v, want 20.00", name, r)
		}
		warned := false
		for _, is := range rep.Issues {
			warned = warned || is.Code == "missing_unit" && strings.Contains(is.Message, "Xã B")
		}
		if !warned {
			t.Errorf("%s: no missing_unit warning for Xã B: %+v", name, rep.Issues)
		}
	}
}

// A CSV export saved under an .xlsx name is named as such, not "not an
// xlsx, xls or CSV file" (it is a CSV file).
func TestCSVNamedXLSX(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "huyen.xlsx"), "Đơn vị,Lực lượng lao động,BHXH bắt buộc\nXã A,100,10\n")
	_, stderr, code := runBinary(t, dir, nil, "compute", "-o", "out.xlsx", "huyen.xlsx")
	if code != 1 || !strings.Contains(stderr, "huyen.xlsx") || !strings.Contains(stderr, "rename it to .csv") {
		t.Errorf("exit %d, stderr %q; want exit 1 naming the file and saying to rename it to .csv", code, stderr)
	}
}
