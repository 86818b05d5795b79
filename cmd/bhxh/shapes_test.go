package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The shapes corpus (testdata/shapes, README there): real-shaped workbooks
// for issues 11 and 12, each with its truth written by the script that laid
// it out. cases.json holds the cases bhxh gets right; pending.json the ones
// it does not yet. An implementer moves a case from pending.json to
// cases.json when it passes, never editing its expected file.
//
// An expected file is a PARTIAL output: only the fields it holds are
// compared. Besides the output's own fields it may hold
//
//	exit_code        the exit code (default 0); a failing run must print nothing on stdout
//	error_contains   strings the error (stderr) of a failing run must contain
//	stderr_contains  strings stderr must contain (warnings, the sheet bhxh chose and why)
//	stdout_contains  strings stdout must contain (inspect's text)
//	issues_absent    issue codes the JSON output must not hold
//
// and in the partial JSON: objects compare the keys present; null means
// "absent or null"; arrays compare element by element and must be as long,
// except "issues", where every listed issue must match one of the output's.

// shapeCase is one entry of cases.json or pending.json.
type shapeCase struct {
	Name     string   `json:"name"`
	Issue    int      `json:"issue"`
	Args     []string `json:"args"`
	Expected string   `json:"expected"`
}

// The control fields of an expected file; everything else is output.
var shapeControls = []string{"exit_code", "error_contains", "stderr_contains", "stdout_contains", "issues_absent"}

func shapesDir(t *testing.T) string {
	t.Helper()
	d, err := filepath.Abs(filepath.Join("..", "..", "testdata", "shapes"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func loadShapeCases(t *testing.T, path string) []shapeCase {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []shapeCase
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cases); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return cases
}

// TestShapes runs every case of testdata/shapes/cases.json in-process.
func TestShapes(t *testing.T) {
	dir := shapesDir(t)
	cases := loadShapeCases(t, filepath.Join(dir, "cases.json"))
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			for _, p := range checkShapeCase(dir, c) {
				t.Errorf("case %s (issue %d): %s", c.Name, c.Issue, p)
			}
		})
	}
}

// TestShapesPendingAreWellFormed keeps the corpus valid while bhxh does
// not yet pass the pending cases: every case names files that exist and
// an expected file that parses and asserts something; names are unique
// across both lists; every file of the folder is used by a case. With
// BHXH_SHAPES_PENDING=1 it also runs the pending cases and lists those
// that now pass (to move to cases.json), logging why the others fail.
func TestShapesPendingAreWellFormed(t *testing.T) {
	dir := shapesDir(t)
	passing := loadShapeCases(t, filepath.Join(dir, "cases.json"))
	pending := loadShapeCases(t, filepath.Join(dir, "pending.json"))
	used := map[string]bool{"cases.json": true, "pending.json": true, "README.md": true}
	seen := map[string]string{}
	for list, cases := range map[string][]shapeCase{"cases.json": passing, "pending.json": pending} {
		for _, c := range cases {
			if prev, ok := seen[c.Name]; ok {
				t.Errorf("case %s is in %s and %s", c.Name, prev, list)
			}
			seen[c.Name] = list
			if c.Issue != 11 && c.Issue != 12 {
				t.Errorf("%s %s: issue %d, want 11 or 12", list, c.Name, c.Issue)
			}
			if len(c.Args) == 0 {
				t.Errorf("%s %s: no args", list, c.Name)
			}
			for _, a := range c.Args {
				if name, ok := strings.CutPrefix(a, "{dir}/"); ok {
					used[name] = true
					if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
						t.Errorf("%s %s: %v", list, c.Name, err)
					}
				}
			}
			used[c.Expected] = true
			want, err := readShapeExpected(filepath.Join(dir, c.Expected))
			if err != nil {
				t.Errorf("%s %s: %v", list, c.Name, err)
				continue
			}
			if len(want) == 0 {
				t.Errorf("%s %s: %s asserts nothing", list, c.Name, c.Expected)
			}
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() && !used[e.Name()] {
			t.Errorf("testdata/shapes/%s is used by no case", e.Name())
		}
	}
	if os.Getenv("BHXH_SHAPES_PENDING") == "" {
		return
	}
	var now []string
	for _, c := range pending {
		problems := checkShapeCase(dir, c)
		if len(problems) == 0 {
			now = append(now, c.Name)
			continue
		}
		t.Logf("pending %s (issue %d):\n\t%s", c.Name, c.Issue, strings.Join(problems, "\n\t"))
	}
	t.Logf("%d of %d pending cases pass now (move them to cases.json): %s", len(now), len(pending), strings.Join(now, " "))
}

// runShape runs a case in-process, or through the built binary named by
// BHXH_SHAPES_BIN (`make build && BHXH_SHAPES_BIN=$PWD/bin/bhxh go test
// ./cmd/bhxh -run TestShapes`): the corpus's truths hold for what users run.
func runShape(args []string, stdout, stderr *bytes.Buffer) int {
	bin := os.Getenv("BHXH_SHAPES_BIN")
	if bin == "" {
		return run(args, strings.NewReader(""), stdout, stderr)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	fmt.Fprintf(stderr, "cannot run %s: %v", bin, err)
	return -1
}

func readShapeExpected(path string) (map[string]any, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var want map[string]any
	if err := dec.Decode(&want); err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Base(path), err)
	}
	return want, nil
}

