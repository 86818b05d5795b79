package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestThousandHalfUpRates: 1,000 generated units whose exact rates end in 5
// at the third decimal (n/d × 100 = 5·odd/1000) all print rounded half-up,
// in the JSON and in the table. The expected strings come from integer
// arithmetic here, not from the product's code.
func TestThousandHalfUpRates(t *testing.T) {
	var b strings.Builder
	b.WriteString("unit;labour_force;bhxh_mandatory\n")
	want := map[string]string{}
	for i := 0; i < 1000; i++ {
		k := int64(i%7 + 1)
		d := 20000 * k        // rate = n/d × 100 = odd × 0.005 when n = k·odd
		odd := int64(2*i + 1) // 1, 3, 5, … 1999: rates 0.005 … 9.995
		n := k * odd
		name := fmt.Sprintf("Xã số %04d", i+1)
		fmt.Fprintf(&b, "%s;%d;%d\n", name, d, n)
		thousandths := 5 * odd               // exact rate × 1000
		hundredths := (thousandths + 5) / 10 // half-up to 2 decimals
		want[name] = fmt.Sprintf("%d.%02d", hundredths/100, hundredths%100)
	}
	work := t.TempDir()
	in := filepath.Join(work, "half-up.csv")
	writeFile(t, in, b.String())
	out, errOut, code := runBinary(t, work, nil, "compute", "--format", "json", in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Units []struct {
			Name       string `json:"name"`
			Indicators map[string]struct {
				Rate string `json:"rate"`
			} `json:"indicators"`
		} `json:"units"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Units) != 1000 {
		t.Fatalf("%d units", len(doc.Units))
	}
	bad := 0
	for _, u := range doc.Units {
		if got := u.Indicators["bhxh_mandatory"].Rate; got != want[u.Name] {
			if bad++; bad < 10 {
				t.Errorf("%s: rate %s, want %s", u.Name, got, want[u.Name])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of 1000 rates not rounded half-up", bad)
	}
	// the Vietnamese table shows the same figures with a decimal comma
	table, _, code := runBinary(t, work, nil, "compute", in)
	if code != 0 {
		t.Fatal("table run failed")
	}
	for _, name := range []string{"Xã số 0002", "Xã số 0500", "Xã số 1000"} {
		line := ""
		for _, l := range strings.Split(table, "\n") {
			if strings.Contains(l, name) {
				line = l
			}
		}
		if !strings.Contains(line, strings.ReplaceAll(want[name], ".", ",")) {
			t.Errorf("table row %q lacks %s", line, want[name])
		}
	}
}
