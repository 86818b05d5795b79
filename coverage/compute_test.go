package coverage

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/bhxh/bhxh/msg"

	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func pctStr(p *Pct) string {
	if p == nil {
		return "<nil>"
	}
	return p.Format(2)
}

func intStr(v *int64) string {
	if v == nil {
		return "<nil>"
	}
	return fmt.Sprint(*v)
}

// Two units of tinh-mau-2023-11.xlsx (rows 9 and 10) as the reader hands
// them over, figures from tinh-mau-2023-11.targets.expected.json.
func tinhMauUnits() []Unit {
	return []Unit{
		{
			Name: "Thành phố Bình Lâm",
			Counts: map[string]int64{
				"labour_force": 63427, "population": 110377,
				"plan_bhxh_mandatory": 25931, "plan_bhxh_voluntary": 1529, "plan_bhyt": 97879,
				"bhxh_mandatory": 25125, "bhxh_voluntary": 1265, "bhtn": 22562, "bhyt": 98174,
				"prior_bhxh_mandatory": 23567, "prior_bhxh_voluntary": 1158, "prior_bhyt": 99155,
			},
			Percents: map[string]decimal.Decimal{"rate_bhxh": dec("41.61")},
			Shown:    map[string]int{"rate_bhxh": 2},
			Cells:    map[string]string{"unit": "B9", "bhyt": "K9", "rate_bhxh": "O9"},
			Row:      9,
		},
		{
			Name: "Thị xã Phú Định",
			Counts: map[string]int64{
				"labour_force": 104835, "population": 192509,
				"plan_bhxh_mandatory": 18629, "plan_bhxh_voluntary": 2863, "plan_bhyt": 177141,
				"bhxh_mandatory": 17994, "bhxh_voluntary": 2328, "bhtn": 16392, "bhyt": 176788,
				"prior_bhxh_mandatory": 18083, "prior_bhxh_voluntary": 2144, "prior_bhyt": 171837,
			},
			Percents: map[string]decimal.Decimal{"rate_bhxh": dec("19.38")},
			Shown:    map[string]int{"rate_bhxh": 2},
			Cells:    map[string]string{"unit": "B10", "bhyt": "K10", "rate_bhxh": "O10"},
			Row:      10,
		},
	}
}

func TestComputeByHand(t *testing.T) {
	units := tinhMauUnits()
	res := Compute(units, nil, Options{
		Month: 11,
		Flags: map[string]Target{"bhxh": {Rate: dec("30")}, "bhyt": {Rate: dec("95")}},
	})
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	type row struct {
		unit, ind                                string
		num                                      int64
		den, rate, target, gap, needed, plan, pc string
		prior, change, pace                      string
	}
	want := []row{
		{"Thành phố Bình Lâm", "bhxh", 26390, "63427", "41.61", "30", "-11.61", "0", "27460", "96.10", "24725", "1665", "0"},
		{"Thành phố Bình Lâm", "bhxh_voluntary", 1265, "63427", "1.99", "", "<nil>", "<nil>", "1529", "82.73", "1158", "107", "<nil>"},
		{"Thành phố Bình Lâm", "bhtn", 22562, "63427", "35.57", "", "<nil>", "<nil>", "<nil>", "<nil>", "<nil>", "<nil>", "<nil>"},
		{"Thành phố Bình Lâm", "bhyt", 98174, "110377", "88.94", "95", "6.06", "6685", "97879", "100.30", "99155", "-981", "6685"},
		{"Thị xã Phú Định", "bhxh", 20322, "104835", "19.38", "30", "10.62", "11129", "21492", "94.56", "20227", "95", "11129"},
		{"Thị xã Phú Định", "bhxh_mandatory", 17994, "104835", "17.16", "", "<nil>", "<nil>", "18629", "96.59", "18083", "-89", "<nil>"},
		// The total: sums of counts, then divided (26390+20322)/(63427+104835).
		{"Tổng cộng", "bhxh", 46712, "168262", "27.76", "30", "2.24", "3767", "48952", "95.42", "44952", "1760", "3767"},
		{"Tổng cộng", "bhyt", 274962, "302886", "90.78", "95", "4.22", "12780", "275020", "99.98", "270992", "3970", "12780"},
	}
	for _, w := range want {
		ur := &res.Total
		for i := range res.Units {
			if res.Units[i].Name == w.unit {
				ur = &res.Units[i]
			}
		}
		if ur.Name != w.unit {
			t.Fatalf("no unit %q", w.unit)
		}
		r := ur.Indicator(w.ind)
		if r == nil {
			t.Errorf("%s: no %s", w.unit, w.ind)
			continue
		}
		target := ""
		if r.Target != nil {
			target = r.Target.Rate.String()
			if r.Target.Source != SourceFlag {
				t.Errorf("%s %s: source %s", w.unit, w.ind, r.Target.Source)
			}
		}
		got := row{w.unit, w.ind, r.Numerator, intStr(r.Denominator), pctStr(r.Rate), target, pctStr(r.GapPP),
			intStr(r.PersonsNeeded), intStr(r.Plan), pctStr(r.PlanCompletion), intStr(r.Prior), intStr(r.Change), intStr(r.PacePerMonth)}
		if got != w {
			t.Errorf("\ngot  %+v\nwant %+v", got, w)
		}
	}
	if res.Total.Code != "" || res.Total.Source != nil {
		t.Errorf("total code %q source %v", res.Total.Code, res.Total.Source)
	}
	if res.Units[0].Source != &units[0] {
		t.Errorf("unit result does not point at its unit")
	}
	if _, ok := res.Units[0].Counts["plan_bhyt"]; ok {
		t.Errorf("UnitResult.Counts holds plan keys: %v", res.Units[0].Counts)
	}
}

