package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Tests of issue 16: one way to match units across files, and no figure
// that depends on chance. Each runs the command in-process on inputs
// written here, with the figures worked out by hand beside them.

// allocateJSON is the part of bhxh.allocate/v1 these tests read.
type allocateJSON struct {
	TotalTarget int64 `json:"total_target"`
	Units       []struct {
		Name   string `json:"name"`
		Target int64  `json:"target"`
	} `json:"units"`
}

func decodeAllocate(t *testing.T, out string) allocateJSON {
	t.Helper()
	var doc allocateJSON
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return doc
}

// byParentBaseline: communes of two old districts; bhxh = mandatory +
// voluntary over the labour force.
const byParentBaseline = "Đơn vị;Huyện cũ;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện\n" +
	"Xã A1;Huyện A;5000;300;10\nXã A2;Huyện A;5000;200;20\nXã B1;Huyện B;6000;500;30\nXã B2;Huyện B;6000;400;40\n"

// A parents file with a BHXH and a BHYT plan: --indicator bhxh takes the
// BHXH one, every run. BHXH plans 2000 + 4100 = 6100; the BHYT ones (10400,
// 12100) gave 22500, and a mix 14100 or 14500, when a map iteration chose.
func TestParentTargetsTakeTheIndicatorsColumn(t *testing.T) {
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "xa.csv"), byParentBaseline)
	writeFile(t, filepath.Join(work, "plans.csv"), "Đơn vị;Kế hoạch giao BHXH (người);Kế hoạch giao BHYT (người)\n"+
		"Huyện A;2000;10400\nHuyện B;4100;12100\n")
	writeFile(t, filepath.Join(work, "rates.csv"), "Đơn vị;Chỉ tiêu tỷ lệ BHYT (%);Chỉ tiêu tỷ lệ BHXH (%)\n"+
		"Huyện A;95;20\nHuyện B;96;30\n")
	args := func(parents string) []string {
		return []string{"allocate", "--format", "json", "--indicator", "bhxh", "--by", "Huyện cũ",
			"--parent-targets", filepath.Join(work, parents), filepath.Join(work, "xa.csv")}
	}
	for i := range 50 {
		out, errOut, code := runCmd(args("plans.csv")...)
		if code != 0 {
			t.Fatalf("run %d: exit %d: %s", i, code, errOut)
		}
		if got := decodeAllocate(t, out).TotalTarget; got != 6100 {
			t.Fatalf("run %d: total_target %d, want 6100", i, got)
		}
	}
	// Rates: ⌈20% × 10000⌉ + ⌈30% × 12000⌉ = 2000 + 3600.
	for i := range 10 {
		out, errOut, code := runCmd(args("rates.csv")...)
		if code != 0 {
			t.Fatalf("rates run %d: exit %d: %s", i, code, errOut)
		}
		if got := decodeAllocate(t, out).TotalTarget; got != 5600 {
			t.Fatalf("rates run %d: total_target %d, want 5600", i, got)
		}
	}
	// No column of the indicator: fail naming the candidates.
	writeFile(t, filepath.Join(work, "bhyt.csv"), "Đơn vị;Kế hoạch giao BHYT (người)\nHuyện A;10400\nHuyện B;12100\n")
	_, errOut, code := runCmd(inEnglish(args("bhyt.csv"))...)
	want := `bhyt.csv: no plan (plan_bhxh) or target rate (target_bhxh) column for --indicator bhxh: it has "Kế hoạch giao BHYT (người)" (plan_bhyt)`
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q\nwant %q", code, errOut, want)
	}
}

