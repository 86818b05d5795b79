package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testdataDir is testdata/NAME at the repository root.
func testdataDir(t *testing.T, name string) string {
	t.Helper()
	d, err := filepath.Abs(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// readTruth reads a generator's truth.json into v.
func readTruth(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
}

// computeDoc is the part of bhxh.compute/v1 the tests read.
type computeDoc struct {
	Units  []computeUnitDoc
	Total  computeUnitDoc
	Issues []struct {
		Level, Code, File, Message string
		Sheet, Cell                *string
	}
}

type computeUnitDoc struct {
	Name       string
	Code       *string
	Counts     map[string]int64
	Indicators map[string]struct {
		Numerator   int64
		Denominator *int64
		Rate        *string
		Prior       *int64
		Change      *int64
	}
	Sources map[string][]string
}

func computeJSON(t *testing.T, args ...string) computeDoc {
	t.Helper()
	out, errw, code := runCmd(append(args, "--format", "json")...)
	if code != exitOK {
		t.Fatalf("bhxh %s: exit %d\n%s", strings.Join(args, " "), code, errw)
	}
	var doc computeDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return doc
}

// The README's own path: participant lists → counts, then the counts joined
// with a denominators file gives every unit's rates, exactly.
func TestCountThenComputeMerge(t *testing.T) {
	dir := testdataDir(t, "join")
	var truth struct {
		Units map[string]struct {
			Name        string
			Counts      map[string]int64
			LabourForce int64 `json:"labour_force"`
			Population  int64
			Rates       map[string]string
		}
		Total struct {
			Counts map[string]int64
			Rates  map[string]string
		}
	}
	readTruth(t, filepath.Join(dir, "truth.json"), &truth)
	counts := filepath.Join(t.TempDir(), "so-nguoi.xlsx")
	if _, errw, code := runCmd("count", filepath.Join(dir, "ds.xlsx"), "-o", counts); code != exitOK {
		t.Fatalf("count: exit %d\n%s", code, errw)
	}
	doc := computeJSON(t, "compute", "--merge", counts, filepath.Join(dir, "mau-so.csv"))
	if len(doc.Units) != len(truth.Units) {
		t.Fatalf("%d units, want %d", len(doc.Units), len(truth.Units))
	}
	for _, u := range doc.Units {
		want, ok := truth.Units[*u.Code]
		if !ok {
			t.Errorf("unit %q %v not expected", u.Name, *u.Code)
			continue
		}
		for k, v := range want.Counts {
			if u.Counts[k] != v {
				t.Errorf("%s %s = %d, want %d", u.Name, k, u.Counts[k], v)
			}
		}
		if u.Counts["labour_force"] != want.LabourForce || u.Counts["population"] != want.Population {
			t.Errorf("%s denominators %v, want %d, %d", u.Name, u.Counts, want.LabourForce, want.Population)
		}
		for ind, rate := range want.Rates {
			if r := u.Indicators[ind].Rate; r == nil || *r != rate {
				t.Errorf("%s %s rate %s, want %s", u.Name, ind, str(r), rate)
			}
		}
	}
	for ind, rate := range truth.Total.Rates {
		if r := doc.Total.Indicators[ind].Rate; r == nil || *r != rate {
			t.Errorf("total %s rate %s, want %s", ind, str(r), rate)
		}
	}
	for _, is := range doc.Issues {
		if is.Code == "missing_unit" || is.Code == "no_denominator" {
			t.Errorf("issue %s: %s", is.Code, is.Message)
		}
	}
}

func str(p *string) string {
	if p == nil {
		return "null"
	}
	return *p
}
