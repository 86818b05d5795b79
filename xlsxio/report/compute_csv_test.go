package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
)

func readCSVReport(t *testing.T, b []byte) []map[string]string {
	t.Helper()
	body, ok := bytes.CutPrefix(b, []byte("\uFEFF"))
	if !ok {
		t.Fatal("no UTF-8 BOM")
	}
	recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		rows = append(rows, m)
	}
	return rows
}

// jsonFieldText renders a fixture value the way the CSV writes it.
func jsonFieldText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatInt(int64(v), 10)
	case string:
		return v
	}
	panic(v)
}

// TestComputeCSVRoundTrip reads the CSV back and finds every figure of the
// fixture's expected JSON in the column of its canonical name.
func TestComputeCSVRoundTrip(t *testing.T) {
	for _, c := range computeFixtures {
		t.Run(strings.TrimSuffix(c.file, ".expected.json"), func(t *testing.T) {
			rep := reportFromFixture(t, c.file, c.flags)
			var buf bytes.Buffer
			if err := WriteComputeCSV(&buf, rep); err != nil {
				t.Fatal(err)
			}
			rows := readCSVReport(t, buf.Bytes())
			b, _ := os.ReadFile(fixturePath(c.file))
			var doc fixtureDoc
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			want := append(doc.Units, doc.Total)
			if len(rows) != len(want) {
				t.Fatalf("%d rows, want %d", len(rows), len(want))
			}
			for i, w := range want {
				row := rows[i]
				if row["unit"] != w.Name || row["code"] != deref(w.Code) {
					t.Errorf("row %d: unit %q code %q, want %q %q", i, row["unit"], row["code"], w.Name, deref(w.Code))
				}
				for k, v := range w.Counts {
					if row[k] != strconv.FormatInt(v, 10) {
						t.Errorf("%s: %s = %q, want %d", w.Name, k, row[k], v)
					}
				}
				for ind, figs := range w.Indicators {
					for f, v := range figs {
						if f == "numerator" || f == "denominator" || jsonOnlyFields[f] {
							continue
						}
						col := ind + "_" + f
						got, ok := row[col]
						if !ok {
							t.Fatalf("no column %s", col)
						}
						if got != jsonFieldText(v) {
							t.Errorf("%s: %s = %q, want %q", w.Name, col, got, jsonFieldText(v))
						}
					}
				}
			}
		})
	}
}

func TestComputeCSVColumns(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteComputeCSV(&buf, halfUpReport(0)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimPrefix(buf.String(), "\uFEFF"), "\n")
	wantHead := "unit,code,bhxh_mandatory,bhxh_voluntary,labour_force," +
		"bhxh_rate,bhxh_target,bhxh_target_source,bhxh_gap_pp,bhxh_persons_needed,bhxh_plan,bhxh_plan_completion,bhxh_prior,bhxh_change,bhxh_pace_per_month," +
		"bhxh_mandatory_rate,bhxh_mandatory_target,bhxh_mandatory_target_source,bhxh_mandatory_gap_pp,bhxh_mandatory_persons_needed,bhxh_mandatory_plan,bhxh_mandatory_plan_completion,bhxh_mandatory_prior,bhxh_mandatory_change,bhxh_mandatory_pace_per_month," +
		"bhxh_voluntary_rate,bhxh_voluntary_target,bhxh_voluntary_target_source,bhxh_voluntary_gap_pp,bhxh_voluntary_persons_needed,bhxh_voluntary_plan,bhxh_voluntary_plan_completion,bhxh_voluntary_prior,bhxh_voluntary_change,bhxh_voluntary_pace_per_month"
	if lines[0] != wantHead {
		t.Errorf("header\n%s\nwant\n%s", lines[0], wantHead)
	}
	// 1/8 = 12.5 % → "13" at 0 decimals; 1 of plan 8 → 12.5 % → "13".
	if want := "Một phần tám,,1,0,8,13,50,flag,38,3,,,,,2,13,,,,,8,13,,,,0,,,,,,,,,"; lines[1] != want {
		t.Errorf("row 1\n%s\nwant\n%s", lines[1], want)
	}
	if lines[len(lines)-1] != "" || strings.Contains(buf.String(), "\r") {
		t.Error("want \\n line ends and a final newline")
	}
}
