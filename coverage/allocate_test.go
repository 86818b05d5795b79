package coverage

import (
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// phanBoCoSo is testdata/fixtures/phan-bo-co-so.xlsx, sheet "Cơ sở", as the
// reader hands it over: LLLĐ trong độ tuổi, BHXH bắt buộc, BHXH tự nguyện.
func phanBoCoSo() []Unit {
	rows := []struct {
		name       string
		lf, bb, tn int64
	}{
		{"Thành phố Hưng Long", 58779, 15576, 2116},
		{"Thị xã Mỹ Lộc", 127808, 10735, 3834},
		{"Huyện Hòa Vang Bắc", 40909, 5686, 449},
		{"Huyện Cẩm Xuyên Hạ", 114739, 28455, 3556},
		{"Huyện Phù Cừ Tây", 78785, 13314, 2442},
		{"Huyện Kỳ Sơn Thượng", 42138, 3918, 1559},
		{"Huyện Quế Phong Nam", 91612, 11085, 916},
		{"Huyện Tương Dương Đông", 26207, 2306, 1284},
		{"Huyện Nghi Lộc Hạ", 50617, 6276, 607},
		{"Huyện Yên Thành Tây", 191147, 13648, 3047},
		{"Huyện Thanh Chương Bắc", 109537, 12158, 5367},
	}
	out := make([]Unit, len(rows))
	for i, r := range rows {
		out[i] = Unit{Name: r.name, Counts: map[string]int64{LabourForce: r.lf, BHXHMandatory: r.bb, BHXHVoluntary: r.tn}}
	}
	return out
}

type allocExpected struct {
	Schema      string `json:"schema"`
	Indicator   string `json:"indicator"`
	Method      string `json:"method"`
	Rounding    string `json:"rounding"`
	TotalTarget int64  `json:"total_target"`
	Units       []struct {
		Name        string  `json:"name"`
		Code        *string `json:"code"`
		Denominator int64   `json:"denominator"`
		Current     int64   `json:"current"`
		Target      int64   `json:"target"`
		Increment   int64   `json:"increment"`
		TargetRate  string  `json:"target_rate"`
	} `json:"units"`
	Total struct {
		Denominator int64  `json:"denominator"`
		Current     int64  `json:"current"`
		Target      int64  `json:"target"`
		Increment   int64  `json:"increment"`
		TargetRate  string `json:"target_rate"`
	} `json:"total"`
}

func TestAllocatePhanBoCoSoFixtures(t *testing.T) {
	for _, tc := range []struct {
		file   string
		method Method
	}{
		{"phan-bo-co-so.rate25.expected.json", Proportional},
		{"phan-bo-co-so.rate25-uncovered.expected.json", Uncovered},
	} {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("..", "testdata", "fixtures", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			var want allocExpected
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			units, err := AllocUnitsFrom(phanBoCoSo(), "bhxh")
			if err != nil {
				t.Fatal(err)
			}
			var sumD int64
			for _, u := range units {
				sumD += u.Denominator
			}
			total := TotalForRate(decimal.RequireFromString("25"), sumD)
			if total != want.TotalTarget {
				t.Fatalf("total for 25%%: %d, want %d", total, want.TotalTarget)
			}
			a, err := Allocate(units, AllocRequest{Total: total, Method: tc.method, NoDecrease: true})
			if err != nil {
				t.Fatal(err)
			}
			if string(a.Method) != want.Method || string(a.Rounding) != want.Rounding {
				t.Errorf("method %s/%s, want %s/%s", a.Method, a.Rounding, want.Method, want.Rounding)
			}
			for i, w := range want.Units {
				g := a.Units[i]
				rate, _ := g.TargetRate()
				if g.Name != w.Name || g.Denominator != w.Denominator || g.Current != w.Current ||
					g.Target != w.Target || g.Increment() != w.Increment || rate.Format(2) != w.TargetRate {
					t.Errorf("unit %d: got %s d=%d c=%d target=%d inc=%d rate=%s, want %+v",
						i, g.Name, g.Denominator, g.Current, g.Target, g.Increment(), rate.Format(2), w)
				}
			}
			rate, _ := a.TargetRate()
			if a.Denominator != want.Total.Denominator || a.Current != want.Total.Current || a.Target != want.Total.Target ||
				a.Increment() != want.Total.Increment || rate.Format(2) != want.Total.TargetRate {
				t.Errorf("total: got d=%d c=%d t=%d inc=%d rate=%s, want %+v", a.Denominator, a.Current, a.Target, a.Increment(), rate.Format(2), want.Total)
			}
		})
	}
}