// checkShapeCase runs one case through run() and returns what differs from
// its expected file, each problem naming the field path, got and want.
func checkShapeCase(dir string, c shapeCase) []string {
	want, err := readShapeExpected(filepath.Join(dir, c.Expected))
	if err != nil {
		return []string{err.Error()}
	}
	args := make([]string, len(c.Args))
	for i, a := range c.Args {
		args[i] = strings.ReplaceAll(a, "{dir}", dir)
	}
	// The truths name errors and warnings in English: the cases that
	// check them run with --lang en (the others in the default language).
	if want["error_contains"] != nil || want["stderr_contains"] != nil {
		args = inEnglish(args)
	}
	var stdout, stderr bytes.Buffer
	code := runShape(args, &stdout, &stderr)

	var problems []string
	bad := func(format string, a ...any) { problems = append(problems, fmt.Sprintf(format, a...)) }
	wantCode := 0
	if n, ok := want["exit_code"].(json.Number); ok {
		i, _ := n.Int64()
		wantCode = int(i)
	}
	if code != wantCode {
		bad("exit code: got %d, want %d; stderr: %s", code, wantCode, clip(stderr.String()))
		return problems
	}
	for _, s := range stringsOf(want["error_contains"]) {
		if !strings.Contains(stderr.String(), s) {
			bad("error: does not contain %q; got: %s", s, clip(stderr.String()))
		}
	}
	for _, s := range stringsOf(want["stderr_contains"]) {
		if !strings.Contains(stderr.String(), s) {
			bad("stderr: does not contain %q; got: %s", s, clip(stderr.String()))
		}
	}
	for _, s := range stringsOf(want["stdout_contains"]) {
		if !strings.Contains(stdout.String(), s) {
			bad("stdout: does not contain %q; got: %s", s, clip(stdout.String()))
		}
	}
	if wantCode != 0 {
		if stdout.Len() != 0 {
			bad("a failed run printed output: %s", clip(stdout.String()))
		}
		return problems
	}
	partial := map[string]any{}
	for k, v := range want {
		partial[k] = v
	}
	for _, k := range shapeControls {
		delete(partial, k)
	}
	absent := stringsOf(want["issues_absent"])
	if len(partial) == 0 && len(absent) == 0 {
		return problems
	}
	dec := json.NewDecoder(&stdout)
	dec.UseNumber()
	var got map[string]any
	if err := dec.Decode(&got); err != nil {
		bad("output is not JSON: %v", err)
		return problems
	}
	matchPartial("", partial, got, bad)
	if iss, ok := got["issues"].([]any); ok {
		for _, code := range absent {
			for i, is := range iss {
				if m, ok := is.(map[string]any); ok && m["code"] == code {
					bad(".issues[%d]: got %s, want no %q issue", i, brief(is), code)
				}
			}
		}
	}
	return problems
}

// matchPartial reports, through bad, every path where got does not hold
// what want says (see the comment at the top of this file).
func matchPartial(path string, want, got any, bad func(string, ...any)) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			bad("%s: got %s, want an object %s", orRoot(path), brief(got), brief(want))
			return
		}
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			gv, present := g[k]
			switch {
			case w[k] == nil:
				if present && gv != nil {
					bad("%s.%s: got %s, want absent or null", path, k, brief(gv))
				}
			case !present:
				bad("%s.%s: missing, want %s", path, k, brief(w[k]))
			default:
				matchPartial(path+"."+k, w[k], gv, bad)
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			bad("%s: got %s, want an array %s", orRoot(path), brief(got), brief(want))
			return
		}
		if strings.HasSuffix(path, ".issues") {
			for i, wi := range w {
				if !anyMatches(wi, g) {
					bad("%s[%d]: no issue matches %s; got %s", path, i, brief(wi), brief(got))
				}
			}
			return
		}
		if len(g) != len(w) {
			bad("%s: got %d elements, want %d: got %s, want %s", path, len(g), len(w), brief(got), brief(want))
			return
		}
		for i := range w {
			matchPartial(path+"["+strconv.Itoa(i)+"]", w[i], g[i], bad)
		}
	default:
		if !reflect.DeepEqual(want, got) {
			bad("%s: got %s, want %s", orRoot(path), brief(got), brief(want))
		}
	}
}

func anyMatches(want any, got []any) bool {
	for _, g := range got {
		ok := true
		matchPartial("", want, g, func(string, ...any) { ok = false })
		if ok {
			return true
		}
	}
	return false
}

func orRoot(path string) string {
	if path == "" {
		return "(output)"
	}
	return path
}

func stringsOf(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, s := range list {
		if str, ok := s.(string); ok {
			out = append(out, str)
		}
	}
	return out
}

// brief is a value as JSON, cut to a readable length.
func brief(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return clip(string(b))
}

func clip(s string) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) > 400 {
		return string(r[:400]) + "…"
	}
	return string(r)
}