// Communes of the same name in two old districts are two units with --by;
// without it, the same name twice is still a duplicate.
func TestByAllowsTheSameNameInTwoParents(t *testing.T) {
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "xa.csv"), "Đơn vị;Huyện cũ;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện\n"+
		"Xã Tân Phú;Huyện A;1000;200;10\nXã Tân Lập;Huyện A;3000;500;20\nXã Tân Phú;Huyện B;2000;300;30\nXã Bình An;Huyện B;2000;100;40\n")
	writeFile(t, filepath.Join(work, "p.csv"), "Đơn vị;Kế hoạch giao BHXH (người)\nHuyện A;1200\nH. B;900\n")
	out, errOut, code := runCmd("allocate", "--format", "json", "--indicator", "bhxh", "--by", "Huyện cũ",
		"--parent-targets", filepath.Join(work, "p.csv"), filepath.Join(work, "xa.csv"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// Huyện A: 1200 over 1000 and 3000 → 300, 900; Huyện B: 900 over 2000
	// and 2000 → 450, 450.
	doc := decodeAllocate(t, out)
	got := []int64{}
	for _, u := range doc.Units {
		got = append(got, u.Target)
	}
	if doc.TotalTarget != 2100 || len(got) != 4 || got[0] != 300 || got[1] != 900 || got[2] != 450 || got[3] != 450 {
		t.Errorf("total %d, targets %v; want 2100, [300 900 450 450]", doc.TotalTarget, got)
	}
	_, errOut, code = runCmd("compute", "--lang", "en", filepath.Join(work, "xa.csv"))
	if want := `xa.csv: duplicate unit "Xã Tân Phú" on rows 2 and 4 (A2, A4)`; code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("compute: exit %d, stderr %q, want %q", code, errOut, want)
	}
}

