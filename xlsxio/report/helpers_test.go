package report

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio"
)

// Reports for the writer tests are built the way the cmd builds them, but
// from units rebuilt out of a fixture's expected file (as in coverage's
// compute_fixtures_test.go), so these tests do not depend on the reader.

type fixtureDoc struct {
	Inputs []struct {
		File  string  `json:"file"`
		Sheet *string `json:"sheet"`
	} `json:"inputs"`
	Period *string       `json:"period"`
	Units  []fixtureUnit `json:"units"`
	Total  fixtureUnit   `json:"total"`
	Issues []struct {
		Level   string  `json:"level"`
		Code    string  `json:"code"`
		File    string  `json:"file"`
		Sheet   *string `json:"sheet"`
		Cell    *string `json:"cell"`
		Message string  `json:"message"`
	} `json:"issues"`
}

type fixtureUnit struct {
	Name       string                    `json:"name"`
	Code       *string                   `json:"code"`
	Counts     map[string]int64          `json:"counts"`
	Indicators map[string]map[string]any `json:"indicators"`
}

func fixturePath(name string) string {
	return filepath.Join("..", "..", "testdata", "fixtures", name)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// unitFromFixture rebuilds the workbook row: counts, plan_<indicator> for
// single-count indicators, prior_<count>, and plan_bhxh/prior_bhxh only
// when they cannot come from the parts.
func unitFromFixture(e fixtureUnit) coverage.Unit {
	u := coverage.Unit{Name: e.Name, Code: deref(e.Code), Counts: map[string]int64{},
		Percents: map[string]decimal.Decimal{}, Cells: map[string]string{}}
	for k, v := range e.Counts {
		u.Counts[k] = v
	}
	for _, ind := range coverage.Indicators {
		fig, ok := e.Indicators[ind.Key]
		if !ok || ind.Key == "bhxh" {
			continue
		}
		if v, ok := fig["plan"].(float64); ok {
			u.Counts[coverage.PlanPrefix+ind.Key] = int64(v)
		}
		if v, ok := fig["prior"].(float64); ok {
			u.Counts[coverage.PriorPrefix+ind.Numerator[0]] = int64(v)
		}
	}
	if fig, ok := e.Indicators["bhxh"]; ok {
		has := func(prefix string) bool {
			_, a := u.Counts[prefix+coverage.BHXHMandatory]
			_, b := u.Counts[prefix+coverage.BHXHVoluntary]
			return a && b
		}
		if v, ok := fig["plan"].(float64); ok && !has(coverage.PlanPrefix) {
			u.Counts[coverage.PlanPrefix+"bhxh"] = int64(v)
		}
		if v, ok := fig["prior"].(float64); ok && !has(coverage.PriorPrefix) {
			u.Counts[coverage.PriorPrefix+"bhxh"] = int64(v)
		}
	}
	return u
}

var fixtureGenerated = time.Date(2023, 12, 1, 8, 30, 0, 0, time.UTC)

// reportFromFixture computes a report from the units of a fixture's
// expected file; flags are province-wide targets ("bhxh": "30").
func reportFromFixture(t *testing.T, name string, flags map[string]string) *Compute {
	t.Helper()
	b, err := os.ReadFile(fixturePath(name))
	if err != nil {
		t.Fatal(err)
	}
	var doc fixtureDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	units := make([]coverage.Unit, len(doc.Units))
	for i, e := range doc.Units {
		units[i] = unitFromFixture(e)
	}
	opt := coverage.Options{TotalName: doc.Total.Name, Flags: map[string]coverage.Target{}}
	for k, v := range flags {
		opt.Flags[k] = coverage.Target{Rate: decimal.RequireFromString(v), Note: msg.Plain("--target " + k + "=" + v)}
	}
	if doc.Period != nil {
		fmt.Sscanf((*doc.Period)[5:], "%d", &opt.Month)
	}
	rep := &Compute{
		Period:    deref(doc.Period),
		Result:    coverage.Compute(units, nil, opt),
		Decimals:  2,
		Lang:      "vi",
		Tool:      "bhxh test",
		Generated: fixtureGenerated,
	}
	for _, in := range doc.Inputs {
		rep.Inputs = append(rep.Inputs, Input{File: in.File, Sheet: deref(in.Sheet),
			Columns: []Column{{Letter: "B", Header: "Đơn vị", Key: "unit", Why: "exact"}}})
	}
	for _, is := range doc.Issues {
		rep.Issues = append(rep.Issues, xlsxio.Issue{Level: is.Level, Code: is.Code, File: is.File,
			Sheet: deref(is.Sheet), Cell: deref(is.Cell), Message: msg.Plain(is.Message)})
	}
	return rep
}

// computeFixtures are the compute cases whose units the tests rebuild.
var computeFixtures = []struct {
	file  string
	flags map[string]string
}{
	{"tinh-mau-2023-11.expected.json", nil},
	{"tinh-mau-2023-11.targets.expected.json", map[string]string{"bhxh": "30", "bhyt": "95"}},
	{"xa-phuong-2025-10.expected.json", nil},
	{"warn-total-mismatch.expected.json", nil},
	{"ascii-headers.expected.json", nil},
	{"nfd-abbrev.expected.json", nil},
	{"formulas-no-cache.expected.json", nil},
	{"tcvn3-headers.expected.json", nil},
	{"boundary-half-up.expected.json", nil},
}
