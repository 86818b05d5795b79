package targets

import (
	"reflect"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/msg"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func units() []coverage.Unit {
	mk := func(name, code string) coverage.Unit {
		return coverage.Unit{Name: name, Code: code,
			Counts:   map[string]int64{"bhyt": 900, "population": 1000, "plan_bhyt": 950},
			Percents: map[string]decimal.Decimal{"target_bhyt": dec("91")},
			Cells:    map[string]string{"target_bhyt": "F9"}}
	}
	return []coverage.Unit{
		mk("Thành phố Bình Lâm", ""),
		mk("Huyện Đông Hòa", ""),
		mk("Huyện Ân Thủy", ""),
		mk("Huyện Kỳ Anh", ""),
		mk("Thị xã Kỳ Anh", ""),
	}
}

func row(name, code string, target string, plan int64) Row {
	r := Row{Name: name, Code: code, Targets: map[string]decimal.Decimal{}, Plans: map[string]int64{},
		Cell: map[string]string{"unit": "B5", "target_bhyt": "C5", "plan_bhyt": "D5"}, Line: 5}
	if target != "" {
		r.Targets["bhyt"] = dec(target)
	}
	if plan > 0 {
		r.Plans["bhyt"] = plan
	}
	return r
}

func TestApplyMatchesDriftingNames(t *testing.T) {
	cases := []struct {
		row  string
		want string // unit name, "" = unmatched
	}{
		{"Thành phố Bình Lâm", "Thành phố Bình Lâm"},
		{"TP. Bình Lâm", "Thành phố Bình Lâm"},
		{"Bình Lâm", "Thành phố Bình Lâm"},
		{"Huyện Đông Hoà", "Huyện Đông Hòa"},
		{"Đông Hoà", "Huyện Đông Hòa"},
		{"H. Ân Thuỷ", "Huyện Ân Thủy"},
		{norm.NFD.String("Huyện Ân Thủy"), "Huyện Ân Thủy"},
		{"Huyện Kỳ Anh", "Huyện Kỳ Anh"}, // the full name settles it
		{"TX Kỳ Anh", "Thị xã Kỳ Anh"},
		{"Huyện Tây Sơn", ""},
	}
	for _, c := range cases {
		us := units()
		res, err := Apply(us, File{Name: "chi-tieu.xlsx", Rows: []Row{row(c.row, "", "96", 0)}})
		applied, unmatched := res.Units, res.Unmatched
		if err != nil {
			t.Errorf("%q: %v", c.row, err)
			continue
		}
		if c.want == "" {
			if len(unmatched) != 1 || len(applied) != 0 {
				t.Errorf("%q: applied %v unmatched %v, want unmatched", c.row, applied, unmatched)
			}
			continue
		}
		if !reflect.DeepEqual(applied, []string{c.want}) {
			t.Errorf("%q: applied %v, want %s", c.row, applied, c.want)
		}
	}
}

func TestApplyAmbiguousIsAnError(t *testing.T) {
	us := units()
	_, err := Apply(us, File{Name: "chi-tieu.xlsx", Rows: []Row{row("Kỳ Anh", "", "96", 0)}})
	want := `chi-tieu.xlsx!B5: row "Kỳ Anh" matches 2 units by name without the administrative type ("Huyện Kỳ Anh", "Thị xã Kỳ Anh")`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %v\nwant %s…", err, want)
	}
	// Two rows for one unit.
	_, err = Apply(units(), File{Name: "chi-tieu.xlsx", Rows: []Row{row("Huyện Đông Hòa", "", "96", 0), row("H. Đông Hoà", "", "97", 0)}})
	if err == nil || !strings.Contains(err.Error(), `both match unit "Huyện Đông Hòa"`) {
		t.Errorf("duplicate rows: %v", err)
	}
	// A target rate that cannot be one.
	_, err = Apply(units(), File{Name: "chi-tieu.xlsx", Rows: []Row{row("Huyện Đông Hòa", "", "120", 0)}})
	if err == nil || !strings.Contains(err.Error(), "chi-tieu.xlsx!C5: the bhyt target") {
		t.Errorf("rate 120: %v", err)
	}
}

func TestApplyByCode(t *testing.T) {
	us := []coverage.Unit{
		{Name: "Phường Hòa Bình", Code: "04402", Counts: map[string]int64{}},
		{Name: "Phường Tân An", Code: "04410", Counts: map[string]int64{}},
		{Name: "Xã Mới", Code: "", Counts: map[string]int64{}},
	}
	f := File{Name: "t.csv", Rows: []Row{
		row("Phường Tân An (cũ)", "04410", "97", 0), // code wins over a drifting name
		row("Phường Hòa Bình", "4402", "96", 0),     // leading zero lost in a CSV round trip
		row("Phường Tân An", "04999", "95", 0),      // a code no unit has: not Tân An (04410)
		row("Xã Mới", "04700", "94", 0),             // the unit has no code: by name
	}}
	res, err := Apply(us, f)
	applied, unmatched := res.Units, res.Unmatched
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(applied, []string{"Phường Hòa Bình", "Phường Tân An", "Xã Mới"}) {
		t.Errorf("applied %v", applied)
	}
	if len(unmatched) != 1 || unmatched[0].Code != "04999" {
		t.Errorf("unmatched %v", unmatched)
	}
	if got := us[1].Percents["target_bhyt"].String(); got != "97" {
		t.Errorf("Tân An target %s, want 97", got)
	}
	if got := us[2].Percents["target_bhyt"].String(); got != "94" {
		t.Errorf("Xã Mới target %s, want 94", got)
	}
}