// xa-phuong-2025-10.xlsx row 11: BHYT 130,711 for a population of 129,820.
func TestRateOver100IsWarnedNotClamped(t *testing.T) {
	u := Unit{
		Name: "Phường Tân An", Code: "04410",
		Counts: map[string]int64{"labour_force": 79190, "population": 129820, "bhyt": 130711},
		Cells:  map[string]string{"labour_force": "D11", "population": "E11", "bhyt": "I11"},
	}
	res := Compute([]Unit{u}, nil, Options{})
	if got := pctStr(res.Units[0].Indicator("bhyt").Rate); got != "100.69" {
		t.Errorf("rate %s, want 100.69", got)
	}
	want := []Warning{{Code: WarnRateOver100, Unit: "Phường Tân An", Key: "bhyt", Cell: "I11",
		Message: msg.Text{EN: "Phường Tân An: bhyt rate 100.69% is above 100%", VI: "Phường Tân An: tỷ lệ bhyt là 100,69%, vượt quá 100%"}}}
	// The total is the same single unit, so it is above 100% too.
	want = append(want, Warning{Code: WarnRateOver100, Unit: "Tổng cộng", Key: "bhyt",
		Message: msg.Text{EN: "Tổng cộng: bhyt rate 100.69% is above 100%", VI: "Tổng cộng: tỷ lệ bhyt là 100,69%, vượt quá 100%"}})
	if !reflect.DeepEqual(res.Warnings, want) {
		t.Errorf("warnings\n%+v\nwant\n%+v", res.Warnings, want)
	}
}

// warn-total-mismatch.xlsx: the total row's BHYT cell K18 says 1,328,924.
func TestTotalMismatch(t *testing.T) {
	exp := loadExpected(t, "warn-total-mismatch.expected.json")
	units := make([]Unit, len(exp.Units))
	for i, e := range exp.Units {
		units[i] = unitFromExpected(e)
	}
	stated := unitFromExpected(exp.Total)
	stated.Counts["bhyt"] = 1328924
	stated.Cells = map[string]string{"bhyt": "K18", "labour_force": "C18", "plan_bhyt": "G18"}
	stated.Percents = map[string]decimal.Decimal{"rate_bhxh": dec("27.68")}
	stated.Shown = map[string]int{"rate_bhxh": 2}
	res := Compute(units, &stated, Options{Month: 11, TotalName: "Toàn tỉnh"})
	want := []Warning{{Code: WarnTotalMismatch, Unit: "Toàn tỉnh", Key: "bhyt", Cell: "K18",
		Message: msg.Text{EN: `bhyt: "Toàn tỉnh" says 1328924, the units sum to 1328914`, VI: `bhyt: dòng "Toàn tỉnh" ghi 1.328.924, cộng các đơn vị được 1.328.914`}}}
	if !reflect.DeepEqual(res.Warnings, want) {
		t.Errorf("warnings\n%+v\nwant\n%+v", res.Warnings, want)
	}
	if res.Total.Counts["bhyt"] != 1328914 {
		t.Errorf("total bhyt %d: totals must come from the units", res.Total.Counts["bhyt"])
	}

	// Plan and prior columns are checked too.
	stated.Counts["bhyt"] = 1328914
	stated.Counts["plan_bhyt"]++
	res = Compute(units, &stated, Options{TotalName: "Toàn tỉnh"})
	if len(res.Warnings) != 1 || res.Warnings[0].Key != "plan_bhyt" || res.Warnings[0].Cell != "G18" {
		t.Errorf("plan mismatch: %+v", res.Warnings)
	}
}

