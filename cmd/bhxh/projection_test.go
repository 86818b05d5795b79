package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// yearTruth is testdata/year/truth.json: the figures gen.py computed apart
// from bhxh (Python fractions), December projections by how many of the
// latest months were given.
type yearTruth struct {
	Indicators map[string]struct {
		Units []struct {
			Code, Name string
			Projection map[string]json.RawMessage
		}
		Total struct {
			Projection map[string]json.RawMessage
		}
	}
}

func readYearTruth(t *testing.T) yearTruth {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "year", "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var tr yearTruth
	if err := json.Unmarshal(b, &tr); err != nil {
		t.Fatal(err)
	}
	return tr
}

// yearIndicators is the definitions file of the year's sub-groups.
func yearIndicators(t *testing.T) string {
	p, err := filepath.Abs(filepath.Join("..", "..", "testdata", "year", "chi-so-nhom.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func yearBooks(t *testing.T, months ...string) []string {
	var out []string
	for _, m := range months {
		out = append(out, filepath.Join("..", "..", "testdata", "year", "son-la-mau-2024-"+m+".xlsx"))
	}
	abs := make([]string, len(out))
	for i, p := range out {
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		abs[i] = a
	}
	return abs
}

// reencodeJSON re-encodes a JSON value so two spellings compare equal.
func reencodeJSON(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// Three, two and one monthly workbooks: every unit's and the total's
// December projection is the least-squares line gen.py fitted apart,
// null (with a no_projection warning) from a single month.
func TestTrendProjectionMatchesTruth(t *testing.T) {
	truth := readYearTruth(t)
	for _, c := range []struct {
		n      string
		months []string
	}{{"3", []string{"09", "10", "11"}}, {"2", []string{"10", "11"}}, {"1", []string{"11"}}} {
		t.Run(c.n+" months", func(t *testing.T) {
			args := append([]string{"trend", "--project", "--indicators", yearIndicators(t), "--target", "bhyt=96.1",
				"--target", "hssv=100", "--target", "hgd=90", "--format", "json"}, yearBooks(t, c.months...)...)
			out, errOut, code := runIn(t, t.TempDir(), nil, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var doc struct {
				Indicators map[string]struct {
					Units []struct {
						Name       string
						Projection json.RawMessage
					}
					Total struct{ Projection json.RawMessage }
				}
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			for _, ind := range []string{"bhyt", "hssv", "hgd"} {
				want, got := truth.Indicators[ind], doc.Indicators[ind]
				if len(got.Units) != len(want.Units) {
					t.Fatalf("%s: %d units, want %d", ind, len(got.Units), len(want.Units))
				}
				for i, u := range want.Units {
					g, w := reencodeJSON(t, got.Units[i].Projection), reencodeJSON(t, u.Projection[c.n])
					if got.Units[i].Name != u.Name || g != w {
						t.Errorf("%s %s: projection\n got %s\nwant %s", ind, u.Name, g, w)
					}
				}
				if g, w := reencodeJSON(t, got.Total.Projection), reencodeJSON(t, want.Total.Projection[c.n]); g != w {
					t.Errorf("%s total: projection\n got %s\nwant %s", ind, g, w)
				}
			}
			if warned := strings.Contains(errOut, "no_projection"); warned != (c.n == "1") {
				t.Errorf("no_projection warned %v with %s months: %s", warned, c.n, errOut)
			}
		})
	}
}

// The table and the xlsx show the same projected rates as the JSON, the
// xlsx with the total's projected line drawn dashed on the chart.
func TestTrendProjectionTableAndXLSX(t *testing.T) {
	truth := readYearTruth(t)
	type proj struct {
		Numerator     int64
		Rate          string
		ReachesTarget bool `json:"reaches_target"`
	}
	want := map[string]proj{}
	for _, u := range truth.Indicators["bhyt"].Units {
		var p proj
		json.Unmarshal(u.Projection["3"], &p)
		want[u.Name] = p
	}
	var tp proj
	json.Unmarshal(truth.Indicators["bhyt"].Total.Projection["3"], &tp)
	want["Tổng cộng"] = tp

	books := yearBooks(t, "09", "10", "11")
	work := t.TempDir()
	table, errOut, code := runIn(t, work, nil, append([]string{"trend", "--project", "--target", "bhyt=96.1"}, books...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(table, "Dự báo 2024-12") {
		t.Errorf("table lacks the projection column:\n%s", table)
	}
	for name, p := range want {
		found := false
		for _, line := range strings.Split(table, "\n") {
			line = strings.TrimSpace(line)
			if !strings.Contains(line, name+" ") {
				continue
			}
			missed := strings.HasSuffix(line, "không đạt")
			found = strings.Contains(line, " "+strings.Replace(p.Rate, ".", ",", 1)+" ") &&
				strings.HasSuffix(line, "đạt") && missed != p.ReachesTarget
		}
		if !found {
			t.Errorf("table: no row %s with %s, reaches %v:\n%s", name, p.Rate, p.ReachesTarget, table)
		}
	}

	if _, errOut, code := runIn(t, work, nil, append([]string{"trend", "--project", "--target", "bhyt=96.1", "-o", "xh.xlsx"}, books...)...); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	f, err := excelize.OpenFile(filepath.Join(work, "xh.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("BHYT", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	head := rows[3]
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	rc, ok := col["Dự báo 2024-12 (%)"]
	pc := col["Dự báo 2024-12 (người)"]
	if !ok || rc != 6 || pc == 0 { // right after the three months, where the chart's categories reach
		t.Fatalf("head %q", head)
	}
	seen := 0
	for _, r := range rows[4:] {
		if len(r) <= pc || r[1] == "" {
			continue
		}
		p, ok := want[r[1]]
		if !ok {
			continue
		}
		seen++
		if r[rc] != p.Rate || r[pc] != itoa64(p.Numerator) {
			t.Errorf("xlsx %s: %s %s, want %s %d", r[1], r[rc], r[pc], p.Rate, p.Numerator)
		}
	}
	if seen != len(want) {
		t.Errorf("xlsx: %d rows with projections, want %d", seen, len(want))
	}
	var chart string
	if b, ok := f.Pkg.Load("xl/charts/chart1.xml"); ok {
		chart = string(b.([]byte))
	}
	if !strings.Contains(chart, `prstDash val="dash"`) || !strings.Contains(chart, "$D$4:$G$4") {
		t.Errorf("chart: no dashed projected line, or categories not up to the projected month")
	}
}
