package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// compute --prior against last year's workbook in the old communes: through
// the built-in crosswalk, each new commune's prior and change are exact.
func TestComputePriorThroughCrosswalk(t *testing.T) {
	tr := loadCrosswalkTruth(t)
	dir := testdataDir(t, "crosswalk")
	now, last := filepath.Join(dir, "cao-bang-2025-11.xlsx"), filepath.Join(dir, "cao-bang-2024-11-cu.xlsx")
	doc := computeJSON(t, "compute", "--crosswalk", "vn-2025", "--prior", last, now)
	if len(doc.Units) != 56 {
		t.Fatalf("%d units", len(doc.Units))
	}
	check := func(who string, inds map[string]struct {
		Numerator   int64
		Denominator *int64
		Rate        *string
		Prior       *int64
		Change      *int64
	}, want map[string]struct{ Prior, Change int64 }) {
		for ind, w := range want {
			got := inds[ind]
			if got.Prior == nil || got.Change == nil || *got.Prior != w.Prior || *got.Change != w.Change {
				t.Errorf("%s %s: prior %v change %v, want %d %d", who, ind, ptrStr(got.Prior), ptrStr(got.Change), w.Prior, w.Change)
			}
		}
	}
	for _, u := range doc.Units {
		check(*u.Code+" "+u.Name, u.Indicators, tr.CaoBangPrior[*u.Code])
		if src := u.Sources["prior_bhxh_mandatory"]; len(src) == 0 || !strings.HasPrefix(src[0], "cao-bang-2024-11-cu.xlsx!T11!F") {
			t.Errorf("%s: prior sources %v", u.Name, src)
		}
	}
	check("total", doc.Total.Indicators, tr.CaoBangPrior["total"])
	for _, is := range doc.Issues {
		t.Errorf("issue %s: %s", is.Code, is.Message)
	}

	// Without --crosswalk, a prior across the reform is refused, not matched by code.
	_, errw, code := runCmd("compute", "--lang", "en", "--prior", last, now)
	if code != exitData || !strings.Contains(errw, "give --crosswalk vn-2025") {
		t.Errorf("exit %d: %s", code, errw)
	}
}

// A prior file covering part of the units: each unit without a prior is
// reported, and the total's prior and change are over the units with both.
func TestComputePriorLikeForLike(t *testing.T) {
	tr := loadCrosswalkTruth(t)
	dir := testdataDir(t, "crosswalk")
	doc := computeJSON(t, "compute", "--crosswalk", "vn-2025", "--prior", filepath.Join(dir, "cao-bang-huyen-2024-11-cu.xlsx"),
		filepath.Join(dir, "cao-bang-2025-11.xlsx"))
	var prior, change int64
	for code := range tr.CaoBangHuyen {
		w := tr.CaoBangPrior[code]["bhyt"]
		prior += tr.CaoBangHuyen[code].Counts["bhyt"]
		change += w.Prior + w.Change - tr.CaoBangHuyen[code].Counts["bhyt"]
	}
	tot := doc.Total.Indicators["bhyt"]
	if tot.Prior == nil || *tot.Prior != prior || *tot.Change != change {
		t.Errorf("total bhyt prior %s change %s, want %d %d", ptrStr(tot.Prior), ptrStr(tot.Change), prior, change)
	}
	missing := 0
	for _, is := range doc.Issues {
		if is.Code == "missing_unit" {
			missing++
		}
	}
	if missing != 56-len(tr.CaoBangHuyen) {
		t.Errorf("%d missing_unit warnings, want %d", missing, 56-len(tr.CaoBangHuyen))
	}
	out, _, _ := runCmd("compute", "--format", "json", "--crosswalk", "vn-2025", "--prior", filepath.Join(dir, "cao-bang-huyen-2024-11-cu.xlsx"),
		filepath.Join(dir, "cao-bang-2025-11.xlsx"))
	if !strings.Contains(out, `"change_units":7`) {
		t.Error("the total does not say its change is over 7 units")
	}
}