func TestRateMismatch(t *testing.T) {
	base := tinhMauUnits()[0] // bhxh 26390/63427 = 41.6069…
	cases := []struct {
		name   string
		stated string
		shown  int
		hasKey bool
		warn   string
	}{
		{"same at 2 decimals", "41.61", 2, true, ""},
		{"stored with more decimals than shown", "41.6069", 2, true, ""},
		{"off by one hundredth", "41.62", 2, true, "Thành phố Bình Lâm: the workbook's bhxh rate is 41.62, recomputed 41.61"},
		{"shown with 1 decimal", "41.6", 1, true, ""},
		{"shown unknown: decimals as typed", "41.6", -1, true, ""},
		{"shown absent: decimals as typed", "41.6", 0, false, ""},
		{"typed 41.5 at 1 decimal", "41.5", -1, true, "Thành phố Bình Lâm: the workbook's bhxh rate is 41.5, recomputed 41.6"},
		{"shown as whole number", "42", 0, true, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u := base
			u.Percents = map[string]decimal.Decimal{"rate_bhxh": dec(c.stated)}
			u.Shown = map[string]int{}
			if c.hasKey {
				u.Shown["rate_bhxh"] = c.shown
			}
			res := Compute([]Unit{u}, nil, Options{})
			var got string
			for _, w := range res.Warnings {
				if w.Code == WarnRateMismatch {
					got = w.Message.EN
					if w.Cell != "O9" || w.Key != "rate_bhxh" {
						t.Errorf("cell %q key %q", w.Cell, w.Key)
					}
				}
			}
			if got != c.warn {
				t.Errorf("warning %q, want %q", got, c.warn)
			}
		})
	}

	// The stated total row's rate is checked against the total.
	units := tinhMauUnits() // total bhxh 27.76
	stated := Unit{Name: "Toàn tỉnh", Percents: map[string]decimal.Decimal{"rate_bhxh": dec("27.75")},
		Shown: map[string]int{"rate_bhxh": 2}, Cells: map[string]string{"rate_bhxh": "O18"}}
	res := Compute(units, &stated, Options{TotalName: "Toàn tỉnh"})
	want := []Warning{{Code: WarnRateMismatch, Unit: "Toàn tỉnh", Key: "rate_bhxh", Cell: "O18",
		Message: msg.Text{EN: "Toàn tỉnh: the workbook's bhxh rate is 27.75, recomputed 27.76", VI: "Toàn tỉnh: tỷ lệ bhxh trong bảng là 27.75, tính lại được 27.76"}}}
	if !reflect.DeepEqual(res.Warnings, want) {
		t.Errorf("warnings\n%+v\nwant\n%+v", res.Warnings, want)
	}
}