// One parent spelled two ways in the --by column ("Hòa"/"Hoà") is one
// parent, as the matcher says: Huyện Hòa An's 2000 go over its two
// communes' labour force, 5000 and 5000 → 1000 and 1000; Huyện B's 4100 to
// its one commune.
func TestByParentSpelledTwoWays(t *testing.T) {
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "xa.csv"), "Đơn vị;Huyện cũ;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện\n"+
		"Xã A1;Huyện Hòa An;5000;300;1\nXã A2;Huyện Hoà An;5000;200;1\nXã B1;Huyện B;6000;500;1\n")
	writeFile(t, filepath.Join(work, "p.csv"), "Đơn vị;Kế hoạch giao BHXH (người)\nHuyện Hòa An;2000\nHuyện B;4100\n")
	out, errOut, code := runCmd("allocate", "--format", "json", "--indicator", "bhxh", "--by", "Huyện cũ",
		"--parent-targets", filepath.Join(work, "p.csv"), filepath.Join(work, "xa.csv"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	doc := decodeAllocate(t, out)
	var got []int64
	for _, u := range doc.Units {
		got = append(got, u.Target)
	}
	if doc.TotalTarget != 6100 || !slices.Equal(got, []int64{1000, 1000, 4100}) {
		t.Errorf("total %d, targets %v; want 6100, [1000 1000 4100]", doc.TotalTarget, got)
	}
}

// sheetRows is one sheet of a test workbook: a cell "#4402" is written as
// the number 4402; Hidden hides the sheet.
type sheetRows struct {
	Name   string
	Rows   [][]string
	Hidden bool
}

// writeSheets writes sheets into an xlsx at path.
func writeSheets(t *testing.T, path string, sheets ...sheetRows) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.Name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(sh.Name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sh.Rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				var err error
				if n, ok := strings.CutPrefix(v, "#"); ok {
					x, _ := strconv.ParseInt(n, 10, 64)
					err = f.SetCellInt(sh.Name, cell, x)
				} else if v != "" {
					err = f.SetCellStr(sh.Name, cell, v)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		if sh.Hidden {
			if err := f.SetSheetVisible(sh.Name, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// countJSON is the part of bhxh.count/v1 these tests read.
type countJSON struct {
	Inputs []struct {
		File, Sheet string
		Rows        int
	} `json:"inputs"`
	Units []struct {
		Code   *string          `json:"code"`
		Name   string           `json:"name"`
		Counts map[string]int64 `json:"counts"`
	} `json:"units"`
	Issues []struct {
		Code, File, Sheet, Cell, Message string
	} `json:"issues"`
}

func runCountJSON(t *testing.T, args ...string) (countJSON, string) {
	t.Helper()
	out, errOut, code := runCmd(append([]string{"count", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("count %v: exit %d: %s", args, code, errOut)
	}
	var doc countJSON
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return doc, errOut
}

// unitLines renders units as "code name scheme=n…" lines.
func (d countJSON) unitLines() string {
	var b strings.Builder
	for _, u := range d.Units {
		code := "null"
		if u.Code != nil {
			code = *u.Code
		}
		fmt.Fprintf(&b, "%s %s", code, u.Name)
		for _, s := range []string{"bhxh_mandatory", "bhxh_voluntary", "bhtn", "bhyt"} {
			if n, ok := u.Counts[s]; ok {
				fmt.Fprintf(&b, " %s=%d", s, n)
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

var listHeader = []string{"STT", "Mã số BHXH", "Mã xã", "Xã, phường", "Loại hình"}

// Kinds are phrases: "BHYT tự nguyện", "BHYT bắt buộc", "BHYT hộ gia đình",
// "BHYT HSSV" are BHYT, not BHXH; "Tự nguyện" alone and "BHXH bắt buộc"
// are BHXH. A bare "BHXH" is an error naming the cell.
func TestCountKindsArePhrases(t *testing.T) {
	dir := t.TempDir()
	list := writeSheets(t, filepath.Join(dir, "ds.xlsx"), sheetRows{Name: "DS", Rows: [][]string{
		listHeader,
		{"1", "0100000001", "00004", "Xã Tân Phú", "BHYT tự nguyện"},
		{"2", "0100000002", "00004", "Xã Tân Phú", "BHYT bắt buộc"},
		{"3", "0100000003", "00004", "Xã Tân Phú", "BHYT hộ gia đình"},
		{"4", "0100000004", "00004", "Xã Tân Phú", "BHYT HSSV"},
		{"5", "0100000005", "00004", "Xã Tân Phú", "Tự nguyện"},
		{"6", "0100000006", "00004", "Xã Tân Phú", "BHXH bắt buộc, BHTN, BHYT"},
	}})
	doc, _ := runCountJSON(t, list)
	// BHYT: rows 1–4 and 6 = 5; voluntary: row 5; mandatory and BHTN: row 6.
	if got, want := doc.unitLines(), "00004 Xã Tân Phú bhxh_mandatory=1 bhxh_voluntary=1 bhtn=1 bhyt=5\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	bad := writeSheets(t, filepath.Join(dir, "loi.xlsx"), sheetRows{Name: "DS", Rows: [][]string{
		listHeader,
		{"1", "0100000001", "00004", "Xã Tân Phú", "BHXH"},
	}})
	_, errOut, code := runCmd("count", "--lang", "en", bad)
	want := `loi.xlsx: DS!E2: "BHXH" does not say which BHXH: write "BHXH bắt buộc" (BB) or "BHXH tự nguyện" (TN)`
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q\nwant %q", code, errOut, want)
	}
}

// One commune in two lists is one unit: its code typed as text "04402" in
// one and as the number 4402 in the other; or given with its code in one
// list and by name only in another.
func TestCountOneCommuneInTwoLists(t *testing.T) {
	dir := t.TempDir()
	text := writeSheets(t, filepath.Join(dir, "a.xlsx"), sheetRows{Name: "DS", Rows: [][]string{
		listHeader,
		{"1", "0100000001", "04402", "Xã Tân Phú", "BB"},
		{"2", "0100000002", "04402", "Xã Tân Phú", "BB"},
	}})
	number := writeSheets(t, filepath.Join(dir, "b.xlsx"), sheetRows{Name: "DS", Rows: [][]string{
		listHeader,
		{"1", "0100000003", "#4402", "Xã Tân Phú", "BB"},
	}})
	nameOnly := writeSheets(t, filepath.Join(dir, "c.xlsx"), sheetRows{Name: "DS", Rows: [][]string{
		{"STT", "Mã số BHXH", "Xã, phường", "Loại hình"},
		{"1", "0100000004", "Xã Tân Phú", "BB"},
		{"2", "0100000005", "xã Tân Phú", "BB"},
	}})
	doc, _ := runCountJSON(t, text, number)
	if got, want := doc.unitLines(), "04402 Xã Tân Phú bhxh_mandatory=3\n"; got != want {
		t.Errorf("text and number codes: got %q, want %q", got, want)
	}
	for _, order := range [][]string{{text, nameOnly}, {nameOnly, text}} {
		doc, _ = runCountJSON(t, order...)
		if got, want := doc.unitLines(), "04402 Xã Tân Phú bhxh_mandatory=4\n"; got != want {
			t.Errorf("code and name-only lists %v: got %q, want %q", order, got, want)
		}
	}
	// A name-only row whose name fits two coded units is refused, naming it.
	two := writeSheets(t, filepath.Join(dir, "d.xlsx"), sheetRows{Name: "DS", Rows: [][]string{
		listHeader,
		{"1", "0100000006", "04405", "Xã Tân Phú", "BB"},
	}})
	_, errOut, code := runCmd("count", "--lang", "en", text, two, nameOnly)
	want := `c.xlsx: DS!C2: "Xã Tân Phú" matches 2 units by name ("Xã Tân Phú" (04402), "Xã Tân Phú" (04405))`
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q\nwant %q", code, errOut, want)
	}
}

// A list split over two sheets is counted whole, and stderr says which
// sheets were read; a hidden sheet is not read; --sheet reads one.
func TestCountEverySheetThatHoldsAList(t *testing.T) {
	dir := t.TempDir()
	rows := func(from, n int) [][]string {
		out := [][]string{{"DANH SÁCH (tiếp)"}, listHeader}
		for i := range n {
			out = append(out, []string{strconv.Itoa(i + 1), fmt.Sprintf("01%08d", from+i), "00004", "Xã Tân Phú", "BB"})
		}
		return out
	}
	list := writeSheets(t, filepath.Join(dir, "ds.xlsx"),
		sheetRows{Name: "DS (1)", Rows: rows(1, 10)},
		sheetRows{Name: "Ghi chú", Rows: [][]string{{"Danh sách gồm 2 trang"}}},
		sheetRows{Name: "DS (2)", Rows: rows(11, 7)},
		sheetRows{Name: "Cũ", Rows: rows(100, 5), Hidden: true},
	)
	doc, errOut := runCountJSON(t, list)
	if got, want := doc.unitLines(), "00004 Xã Tân Phú bhxh_mandatory=17\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if len(doc.Inputs) != 2 || doc.Inputs[0].Sheet != "DS (1)" || doc.Inputs[0].Rows != 10 || doc.Inputs[1].Sheet != "DS (2)" || doc.Inputs[1].Rows != 7 {
		t.Errorf("inputs %+v", doc.Inputs)
	}
	if want := `bhxh: ds.xlsx: counted sheets "DS (1)" (10 rows), "DS (2)" (7 rows)`; !strings.Contains(errOut, want) {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
	doc, _ = runCountJSON(t, "--sheet", "DS (2)", list)
	if got, want := doc.unitLines(), "00004 Xã Tân Phú bhxh_mandatory=7\n"; got != want {
		t.Errorf("--sheet: got %q, want %q", got, want)
	}
}

// A list with a header and nobody under it is an error, not an empty
// workbook that compute then rejects.
func TestCountEmptyListIsAnError(t *testing.T) {
	dir := t.TempDir()
	list := writeSheets(t, filepath.Join(dir, "rong.xlsx"), sheetRows{Name: "DS", Rows: [][]string{listHeader}})
	out := filepath.Join(dir, "so-nguoi.xlsx")
	_, errOut, code := runCmd("count", "--lang", "en", "-o", out, list)
	want := `rong.xlsx: an empty list: sheet "DS" has a header but no person under it`
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q\nwant %q", code, errOut, want)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a workbook was written")
	}
}

// A mã số BHXH stored as a number lost its leading zero: 9 digits get it
// back (and are the same person as the text id); 8 digits are refused.
func TestCountPersonIDStoredAsNumber(t *testing.T) {
	dir := t.TempDir()
	list := writeSheets(t, filepath.Join(dir, "ds.xlsx"), sheetRows{Name: "DS", Rows: [][]string{
		listHeader,
		{"1", "#123456789", "00004", "Xã Tân Phú", "BB"},
		{"2", "0123456789", "00004", "Xã Tân Phú", "BB"},
		{"3", "#7912345678", "00004", "Xã Tân Phú", "BB"},
	}})
	doc, _ := runCountJSON(t, list)
	if got, want := doc.unitLines(), "00004 Xã Tân Phú bhxh_mandatory=2\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if len(doc.Issues) != 1 || doc.Issues[0].Code != "duplicate_person" || doc.Issues[0].Cell != "B3" ||
		!strings.Contains(doc.Issues[0].Message, "mã số BHXH 0123456789 already counted for bhxh_mandatory at ds.xlsx row 2") {
		t.Errorf("issues %+v", doc.Issues)
	}
	bad := writeSheets(t, filepath.Join(dir, "loi.xlsx"), sheetRows{Name: "DS", Rows: [][]string{
		listHeader,
		{"1", "#12345678", "00004", "Xã Tân Phú", "BB"},
	}})
	_, errOut, code := runCmd("count", "--lang", "en", bad)
	if want := `loi.xlsx: DS!B2: "12345678" is not a mã số BHXH`; code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q, want %q", code, errOut, want)
	}
}

// targetsComputeDoc is the part of bhxh.compute/v1 these tests read.
type targetsComputeDoc struct {
	Units []struct {
		Name       string `json:"name"`
		Indicators map[string]struct {
			Target       *string `json:"target"`
			TargetSource *string `json:"target_source"`
		} `json:"indicators"`
	} `json:"units"`
	Issues []struct {
		Code, File, Cell, Message string
	} `json:"issues"`
}

func decodeCompute(t *testing.T, out string) targetsComputeDoc {
	t.Helper()
	var doc targetsComputeDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return doc
}

// A targets row "Thị xã Phú Định" is not the commune "Xã Phú Định" by
// name: it is taken only as the loose match, with a warning naming both
// (and --strict exits 3). With "Huyện Kỳ Anh" and "Thị xã Kỳ Anh" both in
// the file and only the town in the workbook, the town's row applies and
// the district's is unmatched.
func TestTargetsRowsMatchByTypeFirst(t *testing.T) {
	work := t.TempDir()
	head := "Đơn vị;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện\n"
	writeFile(t, filepath.Join(work, "xa.csv"), head+"Xã Phú Định;1000;200;10\nThị xã Kỳ Anh;4000;900;20\n")
	writeFile(t, filepath.Join(work, "tg.csv"), "Đơn vị;Chỉ tiêu tỷ lệ BHXH (%)\nThị xã Phú Định;25\nHuyện Kỳ Anh;40\nThị xã Kỳ Anh;30\n")
	args := []string{"compute", "--format", "json", "--targets", filepath.Join(work, "tg.csv"), filepath.Join(work, "xa.csv")}
	out, errOut, code := runCmd(args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	doc := decodeCompute(t, out)
	for i, want := range []string{"25.00", "30.00"} {
		ind := doc.Units[i].Indicators["bhxh"]
		if ind.Target == nil || *ind.Target != want || *ind.TargetSource != "unit" {
			t.Errorf("%s: target %v, want %s from the unit's row", doc.Units[i].Name, ind.Target, want)
		}
	}
	var got []string
	for _, is := range doc.Issues {
		got = append(got, is.Code+": "+is.Message)
	}
	want := []string{
		`loose_unit_match: targets row "Thị xã Phú Định" is taken as "Xã Phú Định": the same name without the administrative type (give codes or the same type to make it exact)`,
		`unmatched_target: targets row "Huyện Kỳ Anh" matches no unit: its targets are not used`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("issues\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, _, code := runCmd(append([]string{"compute", "--strict"}, args[1:]...)...); code != 3 {
		t.Errorf("--strict: exit %d, want 3", code)
	}
}

// Two rows with one code are named by the code and both names and rows.
func TestSharedCodeNamesBothUnits(t *testing.T) {
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "xa.csv"), "Mã;Đơn vị;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện\n"+
		"04402;Xã Tân Phú;1000;200;10\n04408;Xã Tân Lập;1000;200;10\n4402;Xã Tân Hòa;1000;200;10\n")
	_, errOut, code := runCmd("compute", "--lang", "en", filepath.Join(work, "xa.csv"))
	want := `xa.csv: duplicate unit: code 04402 is given to both "Xã Tân Phú" (row 2, B2) and "Xã Tân Hòa" (row 4, B4)`
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q\nwant %q", code, errOut, want)
	}
}

// A blank weight is an error naming its cell, as an "x" is.
func TestAllocateBlankWeightIsAnError(t *testing.T) {
	work := t.TempDir()
	head := "Đơn vị;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện;Dân số\n"
	for _, c := range []struct{ cell, want string }{
		{"", `xa.csv: E3: unit "Xã A2" has no weight for --method weight:population (the cell is blank or "x"): give a number, 0 for none`},
		{"x", `xa.csv: E3: unit "Xã A2" has no weight for --method weight:population (the cell is blank or "x"): give a number, 0 for none`},
	} {
		writeFile(t, filepath.Join(work, "xa.csv"), head+"Xã A1;1000;200;10;3000\nXã A2;2000;300;20;"+c.cell+"\n")
		_, errOut, code := runCmd("allocate", "--lang", "en", "--indicator", "bhxh", "--total", "800", "--method", "weight:population", filepath.Join(work, "xa.csv"))
		if code != 1 || !strings.Contains(errOut, c.want) {
			t.Errorf("weight %q: exit %d, stderr %q\nwant %q", c.cell, code, errOut, c.want)
		}
	}
}

// A --min the total cannot give every unit is blamed on --min, not on
// what units already have: 3 units × 100 > 250.
func TestAllocateMinInfeasibleNamesMin(t *testing.T) {
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "xa.csv"), "Đơn vị;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện\n"+
		"Xã A;1000;20;0\nXã B;1000;30;0\nXã C;1000;40;0\n")
	_, errOut, code := runCmd("allocate", "--lang", "en", "--indicator", "bhxh", "--total", "250", "--min", "100", filepath.Join(work, "xa.csv"))
	want := `xa.csv: infeasible allocation: total 250 is below the minimum per unit of 100 people, over 3 units; the smallest feasible total is 300: lower --min 100 or raise the total`
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q\nwant %q", code, errOut, want)
	}
	// Below what units have: that is still the reason given.
	_, errOut, _ = runCmd("allocate", "--lang", "en", "--indicator", "bhxh", "--total", "80", "--min", "10", filepath.Join(work, "xa.csv"))
	if want := "total 80 is below what units already have"; !strings.Contains(errOut, want) {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
}

