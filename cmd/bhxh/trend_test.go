package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// monthBook writes a unit workbook with canonical-key headers (read
// without any header matching), a title, and one row per unit.
type bookUnit struct {
	name, code         string
	mandatory, vol, lf int64
}

func monthBook(t *testing.T, path, title string, units []bookUnit) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	rows := [][]any{
		{"BÁO CÁO KẾT QUẢ PHÁT TRIỂN NGƯỜI THAM GIA BHXH, BHYT"},
		{title},
		{},
		{"unit", "code", "bhxh_mandatory", "bhxh_voluntary", "labour_force"},
	}
	for _, u := range units {
		rows = append(rows, []any{u.name, u.code, u.mandatory, u.vol, u.lf})
	}
	for i, r := range rows {
		if err := f.SetSheetRow(sh, "A"+strconv.Itoa(i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func trendFolder(t *testing.T) string {
	dir := filepath.Join(t.TempDir(), "báo cáo tháng") // spaces and Vietnamese letters
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	monthBook(t, filepath.Join(dir, "thang-10-2023.xlsx"), "", []bookUnit{
		{"Xã Hoà Bình", "04402", 100, 30, 1000},
	})
	monthBook(t, filepath.Join(dir, "T11-2023.xlsx"), "", []bookUnit{
		{"Xã Hòa Bình", "04402", 120, 30, 1000},
		{"Phường Thủy Dương", "04405", 300, 10, 900},
	})
	// Excel's lock file of an open workbook is not an input.
	if err := os.WriteFile(filepath.Join(dir, "~$T11-2023.xlsx"), []byte("lock"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestTrendCommandJSONFromAFolder(t *testing.T) {
	dir := trendFolder(t)
	stdout, stderr, code := runCmd("trend", "--format", "json", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Schema  string   `json:"schema"`
		Periods []string `json:"periods"`
		Inputs  []struct {
			File         string `json:"file"`
			PeriodSource string `json:"period_source"`
		} `json:"inputs"`
		Indicators map[string]struct {
			Units []struct {
				Name  string    `json:"name"`
				Code  *string   `json:"code"`
				Rates []*string `json:"rates"`
			} `json:"units"`
			Total struct {
				Rates        []*string `json:"rates"`
				Numerators   []*int64  `json:"numerators"`
				Denominators []*int64  `json:"denominators"`
			} `json:"total"`
		} `json:"indicators"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if doc.Schema != "bhxh.trend/v1" || !reflect.DeepEqual(doc.Periods, []string{"2023-10", "2023-11"}) {
		t.Fatalf("schema %q periods %v", doc.Schema, doc.Periods)
	}
	if len(doc.Inputs) != 2 || doc.Inputs[0].File != "thang-10-2023.xlsx" || doc.Inputs[1].PeriodSource != "file name" {
		t.Errorf("inputs %+v", doc.Inputs)
	}
	bhxh := doc.Indicators["bhxh"]
	if len(bhxh.Units) != 2 {
		t.Fatalf("units %+v", bhxh.Units)
	}
	s := func(p *string) string {
		if p == nil {
			return "null"
		}
		return *p
	}
	if u := bhxh.Units[0]; u.Name != "Xã Hòa Bình" || s(u.Code) != "04402" || s(u.Rates[0]) != "13.00" || s(u.Rates[1]) != "15.00" {
		t.Errorf("unit 0 %s %s %s %s", u.Name, s(u.Code), s(u.Rates[0]), s(u.Rates[1]))
	}
	if u := bhxh.Units[1]; u.Rates[0] != nil || s(u.Rates[1]) != "34.44" {
		t.Errorf("unit 1 rates %s %s: October must be null (missing)", s(u.Rates[0]), s(u.Rates[1]))
	}
	tot := bhxh.Total
	if s(tot.Rates[1]) != "24.21" || *tot.Numerators[1] != 460 || *tot.Denominators[1] != 1900 {
		t.Errorf("total November %s %d/%d", s(tot.Rates[1]), *tot.Numerators[1], *tot.Denominators[1])
	}
}

func TestTrendCommandWritesXLSX(t *testing.T) {
	dir := trendFolder(t)
	out := filepath.Join(t.TempDir(), "xu hướng.xlsx")
	if _, stderr, code := runCmd("trend", "-o", out, filepath.Join(dir, "*.xlsx")); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("BHXH")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"STT", "Đơn vị", "Mã đơn vị", "2023-10", "2023-11", "Thay đổi 2023-11 (điểm %)"},
		{"1", "Xã Hòa Bình", "04402", "13.00", "15.00", "+2.00"},
		{"2", "Phường Thủy Dương", "04405", "", "34.44"},
		{"", "Tổng cộng", "", "13.00", "24.21", "+11.21"},
	}
	if got := rows[3:]; !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}
	// No temporary file left beside the report.
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("output folder holds %d entries, want only the report", len(entries))
	}
}

func TestTrendCommandCSV(t *testing.T) {
	dir := trendFolder(t)
	stdout, stderr, code := runCmd("trend", "--format", "csv", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "bhxh,Phường Thủy Dương,04405,2023-10,,,\n") ||
		!strings.Contains(stdout, "bhxh,Tổng cộng,,2023-11,460,1900,24.21\n") {
		t.Errorf("CSV:\n%s", stdout)
	}
}

func TestTrendCommandErrors(t *testing.T) {
	dir := trendFolder(t)
	other := t.TempDir()
	monthBook(t, filepath.Join(other, "2023_11.xlsx"), "", []bookUnit{{"Xã Hòa Bình", "04402", 1, 1, 10}})
	monthBook(t, filepath.Join(other, "bao-cao.xlsx"), "", []bookUnit{{"Xã Hòa Bình", "04402", 1, 1, 10}})

	cases := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"same month twice names both files", []string{"trend", dir, filepath.Join(other, "2023_11.xlsx")}, 1,
			[]string{"T11-2023.xlsx", "2023_11.xlsx", "both for 2023-11"}},
		{"no month anywhere", []string{"trend", filepath.Join(other, "bao-cao.xlsx"), filepath.Join(dir, "T11-2023.xlsx")}, 1,
			[]string{"bao-cao.xlsx: cannot tell its month"}},
		{"--period with several files", []string{"trend", "--period", "2023-11", dir}, 2,
			[]string{"--period gives the month of a single workbook"}},
		{"glob matching nothing", []string{"trend", filepath.Join(other, "*.xls")}, 1, []string{"no file matches"}},
		{"empty folder", []string{"trend", t.TempDir()}, 1, []string{"the folder holds no .xlsx, .xls or .csv file"}},
		{"output is an input", []string{"trend", "-o", filepath.Join(dir, "T11-2023.xlsx"), dir}, 2,
			[]string{"refusing to overwrite an input"}},
		{"bad format", []string{"trend", "--format", "pdf", dir}, 2, []string{"--format"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := runCmd(c.args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d: %s", code, c.code, stderr)
			}
			if stdout != "" {
				t.Errorf("a failed run printed %q", stdout)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("error lacks %q: %s", w, stderr)
				}
			}
		})
	}
}

func TestTrendCommandPeriodFlagForOneFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "bao-cao.xlsx")
	monthBook(t, p, "", []bookUnit{{"Xã Hòa Bình", "04402", 1, 1, 10}})
	stdout, stderr, code := runCmd("trend", "--format", "json", "--period", "2024-02", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, `"periods": [
    "2024-02"
  ]`) || !strings.Contains(stdout, `"period_source": "--period"`) {
		t.Errorf("output:\n%s", stdout)
	}
}

// A real-shaped November workbook (period from its title) and an October
// one whose unit names are spelled differently and carry no codes: the
// units are matched by normalised name, and November's figures are
// exactly compute's.
func TestTrendCommandOnTheDemoFixture(t *testing.T) {
	dir := t.TempDir()
	nov := filepath.Join(fixturesDir(t), "tinh-mau-2023-11.xlsx")
	oct := filepath.Join(dir, "bao cao truoc.xlsx")
	monthBook(t, oct, "Tháng 10 năm 2023", []bookUnit{
		{"TP. Bình Lâm", "", 25000, 1200, 63000},
		{"Đông Hoà", "", 9000, 1500, 50000},
	})
	stdout, stderr, code := runCmd("trend", "--format", "json", oct, nov)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Periods []string `json:"periods"`
		Inputs  []struct {
			PeriodSource string `json:"period_source"`
		} `json:"inputs"`
		Indicators map[string]struct {
			Units []struct {
				Name  string    `json:"name"`
				Rates []*string `json:"rates"`
			} `json:"units"`
			Total struct {
				Rates []*string `json:"rates"`
			} `json:"total"`
		} `json:"indicators"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(doc.Periods, []string{"2023-10", "2023-11"}) || doc.Inputs[0].PeriodSource != "title" || doc.Inputs[1].PeriodSource != "title" {
		t.Fatalf("periods %v inputs %+v", doc.Periods, doc.Inputs)
	}
	raw, err := os.ReadFile(filepath.Join(fixturesDir(t), "tinh-mau-2023-11.expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want struct {
		Units []struct {
			Name       string `json:"name"`
			Indicators map[string]struct {
				Rate *string `json:"rate"`
			} `json:"indicators"`
		} `json:"units"`
		Total struct {
			Indicators map[string]struct {
				Rate *string `json:"rate"`
			} `json:"indicators"`
		} `json:"total"`
	}
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	str := func(p *string) string {
		if p == nil {
			return "null"
		}
		return *p
	}
	for ind, w := range want.Total.Indicators {
		got := doc.Indicators[ind]
		if str(got.Total.Rates[1]) != str(w.Rate) {
			t.Errorf("%s total November %s, compute says %s", ind, str(got.Total.Rates[1]), str(w.Rate))
		}
		if len(got.Units) != len(want.Units) {
			t.Errorf("%s: %d unit series, want %d (October's names matched)", ind, len(got.Units), len(want.Units))
			continue
		}
		for i, u := range want.Units {
			if got.Units[i].Name != u.Name || str(got.Units[i].Rates[1]) != str(u.Indicators[ind].Rate) {
				t.Errorf("%s unit %d: %s %s, compute says %s %s", ind, i, got.Units[i].Name, str(got.Units[i].Rates[1]), u.Name, str(u.Indicators[ind].Rate))
			}
		}
	}
	bhxh := doc.Indicators["bhxh"]
	// October: Bình Lâm 26200/63000, Đông Hòa 10500/50000, the rest missing.
	octRates := map[string]string{}
	for _, u := range bhxh.Units {
		octRates[u.Name] = str(u.Rates[0])
	}
	if octRates["Thành phố Bình Lâm"] != "41.59" || octRates["Huyện Đông Hòa"] != "21.00" || octRates["Thị xã Phú Định"] != "null" {
		t.Errorf("October rates %v", octRates)
	}
	if got := str(bhxh.Total.Rates[0]); got != "32.48" { // 36700/113000
		t.Errorf("October total %s", got)
	}
	if doc.Indicators["bhyt"].Total.Rates[0] != nil {
		t.Error("BHYT in October: no unit reports it, the total must be null")
	}
}

// compute reads what template writes, without any override.
func TestTemplateThenCompute(t *testing.T) {
	dir := t.TempDir()
	tpl := filepath.Join(dir, "mẫu.xlsx")
	if _, stderr, code := runCmd("template", "--period", "2023-11", "-o", tpl); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	sh := f.GetSheetName(0)
	for i, row := range [][]any{
		{"Xã Hòa Bình", "04402", 1000, 1800, 120, 30, 100, 1700, 200, 90},
		{"Phường Thủy Dương", "04405", 900, 1500, 300, 10, 280, 1490, 150, 70},
	} {
		if err := f.SetSheetRow(sh, "B"+strconv.Itoa(5+i), &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	stdout, stderr, code := runCmd("compute", "--format", "json", tpl)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Period string `json:"period"`
		Units  []struct {
			Name   string           `json:"name"`
			Code   string           `json:"code"`
			Counts map[string]int64 `json:"counts"`
		} `json:"units"`
		Total struct {
			Indicators map[string]struct {
				Rate string `json:"rate"`
			} `json:"indicators"`
		} `json:"total"`
		Issues []json.RawMessage `json:"issues"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Period != "2023-11" || len(doc.Units) != 2 || doc.Units[1].Code != "04405" || doc.Units[1].Counts["pension_recipients"] != 70 {
		t.Errorf("read back %+v", doc)
	}
	if len(doc.Issues) != 0 {
		t.Errorf("issues %s", doc.Issues)
	}
	if got := doc.Total.Indicators["bhxh"].Rate; got != "24.21" { // 460/1900
		t.Errorf("total bhxh %s", got)
	}
}

// A trend sheet prints one landscape page wide (its chart was cut across
// portrait pages) and its header row holds the three lines of a change
// column ("Thay đổi" / "2023-10" / "(điểm %)"), which 32 points clipped.
func TestTrendSheetPrintable(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(fixturesDir(t), "tinh-mau-2023-11.xlsx")
	out := filepath.Join(dir, "xu-huong.xlsx")
	if _, stderr, code := runIn(t, dir, nil, "trend", "--period", "2023-10", "--period", "2023-11", "-o", out, src, src); code != 0 {
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

// A unit missing from one month of a trend is warned of: that month's
// total covers fewer units.
func TestTrendMissingUnitIsWarned(t *testing.T) {
	work := t.TempDir()
	head := "Đơn vị;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện\n"
	writeFile(t, filepath.Join(work, "2025-09.csv"), head+"Xã A;1000;200;10\nXã B;2000;300;20\n")
	writeFile(t, filepath.Join(work, "2025-10.csv"), head+"Xã A;1000;210;10\n")
	out, errOut, code := runIn(t, work, nil, "trend", "--format", "json", "2025-09.csv", "2025-10.csv")
	if code != 0 || !strings.Contains(errOut, "missing_unit") || !strings.Contains(errOut, "Xã B") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, `"missing_unit"`) {
		t.Errorf("JSON lacks the warning:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(work, "2025-10.csv")); err != nil {
		t.Fatal(err)
	}
}
