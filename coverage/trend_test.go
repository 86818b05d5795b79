package coverage

import (
	"fmt"
	"strings"
	"testing"
)

func tu(name, code string, counts map[string]int64) Unit {
	return Unit{Name: name, Code: code, Counts: counts}
}

func rateOf(s Series, p int) string {
	if s.Points[p] == nil {
		return "<missing>"
	}
	return pctStr(s.Points[p].Rate)
}

func TestTrendMatchesUnitsByCodeThenName(t *testing.T) {
	months := []Month{
		// Given out of order: the trend sorts by period.
		{Period: "2023-11", Source: "t11.xlsx", Units: []Unit{
			tu("Xã Hòa Bình", "04402", map[string]int64{"bhxh_mandatory": 120, "bhxh_voluntary": 30, "labour_force": 1000}),
			tu("Phường Thủy Dương", "", map[string]int64{"bhxh_mandatory": 300, "bhxh_voluntary": 10, "labour_force": 900}),
			tu("Xã Mới", "04410", map[string]int64{"bhxh_mandatory": 5, "bhxh_voluntary": 5, "labour_force": 100}),
		}},
		{Period: "2023-10", Source: "t10.xlsx", Units: []Unit{
			// Spelled the old way: matched by its code.
			tu("Xã Hoà Bình", "04402", map[string]int64{"bhxh_mandatory": 100, "bhxh_voluntary": 30, "labour_force": 1000}),
			tu("phường thủy dương", "", map[string]int64{"bhxh_mandatory": 290, "bhxh_voluntary": 10, "labour_force": 900}),
		}},
	}
	// Case-blind names stand in for the reader's matcher here.
	lower := func(_ string, seen, units []Unit) ([]int, error) {
		lowered := func(us []Unit) []Unit {
			out := make([]Unit, len(us))
			for i, u := range us {
				out[i] = Unit{Name: strings.ToLower(u.Name), Code: u.Code}
			}
			return out
		}
		return lineUpExactly("", lowered(seen), lowered(units))
	}
	tr, err := ComputeTrend(months, TrendOptions{LineUp: lower})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tr.Periods, ","); got != "2023-10,2023-11" {
		t.Fatalf("periods %s", got)
	}
	if got := strings.Join(tr.Sources, ","); got != "t10.xlsx,t11.xlsx" {
		t.Fatalf("sources %s", got)
	}
	var keys []string
	for _, it := range tr.Indicators {
		keys = append(keys, it.Key)
	}
	// pension, bhtn and bhyt have no counts anywhere: no sheet for them.
	if got := strings.Join(keys, ","); got != "bhxh,bhxh_mandatory,bhxh_voluntary" {
		t.Fatalf("indicators %s", got)
	}
	bhxh := tr.Indicators[0]
	if len(bhxh.Units) != 3 {
		t.Fatalf("%d units, want 3: %+v", len(bhxh.Units), bhxh.Units)
	}
	want := []struct{ name, code, r0, r1, change string }{
		{"Xã Hòa Bình", "04402", "13.00", "15.00", "2.00"}, // latest name wins
		{"Phường Thủy Dương", "", "33.33", "34.44", "1.11"},
		{"Xã Mới", "04410", "<missing>", "10.00", "<nil>"}, // missing, not zero
	}
	for i, w := range want {
		s := bhxh.Units[i]
		if s.Name != w.name || s.Code != w.code || rateOf(s, 0) != w.r0 || rateOf(s, 1) != w.r1 || pctStr(s.Change(1)) != w.change {
			t.Errorf("unit %d = %s %s %s %s Δ%s, want %+v", i, s.Name, s.Code, rateOf(s, 0), rateOf(s, 1), pctStr(s.Change(1)), w)
		}
	}
	// Totals are sums of counts then a division: 2023-10 = 430/1900,
	// 2023-11 = 470/2000; the mean of unit rates would differ.
	if got := rateOf(bhxh.Total, 0); got != "22.63" {
		t.Errorf("total 2023-10 = %s, want 22.63", got)
	}
	if got := rateOf(bhxh.Total, 1); got != "23.50" {
		t.Errorf("total 2023-11 = %s, want 23.50", got)
	}
	if p := bhxh.Total.Points[1]; p.Numerator != 470 || *p.Denominator != 2000 {
		t.Errorf("total 2023-11 = %d/%d, want 470/2000", p.Numerator, *p.Denominator)
	}
	if got := pctStr(bhxh.Total.Change(1)); got != "0.87" { // 23.5 − 22.6315… = 0.868…
		t.Errorf("total change %s, want 0.87", got)
	}
	if bhxh.Total.Name != DefaultTotalName {
		t.Errorf("total name %q", bhxh.Total.Name)
	}
}