// allocate --strict exits 3 on a warning (here a loose parent match).
func TestAllocateStrict(t *testing.T) {
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "xa.csv"), strings.ReplaceAll(byParentBaseline, "Huyện A", "Huyện Hòa Vang"))
	writeFile(t, filepath.Join(work, "p.csv"), "Đơn vị;Kế hoạch giao BHXH (người)\nHoà Vang;2000\nHuyện B;4100\n")
	args := []string{"allocate", "--format", "json", "--indicator", "bhxh", "--by", "Huyện cũ", "--parent-targets", filepath.Join(work, "p.csv"), filepath.Join(work, "xa.csv")}
	out, errOut, code := runCmd(inEnglish(args)...)
	if code != 0 || decodeAllocate(t, out).TotalTarget != 6100 || !strings.Contains(errOut, `parent "Huyện Hòa Vang" is taken as "Hoà Vang"`) {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if _, _, code := runCmd(append(args, "--strict")...); code != 3 {
		t.Errorf("--strict: exit %d, want 3", code)
	}
}

// A quarter's workbook among monthly ones is an error (it was read as its
// last month); a title and a file name that disagree on the month are a
// warning, and trend --strict exits 3 on it.
func TestTrendPeriods(t *testing.T) {
	work := t.TempDir()
	head := "Đơn vị;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện\n"
	writeFile(t, filepath.Join(work, "2023-10.csv"), "Tháng 10 năm 2023\n"+head+"Xã A;1000;200;10\n")
	writeFile(t, filepath.Join(work, "2023-11.csv"), "Tháng 11 năm 2023\n"+head+"Xã A;1000;210;10\n")
	writeFile(t, filepath.Join(work, "quy-4.csv"), "Quý IV năm 2023\n"+head+"Xã A;1000;220;10\n")
	_, errOut, code := runCmd("trend", "--lang", "en", filepath.Join(work, "2023-10.csv"), filepath.Join(work, "2023-11.csv"), filepath.Join(work, "quy-4.csv"))
	want := "quy-4.csv is for a quarter (read as its last month, 2023-12) and the other workbooks for one month each"
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("quarter: exit %d, stderr %q\nwant %q", code, errOut, want)
	}
	_, errOut, code = runCmd("trend", filepath.Join(work, "2023-10.csv"), filepath.Join(work, "2023-11.csv"), filepath.Join(work, "quy-4.csv"))
	want = "quy-4.csv là số liệu quý (đọc như tháng cuối, 2023-12) còn các bảng khác mỗi bảng một tháng"
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("quarter, in Vietnamese: exit %d, stderr %q\nwant %q", code, errOut, want)
	}
	// Alone, with --period, it is read as that month.
	if _, errOut, code := runCmd("trend", "--period", "2023-12", filepath.Join(work, "quy-4.csv")); code != 0 {
		t.Errorf("quarter alone with --period: exit %d: %s", code, errOut)
	}

	writeFile(t, filepath.Join(work, "bao-cao-2023-12.csv"), "Tháng 11 năm 2023\n"+head+"Xã A;1000;230;10\n")
	args := []string{"trend", "--format", "json", filepath.Join(work, "2023-10.csv"), filepath.Join(work, "bao-cao-2023-12.csv")}
	_, errOut, code = runCmd(inEnglish(args)...)
	want = "bao-cao-2023-12.csv: the title says 2023-11 and the file name 2023-12; the title's month is used"
	if code != 0 || !strings.Contains(errOut, "period_mismatch") || !strings.Contains(errOut, want) {
		t.Errorf("mismatch: exit %d, stderr %q\nwant %q", code, errOut, want)
	}
	if _, _, code := runCmd(append(args, "--strict")...); code != 3 {
		t.Errorf("trend --strict: exit %d, want 3", code)
	}
}