func TestNoDenominator(t *testing.T) {
	units := []Unit{
		{Name: "A", Counts: map[string]int64{"bhyt": 10, "population": 0}, Cells: map[string]string{"population": "C5"}},
		{Name: "B", Counts: map[string]int64{"bhyt": 10}},
	}
	res := Compute(units, nil, Options{Flags: map[string]Target{"bhyt": {Rate: dec("95")}}, Month: 6})
	for _, ur := range res.Units {
		r := ur.Indicator("bhyt")
		if r.Rate != nil || r.GapPP != nil || r.PersonsNeeded != nil || r.PacePerMonth != nil {
			t.Errorf("%s: figures without a denominator: %+v", ur.Name, r)
		}
		if r.Target == nil {
			t.Errorf("%s: target dropped", ur.Name)
		}
	}
	if d := res.Units[0].Indicator("bhyt").Denominator; d == nil || *d != 0 {
		t.Errorf("A: denominator %v, want 0", d)
	}
	if d := res.Units[1].Indicator("bhyt").Denominator; d != nil {
		t.Errorf("B: denominator %v, want nil", *d)
	}
	want := []Warning{
		{Code: WarnNoDenominator, Unit: "A", Key: "bhyt", Cell: "C5", Message: msg.Text{EN: "A: population is 0, so no bhyt rate", VI: "A: population bằng 0 nên không tính được tỷ lệ bhyt"}},
		{Code: WarnNoDenominator, Unit: "B", Key: "bhyt", Message: msg.Text{EN: "B: no population, so no bhyt rate", VI: "B: không có population nên không tính được tỷ lệ bhyt"}},
		{Code: WarnNoDenominator, Unit: "Tổng cộng", Key: "bhyt", Message: msg.Text{EN: "Tổng cộng: population is 0, so no bhyt rate", VI: "Tổng cộng: population bằng 0 nên không tính được tỷ lệ bhyt"}},
	}
	if !reflect.DeepEqual(res.Warnings, want) {
		t.Errorf("warnings\n%+v\nwant\n%+v", res.Warnings, want)
	}

	// A workbook with no labour-force column at all: one warning per
	// indicator, not one per unit and indicator.
	units = []Unit{
		{Name: "A", Counts: map[string]int64{"bhxh_mandatory": 1, "bhtn": 1, "bhyt": 1, "population": 2}},
		{Name: "B", Counts: map[string]int64{"bhxh_mandatory": 1, "bhtn": 1, "bhyt": 1, "population": 2}},
	}
	res = Compute(units, nil, Options{})
	want = []Warning{
		{Code: WarnNoDenominator, Key: "bhxh_mandatory", Message: msg.Text{EN: "no labour_force column, so no bhxh_mandatory rate for any unit", VI: "không có cột labour_force nên không tính được tỷ lệ bhxh_mandatory cho đơn vị nào"}},
		{Code: WarnNoDenominator, Key: "bhtn", Message: msg.Text{EN: "no labour_force column, so no bhtn rate for any unit", VI: "không có cột labour_force nên không tính được tỷ lệ bhtn cho đơn vị nào"}},
	}
	if !reflect.DeepEqual(res.Warnings, want) {
		t.Errorf("warnings\n%+v\nwant\n%+v", res.Warnings, want)
	}
	if r := res.Total.Indicator("bhyt"); r == nil || r.Rate.Format(2) != "50.00" {
		t.Errorf("total bhyt %+v", r)
	}
}

func TestIndicatorPresence(t *testing.T) {
	// bhxh needs both parts; an absent count is not zero.
	u := Unit{Name: "A", Counts: map[string]int64{"bhxh_mandatory": 5, "labour_force": 100, "plan_bhxh_mandatory": 0}}
	res := Compute([]Unit{u}, nil, Options{})
	var keys []string
	for _, r := range res.Units[0].Indicators {
		keys = append(keys, r.Key)
	}
	if !reflect.DeepEqual(keys, []string{"bhxh_mandatory"}) {
		t.Errorf("indicators %v", keys)
	}
	r := res.Units[0].Indicator("bhxh_mandatory")
	if r.Plan == nil || *r.Plan != 0 || r.PlanCompletion != nil {
		t.Errorf("plan 0: plan %v completion %v, want 0 and nil", r.Plan, r.PlanCompletion)
	}
}

