package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

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
		// October's total covers one unit of two: the change is over it
		// alone (like for like), not the +11.21 of the raw totals.
		{"", "Tổng cộng", "", "13.00", "24.21", "+2.00"},
		{"", "Số đơn vị có số liệu", "", "1/2", "2/2"},
		{"* Tổng của tháng đó thiếu đơn vị không có số liệu (chưa đủ); thay đổi của dòng tổng tính trên các đơn vị có số liệu cả hai tháng (so sánh cùng nhóm đơn vị)."},
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
		{"same month twice, disagreeing, names both cells", []string{"trend", dir, filepath.Join(other, "2023_11.xlsx")}, 1,
			[]string{"two inputs disagree: Xã Hòa Bình: bhxh_mandatory is 120 in T11-2023.xlsx!Sheet1!C5 and 1 in 2023_11.xlsx!Sheet1!C5"}},
		{"no month anywhere", []string{"trend", filepath.Join(other, "bao-cao.xlsx"), filepath.Join(dir, "T11-2023.xlsx")}, 1,
			[]string{"bao-cao.xlsx: cannot tell its month"}},
		{"--period with several files", []string{"trend", "--period", "2023-11", dir}, 2,
			[]string{"--period gives the month of a single workbook"}},
		{"glob matching nothing", []string{"trend", filepath.Join(other, "*.xls")}, 1, []string{"no file matches"}},
		{"empty folder", []string{"trend", t.TempDir()}, 1, []string{"the folder holds no .xlsx, .xls, .ods or .csv file"}},
		{"output is an input", []string{"trend", "-o", filepath.Join(dir, "T11-2023.xlsx"), dir}, 2,
			[]string{"refusing to overwrite an input"}},
		{"bad format", []string{"trend", "--format", "pdf", dir}, 2, []string{"--format"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := runCmd(inEnglish(c.args)...)
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
	if !strings.Contains(stdout, `"periods":["2024-02"]`) || !strings.Contains(stdout, `"period_source":"--period"`) {
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

// The arguments of trend → its options, or the usage error that refuses
// them. Nothing is read.
func TestTrendFlags(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "2025-09.csv"), "x")
	writeFile(t, filepath.Join(dir, "2025-10.csv"), "x")
	for _, c := range []struct {
		name    string
		args    []string
		inputs  []string
		err     string
		project bool
	}{
		{name: "a folder, one file per month", args: []string{dir},
			inputs: []string{filepath.Join(dir, "2025-09.csv"), filepath.Join(dir, "2025-10.csv")}},
		{name: "--period for one workbook", args: []string{"--period", "2025-10", "bao-cao.xlsx"}, inputs: []string{"bao-cao.xlsx"}},
		{name: "--period for several", args: []string{"--period", "2025-10", dir},
			err: "--period gives the month of a single workbook, and 2 were given: the month of each comes from its title or file name"},
		{name: "period not a month", args: []string{"--period", "10/2025", "a.xlsx"}, err: `--period "10/2025": want YYYY-MM`},
		{name: "decimals out of range", args: []string{"--decimals", "-1", "a.xlsx"}, err: "--decimals -1: want 0 to 10"},
		{name: "unknown language", args: []string{"--lang", "fr", "a.xlsx"}, err: `--lang "fr": want vi or en`},
		{name: "unknown format", args: []string{"--format", "pdf", "a.xlsx"}, err: `--format "pdf": want table, csv, json or xlsx`},
		{name: "a --col without a key", args: []string{"--col", "Đơn vị", "a.xlsx"}, err: `--col "Đơn vị": want 'Header text=key'`},
		{name: "--project-to not a month", args: []string{"--project-to", "12/2025", "a.xlsx"}, err: `--project-to "12/2025": want YYYY-MM`},
		{name: "--project-to implies --project", args: []string{"--project-to", "2025-12", "a.xlsx"}, inputs: []string{"a.xlsx"}, project: true},
		{name: "--preset without --year", args: []string{"--project", "--preset", "nq28", "a.xlsx"}, err: "--preset nq28 needs --year"},
		{name: "an indicator targeted twice", args: []string{"--target", "bhyt=95", "--target", "bhyt=96", "a.xlsx"},
			err: `--target bhyt is given twice (--target bhyt=95 and "bhyt=96")`},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts, err := parseCommand(t, newTrendCmd, c.args...)
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
			if !reflect.DeepEqual(opts.Inputs, c.inputs) {
				t.Errorf("inputs %q, want %q", opts.Inputs, c.inputs)
			}
			if opts.Project != c.project {
				t.Errorf("project %v, want %v", opts.Project, c.project)
			}
		})
	}
}