// A unit spelled without its type in one month is the same unit, with a
// loose_unit_match warning pointing at the cell.
func TestTrendLinesUpUnitsWithTheMatcher(t *testing.T) {
	work := t.TempDir()
	head := "Đơn vị;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện\n"
	writeFile(t, filepath.Join(work, "2023-10.csv"), head+"Huyện Đông Hoà;1000;200;10\nXã Tân Lập;500;50;0\n")
	writeFile(t, filepath.Join(work, "2023-11.csv"), head+"Đông Hòa;1000;210;10\nPhường Tân Lập;500;60;0\nXã Tân Lập;500;55;0\n")
	out, errOut, code := runCmd("trend", "--format", "json", filepath.Join(work, "2023-10.csv"), filepath.Join(work, "2023-11.csv"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Indicators map[string]struct {
			Units []struct {
				Name       string   `json:"name"`
				Numerators []*int64 `json:"numerators"`
			} `json:"units"`
		} `json:"indicators"`
		Issues []struct{ Code, File, Cell, Message string } `json:"issues"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range doc.Indicators["bhxh"].Units {
		s := u.Name
		for _, n := range u.Numerators {
			if n == nil {
				s += " -"
			} else {
				s += fmt.Sprintf(" %d", *n)
			}
		}
		got = append(got, s)
	}
	// Đông Hòa is one unit; Xã Tân Lập pairs exactly, so Phường Tân Lập is new.
	if want := "Đông Hòa 210 220|Phường Tân Lập - 60|Xã Tân Lập 50 55"; strings.Join(got, "|") != want {
		t.Errorf("units %q, want %q", strings.Join(got, "|"), want)
	}
	found := false
	for _, is := range doc.Issues {
		if is.Code == "loose_unit_match" && is.File == "2023-11.csv" && is.Cell == "A2" &&
			strings.Contains(is.Message, `"Đông Hòa" is taken as "Huyện Đông Hoà"`) {
			found = true
		}
	}
	if !found {
		t.Errorf("issues %+v: want the loose match of Đông Hòa at 2023-11.csv A2", doc.Issues)
	}
}

// A batch into an --out-dir never reads the reports of an earlier run as
// inputs, whatever --name that run used.
func TestBatchSkipsEarlierReportsOfAnyName(t *testing.T) {
	work := t.TempDir()
	head := "Đơn vị;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện\n"
	den := filepath.Join(work, "den")
	writeFile(t, filepath.Join(den, "a.csv"), head+"Xã A;1000;200;10\n")
	writeFile(t, filepath.Join(den, "b.csv"), head+"Xã B;1000;300;10\n")
	for _, name := range []string{"{stem}.bao-cao.xlsx", "{stem}.kq.csv", "{stem}-thang-11.xlsx"} {
		_, errOut, code := runCmd("compute", den, "--out-dir", den, "--name", name)
		if code != 0 || !strings.Contains(errOut, "bhxh: 2 ok") {
			t.Errorf("--name %s: exit %d, stderr %q; want 2 ok", name, code, errOut)
		}
	}
}

// inspect shows warnings too: --strict fails it (exit 3) like every other
// command that warns. "Trọng số" is a column of numbers no key reads
// (unknown_column).
func TestInspectStrict(t *testing.T) {
	path := filepath.Join(t.TempDir(), "xa.csv")
	writeFile(t, path, "Đơn vị;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;Trọng số\nXã A;1000;100;5\nXã B;2000;300;7\n")
	for _, tt := range []struct {
		args []string
		want int
	}{
		{[]string{"inspect", path}, 0},
		{[]string{"inspect", "--strict", path}, 3},
		{[]string{"inspect", "--strict", "--format", "json", path}, 3},
	} {
		out, errOut, code := runCmd(tt.args...)
		if code != tt.want || !strings.Contains(out, "unknown_column") {
			t.Errorf("%v: exit %d, want %d; stdout %q, stderr %q", tt.args, code, tt.want, out, errOut)
		}
	}
}
