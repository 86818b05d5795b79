package coverage

import (
	"github.com/shopspring/decimal"
	"strings"
	"testing"
)

func TestLeastSquaresAtByHand(t *testing.T) {
	cases := []struct {
		name string
		pts  [][2]int64
		at   int64
		want int64
	}{
		// n=3, Σx=30, Σy=8505, Σx²=302, Σxy=85125: b = 225/6 = 37.5,
		// a = (8505 − 1125)/3 = 2460, ŷ(12) = 2460 + 450 = 2910.
		{"three months, exact", [][2]int64{{9, 2800}, {10, 2830}, {11, 2875}}, 12, 2910},
		// b = 24/14 = 12/7, a = 8: ŷ(12) = 8 + 144/7 = 28.57 → 29; ŷ(5) = 16.57 → 17.
		{"a gap in the months", [][2]int64{{1, 10}, {2, 11}, {4, 15}}, 12, 29},
		{"between fitted months", [][2]int64{{1, 10}, {2, 11}, {4, 15}}, 5, 17},
		// b = 1/2, a = −1/2: ŷ(12) = 5.5, half-up → 6.
		{"half a person rounds up", [][2]int64{{1, 0}, {3, 1}}, 12, 6},
		// falling 50 a month from 100: ŷ(12) = −450 → 0.
		{"never below zero", [][2]int64{{1, 100}, {2, 50}}, 12, 0},
		{"two months, a line through both", [][2]int64{{10, 100}, {11, 103}}, 12, 106},
		{"flat", [][2]int64{{3, 7}, {4, 7}, {5, 7}}, 12, 7},
		// next year's March on this year's scale: month 15.
		{"past December", [][2]int64{{10, 100}, {11, 103}}, 15, 115},
	}
	for _, c := range cases {
		if got := LeastSquaresAt(c.pts, c.at); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}

func bhytMonth(period string, units ...Unit) Month {
	return Month{Period: period, Source: "t" + period + ".xlsx", Units: units}
}

func TestProjectTrend(t *testing.T) {
	// A: 2800, 2830, 2875 of 28830 (Sep–Nov 2023) → 2910 in December,
	//    2910/28830 = 10.0936… % ≥ 10 %: reaches.
	// B: 500, 510 (Oct–Nov; absent in Sep) of 1000 → 520 in December,
	//    52 % < 95 % (its own target in November): does not.
	// Total: over the months whose units are November's (A and B): Oct
	//   2830+500 = 3330, Nov 2875+510 = 3385 → 3440 in December, over
	//   November's 28830+1000 = 29830: 11.5320… % ≥ 10 %: reaches. (With
	//   September's A alone in it, the line would carry B's arrival on.)
	unit := func(name string, num, den int64, target string) Unit {
		u := Unit{Name: name, Counts: map[string]int64{"bhxh_voluntary": num, "labour_force": den}}
		if target != "" {
			u.Percents = map[string]decimal.Decimal{"target_bhxh_voluntary": dec(target)}
		}
		return u
	}
	months := []Month{
		bhytMonth("2022-12", unit("A", 9999, 28830, "")), // last year: not fitted
		bhytMonth("2023-09", unit("A", 2800, 28830, "")),
		bhytMonth("2023-10", unit("A", 2830, 28830, ""), unit("B", 500, 1000, "")),
		bhytMonth("2023-11", unit("A", 2875, 28830, ""), unit("B", 510, 1000, "95")),
	}
	tr, err := ComputeTrend(months, TrendOptions{Flags: map[string]Target{"bhxh_voluntary": {Rate: dec("10")}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := ProjectTrend(&tr, ""); err != nil {
		t.Fatal(err)
	}
	it := tr.Indicators[0]
	type want struct {
		months  int
		num     string
		rate    string
		reaches string
	}
	show := func(p *Projection) want {
		w := want{months: p.Months, num: intStr(p.Numerator), rate: pctStr(p.Rate), reaches: "<nil>"}
		if p.ReachesTarget != nil {
			w.reaches = map[bool]string{true: "yes", false: "no"}[*p.ReachesTarget]
		}
		if p.Period != "2023-12" {
			t.Errorf("period %s", p.Period)
		}
		return w
	}
	got := map[string]want{}
	for _, s := range it.Units {
		got[s.Name] = show(s.Projection)
	}
	got["total"] = show(it.Total.Projection)
	exp := map[string]want{
		"A":     {3, "2910", "10.09", "yes"},
		"B":     {2, "520", "52.00", "no"},
		"total": {2, "3440", "11.53", "yes"},
	}
	for k, w := range exp {
		if got[k] != w {
			t.Errorf("%s: %+v, want %+v", k, got[k], w)
		}
	}
}

func TestProjectTrendPeriods(t *testing.T) {
	months := []Month{
		bhytMonth("2023-10", Unit{Name: "A", Counts: map[string]int64{"bhyt": 100, "population": 1000}}),
		bhytMonth("2023-11", Unit{Name: "A", Counts: map[string]int64{"bhyt": 103, "population": 1000}}),
	}
	tr, err := ComputeTrend(months, TrendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ProjectTrend(&tr, "2024-03"); err != nil {
		t.Fatal(err)
	}
	p := tr.Indicators[0].Units[0].Projection
	// 100, 103 → +3 a month; March 2024 is month 15: 106 + 9 = 115.
	if p.Period != "2024-03" || intStr(p.Numerator) != "115" || p.ReachesTarget != nil {
		t.Errorf("projection %+v", p)
	}
	// One month of the year (2022's December is not fitted): no line.
	one, _ := ComputeTrend([]Month{
		bhytMonth("2022-12", Unit{Name: "A", Counts: map[string]int64{"bhyt": 90, "population": 1000}}),
		bhytMonth("2023-01", Unit{Name: "A", Counts: map[string]int64{"bhyt": 100, "population": 1000}}),
	}, TrendOptions{})
	if err := ProjectTrend(&one, ""); err != nil {
		t.Fatal(err)
	}
	for _, p := range []*Projection{one.Indicators[0].Units[0].Projection, one.Indicators[0].Total.Projection} {
		if p == nil || p.Months != 1 || p.Numerator != nil || p.Rate != nil || p.Period != "2023-12" {
			t.Errorf("one month: %+v, want a projection without a line", p)
		}
	}
	for _, to := range []string{"2023-11", "2023-01", "2023-13", "dec"} {
		if err := ProjectTrend(&tr, to); err == nil || !strings.Contains(err.Error(), to) {
			t.Errorf("ProjectTrend(%q): %v", to, err)
		}
	}
}
