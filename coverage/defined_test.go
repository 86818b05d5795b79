package coverage

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseIndicator(t *testing.T) {
	cases := []struct {
		in   string
		want Indicator
		err  string
	}{
		{"hssv=Số HSSV tham gia BHYT/Tổng số HSSV",
			Indicator{Key: "hssv", Numerator: []string{"col:Số HSSV tham gia BHYT"}, Denominator: "col:Tổng số HSSV"}, ""},
		{" hgd_2 = TV hộ tham gia / population ",
			Indicator{Key: "hgd_2", Numerator: []string{"col:TV hộ tham gia"}, Denominator: "population"}, ""},
		// the last '/' separates: a numerator header may hold one
		{"x=Số HS/SV tham gia/Tổng", Indicator{Key: "x", Numerator: []string{"col:Số HS/SV tham gia"}, Denominator: "col:Tổng"}, ""},
		{"bhyt=A/B", Indicator{}, "built-in key"},
		{"population=A/B", Indicator{}, "built-in key"},
		{"plan_x=A/B", Indicator{}, "starts like a plan_"},
		{"Hssv=A/B", Indicator{}, "lower-case"},
		{"1x=A/B", Indicator{}, "lower-case"},
		{"=A/B", Indicator{}, "no name"},
		{"x", Indicator{}, "want NAME=NUMERATOR/DENOMINATOR"},
		{"x=A", Indicator{}, "want NAME=NUMERATOR/DENOMINATOR"},
		{"x=A/", Indicator{}, "empty numerator or denominator"},
		{"x=bhyt/bhyt", Indicator{}, "the same column"},
	}
	for _, c := range cases {
		got, err := ParseIndicator(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ParseIndicator(%q): error %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseIndicator(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
}

func TestParseIndicators(t *testing.T) {
	defs, err := ParseIndicators("\ufeff# Sơn La 2024\n\nhssv=Số HSSV/Tổng số HSSV\r\n  hgd = TV tham gia/TV  \n")
	if err != nil {
		t.Fatal(err)
	}
	if len(defs) != 2 || defs[0].Key != "hssv" || defs[1].Key != "hgd" || defs[1].Denominator != "col:TV" {
		t.Errorf("defs %+v", defs)
	}
	if _, err := ParseIndicators("a=X/Y\n\nbhxh=X/Y\n"); err == nil || !strings.HasPrefix(err.Error(), "line 3:") {
		t.Errorf("error %v, want one naming line 3", err)
	}
	if _, err := ParseIndicators("a=X/Y\na=Z/W\n"); err == nil || !strings.Contains(err.Error(), "defined twice") {
		t.Errorf("error %v, want a name defined twice", err)
	}
}

// A defined indicator is computed as a built-in one: exact rate, totals as
// sums of counts, target, gap, persons needed, over-100 % warned.
func TestComputeDefinedIndicator(t *testing.T) {
	hssv, err := ParseIndicator("hssv=HS tham gia/HS")
	if err != nil {
		t.Fatal(err)
	}
	units := []Unit{
		// 21399/21400 = 99.9953…%: shown 100.00, yet 1 pupil short of 100 %.
		{Name: "A", Counts: map[string]int64{"col:HS tham gia": 21399, "col:HS": 21400}, Cells: map[string]string{"col:HS tham gia": "F6"}},
		// 26990/26800 = 100.7089…%: over 100 %, warned, not clamped.
		{Name: "B", Counts: map[string]int64{"col:HS tham gia": 26990, "col:HS": 26800}, Cells: map[string]string{"col:HS tham gia": "F7"}},
	}
	res := Compute(units, nil, Options{Defined: []Indicator{hssv}, Flags: map[string]Target{"hssv": {Rate: dec("100")}}})
	a, b, total := res.Units[0].Indicator("hssv"), res.Units[1].Indicator("hssv"), res.Total.Indicator("hssv")
	if a == nil || b == nil || total == nil {
		t.Fatalf("hssv missing: %+v", res)
	}
	// Total: 48389/48200 = 100.3921…%, gap −0.39, nobody needed.
	for _, c := range []struct {
		r                 *IndicatorResult
		rate, gap, needed string
	}{{a, "100.00", "0.00", "1"}, {b, "100.71", "-0.71", "0"}, {total, "100.39", "-0.39", "0"}} {
		if pctStr(c.r.Rate) != c.rate || pctStr(c.r.GapPP) != c.gap || intStr(c.r.PersonsNeeded) != c.needed {
			t.Errorf("rate %s gap %s needed %s; want %s %s %s", pctStr(c.r.Rate), pctStr(c.r.GapPP), intStr(c.r.PersonsNeeded), c.rate, c.gap, c.needed)
		}
	}
	var over []string
	for _, w := range res.Warnings {
		if w.Code == WarnRateOver100 {
			over = append(over, w.Unit+" "+w.Key+" "+w.Cell)
		}
	}
	if strings.Join(over, ";") != "B hssv F7;Tổng cộng hssv " {
		t.Errorf("over-100 warnings %q", over)
	}
	if len(res.Evaluation) != 1 || res.Evaluation[0].Key != "hssv" || len(res.Evaluation[0].Reached) != 1 {
		t.Errorf("evaluation %+v", res.Evaluation)
	}
}

// FuzzParseIndicator: any text either parses into a definition whose
// name is valid and whose sides are a count key or a header, or is
// refused; never a panic.
func FuzzParseIndicator(f *testing.F) {
	for _, s := range []string{"hssv=Số HSSV tham gia BHYT/Tổng số HSSV", "x=population/bhyt", "=/", "a=/b", "a=b/", "a=b/c/d", "bhyt=a/b", "a\x00=b/c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ind, err := ParseIndicator(s)
		if err != nil {
			return
		}
		if checkDefinedName(ind.Key) != nil || len(ind.Numerator) != 1 {
			t.Fatalf("%q gave %+v", s, ind)
		}
		for _, k := range append(ind.Numerator, ind.Denominator) {
			if !IsCountKey(k) || k == ColumnPrefix {
				t.Fatalf("%q: side %q is not a count key", s, k)
			}
		}
		if ind.Numerator[0] == ind.Denominator {
			t.Fatalf("%q: numerator and denominator alike", s)
		}
	})
}

// FuzzParseIndicators: a definitions file parses or is refused naming a
// line; what parses holds distinct names.
func FuzzParseIndicators(f *testing.F) {
	f.Add("# c\nhssv=A/B\nhgd=C/population\n")
	f.Add("a=X/Y\na=Z/W\n")
	f.Add("\ufeffa=b/c\r\n\r\n")
	f.Fuzz(func(t *testing.T, s string) {
		defs, err := ParseIndicators(s)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, d := range defs {
			if seen[d.Key] {
				t.Fatalf("%q: %s twice", s, d.Key)
			}
			seen[d.Key] = true
		}
	})
}
