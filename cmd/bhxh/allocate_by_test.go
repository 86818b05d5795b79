package main

import (
	"encoding/json"
	"path/filepath"
	"testing"
)

// --by splits within each old district its own target, given as people or
// as a rate of its communes' summed denominator.
func TestAllocateByParentEndToEnd(t *testing.T) {
	work := t.TempDir()
	writeFile(t, filepath.Join(work, "xa.csv"), "Đơn vị;Huyện cũ;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện\n"+
		"Xã A1;Huyện A;1000;200;10\nXã A2;Huyện A;3000;500;20\nXã B1;Huyện B;2000;300;30\nXã B2;Huyện B;2000;100;40\n")
	writeFile(t, filepath.Join(work, "people.csv"), "Đơn vị;Kế hoạch giao BHXH (người)\nHuyện A;1200\nHuyện B;900\n")
	writeFile(t, filepath.Join(work, "rates.csv"), "Đơn vị;Chỉ tiêu tỷ lệ BHXH (%)\nHuyện A;30\nHuyện B;20\n")
	for _, c := range []struct {
		parents string
		want    map[string]int64
		total   int64
	}{
		{"people.csv", map[string]int64{"Xã A1": 300, "Xã A2": 900, "Xã B1": 450, "Xã B2": 450}, 2100},
		{"rates.csv", map[string]int64{"Xã A1": 300, "Xã A2": 900, "Xã B1": 400, "Xã B2": 400}, 2000},
	} {
		out, errOut, code := runIn(t, work, nil, "allocate", "--format", "json", "--indicator", "bhxh",
			"--by", "Huyện cũ", "--parent-targets", c.parents, "xa.csv")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", c.parents, code, errOut)
		}
		var doc struct {
			TotalTarget int64 `json:"total_target"`
			Units       []struct {
				Name   string `json:"name"`
				Target int64  `json:"target"`
			} `json:"units"`
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.TotalTarget != c.total {
			t.Errorf("%s: total %d, want %d", c.parents, doc.TotalTarget, c.total)
		}
		for _, u := range doc.Units {
			if u.Target != c.want[u.Name] {
				t.Errorf("%s: %s target %d, want %d", c.parents, u.Name, u.Target, c.want[u.Name])
			}
		}
	}
}
