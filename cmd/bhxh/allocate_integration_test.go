package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/bhxh/bhxh/coverage"
	"github.com/xuri/excelize/v2"
)

// phanBoCols maps the baseline's short headers explicitly, so these tests
// do not depend on header recognition.
var phanBoCols = []string{
	"--col", "Đơn vị=unit", "--col", "LLLĐ trong độ tuổi=labour_force",
	"--col", "BHXH bắt buộc=bhxh_mandatory", "--col", "BHXH tự nguyện=bhxh_voluntary",
}

func phanBoArgs(t *testing.T, head ...string) []string {
	args := append(append([]string{}, head...), phanBoCols...)
	return append(args, filepath.Join(fixturesDir(t), "phan-bo-co-so.xlsx"))
}

func pctString(num, den int64) string {
	p, ok := coverage.NewPct(num, den)
	if !ok {
		return ""
	}
	return p.Format(2)
}

func TestAllocateFixtureWithColumnOverrides(t *testing.T) {
	dir := fixturesDir(t)
	for _, tc := range []struct {
		expected string
		extra    []string
	}{
		{"phan-bo-co-so.rate25.expected.json", nil},
		{"phan-bo-co-so.rate25-uncovered.expected.json", []string{"--method", "uncovered"}},
	} {
		t.Run(tc.expected, func(t *testing.T) {
			args := append([]string{"allocate", "--format", "json", "--indicator", "bhxh", "--rate", "25"}, tc.extra...)
			out, errs, code := runCmd(phanBoArgs(t, args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			want, err := os.ReadFile(filepath.Join(dir, tc.expected))
			if err != nil {
				t.Fatal(err)
			}
			var g, w map[string]any
			if err := json.Unmarshal([]byte(out), &g); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(want, &w); err != nil {
				t.Fatal(err)
			}
			diffJSON(t, "", w, g)
		})
	}
}

func TestAllocateInfeasibleExitsOneAndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	stdout, errs, code := runCmd(inEnglish(phanBoArgs(t, "allocate", "--indicator", "bhxh", "--total", "1000", "-o", filepath.Join(dir, "t.xlsx")))...)
	if code != exitData {
		t.Fatalf("exit %d, want 1; stderr %s", code, errs)
	}
	if !strings.Contains(errs, "smallest feasible total is 148334") {
		t.Errorf("stderr %q does not state the smallest feasible total", errs)
	}
	// in Vietnamese (the default) the people read with Vietnamese grouping
	_, errs, _ = runCmd(phanBoArgs(t, "allocate", "--indicator", "bhxh", "--total", "1000", "-o", filepath.Join(dir, "t.xlsx"))...)
	if want := "tổng 1.000 thấp hơn số các đơn vị đã có (chỉ tiêu của đơn vị không thấp hơn số hiện có); tổng nhỏ nhất khả thi là 148.334"; !strings.Contains(errs, want) {
		t.Errorf("stderr %q, want %q", errs, want)
	}
	if stdout != "" {
		t.Errorf("printed %q", stdout)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left files: %v", left)
	}
}

func TestAllocateCSVSumsExactly(t *testing.T) {
	out, errs, code := runCmd(phanBoArgs(t, "allocate", "--format", "csv", "--indicator", "bhxh", "--rate", "25", "--rounding", "webster")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, "\ufeff") {
		t.Error("no BOM")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "unit,labour_force,bhxh_mandatory,bhxh_voluntary,plan_bhxh,increment,target_bhxh" {
		t.Errorf("header %s", got)
	}
	var sum int64
	for _, r := range recs[1 : len(recs)-1] {
		v, _ := strconv.ParseInt(r[4], 10, 64)
		sum += v
	}
	if last := recs[len(recs)-1]; last[4] != "233070" || last[6] != "25.00" || sum != 233070 {
		t.Errorf("total row %v, units sum to %d", last, sum)
	}
}

func TestAllocateTableEnglish(t *testing.T) {
	out, errs, code := runCmd(phanBoArgs(t, "allocate", "--lang", "en", "--indicator", "bhxh", "--rate", "25")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// Long heads break into lines of at most 14 columns.
	for _, s := range []string{"Allocation of the SI target — phan-bo-co-so.xlsx", "Working-age", "labour force", "Plan, social", "insurance", "(people)", "233070", "25.00", "Total 233070 people"} {
		if !strings.Contains(out, s) {
			t.Errorf("table lacks %q:\n%s", s, out)
		}
	}
}

// TestAllocateUSHouse2020 runs the real command on the 2020 apportionment
// populations: Huntington–Hill with one seat per state gives the official
// seats. Needs header recognition of canonical keys (unit, population).
func TestAllocateUSHouse2020(t *testing.T) {
	path := filepath.Join("..", "..", "testdata", "us-house-2020.csv")
	out, errs, code := runCmd("allocate", "--format", "json", "--indicator", "bhyt", "--total", "435",
		"--rounding", "huntington-hill", "--min", "1", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc struct {
		Units []struct {
			Name   string `json:"name"`
			Target int64  `json:"target"`
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	f, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(f)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Units) != len(recs)-1 {
		t.Fatalf("%d units, want %d", len(doc.Units), len(recs)-1)
	}
	for i, u := range doc.Units {
		if r := recs[i+1]; u.Name != r[0] || r[2] != strconv.FormatInt(u.Target, 10) {
			t.Errorf("%s: %d seats; officially %s has %s", u.Name, u.Target, r[0], r[2])
		}
	}
}

// TestAllocateRoundTripThroughComputeTargets: allocate -o t.xlsx, then
// compute --targets t.xlsx on the same baseline reads every unit's
// allocated target as its plan and its target rate, and plan_completion is
// current/target. Needs the header matcher and the compute JSON writer.
func TestAllocateRoundTripThroughComputeTargets(t *testing.T) {
	dir := t.TempDir()
	giao := filepath.Join(dir, "giao.xlsx")
	if _, errs, code := runCmd(phanBoArgs(t, "allocate", "--indicator", "bhxh", "--rate", "25", "-o", giao)...); code != 0 {
		t.Fatalf("allocate: exit %d: %s", code, errs)
	}
	if st, err := os.Stat(giao); err != nil || st.Mode().Perm() != 0o644 {
		t.Fatalf("output %v, %v; want mode 0644", st, err)
	}
	alloc, _, _ := runCmd(phanBoArgs(t, "allocate", "--format", "json", "--indicator", "bhxh", "--rate", "25")...)
	var a struct {
		Units []struct {
			Name       string `json:"name"`
			Current    int64  `json:"current"`
			Target     int64  `json:"target"`
			TargetRate string `json:"target_rate"`
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(alloc), &a); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCmd(phanBoArgs(t, "compute", "--format", "json", "--targets", giao)...)
	if code != 0 {
		t.Fatalf("compute --targets: exit %d: %s", code, errs)
	}
	var c struct {
		Units []struct {
			Name       string `json:"name"`
			Indicators map[string]struct {
				Target         *string `json:"target"`
				Plan           *int64  `json:"plan"`
				PlanCompletion *string `json:"plan_completion"`
			} `json:"indicators"`
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	if len(c.Units) != len(a.Units) {
		t.Fatalf("%d units, want %d", len(c.Units), len(a.Units))
	}
	for i, u := range a.Units {
		got := c.Units[i].Indicators["bhxh"]
		if got.Plan == nil || *got.Plan != u.Target {
			t.Errorf("%s: plan %v, want %d", u.Name, got.Plan, u.Target)
		}
		if got.Target == nil || *got.Target != u.TargetRate {
			t.Errorf("%s: target %v, want %s", u.Name, got.Target, u.TargetRate)
		}
		if want := pctString(u.Current, u.Target); got.PlanCompletion == nil || *got.PlanCompletion != want {
			t.Errorf("%s: plan_completion %v, want %s", u.Name, got.PlanCompletion, want)
		}
	}
}

// A unit whose allocated plan is exactly what it already has (kept by
// --no-decrease) must not come back from `compute --targets giao.xlsx` as
// behind by one person because the file's target rate is the plan's rate
// rounded for display (3250/8000 = 40.625 % shown as 40.63; 500/3000 as 16.67).
func TestAllocateRoundTripUnitAtItsPlanIsNotBehind(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "cơ sở.csv")
	writeFile(t, base, "unit,code,labour_force,bhxh_mandatory,bhxh_voluntary\n"+
		"Xã Tân Phú,00004,5000,1200,300\nPhường Hòa Bình,00012,8000,3000,250\n"+
		"Xã Đông Sơn,00025,3000,400,100\nXã Mường Lát,01234,2000,150,0\nThị trấn Ân Thi,10456,4000,900,200\n")
	giao := filepath.Join(dir, "giao.xlsx")
	if _, errs, code := runCmd("allocate", "--indicator", "bhxh", "--rate", "30", "-o", giao, base); code != 0 {
		t.Fatalf("allocate: exit %d: %s", code, errs)
	}
	out, errs, code := runCmd("compute", "--format", "json", "--targets", giao, base)
	if code != 0 {
		t.Fatalf("compute --targets: exit %d: %s", code, errs)
	}
	var c struct {
		Units []struct {
			Name       string `json:"name"`
			Indicators map[string]struct {
				Numerator     int64   `json:"numerator"`
				Plan          *int64  `json:"plan"`
				GapPP         *string `json:"gap_pp"`
				PersonsNeeded *int64  `json:"persons_needed"`
			} `json:"indicators"`
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	for _, u := range c.Units {
		b := u.Indicators["bhxh"]
		if b.Plan == nil || b.PersonsNeeded == nil || b.GapPP == nil {
			t.Fatalf("%s: %+v", u.Name, b)
		}
		want := max(0, *b.Plan-b.Numerator)
		if *b.PersonsNeeded != want {
			t.Errorf("%s: persons_needed %d, want plan %d − current %d = %d", u.Name, *b.PersonsNeeded, *b.Plan, b.Numerator, want)
		}
		if want == 0 && strings.HasPrefix(*b.GapPP, "0.0") && *b.GapPP != "0.00" {
			t.Errorf("%s: gap_pp %s at its plan", u.Name, *b.GapPP)
		}
	}
}

// The "Giao chỉ tiêu" sheet is a Vietnamese document (title, headers,
// footer) whatever --lang: its total row is not the one English word.
func TestAllocateXLSXEnglishTotalRow(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "giao.xlsx")
	_, stderr, code := runIn(t, dir, nil, "allocate", "--lang", "en", "--indicator", "bhxh", "--rate", "25", "-o", out,
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

// --by splits within each old district its own target, given as people or
// as a rate of its communes' summed denominator.
func TestAllocateByParentEndToEnd(t *testing.T) {
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "xa.csv"), "Đơn vị;Huyện cũ;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện\n"+
		"Xã A1;Huyện A;1000;200;10\nXã A2;Huyện A;3000;500;20\nXã B1;Huyện B;2000;300;30\nXã B2;Huyện B;2000;100;40\n")
	writeFile(t, filepath.Join(work, "people.csv"), "Đơn vị;Kế hoạch giao BHXH (người)\nHuyện A;1200\nHuyện B;900\n")
	writeFile(t, filepath.Join(work, "rates.csv"), "Đơn vị;Chỉ tiêu tỷ lệ BHXH (%)\nHuyện A;30\nHuyện B;20\n")
	for _, c := range []struct {
		parents string
		want    map[string]int64
		total   int64
	}{
		{"people.csv", map[string]int64{"Xã A1": 300, "Xã A2": 900, "Xã B1": 450, "Xã B2": 450}, 2100},
		{"rates.csv", map[string]int64{"Xã A1": 300, "Xã A2": 900, "Xã B1": 400, "Xã B2": 400}, 2000},
	} {
		out, errOut, code := runIn(t, work, nil, "allocate", "--format", "json", "--indicator", "bhxh",
			"--by", "Huyện cũ", "--parent-targets", c.parents, "xa.csv")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", c.parents, code, errOut)
		}
		var doc struct {
			TotalTarget int64 `json:"total_target"`
			Units       []struct {
				Name   string `json:"name"`
				Target int64  `json:"target"`
			} `json:"units"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.TotalTarget != c.total {
			t.Errorf("%s: total %d, want %d", c.parents, doc.TotalTarget, c.total)
		}
		for _, u := range doc.Units {
			if u.Target != c.want[u.Name] {
				t.Errorf("%s: %s target %d, want %d", c.parents, u.Name, u.Target, c.want[u.Name])
			}
		}
	}
}
