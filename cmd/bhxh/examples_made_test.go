package main

import (
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// exampleMade: inputs an example reads that the test makes from bundled
// files, for the lines holding the text (made only there, so that a folder
// other examples read whole keeps what they expect).
var exampleMade = map[string]func(t *testing.T, root, dir string){
	// the months of 2023 of one province (Tân Hưng), a file per month:
	// months-2023-h2.xlsx has a sheet per month, July to December
	"bao-cao/2023-*.xlsx": func(t *testing.T, root, dir string) {
		for m := 7; m <= 12; m++ {
			keepSheet(t, filepath.Join(root, "testdata", "shapes", "months-2023-h2.xlsx"),
				fmt.Sprintf("Tháng %d", m), filepath.Join(dir, "bao-cao", fmt.Sprintf("2023-%02d.xlsx", m)))
		}
	},
	// a participant list as gzipped CSV in two parts: the bundled list of
	// testdata/join (ds.xlsx, one row per person), each half a file
	"ca-nuoc-1.csv.gz": func(t *testing.T, root, dir string) {
		f, err := excelize.OpenFile(filepath.Join(root, "testdata", "join", "ds.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows("Danh sách")
		if err != nil || len(rows) < 100 {
			t.Fatalf("ds.xlsx: %d rows, %v", len(rows), err)
		}
		head, people := rows[1], rows[2:] // rows[0] is the title
		half := len(people) / 2
		writeGzip(t, filepath.Join(dir, "ca-nuoc-1.csv.gz"), csvText(t, head, people[:half]))
		writeGzip(t, filepath.Join(dir, "ca-nuoc-2.csv.gz"), csvText(t, head, people[half:]))
	},
	// a user's own crosswalk table: the rows of the official one for the
	// old district its workbook (huyen-cu.xlsx) covers, Huyện Hà Quảng
	"bang-cua-toi.csv": func(t *testing.T, root, dir string) {
		f, err := os.Open(filepath.Join(root, "crosswalk", "data", "vn-2025-07-01.csv.gz"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		z, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		all, err := io.ReadAll(z)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(string(all), "\n")
		var b strings.Builder
		b.WriteString(lines[0])
		for _, l := range lines[1:] {
			if strings.HasPrefix(l, "04,Tỉnh Cao Bằng,") && strings.Contains(l, ",045,Huyện Hà Quảng,") {
				b.WriteString(l)
			}
		}
		if strings.Count(b.String(), "\n") < 10 {
			t.Fatalf("bang-cua-toi.csv: only %q", b.String())
		}
		writeFile(t, filepath.Join(dir, "bang-cua-toi.csv"), b.String())
	},
}

// exampleWant: what a line holding the text must have made, past exiting 0
// and writing something (stdout: the last command's).
var exampleWant = map[string]func(t *testing.T, dir, stdout string){
	// the trend runs through the six month files, July to December 2023
	"bao-cao/2023-*.xlsx": func(t *testing.T, dir, stdout string) {
		data := strings.Join(sheetCells(t, filepath.Join(dir, "xu-huong-2023.xlsx"), "Số liệu"), "\n")
		for m := 7; m <= 12; m++ {
			if p := fmt.Sprintf("2023-%02d", m); !strings.Contains(data, p) {
				t.Errorf("xu-huong-2023.xlsx: no period %s on \"Số liệu\"", p)
			}
		}
	},
	// the two halves count as the whole list does
	"ca-nuoc-1.csv.gz": func(t *testing.T, dir, stdout string) {
		if _, stderr, code := runIn(t, dir, nil, "count", "ds.xlsx", "-o", "ca-danh-sach.xlsx"); code != exitOK {
			t.Fatalf("count ds.xlsx: exit %d, %s", code, stderr)
		}
		whole := sheetCells(t, filepath.Join(dir, "ca-danh-sach.xlsx"), "")
		halves := sheetCells(t, filepath.Join(dir, "so-nguoi.xlsx"), "")
		if strings.Join(whole, "\n") != strings.Join(halves, "\n") {
			t.Errorf("the gzipped halves count\n%v\nthe whole list\n%v", halves, whole)
		}
	},
	// the old month moved into the new communes, beside the new one
	"trend --crosswalk vn-2025 cao-bang-2024-11.xlsx cao-bang-2025-11.xlsx": func(t *testing.T, dir, stdout string) {
		if !strings.Contains(stdout, "2024-11") || !strings.Contains(stdout, "2025-11") || !strings.Contains(stdout, "Phường Thục Phán") {
			t.Errorf("no new commune with both months:\n%s", stdout)
		}
	},
	// each district's communes share its own target
	"--parent-targets chi-tieu-huyen.csv": func(t *testing.T, dir, stdout string) {
		if !strings.Contains(stdout, "Xã Đa Thông") || !strings.Contains(stdout, "Tổng cộng") {
			t.Errorf("no allocation over xa.xlsx's communes:\n%s", stdout)
		}
	},
	// the user's table, not the built-in one, moved the district
	"bang-cua-toi.csv": func(t *testing.T, dir, stdout string) {
		if !strings.Contains(stdout, `"name":"bang-cua-toi.csv"`) || !strings.Contains(stdout, `"name":"Xã Thông Nông"`) {
			t.Errorf("not converted by bang-cua-toi.csv into Xã Thông Nông (stdout %d bytes)", len(stdout))
		}
	},
}

// sheetCells is the rows of a sheet (the first when ""), each as its cells
// joined by tabs.
func sheetCells(t *testing.T, path, sheet string) []string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheet == "" {
		sheet = f.GetSheetName(0)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		out = append(out, strings.Join(r, "\t"))
	}
	return out
}

// keepSheet writes src with only its sheet named sheet to dst.
func keepSheet(t *testing.T, src, sheet, dst string) {
	t.Helper()
	f, err := excelize.OpenFile(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, s := range f.GetSheetList() {
		if s != sheet {
			if err := f.DeleteSheet(s); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got := f.GetSheetList(); len(got) != 1 || got[0] != sheet {
		t.Fatalf("%s: no sheet %q alone (%v)", src, sheet, got)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(dst); err != nil {
		t.Fatal(err)
	}
}

// csvText is head and rows as CSV.
func csvText(t *testing.T, head []string, rows [][]string) string {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	if err := w.Write(head); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