// runTrend on two small months: the exact report and warnings, and the
// exact errors. Sep: A (200+10)/1000 = 21.00, B 320/2000 = 16.00, total
// 530/3000 = 17.666… → 17.67; Oct: A 220/1000 = 22.00, B missing.
func TestRunTrend(t *testing.T) {
	dir := t.TempDir()
	head := "Đơn vị;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện\n"
	sep, oct, oct2, noMonth := filepath.Join(dir, "2025-09.csv"), filepath.Join(dir, "2025-10.csv"), filepath.Join(dir, "2025_10.csv"), filepath.Join(dir, "xa.csv")
	writeFile(t, sep, head+"Xã A;1000;200;10\nXã B;2000;300;20\n")
	writeFile(t, oct, head+"Xã A;1000;210;10\n")
	writeFile(t, oct2, head+"Xã B;2000;310;20\n")
	writeFile(t, noMonth, head+"Xã A;1000;210;10\n")
	missingB := "bhxh: cảnh báo missing_unit: 2025-10.csv: Xã B: không có số liệu tháng 2025-10; tổng của tháng đó không tính đơn vị này\n"
	// The note wraps at 120 columns (no terminal, no COLUMNS), the title
	// line says the months.
	incomplete := "* Tổng của tháng đó thiếu đơn vị không có số liệu (chưa đủ); thay đổi của dòng tổng tính trên các đơn vị có số liệu cả\n" +
		"  hai tháng (so sánh cùng nhóm đơn vị).\n"
	title := "Tỷ lệ tham gia BHXH, BHYT theo tháng, 2025-09 – 2025-10\n\n"
	for _, c := range []struct {
		name         string
		opts         trendOptions
		stdout, warn string
		err          string
	}{
		{name: "CSV, long form", opts: trendOptions{Inputs: []string{sep, oct}, commonFlags: commonFlags{Format: "csv"}},
			stdout: "\ufeffindicator,unit,code,period,numerator,denominator,rate\n" +
				"bhxh,Xã A,,2025-09,210,1000,21.00\nbhxh,Xã A,,2025-10,220,1000,22.00\n" +
				"bhxh,Xã B,,2025-09,320,2000,16.00\nbhxh,Xã B,,2025-10,,,\n" +
				"bhxh,Tổng cộng,,2025-09,530,3000,17.67\nbhxh,Tổng cộng,,2025-10,220,1000,22.00\n" +
				"bhxh_mandatory,Xã A,,2025-09,200,1000,20.00\nbhxh_mandatory,Xã A,,2025-10,210,1000,21.00\n" +
				"bhxh_mandatory,Xã B,,2025-09,300,2000,15.00\nbhxh_mandatory,Xã B,,2025-10,,,\n" +
				"bhxh_mandatory,Tổng cộng,,2025-09,500,3000,16.67\nbhxh_mandatory,Tổng cộng,,2025-10,210,1000,21.00\n" +
				"bhxh_voluntary,Xã A,,2025-09,10,1000,1.00\nbhxh_voluntary,Xã A,,2025-10,10,1000,1.00\n" +
				"bhxh_voluntary,Xã B,,2025-09,20,2000,1.00\nbhxh_voluntary,Xã B,,2025-10,,,\n" +
				"bhxh_voluntary,Tổng cộng,,2025-09,30,3000,1.00\nbhxh_voluntary,Tổng cộng,,2025-10,10,1000,1.00\n",
			warn: missingB},
		{name: "table", opts: trendOptions{Inputs: []string{sep, oct}},
			stdout: title + "Tỷ lệ tham gia BHXH (%) theo tháng\n" +
				"     Đơn vị  Mã đơn vị  2025-09  2025-10  Thay đổi 2025-10\n" +
				"       Xã A               21,00    22,00             +1,00\n" +
				"       Xã B               16,00        x                 x\n" +
				"  Tổng cộng               17,67   22,00*             +1,00\n" + incomplete + "\n" +
				"Tỷ lệ tham gia BHXH bắt buộc (%) theo tháng\n" +
				"     Đơn vị  Mã đơn vị  2025-09  2025-10  Thay đổi 2025-10\n" +
				"       Xã A               20,00    21,00             +1,00\n" +
				"       Xã B               15,00        x                 x\n" +
				"  Tổng cộng               16,67   21,00*             +1,00\n" + incomplete + "\n" +
				"Tỷ lệ tham gia BHXH tự nguyện (%) theo tháng\n" +
				"     Đơn vị  Mã đơn vị  2025-09  2025-10  Thay đổi 2025-10\n" +
				"       Xã A                1,00     1,00              0,00\n" +
				"       Xã B                1,00        x                 x\n" +
				"  Tổng cộng                1,00    1,00*              0,00\n" + incomplete,
			warn: missingB},
		// Two workbooks of one month are joined: B's October comes from the
		// second. Sep 530/3000 → Oct 550/3000: +20/3000 = +0,67.
		{name: "two workbooks for one month", opts: trendOptions{Inputs: []string{sep, oct, oct2}},
			stdout: title + "Tỷ lệ tham gia BHXH (%) theo tháng\n" +
				"     Đơn vị  Mã đơn vị  2025-09  2025-10  Thay đổi 2025-10\n" +
				"       Xã A               21,00    22,00             +1,00\n" +
				"       Xã B               16,00    16,50             +0,50\n" +
				"  Tổng cộng               17,67    18,33             +0,67\n\n" +
				"Tỷ lệ tham gia BHXH bắt buộc (%) theo tháng\n" +
				"     Đơn vị  Mã đơn vị  2025-09  2025-10  Thay đổi 2025-10\n" +
				"       Xã A               20,00    21,00             +1,00\n" +
				"       Xã B               15,00    15,50             +0,50\n" +
				"  Tổng cộng               16,67    17,33             +0,67\n\n" +
				"Tỷ lệ tham gia BHXH tự nguyện (%) theo tháng\n" +
				"     Đơn vị  Mã đơn vị  2025-09  2025-10  Thay đổi 2025-10\n" +
				"       Xã A                1,00     1,00              0,00\n" +
				"       Xã B                1,00     1,00              0,00\n" +
				"  Tổng cộng                1,00     1,00              0,00\n"},
		{name: "no month in title or name", opts: trendOptions{Inputs: []string{sep, noMonth}},
			err: `xa.csv: cannot tell its month: the title has no "Tháng 11 năm 2023" and the file name no 2023-11; rename the file or, for a single workbook, give --period`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errw bytes.Buffer
			opts := c.opts
			opts.streams = streams{Out: &out, Err: &errw}
			opts.Now, opts.Getenv = time.Now, fakeEnv(nil)
			opts.Decimals, opts.Lang = 2, "vi"
			err := runTrend(context.Background(), &opts)
			if got := errString(err); got != c.err {
				t.Errorf("error %q, want %q", got, c.err)
			}
			if out.String() != c.stdout {
				t.Errorf("stdout\n%s\nwant\n%s", out.String(), c.stdout)
			}
			if errw.String() != c.warn {
				t.Errorf("stderr %q, want %q", errw.String(), c.warn)
			}
		})
	}
}

