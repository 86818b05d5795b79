package xlsxio

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bhxh/bhxh/coverage"
)

// The shared fixtures (copied into testdata/fixtures) give, for each
// workbook, the exact units, codes, names and counts compute must report.
// This test checks the reading half alone: what ReadFile returns.

const fixtureDir = "../testdata/fixtures"

type fixtureCase struct {
	Name     string   `json:"name"`
	Kind     string   `json:"kind"`
	Args     []string `json:"args"`
	Expected string   `json:"expected"`
}

type expectedUnit struct {
	Name       string           `json:"name"`
	Code       *string          `json:"code"`
	Counts     map[string]int64 `json:"counts"`
	Indicators map[string]struct {
		Plan  *int64 `json:"plan"`
		Prior *int64 `json:"prior"`
	} `json:"indicators"`
}

type expectedCompute struct {
	Inputs []struct {
		File  string  `json:"file"`
		Sheet *string `json:"sheet"`
	} `json:"inputs"`
	Period        *string        `json:"period"`
	Units         []expectedUnit `json:"units"`
	ExitCode      int            `json:"exit_code"`
	ErrorContains []string       `json:"error_contains"`
}

func loadCases(t *testing.T) []fixtureCase {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtureDir, "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []fixtureCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

// inputOf returns the workbook a case reads (its last argument).
func inputOf(c fixtureCase) string {
	return strings.ReplaceAll(c.Args[len(c.Args)-1], "{dir}", fixtureDir)
}

func TestFixturesRead(t *testing.T) {
	for _, c := range loadCases(t) {
		if c.Kind != "compute" || len(c.Args) != 4 { // plain `compute --format json FILE`
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			checkFixture(t, inputOf(c), filepath.Join(fixtureDir, c.Expected))
		})
	}
}

// TestXLSFixtures reads LibreOffice's .xls copies of the fixtures.
func TestXLSFixtures(t *testing.T) {
	paths, _ := filepath.Glob("../testdata/xls/*.xls")
	if len(paths) == 0 {
		t.Fatal("no .xls fixtures")
	}
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".xls")
		t.Run(name, func(t *testing.T) {
			checkFixture(t, p, filepath.Join(fixtureDir, name+".expected.json"))
		})
	}
}

// checkFixture reads path and compares what was read with the units,
// codes, names, counts, plans and priors of an expected compute file.
func checkFixture(t *testing.T, path, expected string) {
	t.Helper()
	data, err := os.ReadFile(expected)
	if err != nil {
		t.Fatal(err)
	}
	var want expectedCompute
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	tab, err := ReadFile(path, Options{})
	if want.ExitCode != 0 {
		if err == nil {
			t.Fatalf("read succeeded; want an error containing %q", want.ErrorContains)
		}
		for _, s := range want.ErrorContains {
			if !strings.Contains(strings.ReplaceAll(err.Error(), " ", ""), strings.ReplaceAll(s, " ", "")) {
				t.Errorf("error %q does not contain %q", err, s)
			}
		}
		return
	}
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}
	if want.Inputs[0].Sheet != nil && tab.Sheet != *want.Inputs[0].Sheet {
		t.Errorf("sheet %q, want %q", tab.Sheet, *want.Inputs[0].Sheet)
	}
	wantPeriod := ""
	if want.Period != nil {
		wantPeriod = *want.Period
	}
	if tab.Period != wantPeriod {
		t.Errorf("period %q, want %q", tab.Period, wantPeriod)
	}
	if len(tab.Units) != len(want.Units) {
		t.Fatalf("%d units, want %d", len(tab.Units), len(want.Units))
	}
	for i, wu := range want.Units {
		u := tab.Units[i]
		if u.Name != wu.Name {
			t.Errorf("unit %d: name %q, want %q", i, u.Name, wu.Name)
		}
		wantCode := ""
		if wu.Code != nil {
			wantCode = *wu.Code
		}
		if u.Code != wantCode {
			t.Errorf("%s: code %q, want %q", wu.Name, u.Code, wantCode)
		}
		for _, k := range coverage.CountKeys {
			got, gok := u.Counts[k]
			w, wok := wu.Counts[k]
			if gok != wok || got != w {
				t.Errorf("%s: %s = %d (present %v), want %d (present %v)", wu.Name, k, got, gok, w, wok)
			}
		}
		for ind, wi := range wu.Indicators {
			if wi.Plan != nil {
				if got, ok := planOf(&u, ind); !ok || got != *wi.Plan {
					t.Errorf("%s: plan of %s = %d (%v), want %d", wu.Name, ind, got, ok, *wi.Plan)
				}
			}
			if wi.Prior != nil {
				if got, ok := priorOf(&u, ind); !ok || got != *wi.Prior {
					t.Errorf("%s: prior of %s = %d (%v), want %d", wu.Name, ind, got, ok, *wi.Prior)
				}
			}
		}
	}
	for _, is := range tab.Issues {
		t.Errorf("unexpected reading issue %s %s: %s", is.Code, is.Cell, is.Message.EN)
	}
}

// planOf and priorOf mirror the domain rule: bhxh's plan is plan_bhxh, else
// the sum of the mandatory and voluntary plans.
func planOf(u *coverage.Unit, ind string) (int64, bool) {
	if v, ok := u.Counts["plan_"+ind]; ok {
		return v, true
	}
	if ind == "bhxh" {
		a, ok1 := u.Counts["plan_bhxh_mandatory"]
		b, ok2 := u.Counts["plan_bhxh_voluntary"]
		return a + b, ok1 && ok2
	}
	return 0, false
}

func priorOf(u *coverage.Unit, ind string) (int64, bool) {
	if ind == "bhxh" {
		if v, ok := u.Counts["prior_bhxh"]; ok {
			return v, true
		}
		a, ok1 := u.Counts["prior_bhxh_mandatory"]
		b, ok2 := u.Counts["prior_bhxh_voluntary"]
		return a + b, ok1 && ok2
	}
	in, _ := coverage.IndicatorByKey(ind)
	v, ok := u.Counts["prior_"+in.Numerator[0]]
	return v, ok
}

func TestBadFilesNeverPanic(t *testing.T) {
	for _, name := range []string{"bad-not-xlsx.xlsx", "bad-truncated.xlsx", "bad-no-header.xlsx"} {
		_, err := ReadFile(filepath.Join(fixtureDir, name), Options{})
		var fe *FileError
		if !errors.As(err, &fe) {
			t.Errorf("%s: error %v is not a FileError", name, err)
		}
	}
}
