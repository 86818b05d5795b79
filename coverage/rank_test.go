package coverage

import (
	"reflect"
	"testing"
)

func TestEvaluateCountsUnitsNeedingNobody(t *testing.T) {
	// Bình Lâm: bhxh 26390/63427 = 41.61% ≥ 30, bhyt 98174/110377 = 88.94% < 95;
	// Phú Định: bhxh 20322/104835 = 19.38% < 30, bhyt 176788/192509 = 91.83% < 95.
	res := Compute(tinhMauUnits(), nil, Options{
		Flags: map[string]Target{"bhyt": {Rate: dec("95")}, "bhxh": {Rate: dec("30")}},
	})
	want := []Evaluation{
		{Key: "bhxh", Units: 2, Reached: []string{"Thành phố Bình Lâm"}, Behind: []string{"Thị xã Phú Định"}},
		{Key: "bhyt", Units: 2, Behind: []string{"Thành phố Bình Lâm", "Thị xã Phú Định"}},
	}
	if !reflect.DeepEqual(res.Evaluation, want) {
		t.Errorf("evaluation\n got %+v\nwant %+v", res.Evaluation, want)
	}
	if ev := Compute(tinhMauUnits(), nil, Options{}).Evaluation; ev != nil {
		t.Errorf("no targets: evaluation %+v, want none", ev)
	}
}

func TestEvaluateExactlyOnTargetReaches(t *testing.T) {
	// 95/100 = 95% exactly: reached; 949/1000 = 94.9%: 1 person short;
	// no population: no rate, not counted.
	units := []Unit{
		{Name: "A", Counts: map[string]int64{"bhyt": 95, "population": 100}},
		{Name: "B", Counts: map[string]int64{"bhyt": 949, "population": 1000}},
		{Name: "C", Counts: map[string]int64{"bhyt": 5}},
	}
	res := Compute(units, nil, Options{Flags: map[string]Target{"bhyt": {Rate: dec("95")}}})
	want := []Evaluation{{Key: "bhyt", Units: 2, Reached: []string{"A"}, Behind: []string{"B"}}}
	if !reflect.DeepEqual(res.Evaluation, want) {
		t.Errorf("got %+v, want %+v", res.Evaluation, want)
	}
}

func TestParseSortKey(t *testing.T) {
	cases := []struct {
		in   string
		want SortKey
		err  bool
	}{
		{"rate", SortKey{Measure: ByRate}, false},
		{"bhyt:gap", SortKey{Indicator: "bhyt", Measure: ByGap}, false},
		{" bhxh : persons_needed ", SortKey{Indicator: "bhxh", Measure: ByPersonsNeeded}, false},
		{"plan_completion", SortKey{Measure: ByPlanCompletion}, false},
		{"", SortKey{}, true},
		{"speed", SortKey{}, true},
		{":rate", SortKey{}, true},
		{"bhyt:", SortKey{}, true},
	}
	for _, c := range cases {
		got, err := ParseSortKey(c.in)
		if (err != nil) != c.err || got != c.want {
			t.Errorf("ParseSortKey(%q) = %+v, %v; want %+v, error %v", c.in, got, err, c.want, c.err)
		}
	}
}

func TestRank(t *testing.T) {
	// bhyt over population 1000, target 95%:
	//   A 900 → 90.0%, gap 5.0, needs 50;  B 960 → 96.0%, gap −1.0, needs 0;
	//   C 900 → 90.0% (ties A);            D 990 → 99.0%, gap −4.0, needs 0;
	//   E no population → no rate.
	// plan_completion: A 900/1000 = 90%, B 960/960 = 100%, C, D, E no plan.
	units := []Unit{
		{Name: "A", Counts: map[string]int64{"bhyt": 900, "population": 1000, "plan_bhyt": 1000}},
		{Name: "B", Counts: map[string]int64{"bhyt": 960, "population": 1000, "plan_bhyt": 960}},
		{Name: "C", Counts: map[string]int64{"bhyt": 900, "population": 1000}},
		{Name: "D", Counts: map[string]int64{"bhyt": 990, "population": 1000}},
		{Name: "E", Counts: map[string]int64{"bhyt": 10}},
	}
	cases := []struct {
		key       string
		order     string
		ranks     []int // 0 = unranked
		indicator string
	}{
		{"rate", "DBACE", []int{1, 2, 3, 3, 0}, "bhyt"},
		{"bhyt:gap", "DBACE", []int{1, 2, 3, 3, 0}, "bhyt"},
		{"persons_needed", "BDACE", []int{1, 1, 3, 3, 0}, "bhyt"},
		{"plan_completion", "BACDE", []int{1, 2, 0, 0, 0}, "bhyt"},
	}
	for _, c := range cases {
		t.Run(c.key, func(t *testing.T) {
			res := Compute(units, nil, Options{Flags: map[string]Target{"bhyt": {Rate: dec("95")}}})
			key, err := ParseSortKey(c.key)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Rank(&res, key)
			if err != nil {
				t.Fatal(err)
			}
			if got.Indicator != c.indicator || res.Sort == nil || *res.Sort != got {
				t.Errorf("key %+v, Sort %+v; want indicator %s", got, res.Sort, c.indicator)
			}
			order := ""
			var ranks []int
			for _, u := range res.Units {
				order += u.Name
				r := 0
				if u.Rank != nil {
					r = *u.Rank
				}
				ranks = append(ranks, r)
			}
			if order != c.order || !reflect.DeepEqual(ranks, c.ranks) {
				t.Errorf("order %s ranks %v, want %s %v", order, ranks, c.order, c.ranks)
			}
		})
	}
}

func TestRankWithoutTheFigureIsAnError(t *testing.T) {
	res := Compute(tinhMauUnits(), nil, Options{})
	for _, k := range []SortKey{{Measure: ByGap}, {Indicator: "pension", Measure: ByRate}} {
		if _, err := Rank(&res, k); err == nil {
			t.Errorf("Rank(%+v): no error", k)
		}
	}
}