// The issue's case through the command: B is missing in February. The
// total falls 27,50 → 26,25 (marked incomplete in table, JSON and xlsx)
// and the changes are over the units reporting both months: +0,05 and
// +0,18, not the false −1,25 and +1,43.
func TestTrendMissingUnitLikeForLike(t *testing.T) {
	dir := t.TempDir()
	head := "Mã đơn vị;Đơn vị;Dân số;Số người tham gia BHYT\n"
	writeFile(t, filepath.Join(dir, "2025-01.csv"), head+"00001;Xã A;10000;2880\n00002;Xã B;10000;2620\n")
	writeFile(t, filepath.Join(dir, "2025-02.csv"), head+"00002;Xã B;10000;2625\n")
	writeFile(t, filepath.Join(dir, "2025-03.csv"), head+"00001;Xã A;10000;2893\n00002;Xã B;10000;2643\n")
	out, errw, code := runCmd("trend", "--format", "json", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errw)
	}
	var doc struct {
		Indicators map[string]struct {
			Total struct {
				Rates       []*string `json:"rates"`
				ChangesPP   []*string `json:"changes_pp"`
				Complete    []bool    `json:"complete"`
				ChangeUnits []*int64  `json:"change_units"`
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	tot := doc.Indicators["bhyt"].Total
	if got := fmt.Sprint(strs(tot.Rates), strs(tot.ChangesPP), tot.Complete); got != "[27.50 26.25 27.68] [null 0.05 0.18] [true false true]" {
		t.Errorf("total %s", got)
	}
	if tot.ChangeUnits[0] != nil || *tot.ChangeUnits[1] != 1 || *tot.ChangeUnits[2] != 1 {
		t.Errorf("change_units %v", tot.ChangeUnits)
	}
	table, _, _ := runCmd("trend", dir)
	if !strings.Contains(table, "  Tổng cộng               27,50   26,25*    27,68             +0,18\n* Tổng của tháng đó thiếu đơn vị") {
		t.Errorf("table:\n%s", table)
	}
}

func strs(ps []*string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = "null"
		if p != nil {
			out[i] = *p
		}
	}
	return out
}

// A trend through the reform: November 2024 in Cao Bằng's 161 old communes
// and November 2025 in its 56 new ones, lined up in the new communes by the
// built-in crosswalk. Each new commune's numerators and denominators in
// 2024 are the sums of its old ones (truths from gen.py).
func TestTrendThroughTheReform(t *testing.T) {
	tr := loadCrosswalkTruth(t)
	dir := testdataDir(t, "crosswalk")
	old, now := filepath.Join(dir, "cao-bang-2024-11-cu.xlsx"), filepath.Join(dir, "cao-bang-2025-11.xlsx")
	if _, errw, code := runCmd("trend", "--lang", "en", old, now); code != exitData || !strings.Contains(errw, "give --crosswalk vn-2025") {
		t.Errorf("without --crosswalk: exit %d %s", code, errw)
	}
	out, errw, code := runCmd("trend", "--format", "json", "--crosswalk", "vn-2025", old, now)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errw)
	}
	var doc struct {
		Periods    []string
		Indicators map[string]struct {
			Units []struct {
				Code         string
				Numerators   []*int64
				Denominators []*int64
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	units := doc.Indicators["bhyt"].Units
	if fmt.Sprint(doc.Periods) != "[2024-11 2025-11]" || len(units) != 56 {
		t.Fatalf("periods %v, %d units", doc.Periods, len(units))
	}
	for _, u := range units {
		w := tr.CaoBang[u.Code].Counts
		p := tr.CaoBangPrior[u.Code]["bhyt"]
		if u.Numerators[0] == nil || *u.Numerators[0] != w["bhyt"] || *u.Denominators[0] != w["population"] || *u.Numerators[1] != p.Prior+p.Change {
			t.Errorf("%s: numerators %v denominators %v, want %d/%d then %d", u.Code, strs64(u.Numerators), strs64(u.Denominators), w["bhyt"], w["population"], p.Prior+p.Change)
		}
	}
}

func strs64(ps []*int64) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = ptrStr(p)
	}
	return out
}
