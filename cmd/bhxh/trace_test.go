package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio/report"
)

// cellValue reads a source "file!sheet!cell" from the input workbook with
// excelize (not bhxh's reader) as a whole number.
func cellValue(t *testing.T, book *excelize.File, file, src string) int64 {
	t.Helper()
	parts := strings.Split(src, "!")
	if len(parts) != 3 || parts[0] != file {
		t.Fatalf("source %q is not %s!sheet!cell", src, file)
	}
	raw, err := book.GetCellValue(parts[1], parts[2], excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if raw == "" {
		return 0 // an empty count cell is zero people
	}
	v, err := strconv.ParseFloat(raw, 64) // the test's own reading, apart from bhxh
	if err != nil {
		t.Fatalf("%s holds %q", src, raw)
	}
	return int64(v)
}

// Every figure of the demo report (make demo: the bundled example with
// targets) traces to its cell: in the JSON each count, plan and prior of
// every unit names a cell of the input holding that number, and the xlsx
// report's sheet "Nguồn số liệu" gives the same cells for the same values,
// which are the figures its summary sheet shows.
func TestDemoFiguresTraceToCells(t *testing.T) {
	in := filepath.Join(fixturesDir(t), "tinh-mau-2023-11.xlsx")
	book, err := excelize.OpenFile(in)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	file := filepath.Base(in)
	demo := []string{"compute", "--target", "bhxh=30", "--target", "bhyt=95"}
	out, errw, code := runCmd(append(demo, "--format", "json", in)...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errw)
	}
	var doc struct {
		Units []struct {
			Name       string
			Counts     map[string]int64
			Indicators map[string]map[string]any
			Sources    map[string][]string
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	fromJSON := map[[2]string]string{} // unit, key → cells
	traced := 0
	for _, u := range doc.Units {
		// Every count the report shows has a source…
		for k := range u.Counts {
			if len(u.Sources[k]) == 0 {
				t.Errorf("%s %s = %d has no source", u.Name, k, u.Counts[k])
			}
		}
		for ind, figs := range u.Indicators {
			for _, f := range []string{"plan", "prior"} {
				if figs[f] == nil {
					continue
				}
				key := coverage.PlanPrefix + ind
				if f == "prior" {
					key = coverage.PriorPrefix + ind
				}
				if ind == "bhxh" {
					continue // the sum of its parts, each traced
				}
				if len(u.Sources[key]) == 0 {
					t.Errorf("%s %s %s has no source", u.Name, ind, f)
				}
			}
		}
		// …and each source holds the figure.
		for key, srcs := range u.Sources {
			fromJSON[[2]string{u.Name, key}] = strings.Join(srcs, ", ")
			if coverage.IsPercentKey(key) {
				continue
			}
			want, ok := u.Counts[key]
			if !ok {
				ind, f := strings.TrimPrefix(key, coverage.PlanPrefix), "plan"
				if strings.HasPrefix(key, coverage.PriorPrefix) {
					ind, f = strings.TrimPrefix(key, coverage.PriorPrefix), "prior"
				}
				want = int64(u.Indicators[ind][f].(float64))
			}
			if len(srcs) != 1 {
				t.Fatalf("%s %s: sources %v", u.Name, key, srcs)
			}
			if got := cellValue(t, book, file, srcs[0]); got != want {
				t.Errorf("%s %s = %d, but %s holds %d", u.Name, key, want, srcs[0], got)
			}
			traced++
		}
	}
	if traced < 9*10 {
		t.Errorf("only %d figures traced", traced)
	}

	// The xlsx report: "Nguồn số liệu" gives the same cells and values…
	xlsx := filepath.Join(t.TempDir(), "bao-cao-demo.xlsx")
	if _, errw, code := runCmd(append(demo, "-o", xlsx, in)...); code != exitOK {
		t.Fatalf("exit %d: %s", code, errw)
	}
	rep, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer rep.Close()
	rows, err := rep.GetRows("Nguồn số liệu", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], "|"); got != "Đơn vị|Mã đơn vị|Khóa|Số liệu|Giá trị|Ô nguồn|Từ đơn vị cũ|Cách chuyển|Tỷ lệ chia|Số người chuyển" {
		t.Fatalf("head %q", got)
	}
	sheet := map[[2]string]string{} // unit, key → value
	for _, r := range rows[1:] {
		unit, key, value, cells := r[0], r[2], r[4], r[5]
		if fromJSON[[2]string{unit, key}] != cells {
			t.Errorf("%s %s: sheet cells %q, JSON %q", unit, key, cells, fromJSON[[2]string{unit, key}])
		}
		if !coverage.IsPercentKey(key) {
			if want := strconv.FormatInt(cellValue(t, book, file, cells), 10); value != want {
				t.Errorf("%s %s: sheet value %s, cell %s holds %s", unit, key, value, cells, want)
			}
		}
		sheet[[2]string{unit, key}] = value
	}
	if len(sheet) != len(fromJSON) {
		t.Errorf("sheet has %d figures, JSON %d", len(sheet), len(fromJSON))
	}
	// …and they are the figures the summary sheet shows.
	sum, err := rep.GetRows("Tổng hợp", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	head := -1
	for i, r := range sum {
		if len(r) > 1 && r[1] == report.HeaderVI("unit") { // after "STT"
			head = i
		}
	}
	if head < 0 {
		t.Fatal("no header in Tổng hợp")
	}
	shown := 0
	for _, r := range sum[head+1:] {
		for c, h := range sum[head] {
			for _, k := range coverage.CountKeys {
				if h != report.HeaderVI(k) || c >= len(r) || len(r) < 2 {
					continue
				}
				if v, ok := sheet[[2]string{r[1], k}]; ok {
					shown++
					if v != r[c] {
						t.Errorf("Tổng hợp shows %s %s = %s, Nguồn số liệu %s", r[1], k, r[c], v)
					}
				}
			}
		}
	}
	if shown < 9*6 {
		t.Errorf("only %d summary figures checked", shown)
	}
	t.Logf("%d figures traced to their cells in JSON, %d rows in Nguồn số liệu, %d summary figures matched", traced, len(rows)-1, shown)
}

// bhxh inspect --unit prints where each figure of a unit came from: its
// cell, or for a converted unit the old units, shares and cells it was
// summed from (which add up to it).
func TestInspectUnit(t *testing.T) {
	in := filepath.Join(fixturesDir(t), "tinh-mau-2023-11.xlsx")
	out, errw, code := runCmd("inspect", "--unit", "Đông Hoà", in) // spelt otherwise, without its type
	if code != exitOK || !strings.Contains(out, "Huyện Đông Hòa\n  bhxh_mandatory                     24.439  tinh-mau-2023-11.xlsx!T11-2023!H11\n") ||
		!strings.Contains(errw, "loose_unit_match") {
		t.Errorf("exit %d\n%s\n%s", code, out, errw)
	}
	dir := testdataDir(t, "crosswalk")
	out, errw, code = runCmd("inspect", "--format", "json", "--unit", "11581", "--crosswalk", "vn-2025", "--shares",
		filepath.Join(dir, "hai-phong-chia-tach.csv"), filepath.Join(dir, "hai-duong-2024-11-cu.xlsx"), filepath.Join(dir, "hai-phong-2024-11-cu.xlsx"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errw)
	}
	var u struct {
		Name   string
		Counts map[string]int64
		From   []struct {
			Code, Relation string
			ShareCell      *string `json:"share_cell"`
			Counts         map[string]int64
			Sources        map[string][]string
		}
	}
	if err := json.Unmarshal([]byte(out), &u); err != nil {
		t.Fatal(err)
	}
	want := loadCrosswalkTruth(t).HaiPhong["11581"]
	if u.Name != want.Name || u.Counts["bhxh_mandatory"] != want.Counts["bhxh_mandatory"] || len(u.From) < 2 {
		t.Fatalf("unit %+v", u)
	}
	var sum int64
	for _, f := range u.From {
		sum += f.Counts["bhxh_mandatory"]
		if len(f.Sources["bhxh_mandatory"]) != 1 || (f.Relation == "part") != (f.ShareCell != nil) {
			t.Errorf("from %+v", f)
		}
	}
	if sum != u.Counts["bhxh_mandatory"] {
		t.Errorf("the old units give %d, the unit holds %d", sum, u.Counts["bhxh_mandatory"])
	}
	if _, errw, code := runCmd("inspect", "--lang", "en", "--crosswalk", "vn-2025", in); code != exitUsage || !strings.Contains(errw, "go with --unit") {
		t.Errorf("--crosswalk without --unit: exit %d %s", code, errw)
	}
}
