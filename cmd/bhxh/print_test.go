package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// printedReports writes the five xlsx reports an office prints (compute
// with targets, allocate, trend of two months, template, count) into dir
// and returns their paths.
func printedReports(t *testing.T, dir string) []string {
	t.Helper()
	fx := fixturesDir(t)
	src := filepath.Join(fx, "tinh-mau-2023-11.xlsx")
	list := writeTestList(t, dir, "danh-sach.xlsx", [][]string{
		{"DANH SÁCH NGƯỜI THAM GIA"},
		{"STT", "Mã số BHXH", "Mã xã", "Xã, phường", "Loại hình"},
		{"1", "0123456789", "00004", "Phường Ba Đình", "BHXH bắt buộc"},
		{"2", "0123456788", "00004", "Phường Ba Đình", "BHYT"},
		{"3", "0123456787", "00007", "Phường Trúc Bạch", "BHYT"},
	})
	return writeReports(t, dir, []reportRun{
		{"bao-cao.xlsx", []string{"compute", "--target", "bhxh=30", "--target", "bhyt=95", src}},
		{"giao-chi-tieu.xlsx", phanBoArgs(t, "allocate", "--indicator", "bhxh", "--rate", "25")},
		{"xu-huong.xlsx", []string{"trend", "--target", "bhxh=30", src, october(t, src, dir)}},
		{"mau-nhap.xlsx", []string{"template", "--period", "2025-10"}},
		{"so-nguoi.xlsx", []string{"count", list}},
	})
}

// reportRun is a bhxh command line that writes the report out ("-o").
type reportRun struct {
	out  string
	args []string
}

// writeReports runs each command in dir, its report to dir/out, and
// returns the reports' paths.
func writeReports(t *testing.T, dir string, runs []reportRun) []string {
	t.Helper()
	var paths []string
	for _, r := range runs {
		out := filepath.Join(dir, r.out)
		args := append(append([]string{}, r.args...), "-o", out)
		if _, stderr, code := runIn(t, dir, nil, args...); code != 0 && code != exitWarnings {
			t.Fatalf("bhxh %s: exit %d: %s", strings.Join(args, " "), code, stderr)
		}
		paths = append(paths, out)
	}
	return paths
}

// printTools is the paths of soffice and pdftotext; the test is skipped
// without them, or with -short.
func printTools(t *testing.T) (soffice, pdftotext string) {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not on PATH (Debian: apt-get install libreoffice-calc-nogui)")
	}
	pdftotext, err = exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not on PATH (Debian: apt-get install poppler-utils)")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	return soffice, pdftotext
}

// printPDFs converts the workbooks to PDF with LibreOffice in one call
// (a profile of its own in dir) and returns the folder of the PDFs, each
// named as its workbook.
func printPDFs(t *testing.T, soffice, dir string, paths []string) string {
	t.Helper()
	pdfDir := filepath.Join(dir, "pdf")
	args := append([]string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", "pdf", "--outdir", pdfDir}, paths...)
	if out, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	return pdfDir
}

// october is a copy of the November workbook titled October: a second
// month for the trend.
func october(t *testing.T, src, dir string) string {
	t.Helper()
	f, err := excelize.OpenFile(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.SetCellStr(f.GetSheetName(0), "A4", "Tháng 10 năm 2023"); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "T10-2023.xlsx")
	if err := f.SaveAs(out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReportsPageSetup: every sheet of every report prints on A4 with an
// orientation, one page wide or in blocks at a legible scale, margins, the
// report's title in the page header and "Trang &P/&N" in the footer.
func TestReportsPageSetup(t *testing.T) {
	for _, path := range printedReports(t, t.TempDir()) {
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, sh := range f.GetSheetList() {
			where := filepath.Base(path) + " " + sh
			pl, err := f.GetPageLayout(sh)
			if err != nil {
				t.Fatal(err)
			}
			if pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil {
				t.Errorf("%s: not A4 with an orientation: %+v", where, pl)
			}
			props, _ := f.GetSheetProps(sh)
			fit := props.FitToPage != nil && *props.FitToPage
			switch {
			case fit && (pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0):
				t.Errorf("%s: fitted but not one page wide: %v×%v", where, pl.FitToWidth, pl.FitToHeight)
			case !fit && (pl.AdjustTo == nil || *pl.AdjustTo < 75):
				t.Errorf("%s: neither one page wide nor printed at a legible scale (%v)", where, pl.AdjustTo)
			}
			m, err := f.GetPageMargins(sh)
			if err != nil || m.Left == nil || *m.Left <= 0 || m.Top == nil || *m.Top <= 0 {
				t.Errorf("%s: no margins: %+v %v", where, m, err)
			}
			hf, err := f.GetHeaderFooter(sh)
			if err != nil || hf == nil || !strings.Contains(hf.OddFooter, "Trang &P/&N") || len(hf.OddHeader) < 10 {
				t.Errorf("%s: header/footer %+v", where, hf)
			}
		}
		f.Close()
	}
}

// TestReportsPrintLegibly converts the five reports to PDF with LibreOffice
// in one call and measures the words: on every page the median word box is
// at least 10 points high (the compute summary once printed at 4 points).
func TestReportsPrintLegibly(t *testing.T) {
	soffice, pdftotext := printTools(t)
	dir := t.TempDir()
	paths := printedReports(t, dir)
	pdfDir := printPDFs(t, soffice, dir, paths)
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".xlsx")
		pdf := filepath.Join(pdfDir, name+".pdf")
		html := filepath.Join(dir, name+".html")
		if out, err := exec.Command(pdftotext, "-bbox", pdf, html).CombinedOutput(); err != nil {
			t.Fatalf("pdftotext %s: %v\n%s", pdf, err, out)
		}
		pages, err := wordHeights(html)
		if err != nil {
			t.Fatal(err)
		}
		if len(pages) == 0 {
			t.Errorf("%s: no pages", name)
		}
		for i, hs := range pages {
			if len(hs) == 0 {
				t.Errorf("%s page %d: blank", name, i+1)
				continue
			}
			if m := median(hs); m < 10 {
				t.Errorf("%s page %d: median word box %.1f pt, want ≥ 10", name, i+1, m)
			} else {
				t.Logf("%s page %d: median word box %.1f pt (%d words)", name, i+1, m, len(hs))
			}
		}
	}
}

// wordHeights reads pdftotext -bbox output: per page, each word's height.
func wordHeights(path string) ([][]float64, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	d := xml.NewDecoder(fh)
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	var pages [][]float64
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return pages, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "page":
			pages = append(pages, nil)
		case "word":
			var y0, y1 float64
			for _, a := range se.Attr {
				switch a.Name.Local {
				case "yMin":
					y0, _ = strconv.ParseFloat(a.Value, 64)
				case "yMax":
					y1, _ = strconv.ParseFloat(a.Value, 64)
				}
			}
			if len(pages) > 0 {
				pages[len(pages)-1] = append(pages[len(pages)-1], y1-y0)
			}
		}
	}
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

