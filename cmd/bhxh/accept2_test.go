package main

import (
	"encoding/json"
	"path/filepath"
	"testing"
)

// A targets file typed by hand names units the short way ("P. Tân An") with
// codes as numbers (4410 for "04410"): the row is a unit's target, not a
// section heading dropped without a word.
func TestTargetsAbbreviatedUnitName(t *testing.T) {
	dir := t.TempDir()
	tf := filepath.Join(dir, "chi-tieu.csv")
	writeFile(t, tf, "Mã đơn vị,Tên đơn vị,Chỉ tiêu BHYT (%)\n4402,Phường Hòa Bình,97.5\n4410,P. Tân An,98\n,Toàn tỉnh,94\n")
	out, stderr, code := runBinary(t, dir, nil, "compute", "--targets", tf, "--target", "bhyt=96", "--format", "json",
		filepath.Join(fixturesDir(t), "xa-phuong-2025-10.xlsx"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep struct {
		Units []struct {
			Code       string
			Indicators map[string]struct {
				Target       *string `json:"target"`
				TargetSource *string `json:"target_source"`
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"04402": "97.50", "04410": "98.00", "04437": "96.00"}
	for _, u := range rep.Units {
		w, ok := want[u.Code]
		if !ok {
			continue
		}
		got := u.Indicators["bhyt"]
		if got.Target == nil || *got.Target != w {
			t.Errorf("unit %s: bhyt target %v, want %s", u.Code, got.Target, w)
		}
	}
}