// The precedence end to end: a unit's row in the targets file replaces the
// workbook's own target and plan; units without a row keep theirs; the
// province row acts as a flag, and a --target flag beats it.
func TestApplyPrecedence(t *testing.T) {
	us := units()
	f := FromUnits([]coverage.Unit{
		{Name: "Đông Hoà", Row: 5, Percents: map[string]decimal.Decimal{"target_bhyt": dec("96.5")},
			Counts: map[string]int64{"plan_bhyt": 980, "bhyt": 1}, Cells: map[string]string{"target_bhyt": "C5", "plan_bhyt": "D5"}},
		{Name: "Bình Lâm", Row: 6, Counts: map[string]int64{"plan_bhyt": 990}},
	}, &coverage.Unit{Name: "Toàn tỉnh", Percents: map[string]decimal.Decimal{"target_bhyt": dec("95"), "target_bhxh": dec("30")}},
		"phan-bo.xlsx")
	if f.Province == nil || len(f.Rows) != 2 {
		t.Fatalf("%+v", f)
	}
	if _, ok := f.Rows[0].Plans["bhyt"]; !ok || len(f.Rows[0].Targets) != 1 {
		t.Errorf("row 0: %+v", f.Rows[0])
	}
	done, err := Apply(us, f)
	applied, unmatched := done.Units, done.Unmatched
	if err != nil || len(unmatched) != 0 {
		t.Fatalf("%v %v", err, unmatched)
	}
	if !reflect.DeepEqual(applied, []string{"Thành phố Bình Lâm", "Huyện Đông Hòa"}) {
		t.Errorf("applied %v", applied)
	}

	cmdline, _ := ParseTargetFlags([]string{"bhxh=35"})
	flags := MergeFlags(f.ProvinceTargets(), cmdline)
	if flags["bhyt"].Note != (msg.Text{EN: "phan-bo.xlsx: province row", VI: "phan-bo.xlsx: dòng toàn tỉnh"}) || flags["bhxh"].Rate.String() != "35" {
		t.Errorf("merged flags %+v", flags)
	}
	preset, _ := Preset("qd546", 2024, false)
	res := coverage.Compute(us, nil, coverage.Options{Flags: flags, Preset: preset})

	type want struct {
		unit   string
		rate   string
		source coverage.TargetSource
		note   string
		plan   int64
	}
	for _, w := range []want{
		{"Huyện Đông Hòa", "96.5", coverage.SourceUnit, "phan-bo.xlsx!C5", 980}, // file row replaces the workbook's 91 and 950
		{"Thành phố Bình Lâm", "91", coverage.SourceUnit, "F9", 990},            // plan only in the file: workbook target stays
		{"Huyện Ân Thủy", "91", coverage.SourceUnit, "F9", 950},                 // no row: the workbook's own
		{"Tổng cộng", "95", coverage.SourceFlag, "phan-bo.xlsx: province row", 950*5 + 30 + 40},
	} {
		ur := &res.Total
		for i := range res.Units {
			if res.Units[i].Name == w.unit {
				ur = &res.Units[i]
			}
		}
		r := ur.Indicator("bhyt")
		if r.Target == nil || r.Target.Rate.String() != w.rate || r.Target.Source != w.source || r.Target.Note.EN != w.note || *r.Plan != w.plan {
			t.Errorf("%s: target %+v plan %d, want %s %s %q plan %d", w.unit, r.Target, *r.Plan, w.rate, w.source, w.note, w.plan)
		}
	}
}

// An allocate report read as input: its rate column shows the plan's rate
// rounded; the plan's exact rate is the target, so a unit at its plan
// needs no one more. A rate that is not the plan's is kept as written.
func TestExactPlanTargets(t *testing.T) {
	units := []coverage.Unit{
		{Name: "A", Counts: map[string]int64{"labour_force": 89700, "plan_bhxh": 35211},
			Percents: map[string]decimal.Decimal{"target_bhxh": dec("39.25")}},
		{Name: "B", Counts: map[string]int64{"labour_force": 89700, "plan_bhxh": 35211},
			Percents: map[string]decimal.Decimal{"target_bhxh": dec("45")}},
		{Name: "C", Counts: map[string]int64{"labour_force": 1000},
			Percents: map[string]decimal.Decimal{"target_bhxh": dec("39.25")}},
	}
	ExactPlanTargets(units)
	exact := units[0].Percents["target_bhxh"]
	if exact.Equal(dec("39.25")) || !exact.Round(2).Equal(dec("39.25")) {
		t.Errorf("A: target %s, want the plan's exact rate (35211/89700 × 100)", exact)
	}
	if need := exact.Mul(dec("897")).Ceil(); !need.Equal(dec("35211")) {
		t.Errorf("A: ⌈rate × labour force⌉ = %s, want the plan 35211", need)
	}
	if got := units[1].Percents["target_bhxh"]; !got.Equal(dec("45")) {
		t.Errorf("B: target %s, want 45 (not the plan's rate: kept)", got)
	}
	if got := units[2].Percents["target_bhxh"]; !got.Equal(dec("39.25")) {
		t.Errorf("C: target %s, want 39.25 (no plan)", got)
	}
}
