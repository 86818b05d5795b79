package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestFixtureCases runs every case of testdata/fixtures/cases.json through
// the built binary and compares with its expected file: all fields but
// inputs[].sha256 and issues[].message, which are informative.
func TestFixtureCases(t *testing.T) {
	dir := fixturesDir(t)
	raw, err := os.ReadFile(filepath.Join(dir, "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name     string   `json:"name"`
		Kind     string   `json:"kind"`
		Args     []string `json:"args"`
		Expected string   `json:"expected"`
	}
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			args := make([]string, len(c.Args))
			for i, a := range c.Args {
				args[i] = strings.ReplaceAll(a, "{dir}", dir)
			}
			work := t.TempDir()
			stdout, stderr, code := runIn(t, work, nil, args...)
			wantRaw, err := os.ReadFile(filepath.Join(dir, c.Expected))
			if err != nil {
				t.Fatal(err)
			}
			var want map[string]any
			if err := json.Unmarshal(wantRaw, &want); err != nil {
				t.Fatal(err)
			}
			if ec, ok := want["exit_code"]; ok {
				if code != int(ec.(float64)) {
					t.Fatalf("exit code %d, want %v; stderr:\n%s", code, ec, stderr)
				}
				if stdout != "" {
					t.Errorf("a failed run printed output:\n%s", stdout)
				}
				for _, s := range want["error_contains"].([]any) {
					if !strings.Contains(stderr, s.(string)) {
						t.Errorf("error does not contain %q:\n%s", s, stderr)
					}
				}
				if left, _ := os.ReadDir(work); len(left) != 0 {
					t.Errorf("a failed run left files: %v", left)
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(stdout), &got); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, stdout)
			}
			scrub(got)
			scrub(want)
			diffJSON(t, "", want, got)
		})
	}
}

// scrub removes the fields the fixtures leave out or call informative,
// each unit's sources and from (checked against the workbooks' cells by
// TestDemoFiguresTraceToCells), and the additions the fixtures predate:
// rank, evaluation and sort (TestComputeEvaluationAgreesAcrossOutputs and
// TestComputeSortRanks check them).
func scrub(doc map[string]any) {
	if units, ok := doc["units"].([]any); ok {
		for _, u := range units {
			delete(u.(map[string]any), "sources")
			delete(u.(map[string]any), "from")
			delete(u.(map[string]any), "rank")
		}
	}
	delete(doc, "evaluation")
	delete(doc, "sort")
	if ins, ok := doc["inputs"].([]any); ok {
		for _, in := range ins {
			delete(in.(map[string]any), "sha256")
		}
	}
	if iss, ok := doc["issues"].([]any); ok {
		for _, is := range iss {
			delete(is.(map[string]any), "message")
		}
	}
}

// diffJSON reports every path where got differs from want.
func diffJSON(t *testing.T, path string, want, got any) {
	t.Helper()
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			t.Errorf("%s: got %v, want an object", path, got)
			return
		}
		for k := range w {
			if _, ok := g[k]; !ok {
				t.Errorf("%s.%s: missing", path, k)
				continue
			}
			diffJSON(t, path+"."+k, w[k], g[k])
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				t.Errorf("%s.%s: unexpected field (%v)", path, k, g[k])
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			t.Errorf("%s: got %v, want %v", path, got, want)
			return
		}
		for i := range w {
			diffJSON(t, path+"["+strconv.Itoa(i)+"]", w[i], g[i])
		}
	default:
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%s: got %v, want %v", path, got, want)
		}
	}
}
