package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// evaluationDoc is the part of bhxh.compute/v1 the evaluation tests read.
type evaluationDoc struct {
	Units []struct {
		Name       string
		Rank       *int
		Indicators map[string]struct {
			Rate          *string
			PersonsNeeded *int64 `json:"persons_needed"`
		}
	}
	Evaluation map[string]struct {
		Units, Reached  int
		NotReached      int      `json:"not_reached"`
		ReachedUnits    []string `json:"reached_units"`
		NotReachedUnits []string `json:"not_reached_units"`
	}
	Sort *struct{ Indicator, Measure string }
}

// The evaluation is the count of units whose persons_needed is 0, the
// same in JSON, the table's closing lines and the xlsx summary block.
func TestComputeEvaluationAgreesAcrossOutputs(t *testing.T) {
	in := filepath.Join(fixturesDir(t), "tinh-mau-2023-11.xlsx")
	work := t.TempDir()
	args := []string{"compute", "--target", "bhxh=30", "--target", "bhyt=95", in}
	out, errOut, code := runIn(t, work, nil, append(args[:len(args)-1:len(args)-1], "--format", "json", in)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc evaluationDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{} // indicator → units with persons_needed, of them 0
	for _, u := range doc.Units {
		for k, r := range u.Indicators {
			if r.PersonsNeeded != nil {
				w := want[k]
				w[0]++
				if *r.PersonsNeeded == 0 {
					w[1]++
				}
				want[k] = w
			}
		}
	}
	// By hand from tinh-mau-2023-11.targets.expected.json: 9 units; bhxh ≥ 30 %
	// in 4 of them, bhyt ≥ 95 % in 1.
	if want["bhxh"] != [2]int{9, 4} || want["bhyt"] != [2]int{9, 1} {
		t.Fatalf("persons_needed counts %v", want)
	}
	if len(doc.Evaluation) != len(want) {
		t.Errorf("evaluation of %d indicators, want %d", len(doc.Evaluation), len(want))
	}
	for k, w := range want {
		e := doc.Evaluation[k]
		if e.Units != w[0] || e.Reached != w[1] || e.NotReached != w[0]-w[1] ||
			len(e.ReachedUnits) != w[1] || len(e.NotReachedUnits) != w[0]-w[1] {
			t.Errorf("%s: evaluation %+v, want %d units, %d reached", k, e, w[0], w[1])
		}
	}
	if doc.Sort != nil {
		t.Errorf("sort %+v without --sort", doc.Sort)
	}

	table, errOut, code := runIn(t, work, nil, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for k, label := range map[string]string{"bhxh": "BHXH", "bhyt": "BHYT"} {
		line := fmt.Sprintf("%d/%d đơn vị chưa đạt %s %s %%", want[k][0]-want[k][1], want[k][0], label, map[string]string{"bhxh": "30", "bhyt": "95"}[k])
		if !strings.Contains(table, "\n"+line) {
			t.Errorf("table lacks %q:\n%s", line, table)
		}
	}

	if _, errOut, code := runIn(t, work, nil, append(args[:len(args)-1:len(args)-1], "-o", "r.xlsx", in)...); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	f, err := excelize.OpenFile(filepath.Join(work, "r.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Tổng hợp")
	got := map[string][3]string{}
	for i, r := range rows {
		// under the names, or under the last block when the summary
		// prints in blocks
		for c, v := range r {
			if v != "Số đơn vị đạt chỉ tiêu" {
				continue
			}
			for _, e := range rows[i+2:] {
				if len(e) >= c+4 && e[c] != "" {
					got[e[c]] = [3]string{e[c+1], e[c+2], e[c+3]}
				}
			}
		}
	}
	for k, label := range map[string]string{"bhxh": "BHXH", "bhyt": "BHYT"} {
		w := [3]string{fmt.Sprint(want[k][0]), fmt.Sprint(want[k][1]), fmt.Sprint(want[k][0] - want[k][1])}
		if got[label] != w {
			t.Errorf("xlsx evaluation %s = %v, want %v (rows %v)", label, got[label], w, got)
		}
	}
}

// --sort ranks the units best first, ties sharing a rank, in JSON, the
// table (rank first) and the CSV (rank last).
func TestComputeSortRanks(t *testing.T) {
	in := filepath.Join(fixturesDir(t), "tinh-mau-2023-11.xlsx")
	work := t.TempDir()
	out, errOut, code := runIn(t, work, nil, "compute", "--target", "bhyt=95", "--sort", "persons_needed", "--format", "json", in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc evaluationDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Sort == nil || doc.Sort.Indicator != "bhyt" || doc.Sort.Measure != "persons_needed" {
		t.Fatalf("sort %+v, want bhyt persons_needed", doc.Sort)
	}
	prev, prevRank := int64(-1), 0
	for i, u := range doc.Units {
		n := *u.Indicators["bhyt"].PersonsNeeded
		if u.Rank == nil || n < prev {
			t.Fatalf("unit %d %s: rank %v, needs %d after %d", i, u.Name, u.Rank, n, prev)
		}
		wantRank := i + 1
		if n == prev {
			wantRank = prevRank
		}
		if *u.Rank != wantRank {
			t.Errorf("%s: rank %d, want %d", u.Name, *u.Rank, wantRank)
		}
		prev, prevRank = n, *u.Rank
	}

	csvOut, errOut, code := runIn(t, work, nil, "compute", "--target", "bhyt=95", "--sort", "bhyt:rate", "--format", "csv", in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(csvOut, "\ufeff")), "\n")
	if !strings.HasSuffix(strings.TrimSpace(lines[0]), ",rank") || !strings.HasSuffix(strings.TrimSpace(lines[1]), ",1") ||
		!strings.HasSuffix(strings.TrimSpace(lines[len(lines)-1]), ",") {
		t.Errorf("CSV: rank last, 1 on the first unit, empty on the total:\n%s", csvOut)
	}

	table, _, _ := runIn(t, work, nil, "compute", "--target", "bhyt=95", "--sort", "rate", in)
	if !strings.Contains(table, "Hạng") {
		t.Errorf("table lacks the rank column:\n%s", table)
	}

	_, errOut, code = runIn(t, work, nil, "compute", "--sort", "gap", in)
	if code == 0 || !strings.Contains(errOut, "--sort gap") {
		t.Errorf("--sort gap without targets: exit %d, %q", code, errOut)
	}
	_, errOut, code = runIn(t, work, nil, "compute", "--sort", "speed", in)
	if code != 2 || !strings.Contains(errOut, "--sort") {
		t.Errorf("--sort speed: exit %d, %q", code, errOut)
	}
}