func ptrStr(p *int64) string {
	if p == nil {
		return "null"
	}
	return itoa64(*p)
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// The xlsx report shows each indicator's change against the prior after
// its columns, for every new commune exactly (truths from gen.py), and
// says under the total over how many units its change is when some have
// no prior.
func TestComputePriorXLSX(t *testing.T) {
	tr := loadCrosswalkTruth(t)
	dir := testdataDir(t, "crosswalk")
	now := filepath.Join(dir, "cao-bang-2025-11.xlsx")
	read := func(prior string) [][]string {
		t.Helper()
		out := filepath.Join(t.TempDir(), "bao-cao.xlsx")
		if _, errw, code := runCmd("compute", "--crosswalk", "vn-2025", "--prior", prior, "-o", out, now); code != exitOK {
			t.Fatalf("exit %d: %s", code, errw)
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows("Tổng hợp", excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	inds := map[string]string{"BHXH": "bhxh", "BHXH bắt buộc": "bhxh_mandatory", "BHXH tự nguyện": "bhxh_voluntary", "BHTN": "bhtn", "BHYT": "bhyt"}
	rows := read(filepath.Join(dir, "cao-bang-2024-11-cu.xlsx"))
	head := rows[2] // under the title and the unit of measure
	checked := 0
	for c, h := range head {
		label, ok := strings.CutPrefix(h, "Tăng/giảm so với cùng kỳ ")
		if !ok {
			continue
		}
		ind := inds[strings.TrimSuffix(label, " (người)")]
		if ind == "" {
			t.Fatalf("column %q", h)
		}
		if !strings.HasPrefix(head[c-1], "Tỷ lệ "+label[:len(label)-len(" (người)")]) {
			t.Errorf("%q follows %q, not its indicator's rate", h, head[c-1])
		}
		for _, r := range rows[3:] { // STT, name, code…
			key := r[2] // the code; the total has none
			if r[1] == "Toàn tỉnh" {
				key = "total"
			}
			if got, want := r[c], itoa64(tr.CaoBangPrior[key][ind].Change); got != want {
				t.Errorf("%s %s: change %s, want %s", r[1], ind, got, want)
			}
			checked++
			if key == "total" {
				break // the signatures follow
			}
		}
	}
	if checked != 5*57 {
		t.Errorf("%d changes checked, want 5 indicators × 57 rows", checked)
	}
	// The note on the total's change, under the names after the total.
	noteOf := func(rows [][]string) string {
		for _, r := range rows {
			if len(r) > 1 && strings.HasPrefix(r[1], "Tăng/giảm của dòng tổng") {
				return r[1]
			}
		}
		return ""
	}
	if note := noteOf(rows); note != "" {
		t.Errorf("every unit has a prior, yet the note %q", note)
	}

	// One old district as the prior: 7 units of 56 have one.
	rows = read(filepath.Join(dir, "cao-bang-huyen-2024-11-cu.xlsx"))
	note := noteOf(rows)
	if !strings.HasPrefix(note, "Tăng/giảm của dòng tổng chỉ tính trên các đơn vị có số liệu cùng kỳ") || !strings.Contains(note, "BHYT 7/56") {
		t.Errorf("note %q", note)
	}
}

// A prior moved across the reform names the old units it was summed from:
// each new commune's "from" lists its old communes with their prior counts
// and cells, which add up to the prior (truths from gen.py), and the xlsx
// sheet "Nguồn số liệu" gives one row per old unit of each prior figure.
func TestComputePriorFromOldUnits(t *testing.T) {
	tr := loadCrosswalkTruth(t)
	dir := testdataDir(t, "crosswalk")
	args := []string{"compute", "--crosswalk", "vn-2025", "--prior", filepath.Join(dir, "cao-bang-2024-11-cu.xlsx"), filepath.Join(dir, "cao-bang-2025-11.xlsx")}
	out, errw, code := runCmd(append(args, "--format", "json")...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errw)
	}
	var doc struct {
		Units []struct {
			Code    string
			Sources map[string][]string
			From    []struct {
				Code, Relation string
				Counts         map[string]int64
				Sources        map[string][]string
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	olds := 0
	for _, u := range doc.Units {
		var sum int64
		var cells []string
		for _, f := range u.From {
			if _, ok := f.Counts["bhyt"]; ok {
				t.Errorf("%s from %s: a current count %v; this year's file is in the new units", u.Code, f.Code, f.Counts)
			}
			sum += f.Counts["prior_bhyt"]
			cells = append(cells, f.Sources["prior_bhyt"]...)
			olds++
		}
		if want := tr.CaoBangPrior[u.Code]["bhyt"].Prior; sum != want {
			t.Errorf("%s: old units give prior_bhyt %d, want %d", u.Code, sum, want)
		}
		if strings.Join(cells, ", ") != strings.Join(u.Sources["prior_bhyt"], ", ") {
			t.Errorf("%s: old units' cells %v, the unit's %v", u.Code, cells, u.Sources["prior_bhyt"])
		}
	}
	if olds != 161 {
		t.Errorf("%d old units in from, want Cao Bằng's 161", olds)
	}

	xlsx := filepath.Join(t.TempDir(), "bao-cao.xlsx")
	if _, errw, code := runCmd(append(args, "-o", xlsx)...); code != exitOK {
		t.Fatalf("exit %d: %s", code, errw)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Nguồn số liệu", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	moved := map[string]int64{} // unit code → prior_bhyt summed over its old-unit rows
	current := 0
	for _, r := range rows[1:] {
		switch r[2] {
		case "prior_bhyt":
			if len(r) < 10 || r[6] == "" {
				t.Fatalf("prior row without its old unit: %q", r)
			}
			n, _ := strconv.ParseInt(r[9], 10, 64)
			moved[r[1]] += n
		case "bhyt":
			current++
			if len(r) > 6 && r[6] != "" {
				t.Errorf("a current figure read as it is names an old unit: %q", r)
			}
		}
	}
	for code, n := range moved {
		if want := tr.CaoBangPrior[code]["bhyt"].Prior; n != want {
			t.Errorf("%s: sheet moves %d, want %d", code, n, want)
		}
	}
	if len(moved) != 56 || current != 56 {
		t.Errorf("%d units with prior rows, %d current rows; want 56 each", len(moved), current)
	}
}
