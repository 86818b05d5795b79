package report

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/bhxh/bhxh/msg"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio"
)

// TestOutputsKeepTheirBytes: the console tables, the count documents, the
// trend's JSON and CSV and the allocation CSV of a few small reports (odd
// names with "&" and "<", missing counts, rates over 100 %, no units at
// all) are byte for byte what the writers wrote before they moved to this
// package (testdata/outputs, written then; -update rewrites them, which
// is a change of bhxh's output: say so in the commit).
func TestOutputsKeepTheirBytes(t *testing.T) {
	gen := time.Unix(1700000000, 0)
	check := func(name string, write func(w io.Writer) error) {
		t.Helper()
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		golden(t, filepath.Join("outputs", name+".golden"), buf.Bytes())
	}
	for _, c := range outputCases {
		rep := &Compute{Inputs: []Input{{File: "a & b.xlsx", Sheet: "T<10>", SHA256: "abc"}},
			Period: "2023-10", Result: outputResult(c), Issues: outputIssues, Decimals: c.decimals, Lang: c.lang, Tool: "bhxh test", Generated: gen}
		check("compute-"+c.name+".table", func(w io.Writer) error { return WriteComputeTable(w, rep) })

		tr := outputTrend(t, c)
		trep := &Trend{Trend: tr, Issues: outputIssues, Decimals: c.decimals, Lang: c.lang, Tool: "bhxh test", Generated: gen}
		for i, p := range tr.Periods {
			sheet := "T"
			if i == 1 {
				sheet = ""
			}
			trep.Inputs = append(trep.Inputs, TrendInput{Period: p, PeriodSource: "title", File: tr.Sources[i], Sheet: sheet, SHA256: "abc"})
		}
		check("trend-"+c.name+".table", func(w io.Writer) error { return WriteTrendTable(w, trep) })
		if c.name == "small-en" {
			check("trend-"+c.name+".json", func(w io.Writer) error { return WriteTrendJSON(w, trep) })
			check("trend-"+c.name+".csv", func(w io.Writer) error { return WriteTrendCSV(w, trep) })
		}

		a, parts, err := outputAllocation(t, c, "bhxh", coverage.Proportional)
		for _, withParts := range []bool{false, true} {
			if err != nil {
				break // nothing to allocate to
			}
			arep := &Allocate{Indicator: "bhxh", Allocation: a, Min: 1, NoDecrease: true, Baseline: "co so.xlsx", Sheet: "S",
				Lang: c.lang, Tool: "bhxh test", Generated: gen}
			if withParts {
				arep.Parts = parts
				if arep.Parts == nil {
					arep.Parts = [][]int64{}
				}
			}
			name := fmt.Sprintf("alloc-%s-bhxh-proportional-%v", c.name, withParts)
			check(name+".table", func(w io.Writer) error { return WriteAllocateTable(w, arep) })
			check(name+".csv", func(w io.Writer) error { return WriteAllocateCSV(w, arep) })
		}

		crep := outputCount(c)
		check("count-"+c.name+".json", func(w io.Writer) error { return WriteCountJSON(w, crep) })
		check("count-"+c.name+".csv", func(w io.Writer) error { return WriteCountCSV(w, crep) })
		check("count-"+c.name+".table", func(w io.Writer) error { return WriteCountTable(w, crep) })
	}
}

// outputUnits are n units; weird ones have odd names, no BHTN or no labour
// force in some rows, BHYT over the population in others.
func outputUnits(n int, weird bool) []coverage.Unit {
	units := make([]coverage.Unit, n)
	for i := range units {
		lf := int64(40000 + 37*i)
		name := fmt.Sprintf("Xã Hòa Bình %d", i+1)
		if weird && i%3 == 0 {
			name = fmt.Sprintf("Xã A & B <%d> \"q\" Thị trấn Đông Hòa rất dài tên %d", i, i)
		}
		code := ""
		if i%2 == 0 {
			code = fmt.Sprintf("%05d", 4402+3*i)
		}
		c := map[string]int64{
			coverage.LabourForce: lf, coverage.Population: 2*lf + 11*int64(i),
			coverage.BHXHMandatory: lf/5 + int64(i%97), coverage.BHXHVoluntary: lf/30 + int64(i%13),
			coverage.BHTN: lf/6 + int64(i%41), coverage.BHYT: 2*lf*9/10 - int64(i%301),
			coverage.PlanPrefix + coverage.BHXHMandatory: lf / 4, coverage.PlanPrefix + coverage.BHXHVoluntary: lf / 25,
			coverage.PlanPrefix + coverage.BHYT:           2 * lf * 19 / 20,
			coverage.PriorPrefix + coverage.BHXHMandatory: lf/5 - 100, coverage.PriorPrefix + coverage.BHYT: 2*lf*9/10 - 400,
			coverage.RetirementAgePopulation: 5000 + int64(i), coverage.PensionRecipients: 4000 + int64(7*i),
		}
		if weird && i%4 == 1 {
			delete(c, coverage.BHTN)
			c[coverage.LabourForce] = 0
		}
		if weird && i%5 == 2 {
			c[coverage.BHYT] = 3 * lf // over 100 %
		}
		units[i] = coverage.Unit{Name: name, Code: code, Counts: c}
	}
	return units
}

