package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
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
	_, errw, code := runCmd("compute", "--prior", last, now)
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
	if !strings.Contains(out, `"change_units": 7`) {
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