func TestAllocateTieGoesToLargerDenominatorThenBaselineOrder(t *testing.T) {
	// Quotas 1.5 / 1.5 / 1.0 with 4 people: one extra person for two equal
	// halves; the larger denominator wins, and with equal denominators the
	// earlier row.
	units := []AllocUnit{{Name: "A", Denominator: 30}, {Name: "B", Denominator: 30}, {Name: "C", Denominator: 20}}
	a, err := Allocate(units, AllocRequest{Total: 4, Method: Proportional})
	if err != nil {
		t.Fatal(err)
	}
	if got := targets(a); got != "2 1 1" {
		t.Errorf("equal denominators: %s, want 2 1 1 (earlier row)", got)
	}
	units = []AllocUnit{{Name: "A", Denominator: 10, Current: 0}, {Name: "B", Denominator: 30}}
	// uncovered method: weights 10 and 30, increment 2 → quotas 0.5, 1.5: no tie.
	// Proportional total 2 over 10/30 → 0.5 / 1.5: B gets 1 + the 0.5 tie? fracs equal (0.5): larger denominator B.
	a, err = Allocate(units, AllocRequest{Total: 2, Method: Proportional})
	if err != nil {
		t.Fatal(err)
	}
	if got := targets(a); got != "0 2" {
		t.Errorf("tie on fractional part: %s, want 0 2 (larger denominator)", got)
	}
}

func targets(a Allocation) string {
	var s []string
	for _, u := range a.Units {
		s = append(s, big.NewInt(u.Target).String())
	}
	return strings.Join(s, " ")
}

func TestAllocateNoDecreaseFixesUnitsAboveTheRate(t *testing.T) {
	// A already has 50 of 100; a 20 % total (40 of 200) would give it 20.
	units := []AllocUnit{{Name: "A", Denominator: 100, Current: 50}, {Name: "B", Denominator: 100, Current: 0}}
	a, err := Allocate(units, AllocRequest{Total: 60, Method: Proportional, NoDecrease: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := targets(a); got != "50 10" {
		t.Errorf("got %s, want 50 10", got)
	}
	a, err = Allocate(units, AllocRequest{Total: 60, Method: Proportional, NoDecrease: false})
	if err != nil {
		t.Fatal(err)
	}
	if got := targets(a); got != "30 30" {
		t.Errorf("without no-decrease: got %s, want 30 30", got)
	}
}

func TestAllocateInfeasibleSaysWhy(t *testing.T) {
	units := []AllocUnit{{Name: "A", Denominator: 100, Current: 50}, {Name: "B", Denominator: 100, Current: 20}}
	for _, tc := range []struct {
		name string
		req  AllocRequest
		want string
	}{
		{"below current", AllocRequest{Total: 60, Method: Proportional, NoDecrease: true}, "smallest feasible total is 70"},
		{"below current, uncovered", AllocRequest{Total: 60, Method: Uncovered, NoDecrease: true}, "smallest feasible total is 70"},
		{"above denominators", AllocRequest{Total: 201, Method: Proportional, NoDecrease: true}, "largest feasible total is 200"},
		{"min above denominator", AllocRequest{Total: 100, Method: Proportional, Min: 101}, "below the minimum of 101"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Allocate(units, tc.req)
			if !errors.Is(err, ErrInfeasible) {
				t.Fatalf("err %v, want ErrInfeasible", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
		})
	}
	zero := []AllocUnit{{Name: "A", Denominator: 100, Current: 50}, {Name: "B", Denominator: 100, Current: 0}}
	_, err := Allocate(zero, AllocRequest{Total: 170, Method: CurrentShare})
	if !errors.Is(err, ErrInfeasible) || !strings.Contains(err.Error(), "largest feasible total is 100") {
		t.Errorf("current method with a zero-current unit: %v", err)
	}
}

func TestAllocateWithinGroups(t *testing.T) {
	// Two old districts, each with its own total: every group's units sum to
	// the group's total, whatever the other group does.
	units := []AllocUnit{
		{Name: "x1", Denominator: 100, Current: 10, Group: "H1"},
		{Name: "y1", Denominator: 300, Current: 10, Group: "H2"},
		{Name: "x2", Denominator: 200, Current: 10, Group: "H1"},
		{Name: "y2", Denominator: 100, Current: 90, Group: "H2"},
	}
	a, err := Allocate(units, AllocRequest{Method: Proportional, NoDecrease: true, GroupTotals: map[string]int64{"H1": 31, "H2": 100}})
	if err != nil {
		t.Fatal(err)
	}
	if got := targets(a); got != "10 10 21 90" {
		t.Errorf("got %s, want 10 10 21 90 (H1: 31 over 100/200 = 10⅓, 20⅔; H2: y2 keeps 90, y1 gets 10)", got)
	}
	if a.Target != 131 {
		t.Errorf("total %d, want 131", a.Target)
	}
	if _, err := Allocate(units, AllocRequest{Method: Proportional, GroupTotals: map[string]int64{"H1": 31}}); err == nil {
		t.Error("a group without a target was accepted")
	}
}
