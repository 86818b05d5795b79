package report

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/coverage"
)

func trendUnit(name, code string, counts map[string]int64) coverage.Unit {
	return coverage.Unit{Name: name, Code: code, Counts: counts}
}

// sampleTrend: three months, one unit missing in October, BHYT only in
// the last two months.
func sampleTrend(t *testing.T) *Trend {
	t.Helper()
	months := []coverage.Month{
		{Period: "2023-10", Source: "t10.xlsx", Units: []coverage.Unit{
			trendUnit("Xã Hòa Bình", "04402", map[string]int64{"bhxh_mandatory": 100, "bhxh_voluntary": 30, "labour_force": 1000}),
		}},
		{Period: "2023-11", Source: "t11.xlsx", Units: []coverage.Unit{
			trendUnit("Xã Hòa Bình", "04402", map[string]int64{"bhxh_mandatory": 120, "bhxh_voluntary": 30, "labour_force": 1000, "bhyt": 900, "population": 1000}),
			trendUnit("Phường Thủy Dương", "04405", map[string]int64{"bhxh_mandatory": 300, "bhxh_voluntary": 10, "labour_force": 900, "bhyt": 1000, "population": 990}),
		}},
		{Period: "2023-12", Source: "t12.xlsx", Units: []coverage.Unit{
			trendUnit("Xã Hòa Bình", "04402", map[string]int64{"bhxh_mandatory": 125, "bhxh_voluntary": 31, "labour_force": 1000, "bhyt": 905, "population": 1000}),
			trendUnit("Phường Thủy Dương", "04405", map[string]int64{"bhxh_mandatory": 305, "bhxh_voluntary": 10, "labour_force": 900, "bhyt": 1001, "population": 990}),
		}},
	}
	tr, err := coverage.ComputeTrend(months, coverage.TrendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rep := &Trend{Trend: tr, Decimals: 2, Lang: "vi", Tool: "bhxh test",
		Generated: time.Date(2024, 1, 5, 8, 0, 0, 0, time.UTC)}
	for i, p := range tr.Periods {
		rep.Inputs = append(rep.Inputs, TrendInput{Period: p, PeriodSource: "title", File: tr.Sources[i], Sheet: "T", SHA256: "abc"})
	}
	return rep
}

func writeTrendFile(t *testing.T, rep *Trend) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTrendXLSX(&buf, rep); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "xu hướng 2023.xlsx") // spaces and Vietnamese letters
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func sheetRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestTrendXLSXReadsBackCellByCell(t *testing.T) {
	path := writeTrendFile(t, sampleTrend(t))
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	wantSheets := []string{"BHXH", "BHXH bắt buộc", "BHXH tự nguyện", "BHYT", "Số liệu", "Nguồn"}
	if got := f.GetSheetList(); !reflect.DeepEqual(got, wantSheets) {
		t.Fatalf("sheets %q, want %q", got, wantSheets)
	}
	rows := sheetRows(t, f, "BHXH")
	want := [][]string{
		{"STT", "Đơn vị", "Mã đơn vị", "2023-10", "2023-11", "2023-12", "Thay đổi 2023-11 (điểm %)", "Thay đổi 2023-12 (điểm %)"},
		{"1", "Xã Hòa Bình", "04402", "13.00", "15.00", "15.60", "+2.00", "+0.60"},
		{"2", "Phường Thủy Dương", "04405", "", "34.44", "35.00", "", "+0.56"},
		// October's total covers one unit of two: marked, and the change
		// to November is over that unit alone (like for like), not the
		// +11.21 of the raw totals.
		{"", "Tổng cộng", "", "13.00", "24.21", "24.79", "+2.00", "+0.58"},
		{"", "Số đơn vị có số liệu", "", "1/2", "2/2", "2/2"},
		{"* Tổng của tháng đó thiếu đơn vị không có số liệu (chưa đủ); thay đổi của dòng tổng tính trên các đơn vị có số liệu cả hai tháng (so sánh cùng nhóm đơn vị)."},
	}
	if got := rows[trendHeaderRow-1:]; !reflect.DeepEqual(got, want) {
		t.Errorf("BHXH sheet rows\n got %q\nwant %q", got, want)
	}
	if !strings.HasPrefix(rows[0][0], "Tỷ lệ tham gia BHXH (%) theo tháng") {
		t.Errorf("title %q", rows[0][0])
	}
	// Rates are numeric cells holding the rounded figure, not text.
	for _, cell := range []string{"D5", "E7", "H6"} {
		typ, err := f.GetCellType("BHXH", cell)
		if err != nil || (typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber) {
			t.Errorf("%s type %v, %v: want a number", cell, typ, err)
		}
	}
	if raw, _ := f.GetCellValue("BHXH", "E7", excelize.Options{RawCellValue: true}); raw != "24.21" {
		t.Errorf("E7 raw %q, want 24.21 (470/1900 rounded half-up)", raw)
	}
	// The incomplete month's total is marked by its fill; a complete one is not.
	for cell, marked := range map[string]bool{"D7": true, "E7": false} {
		id, _ := f.GetCellStyle("BHXH", cell)
		style, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(style.Fill.Color) > 0 && style.Fill.Color[0] == "FFE699"; got != marked {
			t.Errorf("%s marked incomplete: %v, want %v", cell, got, marked)
		}
		if got := style.CustomNumFmt != nil && strings.HasSuffix(*style.CustomNumFmt, `"*"`); got != marked {
			t.Errorf("%s shown with its \"*\": %v, want %v", cell, got, marked)
		}
	}
	// The missing month is an empty cell, not zero.
	if raw, _ := f.GetCellValue("BHXH", "D6", excelize.Options{RawCellValue: true}); raw != "" {
		t.Errorf("D6 = %q, want empty (missing)", raw)
	}
	// BHYT starts in November: October is missing for everyone.
	bhyt := sheetRows(t, f, "BHYT")
	if got := bhyt[len(bhyt)-3]; !reflect.DeepEqual(got, []string{"", "Tổng cộng", "", "", "95.48", "95.78", "", "+0.30"}) {
		t.Errorf("BHYT total %q", got)
	}

	data, err := f.GetRows("Số liệu", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := data[1]; !reflect.DeepEqual(got, []string{"bhxh", "Xã Hòa Bình", "04402", "2023-10", "130", "1000", "13.00"}) {
		t.Errorf("data row 2 %q", got)
	}
	if got := data[4]; !reflect.DeepEqual(got, []string{"bhxh", "Phường Thủy Dương", "04405", "2023-10"}) {
		t.Errorf("data row 5 %q (a missing month has no figures)", got)
	}
	src := sheetRows(t, f, "Nguồn")
	if got := src[1][:3]; !reflect.DeepEqual(got, []string{"2023-10", "tiêu đề", "t10.xlsx"}) {
		t.Errorf("sources row %q", got)
	}
}

func TestTrendXLSXHasALineChartPerSheet(t *testing.T) {
	path := writeTrendFile(t, sampleTrend(t))
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var charts []string
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			charts = append(charts, html.UnescapeString(string(b)))
		}
	}
	if len(charts) != 4 {
		t.Fatalf("%d charts, want one per indicator sheet (4)", len(charts))
	}
	found := false
	for _, c := range charts {
		if !strings.Contains(c, "<lineChart>") {
			t.Errorf("not a line chart: %.200s", c)
		}
		if strings.Contains(c, "<f>'BHXH'!$D$7:$F$7</f>") && strings.Contains(c, "<f>'BHXH'!$D$4:$F$4</f>") {
			found = true
		}
	}
	if !found {
		t.Error("no chart draws the BHXH total row D7:F7 over the months D4:F4")
	}
}

func TestTrendJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTrendJSON(&buf, sampleTrend(t)); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema     string   `json:"schema"`
		Periods    []string `json:"periods"`
		Indicators map[string]struct {
			Units []map[string]any `json:"units"`
			Total map[string]any   `json:"total"`
		} `json:"indicators"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != "bhxh.trend/v1" || !reflect.DeepEqual(doc.Periods, []string{"2023-10", "2023-11", "2023-12"}) {
		t.Fatalf("schema %q periods %v", doc.Schema, doc.Periods)
	}
	// Indicators come in report order, not alphabetical.
	if i, j := strings.Index(buf.String(), `"bhxh_voluntary"`), strings.Index(buf.String(), `"bhyt"`); i < 0 || j < i {
		t.Error("indicators out of report order")
	}
	u := doc.Indicators["bhxh"].Units[1]
	want := map[string]any{
		"name": "Phường Thủy Dương", "code": "04405",
		"rates":        []any{nil, "34.44", "35.00"},
		"numerators":   []any{nil, 310.0, 315.0},
		"denominators": []any{nil, 900.0, 900.0},
		"changes_pp":   []any{nil, nil, "0.56"},
	}
	if !reflect.DeepEqual(u, want) {
		t.Errorf("unit\n got %v\nwant %v", u, want)
	}
	if got := doc.Indicators["bhxh"].Total["rates"]; !reflect.DeepEqual(got, []any{"13.00", "24.21", "24.79"}) {
		t.Errorf("total rates %v", got)
	}
	if got := doc.Indicators["bhyt"].Total["code"]; got != nil {
		t.Errorf("total code %v, want null", got)
	}
}

func TestTrendCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTrendCSV(&buf, sampleTrend(t)); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\ufeff")) {
		t.Error("no BOM")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(recs[0], []string{"indicator", "unit", "code", "period", "numerator", "denominator", "rate"}) {
		t.Errorf("header %q", recs[0])
	}
	for _, want := range [][]string{
		{"bhxh", "Phường Thủy Dương", "04405", "2023-10", "", "", ""},
		{"bhxh", "Tổng cộng", "", "2023-11", "460", "1900", "24.21"},
		{"bhyt", "Xã Hòa Bình", "04402", "2023-12", "905", "1000", "90.50"},
	} {
		found := false
		for _, r := range recs {
			found = found || reflect.DeepEqual(r, want)
		}
		if !found {
			t.Errorf("no row %q", want)
		}
	}
	// 4 indicators × (2 units + total) × 3 periods + header
	if len(recs) != 4*3*3+1 {
		t.Errorf("%d rows", len(recs))
	}
}

func TestTrendTable(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTrendTable(&buf, sampleTrend(t)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"Tỷ lệ tham gia BHXH (%) theo tháng", "Thay đổi 2023-12", "24,79", "+0,58"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	// The missing month reads "x" (not applicable), never 0 or "-" (zero).
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "Phường Thủy Dương") && !strings.Contains(line, " x ") {
			t.Errorf("missing month not shown as x: %q", line)
		}
	}
}

// sofficeCSV converts the first sheet of an xlsx to CSV with LibreOffice
// headless and returns its records; it skips the test when LibreOffice is
// not installed.
func sofficeCSV(t *testing.T, xlsx string) [][]string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) not on PATH")
	}
	out := t.TempDir()
	profile := "file://" + filepath.ToSlash(t.TempDir())
	cmd := exec.Command(soffice, "-env:UserInstallation="+profile, "--headless",
		"--convert-to", `csv:Text - txt - csv (StarCalc):44,34,76,1`, "--outdir", out, xlsx)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	name := strings.TrimSuffix(filepath.Base(xlsx), filepath.Ext(xlsx)) + ".csv"
	b, err := os.ReadFile(filepath.Join(out, name))
	if err != nil {
		t.Fatalf("soffice wrote no CSV (%v): %s", err, msg)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestTrendXLSXOpensInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice conversion is slow")
	}
	recs := sofficeCSV(t, writeTrendFile(t, sampleTrend(t)))
	var total []string
	for _, r := range recs {
		if len(r) > 1 && r[1] == "Tổng cộng" {
			total = r
		}
	}
	// October's total leaves a unit out: shown with the "*" of its note
	// (excelize's own formatter does not render the literal, LibreOffice does).
	if want := []string{"", "Tổng cộng", "", "13.00*", "24.21", "24.79", "+2.00", "+0.58"}; !reflect.DeepEqual(total, want) {
		t.Errorf("LibreOffice reads the BHXH total as %q, want %q\nall: %q", total, want, recs)
	}
}
