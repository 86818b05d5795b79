package targets

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/msg"
)

func TestParseTargetFlag(t *testing.T) {
	cases := []struct {
		in, ind, rate, err string
	}{
		{in: "bhxh=55", ind: "bhxh", rate: "55"},
		{in: "bhyt=95.15", ind: "bhyt", rate: "95.15"},
		{in: "bhyt=95,15", ind: "bhyt", rate: "95.15"},
		{in: "bhyt=95,15%", ind: "bhyt", rate: "95.15"},
		{in: " BHYT = 95 ", ind: "bhyt", rate: "95"},
		{in: "bhxh_voluntary=2.5", ind: "bhxh_voluntary", rate: "2.5"},
		{in: "pension=100", ind: "pension", rate: "100"},
		{in: "bhtn=0,01", ind: "bhtn", rate: "0.01"},
		{in: "bhxh", err: `--target "bhxh": want INDICATOR=RATE, e.g. bhxh=55`},
		{in: "bhxx=55", err: `--target "bhxx=55": unknown indicator "bhxx" (valid: bhxh, bhxh_mandatory, bhxh_voluntary, bhtn, bhyt, pension)`},
		{in: "labour_force=55", err: `unknown indicator "labour_force"`},
		{in: "bhyt=", err: `"" is not a rate in percent`},
		{in: "bhyt=abc", err: `"abc" is not a rate in percent`},
		// Read as a cell reads a percent (xlsxio.ParseRate), then range-checked.
		{in: "bhyt=1.234,5", err: "a target rate must be above 0 and at most 100"},
		{in: "bhyt=-5", err: "a target rate must be above 0 and at most 100"},
		{in: "bhyt=-", err: "a target rate must be above 0 and at most 100"},
		{in: "bhyt=x", err: `"x" is not a rate in percent`},
		{in: "bhyt=2.5e1", err: `"2.5e1" is not a rate in percent`},
		{in: "bhyt=,5", ind: "bhyt", rate: "0.5"},
		{in: "bhyt=95,15 %", ind: "bhyt", rate: "95.15"},
		{in: "bhyt=0", err: "a target rate must be above 0 and at most 100 (percent)"},
		{in: "bhyt=0,00", err: "a target rate must be above 0 and at most 100"},
		{in: "bhyt=100.01", err: "a target rate must be above 0 and at most 100"},
		{in: "bhyt=150", err: "a target rate must be above 0 and at most 100"},
		{in: "bhyt=95=96", err: `"95=96" is not a rate in percent`},
	}
	for _, c := range cases {
		ind, rate, err := ParseTargetFlag(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: error %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if ind != c.ind || !rate.Equal(decimal.RequireFromString(c.rate)) {
			t.Errorf("%q: %s=%s, want %s=%s", c.in, ind, rate, c.ind, c.rate)
		}
	}
}

func TestParseTargetFlags(t *testing.T) {
	got, err := ParseTargetFlags([]string{"bhxh=30", "bhyt=95"})
	if err != nil {
		t.Fatal(err)
	}
	if got["bhxh"].Source != coverage.SourceFlag || got["bhxh"].Note != msg.Plain("--target bhxh=30") || got["bhyt"].Rate.String() != "95" {
		t.Errorf("%+v", got)
	}
	if _, err := ParseTargetFlags([]string{"bhxh=30", "bhxh=31"}); err == nil || !strings.Contains(err.Error(), "given twice") {
		t.Errorf("duplicate: %v", err)
	}
}

func FuzzParseTargetFlag(f *testing.F) {
	for _, s := range []string{"bhxh=55", "bhyt=95,15", "bhyt=95.15%", "x=1", "=", "bhyt=1e3", "bhyt=٩٥", "bhyt=0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ind, rate, err := ParseTargetFlag(s)
		if err != nil {
			return
		}
		if _, ok := coverage.IndicatorByKey(ind); !ok {
			t.Fatalf("%q: accepted unknown indicator %q", s, ind)
		}
		if !rate.IsPositive() || rate.GreaterThan(decimal.NewFromInt(100)) {
			t.Fatalf("%q: accepted rate %s", s, rate)
		}
	})
}