func TestTargetPrecedence(t *testing.T) {
	units := []Unit{
		{Name: "own", Counts: map[string]int64{"bhyt": 90, "population": 100, "bhtn": 10, "labour_force": 100},
			Percents: map[string]decimal.Decimal{"target_bhyt": dec("97.5")}, Cells: map[string]string{"target_bhyt": "F9"}},
		{Name: "none", Counts: map[string]int64{"bhyt": 90, "population": 100, "bhtn": 10, "labour_force": 100}},
	}
	opt := Options{
		Flags:  map[string]Target{"bhyt": {Rate: dec("95"), Note: msg.Plain("--target bhyt=95")}},
		Preset: map[string]Target{"bhyt": {Rate: dec("94.10")}, "bhtn": {Rate: dec("35"), Note: msg.Plain("NQ 28")}},
	}
	res := Compute(units, nil, opt)
	cases := []struct {
		ur     *UnitResult
		ind    string
		rate   string
		source TargetSource
		note   string
	}{
		{&res.Units[0], "bhyt", "97.5", SourceUnit, "F9"},
		{&res.Units[1], "bhyt", "95", SourceFlag, "--target bhyt=95"},
		{&res.Total, "bhyt", "95", SourceFlag, "--target bhyt=95"},
		{&res.Units[0], "bhtn", "35", SourcePreset, "NQ 28"},
		{&res.Total, "bhtn", "35", SourcePreset, "NQ 28"},
	}
	for _, c := range cases {
		tg := c.ur.Indicator(c.ind).Target
		if tg == nil || tg.Rate.String() != c.rate || tg.Source != c.source || tg.Note.EN != c.note {
			t.Errorf("%s %s: %+v, want %s %s %q", c.ur.Name, c.ind, tg, c.rate, c.source, c.note)
		}
	}
	// persons_needed for own 97.5% of 100 = ⌈97.5⌉ − 90 = 8.
	if got := intStr(res.Units[0].Indicator("bhyt").PersonsNeeded); got != "8" {
		t.Errorf("persons needed %s, want 8", got)
	}
}

func TestPace(t *testing.T) {
	u := Unit{Name: "A", Counts: map[string]int64{"bhyt": 900, "population": 1000}} // needs 50 for 95%
	flags := map[string]Target{"bhyt": {Rate: dec("95")}}
	for _, c := range []struct {
		month int
		want  string
	}{{0, "<nil>"}, {1, "5"}, {9, "17"}, {10, "25"}, {11, "50"}, {12, "<nil>"}, {13, "<nil>"}} {
		res := Compute([]Unit{u}, nil, Options{Month: c.month, Flags: flags})
		if got := intStr(res.Units[0].Indicator("bhyt").PacePerMonth); got != c.want {
			t.Errorf("month %d: pace %s, want %s", c.month, got, c.want)
		}
	}
}

func TestPriorAndPlanOfBHXH(t *testing.T) {
	cases := []struct {
		name        string
		counts      map[string]int64
		plan, prior string
	}{
		{"own columns win", map[string]int64{"plan_bhxh": 100, "plan_bhxh_mandatory": 1, "plan_bhxh_voluntary": 1, "prior_bhxh": 50}, "100", "50"},
		{"sum of parts", map[string]int64{"plan_bhxh_mandatory": 60, "plan_bhxh_voluntary": 7, "prior_bhxh_mandatory": 40, "prior_bhxh_voluntary": 3}, "67", "43"},
		{"one part only", map[string]int64{"plan_bhxh_mandatory": 60, "prior_bhxh_voluntary": 3}, "<nil>", "<nil>"},
	}
	for _, c := range cases {
		c.counts["bhxh_mandatory"], c.counts["bhxh_voluntary"], c.counts["labour_force"] = 50, 5, 200
		res := Compute([]Unit{{Name: "A", Counts: c.counts}}, nil, Options{})
		r := res.Units[0].Indicator("bhxh")
		if intStr(r.Plan) != c.plan || intStr(r.Prior) != c.prior {
			t.Errorf("%s: plan %s prior %s, want %s %s", c.name, intStr(r.Plan), intStr(r.Prior), c.plan, c.prior)
		}
	}

	// The total's bhxh plan sums each unit's own resolution.
	units := []Unit{
		{Name: "A", Counts: map[string]int64{"bhxh_mandatory": 1, "bhxh_voluntary": 1, "plan_bhxh": 100}},
		{Name: "B", Counts: map[string]int64{"bhxh_mandatory": 1, "bhxh_voluntary": 1, "plan_bhxh_mandatory": 30, "plan_bhxh_voluntary": 5}},
	}
	res := Compute(units, nil, Options{})
	if got := intStr(res.Total.Indicator("bhxh").Plan); got != "135" {
		t.Errorf("total bhxh plan %s, want 135", got)
	}
}

