package main

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

var updateConsole = flag.Bool("update-console", false, "rewrite testdata/console/*.golden")

// TestConsoleTablesFit runs compute, allocate, trend, count, crosswalk and
// inspect on the bundled workbooks with COLUMNS=80 and 120 (stdout not a
// terminal) and compares
// the console tables with golden files: every line at most COLUMNS wide,
// wider tables in blocks of columns with the unit names repeated, a title
// with the period, a summary per indicator with a target, ▼ beside the
// rate of the indicator behind, "Vượt"/"Over" for a negative gap; inspect's
// long texts wrapped within their cells.
func TestConsoleTablesFit(t *testing.T) {
	fx := fixturesDir(t)
	yr, err := filepath.Abs(filepath.Join("..", "..", "testdata", "year"))
	if err != nil {
		t.Fatal(err)
	}
	goldenDir, err := filepath.Abs(filepath.Join("testdata", "console"))
	if err != nil {
		t.Fatal(err)
	}
	compute := []string{"compute", "--target", "bhxh=30", "--target", "bhyt=95", filepath.Join(fx, "tinh-mau-2023-11.xlsx")}
	allocate := phanBoArgs(t, "allocate", "--indicator", "bhxh", "--rate", "25")
	trend := []string{"trend", "--project", "--target", "bhyt=96.1", filepath.Join(yr, "son-la-mau-2024-09.xlsx"),
		filepath.Join(yr, "son-la-mau-2024-10.xlsx"), filepath.Join(yr, "son-la-mau-2024-11.xlsx")}
	count := []string{"count", filepath.Join(testdataDir(t, "join"), "ds.xlsx")}
	crosswalk := []string{"crosswalk", filepath.Join(testdataDir(t, "crosswalk"), "cao-bang-huyen-2024-11-cu.xlsx")}
	inspect := []string{"inspect", filepath.Join(fx, "tinh-mau-2023-11.xlsx"), filepath.Join(fx, "xa-phuong-2025-10.xlsx"),
		filepath.Join(testdataDir(t, "shapes"), "example-sheet-fewer-rows.xlsx")}
	for _, c := range []struct {
		name    string
		columns string
		args    []string
	}{
		{"compute-80", "80", compute},
		{"compute-120", "120", compute},
		{"compute-80-en", "80", append(append([]string{}, compute...), "--lang", "en")},
		{"compute-80-bhyt", "80", append(append([]string{}, compute...), "--indicator", "bhyt")},
		{"allocate-80", "80", allocate},
		{"allocate-120", "120", allocate},
		{"trend-80", "80", trend},
		{"trend-120", "120", trend},
		{"count-80", "80", count},
		{"count-120", "120", count},
		{"crosswalk-80", "80", crosswalk},
		{"crosswalk-120", "120", crosswalk},
		{"inspect-80", "80", inspect},
		{"inspect-120", "120", inspect},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, stderr, code := runIn(t, t.TempDir(), []string{"COLUMNS=" + c.columns}, c.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			width, _ := strconv.Atoi(c.columns)
			for i, line := range strings.Split(out, "\n") {
				if w := twwidth.Width(line); w > width {
					t.Errorf("line %d is %d wide, COLUMNS=%d: %s", i+1, w, width, line)
				}
			}
			path := filepath.Join(goldenDir, c.name+".golden")
			if *updateConsole {
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test -run TestConsoleTablesFit -update-console writes it)", err)
			}
			if out != string(want) {
				t.Errorf("%s differs:\ngot\n%s\nwant\n%s", path, out, want)
			}
		})
	}
}

// TestIndicatorFlagBothForms: --indicator NAME=NUM/DEN defines, a bare
// list chooses the table's indicators, an unknown name is a usage error.
func TestIndicatorFlagBothForms(t *testing.T) {
	src := filepath.Join(fixturesDir(t), "tinh-mau-2023-11.xlsx")
	out, stderr, code := runIn(t, t.TempDir(), nil, "compute", "--target", "bhyt=95", "--indicator", "bhxh,bhyt", src)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "BHYT") || strings.Contains(out, "BHTN") || strings.Contains(out, "BHXH BB") {
		t.Errorf("--indicator bhxh,bhyt: want only BHXH and BHYT columns:\n%s", out)
	}
	for lang, want := range map[string]string{
		"vi": `bhxh: --indicator "bhxh,bhyx": không có chỉ số "bhyx" (có: bhxh, bhxh_mandatory, bhxh_voluntary, bhtn, bhyt, pension; hoặc định nghĩa TÊN=TỬ_SỐ/MẪU_SỐ)`,
		"en": `bhxh: --indicator "bhxh,bhyx": no indicator "bhyx" (known: bhxh, bhxh_mandatory, bhxh_voluntary, bhtn, bhyt, pension; or define one NAME=NUMERATOR/DENOMINATOR)`,
	} {
		_, stderr, code = runIn(t, t.TempDir(), nil, "compute", "--lang", lang, "--indicator", "bhxh,bhyx", src)
		if code != exitUsage || !strings.Contains(stderr, want) {
			t.Errorf("%s, an unknown name: exit %d, %s", lang, code, stderr)
		}
	}
}
