package coverage

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// The expected files of the compute cases hold, per unit, every count and
// every indicator's plan and prior. This test rebuilds the units from them
// (as the reader would hand them over), runs Compute, and compares every
// figure of every unit and of the total — independently of the reader.

type expectedFile struct {
	Period *string        `json:"period"`
	Units  []expectedUnit `json:"units"`
	Total  expectedUnit   `json:"total"`
	Issues []struct {
		Code string `json:"code"`
		Cell string `json:"cell"`
	} `json:"issues"`
}

type expectedUnit struct {
	Name       string                    `json:"name"`
	Code       *string                   `json:"code"`
	Counts     map[string]int64          `json:"counts"`
	Indicators map[string]map[string]any `json:"indicators"`
}

func loadExpected(t *testing.T, name string) expectedFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "fixtures", name))
	if err != nil {
		t.Fatal(err)
	}
	var f expectedFile
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return f
}

// unitFromExpected rebuilds the workbook row: counts, plan_<indicator> for
// single-count indicators, prior_<count>, and plan_bhxh/prior_bhxh only when
// they cannot come from the parts.
func unitFromExpected(e expectedUnit) Unit {
	u := Unit{Name: e.Name, Counts: map[string]int64{}, Percents: map[string]decimal.Decimal{}, Cells: map[string]string{}}
	if e.Code != nil {
		u.Code = *e.Code
	}
	for k, v := range e.Counts {
		u.Counts[k] = v
	}
	for _, ind := range Indicators {
		if ind.Key == "bhxh" {
			continue
		}
		fig, ok := e.Indicators[ind.Key]
		if !ok {
			continue
		}
		if v, ok := fig["plan"].(float64); ok {
			u.Counts[PlanPrefix+ind.Key] = int64(v)
		}
		if v, ok := fig["prior"].(float64); ok {
			u.Counts[PriorPrefix+ind.Numerator[0]] = int64(v)
		}
	}
	if fig, ok := e.Indicators["bhxh"]; ok {
		if v, ok := fig["plan"].(float64); ok {
			if _, parts := sumKeys(u.Counts, []string{PlanPrefix + BHXHMandatory, PlanPrefix + BHXHVoluntary}); !parts {
				u.Counts[PlanPrefix+"bhxh"] = int64(v)
			}
		}
		if v, ok := fig["prior"].(float64); ok {
			if _, parts := sumKeys(u.Counts, []string{PriorPrefix + BHXHMandatory, PriorPrefix + BHXHVoluntary}); !parts {
				u.Counts[PriorPrefix+"bhxh"] = int64(v)
			}
		}
	}
	return u
}

// indicatorJSON renders r the way bhxh.compute/v1 does (2 decimals).
func indicatorJSON(r *IndicatorResult) map[string]any {
	pct := func(p *Pct) any {
		if p == nil {
			return nil
		}
		return p.Format(2)
	}
	num := func(v *int64) any {
		if v == nil {
			return nil
		}
		return float64(*v)
	}
	m := map[string]any{
		"numerator":       float64(r.Numerator),
		"denominator":     num(r.Denominator),
		"rate":            pct(r.Rate),
		"target":          nil,
		"target_source":   nil,
		"gap_pp":          pct(r.GapPP),
		"persons_needed":  num(r.PersonsNeeded),
		"plan":            num(r.Plan),
		"plan_completion": pct(r.PlanCompletion),
		"prior":           num(r.Prior),
		"change":          num(r.Change),
		"pace_per_month":  num(r.PacePerMonth),
	}
	if r.Target != nil {
		m["target"] = r.Target.Rate.StringFixed(2)
		m["target_source"] = string(r.Target.Source)
	}
	return m
}

func compareUnit(t *testing.T, where string, got UnitResult, want expectedUnit) {
	t.Helper()
	if got.Name != want.Name {
		t.Errorf("%s: name %q, want %q", where, got.Name, want.Name)
	}
	if !reflect.DeepEqual(got.Counts, want.Counts) && !(len(got.Counts) == 0 && len(want.Counts) == 0) {
		t.Errorf("%s: counts %v, want %v", where, got.Counts, want.Counts)
	}
	if len(got.Indicators) != len(want.Indicators) {
		t.Errorf("%s: %d indicators, want %d", where, len(got.Indicators), len(want.Indicators))
	}
	for i := range got.Indicators {
		r := &got.Indicators[i]
		w, ok := want.Indicators[r.Key]
		if !ok {
			t.Errorf("%s: unexpected indicator %s", where, r.Key)
			continue
		}
		g := indicatorJSON(r)
		for field, wv := range w {
			if !reflect.DeepEqual(g[field], wv) {
				t.Errorf("%s: %s.%s = %v, want %v", where, r.Key, field, g[field], wv)
			}
		}
	}
}

func TestComputeMatchesFixtures(t *testing.T) {
	flags := map[string]Target{
		"bhxh": {Rate: decimal.NewFromInt(30)},
		"bhyt": {Rate: decimal.NewFromInt(95)},
	}
	cases := []struct {
		file  string
		flags map[string]Target
	}{
		{"tinh-mau-2023-11.expected.json", nil},
		{"tinh-mau-2023-11.targets.expected.json", flags},
		{"xa-phuong-2025-10.expected.json", nil},
		{"warn-total-mismatch.expected.json", nil},
		{"ascii-headers.expected.json", nil},
		{"nfd-abbrev.expected.json", nil},
		{"formulas-no-cache.expected.json", nil},
		{"tcvn3-headers.expected.json", nil},
		{"boundary-half-up.expected.json", nil},
	}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(c.file, ".expected.json"), func(t *testing.T) {
			exp := loadExpected(t, c.file)
			units := make([]Unit, len(exp.Units))
			for i, e := range exp.Units {
				units[i] = unitFromExpected(e)
			}
			opt := Options{Flags: c.flags, TotalName: exp.Total.Name}
			if exp.Period != nil {
				fmt.Sscanf((*exp.Period)[5:], "%d", &opt.Month)
			}
			res := Compute(units, nil, opt)
			if len(res.Units) != len(exp.Units) {
				t.Fatalf("%d units, want %d", len(res.Units), len(exp.Units))
			}
			for i := range res.Units {
				compareUnit(t, exp.Units[i].Name, res.Units[i], exp.Units[i])
			}
			compareUnit(t, "total", res.Total, exp.Total)
			// Without cells or a stated total, only rate_over_100 can
			// arise, and exactly where the fixtures expect it.
			var got, want []string
			for _, w := range res.Warnings {
				got = append(got, w.Code)
			}
			for _, is := range exp.Issues {
				if is.Code == WarnRateOver100 {
					want = append(want, is.Code)
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("warnings %v, want %v", res.Warnings, want)
			}
		})
	}
}
