package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// With SOURCE_DATE_EPOCH set, two runs write byte-identical reports, with
// mode 0644, and nothing else is left in the folder.
func TestComputeXLSXReproducible(t *testing.T) {
	dir := fixturesDir(t)
	work := t.TempDir()
	env := append([]string{"SOURCE_DATE_EPOCH=1700000000", "TZ=Asia/Ho_Chi_Minh"}, os.Environ()...)
	var outs [][]byte
	for _, name := range []string{"a.xlsx", "b.xlsx"} {
		_, errOut, code := runIn(t, work, env, "compute", "--target", "bhxh=30", "-o", name, filepath.Join(dir, "tinh-mau-2023-11.xlsx"))
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		p := filepath.Join(work, name)
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o644 {
			t.Errorf("%s mode %v, want 0644", name, st.Mode().Perm())
		}
		data, _ := os.ReadFile(p)
		outs = append(outs, data)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("two runs with SOURCE_DATE_EPOCH differ")
	}
	entries, _ := os.ReadDir(work)
	if len(entries) != 2 {
		t.Errorf("folder holds %d entries, want the 2 reports", len(entries))
	}
	f, err := excelize.OpenReader(bytes.NewReader(outs[0]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Nguồn")
	found := false
	for _, r := range rows {
		if strings.Contains(strings.Join(r, " "), "2023-11-15T05:13:20+07:00") {
			found = true
		}
	}
	if !found {
		t.Error(`"Nguồn" does not show the SOURCE_DATE_EPOCH time`)
	}
}

// An output path equal to the input is refused and the input is untouched.
func TestComputeRefusesOverwritingInput(t *testing.T) {
	work := t.TempDir()
	src, _ := os.ReadFile(filepath.Join(fixturesDir(t), "tinh-mau-2023-11.xlsx"))
	in := filepath.Join(work, "in.xlsx")
	os.WriteFile(in, src, 0o644)
	_, errOut, code := runIn(t, work, nil, "compute", "--lang", "en", "-o", "in.xlsx", "in.xlsx")
	if code == 0 || !strings.Contains(errOut, "input") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	after, _ := os.ReadFile(in)
	if !bytes.Equal(src, after) {
		t.Error("the input was modified")
	}
}

// Warnings go to standard error with file and cell; --strict makes them exit 3.
func TestComputeWarningsAndStrict(t *testing.T) {
	in := filepath.Join(fixturesDir(t), "warn-total-mismatch.xlsx")
	out, errOut, code := runIn(t, t.TempDir(), nil, "compute", in)
	if code != 0 || out == "" || !strings.Contains(errOut, "total_mismatch") || !strings.Contains(errOut, "T11-2023!K18") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	_, _, code = runIn(t, t.TempDir(), nil, "compute", "--strict", in)
	if code != 3 {
		t.Errorf("--strict with a warning: exit %d, want 3", code)
	}
	_, _, code = runIn(t, t.TempDir(), nil, "compute", "--decimals", "-1", in)
	if code != 2 {
		t.Errorf("bad flag value: exit %d, want 2", code)
	}
}

// A targets file typed by hand names units the short way ("P. Tân An") with
// codes as numbers (4410 for "04410"): the row is a unit's target, not a
// section heading dropped without a word.
func TestTargetsAbbreviatedUnitName(t *testing.T) {
	dir := t.TempDir()
	tf := filepath.Join(dir, "chi-tieu.csv")
	writeFile(t, tf, "Mã đơn vị,Tên đơn vị,Chỉ tiêu BHYT (%)\n4402,Phường Hòa Bình,97.5\n4410,P. Tân An,98\n,Toàn tỉnh,94\n")
	out, stderr, code := runIn(t, dir, nil, "compute", "--targets", tf, "--target", "bhyt=96", "--format", "json",
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
		_, stderr, code := runIn(t, dir, nil, "compute", "--lang", "en", "-o", "out.xlsx", name)
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
		out, stderr, code := runIn(t, dir, nil, append([]string{"compute", "--format", "json"}, args...)...)
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
	for lang, rename := range map[string]string{"en": "rename it to .csv", "vi": "hãy đổi đuôi thành .csv"} {
		_, stderr, code := runIn(t, dir, nil, "compute", "--lang", lang, "-o", "out.xlsx", "huyen.xlsx")
		if code != 1 || !strings.Contains(stderr, "huyen.xlsx") || !strings.Contains(stderr, rename) {
			t.Errorf("--lang %s: exit %d, stderr %q; want exit 1 naming the file and saying %q", lang, code, stderr, rename)
		}
	}
}

// A --col naming no column is a warning (a typo would otherwise silently
// leave the column unread); the same line in a --columns file is not.
func TestUnusedColIsWarned(t *testing.T) {
	in := filepath.Join(fixturesDir(t), "nfd-abbrev.xlsx")
	_, errOut, code := runIn(t, t.TempDir(), nil, "compute", "--col", "TG BHXH BBB=bhxh_mandatory", in)
	if code != 0 || !strings.Contains(errOut, "unused_col") || !strings.Contains(errOut, "TG BHXH BBB") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	work := t.TempDir()
	cols := filepath.Join(work, "cot.txt")
	writeFile(t, cols, "TG BHXH BBB=bhxh_mandatory\n")
	_, errOut, code = runIn(t, work, nil, "compute", "--columns", cols, in)
	if code != 0 || strings.Contains(errOut, "unused_col") {
		t.Errorf("--columns: exit %d, stderr %q", code, errOut)
	}
}

// A targets row matching no unit is a warning on stderr and in the JSON.
func TestUnmatchedTargetIsWarned(t *testing.T) {
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "xa.csv"), "Đơn vị;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện\nXã A1;1000;200;10\n")
	writeFile(t, filepath.Join(work, "tg.csv"), "Đơn vị;Chỉ tiêu tỷ lệ BHXH (%)\nXã A1;25\nXã Không Có;30\n")
	out, errOut, code := runIn(t, work, nil, "compute", "--format", "json", "--targets", "tg.csv", "xa.csv")
	if code != 0 || !strings.Contains(errOut, "unmatched_target") || !strings.Contains(errOut, "Xã Không Có") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var doc struct {
		Issues []struct{ Code, File string } `json:"issues"`
	}
	json.Unmarshal([]byte(out), &doc)
	if len(doc.Issues) != 1 || doc.Issues[0].Code != "unmatched_target" || doc.Issues[0].File != "tg.csv" {
		t.Errorf("issues %+v", doc.Issues)
	}
}

// With --lang en a workbook without a total row gets an English total.
func TestEnglishTotalName(t *testing.T) {
	out, _, code := runIn(t, t.TempDir(), nil, "compute", "--lang", "en", "--format", "json", filepath.Join(fixturesDir(t), "nfd-abbrev.xlsx"))
	if code != 0 || !strings.Contains(out, `"name":"Total"`) {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

// TestThousandHalfUpRates: 1,000 generated units whose exact rates end in 5
// at the third decimal (n/d × 100 = 5·odd/1000) all print rounded half-up,
// in the JSON and in the table. The expected strings come from integer
// arithmetic here, not from the product's code.
func TestThousandHalfUpRates(t *testing.T) {
	var b strings.Builder
	b.WriteString("unit;labour_force;bhxh_mandatory\n")
	want := map[string]string{}
	for i := 0; i < 1000; i++ {
		k := int64(i%7 + 1)
		d := 20000 * k        // rate = n/d × 100 = odd × 0.005 when n = k·odd
		odd := int64(2*i + 1) // 1, 3, 5, … 1999: rates 0.005 … 9.995
		n := k * odd
		name := fmt.Sprintf("Xã số %04d", i+1)
		fmt.Fprintf(&b, "%s;%d;%d\n", name, d, n)
		thousandths := 5 * odd               // exact rate × 1000
		hundredths := (thousandths + 5) / 10 // half-up to 2 decimals
		want[name] = fmt.Sprintf("%d.%02d", hundredths/100, hundredths%100)
	}
	work := t.TempDir()
	in := filepath.Join(work, "half-up.csv")
	writeFile(t, in, b.String())
	out, errOut, code := runIn(t, work, nil, "compute", "--format", "json", in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Units []struct {
			Name       string `json:"name"`
			Indicators map[string]struct {
				Rate string `json:"rate"`
			} `json:"indicators"`
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Units) != 1000 {
		t.Fatalf("%d units", len(doc.Units))
	}
	bad := 0
	for _, u := range doc.Units {
		if got := u.Indicators["bhxh_mandatory"].Rate; got != want[u.Name] {
			if bad++; bad < 10 {
				t.Errorf("%s: rate %s, want %s", u.Name, got, want[u.Name])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of 1000 rates not rounded half-up", bad)
	}
	// the Vietnamese table shows the same figures with a decimal comma
	table, _, code := runIn(t, work, nil, "compute", in)
	if code != 0 {
		t.Fatal("table run failed")
	}
	for _, name := range []string{"Xã số 0002", "Xã số 0500", "Xã số 1000"} {
		line := ""
		for _, l := range strings.Split(table, "\n") {
			if strings.Contains(l, name) {
				line = l
			}
		}
		if !strings.Contains(line, strings.ReplaceAll(want[name], ".", ",")) {
			t.Errorf("table row %q lacks %s", line, want[name])
		}
	}
}

// A targets file holding only target rates (no counts) is read as such.
func TestComputeTargetsFileOfRatesOnly(t *testing.T) {
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "xa.csv"), "Đơn vị;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện\n"+
		"Xã A1;1000;200;10\nXã A2;3000;500;20\n")
	writeFile(t, filepath.Join(work, "tg.csv"), "Đơn vị;Chỉ tiêu tỷ lệ BHXH (%)\nXã A1;25\nTổng cộng;30\n")
	out, errOut, code := runIn(t, work, nil, "compute", "--format", "json", "--targets", "tg.csv", "xa.csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Units []struct {
			Name       string `json:"name"`
			Indicators map[string]struct {
				Target       *string `json:"target"`
				TargetSource *string `json:"target_source"`
			} `json:"indicators"`
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	a1, a2 := doc.Units[0].Indicators["bhxh"], doc.Units[1].Indicators["bhxh"]
	if a1.Target == nil || *a1.Target != "25.00" || *a1.TargetSource != "unit" {
		t.Errorf("Xã A1: %+v", a1)
	}
	if a2.Target == nil || *a2.Target != "30.00" || *a2.TargetSource != "flag" {
		t.Errorf("Xã A2 takes the file's province row: %+v", a2)
	}
}