// rate×1000 of 1,000 generated units ends in 5: the printed rate must be
// rounded half-up, checked against plain integer arithmetic.
func TestHalfUpOnGeneratedUnits(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 11))
	// k divides 100000 and is odd (5^j): then den = m·100000/k and
	// rate×1000 = num·k/m' … kept exact by choosing num = m·n.
	ks := []int64{1, 5, 25, 125, 625, 3125}
	var units []Unit
	var wantRate, wantGap []string
	for len(units) < 1000 {
		k := ks[rng.IntN(len(ks))]
		m := int64(1 + rng.IntN(40))
		base := 100000 / k
		n := int64(rng.IntN(int(base)) + 1)
		if n*k%10 != 5 {
			continue
		}
		num, den := m*n, m*base
		r1000 := n * k                            // rate × 1000, exactly
		target := r1000/1000 - int64(rng.IntN(3)) // at or below the rate: gap ≤ 0
		g1000 := target*1000 - r1000              // gap × 1000, negative, ends in 5
		units = append(units, Unit{
			Name:     fmt.Sprintf("U%d", len(units)),
			Counts:   map[string]int64{"bhyt": num, "population": den},
			Percents: map[string]decimal.Decimal{"target_bhyt": decimal.NewFromInt(target)},
		})
		wantRate = append(wantRate, halfUpThousandths(r1000))
		wantGap = append(wantGap, halfUpThousandths(g1000))
	}
	res := Compute(units, nil, Options{})
	for i := range units {
		r := res.Units[i].Indicator("bhyt")
		if got := r.Rate.Format(2); got != wantRate[i] {
			t.Errorf("%s %d/%d: rate %s, want %s", units[i].Name, r.Numerator, *r.Denominator, got, wantRate[i])
		}
		if got := r.GapPP.Format(2); got != wantGap[i] {
			t.Errorf("%s: gap %s, want %s", units[i].Name, got, wantGap[i])
		}
		if *r.PersonsNeeded != 0 {
			t.Errorf("%s: ahead of target yet needs %d", units[i].Name, *r.PersonsNeeded)
		}
	}
}

// halfUpThousandths formats v/1000 to 2 decimals, ties away from zero,
// with integers only.
func halfUpThousandths(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	c := (v + 5) / 10
	if c == 0 {
		sign = ""
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}

func TestGapFormatting(t *testing.T) {
	cases := []struct {
		target, num, den int64
		want             string
	}{
		{40, 42555, 100000, "-2.56"},  // −2.555 → −2.56 (away from zero)
		{40, 42554, 100000, "-2.55"},  // −2.554
		{40, 37445, 100000, "2.56"},   // +2.555
		{40, 400001, 1000000, "0.00"}, // −0.0001: never "-0.00"
		{40, 400049, 1000000, "0.00"}, // −0.0049
		{40, 400050, 1000000, "-0.01"},
	}
	for _, c := range cases {
		u := Unit{Name: "A", Counts: map[string]int64{"bhyt": c.num, "population": c.den},
			Percents: map[string]decimal.Decimal{"target_bhyt": decimal.NewFromInt(c.target)}}
		res := Compute([]Unit{u}, nil, Options{})
		if got := res.Units[0].Indicator("bhyt").GapPP.Format(2); got != c.want {
			t.Errorf("%d/%d vs %d: gap %s, want %s", c.num, c.den, c.target, got, c.want)
		}
	}
}

func BenchmarkCompute(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	units := make([]Unit, 10000)
	for i := range units {
		lf := int64(20000 + rng.IntN(200000))
		pop := lf * 17 / 10
		units[i] = Unit{
			Name: fmt.Sprintf("Xã %d", i),
			Counts: map[string]int64{
				"labour_force": lf, "population": pop,
				"bhxh_mandatory": lf / 4, "bhxh_voluntary": lf / 30, "bhtn": lf / 5, "bhyt": pop * 9 / 10,
				"plan_bhxh_mandatory": lf / 4, "plan_bhxh_voluntary": lf / 25, "plan_bhyt": pop * 92 / 100,
				"prior_bhxh_mandatory": lf / 5, "prior_bhxh_voluntary": lf / 35, "prior_bhyt": pop * 88 / 100,
			},
			Percents: map[string]decimal.Decimal{"rate_bhxh": dec("28.33")},
			Shown:    map[string]int{"rate_bhxh": 2},
		}
	}
	opt := Options{Month: 10, Flags: map[string]Target{"bhxh": {Rate: dec("30")}, "bhyt": {Rate: dec("95")}}}
	b.ReportAllocs()
	for b.Loop() {
		Compute(units, nil, opt)
	}
}