type outputCase struct {
	name     string
	n        int
	weird    bool
	decimals int
	lang     string
	targets  map[string]string
	month    int
}

var outputCases = []outputCase{
	{"small-en", 6, true, 1, "en", map[string]string{"bhxh": "30", "bhtn": "35.5", "pension": "60"}, 3},
	{"small-vi", 6, true, 0, "vi", map[string]string{"bhxh_mandatory": "12.345", "bhyt": "100"}, 12},
	{"empty", 0, false, 2, "vi", nil, 0},
	{"empty-en", 0, false, 2, "en", map[string]string{"bhxh": "30"}, 0},
}

func outputResult(c outputCase) coverage.Result {
	opt := coverage.Options{Month: c.month, Flags: map[string]coverage.Target{}}
	for k, v := range c.targets {
		opt.Flags[k] = coverage.Target{Rate: decimal.RequireFromString(v), Source: coverage.SourceFlag, Note: msg.Plain("--target " + k)}
	}
	if c.lang == "en" {
		opt.TotalName = "Total"
	}
	return coverage.Compute(outputUnits(c.n, c.weird), nil, opt)
}

var outputIssues = []xlsxio.Issue{{Level: "warning", Code: "x", File: "a & b.xlsx", Sheet: "S<1>", Cell: "B2", Message: msg.Plain("m & <n>")}, {Level: "warning", Code: "y", File: "c.csv", Message: msg.Plain("no sheet")}}

func outputTrend(t *testing.T, c outputCase) coverage.Trend {
	var ms []coverage.Month
	for m := 0; m < 4; m++ {
		units := outputUnits(c.n, c.weird)
		var keep []coverage.Unit
		for i := range units {
			units[i].Counts[coverage.BHXHMandatory] += int64(50 * m * (i%7 + 1))
			if c.weird && (i+m)%6 == 0 {
				continue // missing month
			}
			if c.weird && m == 0 {
				delete(units[i].Counts, coverage.BHYT)
			}
			keep = append(keep, units[i])
		}
		ms = append(ms, coverage.Month{Period: fmt.Sprintf("2023-%02d", m+9), Source: fmt.Sprintf("t%d.xlsx", m+1), Units: keep})
	}
	tr, err := coverage.ComputeTrend(ms, coverage.TrendOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func outputAllocation(t *testing.T, c outputCase, ind string, method coverage.Method) (coverage.Allocation, [][]int64, error) {
	units := outputUnits(c.n, false)
	au, err := coverage.AllocUnitsFrom(units, ind)
	if err != nil {
		return coverage.Allocation{}, nil, err
	}
	var den int64
	for _, u := range au {
		den += u.Denominator
	}
	a, err := coverage.Allocate(au, coverage.AllocRequest{Total: den / 4, Method: method})
	def, _ := coverage.IndicatorByKey(ind)
	var parts [][]int64
	for _, u := range units {
		var p []int64
		for _, k := range def.Numerator {
			p = append(p, u.Counts[k])
		}
		parts = append(parts, p)
	}
	return a, parts, err
}

func outputCount(c outputCase) *Count {
	rep := &Count{Inputs: []xlsxio.CountInput{{File: "ds & co.xlsx", Sheet: "DS", Rows: 1048573}}, Issues: outputIssues,
		Schemes: []string{"bhxh_mandatory", "bhxh_voluntary", "bhtn", "bhyt"}}
	if c.weird {
		rep.Schemes = []string{"bhtn", "bhyt"}
	}
	if c.name == "empty" {
		rep.Schemes = nil
		rep.Issues = nil
	}
	for _, u := range outputUnits(c.n, c.weird) {
		m := map[string]int64{}
		for _, s := range rep.Schemes {
			m[s] = u.Counts[coverage.BHYT] / int64(len(s))
		}
		rep.Units = append(rep.Units, xlsxio.UnitCount{Code: u.Code, Name: u.Name, Counts: m})
	}
	return rep
}