func TestTrendOrdersUnitsAsTheLatestMonth(t *testing.T) {
	c := map[string]int64{"bhyt": 1, "population": 2}
	tr, err := ComputeTrend([]Month{
		{Period: "2023-10", Source: "a", Units: []Unit{tu("Gone", "", c), tu("B", "", c), tu("A", "", c), tu("Gone too", "", c)}},
		{Period: "2023-11", Source: "b", Units: []Unit{tu("Gone too", "", c), tu("A", "", c), tu("B", "", c)}},
		{Period: "2023-12", Source: "c", Units: []Unit{tu("A", "", c), tu("New", "", c), tu("B", "", c)}},
	}, TrendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range tr.Indicators[0].Units {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, ","); got != "A,New,B,Gone too,Gone" {
		t.Errorf("order %s", got)
	}
}

func TestTrendSamePeriodTwiceIsAnError(t *testing.T) {
	_, err := ComputeTrend([]Month{
		{Period: "2023-11", Source: "a.xlsx"},
		{Period: "2023-10", Source: "b.xlsx"},
		{Period: "2023-11", Source: "c.xlsx"},
	}, TrendOptions{})
	if err == nil || !strings.Contains(err.Error(), "a.xlsx and c.xlsx are both for 2023-11") {
		t.Fatalf("err = %v", err)
	}
}

func TestTrendSameUnitTwiceInAMonthIsAnError(t *testing.T) {
	_, err := ComputeTrend([]Month{{Period: "2023-11", Source: "a.xlsx", Units: []Unit{
		tu("Xã A", "001", map[string]int64{"bhyt": 1, "population": 2}),
		tu("Xã A (mới)", "001", map[string]int64{"bhyt": 1, "population": 2}),
	}}}, TrendOptions{})
	if err == nil || !strings.Contains(err.Error(), `a.xlsx: units "Xã A" and "Xã A (mới)"`) {
		t.Fatalf("err = %v", err)
	}
}

func TestTrendDifferentCodesSameNameAreDifferentUnits(t *testing.T) {
	tr, err := ComputeTrend([]Month{{Period: "2023-11", Source: "a.xlsx", Units: []Unit{
		tu("Xã Tân Lập", "001", map[string]int64{"bhyt": 1, "population": 2}),
		tu("Xã Tân Lập", "002", map[string]int64{"bhyt": 1, "population": 4}),
	}}}, TrendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(tr.Indicators[0].Units); n != 2 {
		t.Fatalf("%d units, want 2", n)
	}
}

func TestTrendZeroDenominatorIsNoRate(t *testing.T) {
	tr, err := ComputeTrend([]Month{
		{Period: "2023-10", Source: "a", Units: []Unit{tu("Xã A", "", map[string]int64{"bhyt": 0, "population": 0})}},
		{Period: "2023-11", Source: "b", Units: []Unit{tu("Xã A", "", map[string]int64{"bhyt": 5, "population": 10})}},
	}, TrendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := tr.Indicators[0].Units[0]
	if s.Points[0] == nil || s.Points[0].Rate != nil || rateOf(s, 1) != "50.00" || s.Change(1) != nil {
		t.Fatalf("series %+v", s)
	}
	if len(tr.Warnings[0]) == 0 {
		t.Error("no no_denominator warning for the zero population")
	}
}

// The case: one unit missing in one month. The total's rate that
// month is over the units reporting (26.25, marked incomplete), and each
// change of the total is over the units reporting both months: +0.05 and
// +0.18, not the false −1.25 and +1.43 of the raw totals.
func TestTrendTotalLikeForLike(t *testing.T) {
	unit := func(name string, num, den int64) Unit {
		return Unit{Name: name, Counts: map[string]int64{BHYT: num, Population: den}}
	}
	months := []Month{
		{Period: "2025-01", Units: []Unit{unit("A", 2880, 10000), unit("B", 2620, 10000)}},
		{Period: "2025-02", Units: []Unit{unit("B", 2625, 10000)}},
		{Period: "2025-03", Units: []Unit{unit("A", 2893, 10000), unit("B", 2643, 10000)}},
	}
	tr, err := ComputeTrend(months, TrendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	it := tr.Indicators[0]
	var rates, naive, lfl []string
	for p := range tr.Periods {
		rates = append(rates, it.Total.Points[p].Rate.Format(2))
		if p > 0 {
			naive = append(naive, it.Total.Change(p).Format(2))
			lfl = append(lfl, it.TotalChanges[p].Format(2))
		}
	}
	if strings.Join(rates, " ") != "27.50 26.25 27.68" || strings.Join(naive, " ") != "-1.25 1.43" {
		t.Fatalf("totals %v, raw changes %v", rates, naive)
	}
	if strings.Join(lfl, " ") != "0.05 0.18" {
		t.Errorf("like-for-like changes %v, want 0.05 0.18", lfl)
	}
	if fmt.Sprint(it.TotalComplete) != "[true false true]" || fmt.Sprint(it.TotalUnits) != "[2 1 2]" || fmt.Sprint(it.ChangeUnits) != "[0 1 1]" {
		t.Errorf("complete %v units %v change units %v", it.TotalComplete, it.TotalUnits, it.ChangeUnits)
	}
}
