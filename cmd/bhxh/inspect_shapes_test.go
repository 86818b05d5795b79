package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rowKinds are what inspect may call a run of rows.
var rowKinds = map[string]bool{
	"units": true, "title": true, "header": true, "numbering": true, "blank": true, "total": true,
	"subtotal": true, "section": true, "heading": true, "breakdown": true, "skipped": true,
	"rejected": true, "footer": true, "second table": true,
}

// TestInspectExplainsEveryShape: a property over the whole shapes corpus,
// not a golden per file. `bhxh inspect`, run in-process on every workbook
// and CSV of testdata/shapes, states a decision for every column (the key
// and how it was matched, or why it is ignored) and accounts for every
// row from the first down, in runs that neither overlap nor leave a gap:
// units, or title, header, numbering, blank, total, subtotal, section,
// heading, breakdown, skipped, rejected, footer, second table, each with
// its reason. A file it cannot show a table of makes it exit 1 with a
// message naming the file and what bhxh saw there.
func TestInspectExplainsEveryShape(t *testing.T) {
	dir := shapesDir(t)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".md") {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			out, errOut, code := runIn(t, t.TempDir(), nil, "inspect", "--format", "json", filepath.Join(dir, name))
			if code != 0 {
				if code != 1 || !strings.Contains(errOut, name+": ") || len(errOut) < len(name)+40 {
					t.Errorf("exit %d, and the message does not say what bhxh saw in %s: %q", code, name, errOut)
				}
				return
			}
			var doc struct {
				Inputs []struct {
					Columns []struct {
						Column string  `json:"column"`
						Key    *string `json:"key"`
						Why    string  `json:"why"`
					} `json:"columns"`
					Units     []struct{ Row int } `json:"units"`
					Total     *struct{ Row int }  `json:"total"`
					Subtotals []struct{ Row int } `json:"subtotals"`
					Rows      []struct {
						Sheet       string
						First, Last int
						What, Why   string
					} `json:"rows"`
				} `json:"inputs"`
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			for _, in := range doc.Inputs {
				if len(in.Columns) == 0 {
					t.Errorf("no column shown")
				}
				for _, c := range in.Columns {
					if strings.TrimSpace(c.Why) == "" || c.Key != nil && *c.Key == "" {
						t.Errorf("column %s: no decision stated (key %v, why %q)", c.Column, c.Key, c.Why)
					}
				}
				if len(in.Rows) == 0 {
					t.Fatalf("no row accounted for")
				}
				kind := map[string]map[int]string{} // sheet → row → what
				next := map[string]int{}
				units := 0
				for _, r := range in.Rows {
					if !rowKinds[r.What] {
						t.Errorf("rows %d–%d: unknown kind %q", r.First, r.Last, r.What)
					}
					if r.What != "units" && r.What != "blank" && r.What != "header" && r.What != "title" && r.Why == "" {
						t.Errorf("rows %d–%d (%s): no reason given", r.First, r.Last, r.What)
					}
					want := next[r.Sheet] + 1
					if r.First != want || r.Last < r.First {
						t.Errorf("sheet %q: rows %d–%d %s follow row %d: a gap or an overlap", r.Sheet, r.First, r.Last, r.What, want-1)
					}
					next[r.Sheet] = r.Last
					if kind[r.Sheet] == nil {
						kind[r.Sheet] = map[int]string{}
					}
					for k := r.First; k <= r.Last && k < r.First+10000; k++ {
						kind[r.Sheet][k] = r.What
					}
					if r.What == "units" {
						units += r.Last - r.First + 1
					}
				}
				if _, joined := kind[""]; !joined {
					continue // forms joined by unit: each sheet's rows, its own units
				}
				if units != len(in.Units) {
					t.Errorf("%d rows of units, %d units", units, len(in.Units))
				}
				for _, u := range in.Units {
					if kind[""][u.Row] != "units" {
						t.Errorf("unit row %d shown as %q", u.Row, kind[""][u.Row])
					}
				}
				if in.Total != nil && kind[""][in.Total.Row] != "total" {
					t.Errorf("total row %d shown as %q", in.Total.Row, kind[""][in.Total.Row])
				}
				for _, s := range in.Subtotals {
					if k := kind[""][s.Row]; k != "subtotal" {
						t.Errorf("subtotal row %d shown as %q", s.Row, k)
					}
				}
			}
		})
	}
	if n < 48 {
		t.Errorf("%d files in the shapes corpus, want 48 or more", n)
	}
}