// TestReportsSignaturesPrintWithTable prints the reports that carry
// signatures (the compute summary, with and without targets, of 9 and of
// 60 units, and the allocation) with LibreOffice, and checks on the page
// of the signatures: each title on one line (under a narrow last block
// of rates they once wrapped a word a line) and what they sign printed
// with them, the total or the evaluation block (they once sat alone on
// the last page). Checked with LibreOffice, the renderer CI has; the
// page breaks bhxh writes are Excel's too.
func TestReportsSignaturesPrintWithTable(t *testing.T) {
	soffice, pdftotext := printTools(t)
	dir := t.TempDir()
	fx := fixturesDir(t)
	tinh := filepath.Join(fx, "tinh-mau-2023-11.xlsx")
	xa := filepath.Join(fx, "xa-phuong-2025-10.xlsx")
	communes := sixtyCommunes(t, dir)
	targets := []string{"--target", "bhxh=30", "--target", "bhyt=95"}
	paths := writeReports(t, dir, []reportRun{
		{"tinh.xlsx", []string{"compute", tinh}},
		{"tinh-chi-tieu.xlsx", append([]string{"compute", tinh}, targets...)},
		{"xa-chi-tieu.xlsx", append([]string{"compute", xa}, targets...)},
		{"xa-60.xlsx", []string{"compute", communes}},
		{"xa-60-chi-tieu.xlsx", append([]string{"compute", communes}, targets...)},
		{"giao-chi-tieu.xlsx", phanBoArgs(t, "allocate", "--indicator", "bhxh", "--rate", "25")},
	})
	pdfDir := printPDFs(t, soffice, dir, paths)
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".xlsx")
		text, err := exec.Command(pdftotext, "-layout", filepath.Join(pdfDir, name+".pdf"), "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", name, err)
		}
		pages := strings.Split(string(text), "\f")
		signed := 0
		for i, page := range pages {
			if !strings.Contains(page, "THỦ TRƯỞNG") && !strings.Contains(page, "(Ký, ghi") {
				continue
			}
			signed++
			for _, title := range []string{"NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"} {
				if !strings.Contains(page, title) {
					t.Errorf("%s page %d: %q not on one line:\n%s", name, i+1, title, page)
				}
			}
			// a long evaluation block (60 units behind, named) runs over
			// a page: the signatures go under its end, "Đơn vị chưa đạt"
			if !strings.Contains(page, "Toàn tỉnh") && !strings.Contains(page, "Tổng cộng") &&
				!strings.Contains(page, "Số đơn vị đạt chỉ tiêu") && !strings.Contains(page, "chưa đạt") {
				t.Errorf("%s page %d: the signatures without the total or the evaluation:\n%s", name, i+1, page)
			}
		}
		if signed != 1 {
			t.Errorf("%s: signatures on %d pages, want 1", name, signed)
		}
	}
}

// sixtyCommunes writes a monthly workbook of 60 communes, one head row,
// as a province's communes report after 2025: its summary prints in
// blocks, the last one a single column of rates.
func sixtyCommunes(t *testing.T, dir string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	head := []any{"Mã đơn vị", "Đơn vị", "Số người tham gia BHXH bắt buộc", "Số người tham gia BHXH tự nguyện",
		"Số người tham gia BHTN", "Số người tham gia BHYT", "Lực lượng lao động trong độ tuổi", "Dân số",
		"Người sau độ tuổi nghỉ hưu", "Người hưởng lương hưu, BHXH hằng tháng"}
	if err := f.SetSheetRow("Sheet1", "A1", &head); err != nil {
		t.Fatal(err)
	}
	for i := range 60 {
		n := int64(i)
		row := []any{fmt.Sprintf("%05d", 4+3*i), fmt.Sprintf("Xã Thử Nghiệm %d", i+1),
			3000 + 37*n, 400 + 11*n, 2800 + 29*n, 25000 + 101*n, 16000 + 53*n, 29000 + 97*n, 3900 + 13*n, 2500 + 7*n}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "T11-xa.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}
