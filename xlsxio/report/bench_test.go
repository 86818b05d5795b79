package report

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio"
)

// The report writers on a province of 1,000 units (every count, two
// targets, plans and priors: compute, allocate, template) and on 300 units
// over twelve months (trend).

const (
	benchN      = 1000
	benchTrendN = 300
)

// benchUnits are n units with every count, plans and priors, their figures
// varied so that rates, gaps and needs differ from row to row.
func benchUnits(n int) []coverage.Unit {
	units := make([]coverage.Unit, n)
	for i := range units {
		lf := int64(40000 + 37*i)
		units[i] = coverage.Unit{
			Name: fmt.Sprintf("Xã Hòa Bình %d", i+1), Code: fmt.Sprintf("%05d", 4402+3*i),
			Counts: map[string]int64{
				coverage.LabourForce: lf, coverage.Population: 2*lf + 11*int64(i),
				coverage.BHXHMandatory: lf/5 + int64(i%97), coverage.BHXHVoluntary: lf/30 + int64(i%13),
				coverage.BHTN: lf/6 + int64(i%41), coverage.BHYT: 2*lf*9/10 - int64(i%301),
				coverage.PlanPrefix + coverage.BHXHMandatory: lf / 4, coverage.PlanPrefix + coverage.BHXHVoluntary: lf / 25,
				coverage.PlanPrefix + coverage.BHYT:           2 * lf * 19 / 20,
				coverage.PriorPrefix + coverage.BHXHMandatory: lf/5 - 100, coverage.PriorPrefix + coverage.BHYT: 2*lf*9/10 - 400,
			},
		}
	}
	return units
}

func benchComputeResult(n int) coverage.Result {
	return coverage.Compute(benchUnits(n), nil, coverage.Options{Month: 10, Flags: map[string]coverage.Target{
		"bhxh": {Rate: decimal.RequireFromString("30"), Source: coverage.SourceFlag, Note: msg.Plain("--target bhxh=30")},
		"bhyt": {Rate: decimal.RequireFromString("95"), Source: coverage.SourceFlag, Note: msg.Plain("--target bhyt=95")},
	}})
}

func benchAllocation(b *testing.B, n int) coverage.Allocation {
	units, err := coverage.AllocUnitsFrom(benchUnits(n), "bhxh")
	if err != nil {
		b.Fatal(err)
	}
	var den int64
	for _, u := range units {
		den += u.Denominator
	}
	a, err := coverage.Allocate(units, coverage.AllocRequest{Total: den / 4, Method: coverage.Proportional})
	if err != nil {
		b.Fatal(err)
	}
	return a
}

func benchParts(n int) [][]int64 {
	var parts [][]int64
	for _, u := range benchUnits(n) {
		parts = append(parts, []int64{u.Counts[coverage.BHXHMandatory], u.Counts[coverage.BHXHVoluntary]})
	}
	return parts
}

func benchTrend(b *testing.B, n, months int) coverage.Trend {
	var ms []coverage.Month
	for m := 0; m < months; m++ {
		units := benchUnits(n)
		for i := range units {
			units[i].Counts[coverage.BHXHMandatory] += int64(50 * m * (i%7 + 1))
		}
		ms = append(ms, coverage.Month{Period: fmt.Sprintf("2023-%02d", m+1), Source: fmt.Sprintf("t%d.xlsx", m+1), Units: units})
	}
	tr, err := coverage.ComputeTrend(ms, coverage.TrendOptions{})
	if err != nil {
		b.Fatal(err)
	}
	return tr
}

// benchWrite runs write b.N times into a reused buffer.
func benchWrite(b *testing.B, write func(w io.Writer) error) {
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := write(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

func benchCompute() *Compute {
	return &Compute{Inputs: []Input{{File: "tinh.xlsx", Sheet: "T10", SHA256: "abc"}}, Period: "2023-10",
		Result: benchComputeResult(benchN), Decimals: 2, Lang: "vi", Tool: "bhxh bench", Generated: time.Unix(1700000000, 0)}
}

func BenchmarkWriteComputeJSON(b *testing.B) {
	rep := benchCompute()
	benchWrite(b, func(w io.Writer) error { return WriteComputeJSON(w, rep) })
}

func BenchmarkWriteComputeCSV(b *testing.B) {
	rep := benchCompute()
	benchWrite(b, func(w io.Writer) error { return WriteComputeCSV(w, rep) })
}

func BenchmarkWriteComputeTable(b *testing.B) {
	rep := benchCompute()
	benchWrite(b, func(w io.Writer) error { return WriteComputeTable(w, rep) })
}

func BenchmarkWriteComputeXLSX(b *testing.B) {
	rep := benchCompute()
	benchWrite(b, func(w io.Writer) error { return WriteComputeXLSX(w, rep) })
}

func benchAllocate(b *testing.B) *Allocate {
	return &Allocate{Indicator: "bhxh", Allocation: benchAllocation(b, benchN), Parts: benchParts(benchN),
		Baseline: "co-so.xlsx", Lang: "vi", Tool: "bhxh bench", Generated: time.Unix(1700000000, 0)}
}

func BenchmarkWriteAllocateJSON(b *testing.B) {
	rep := benchAllocate(b)
	benchWrite(b, func(w io.Writer) error { return WriteAllocateJSON(w, rep) })
}

func BenchmarkWriteAllocateCSV(b *testing.B) {
	rep := benchAllocate(b)
	benchWrite(b, func(w io.Writer) error { return WriteAllocateCSV(w, rep) })
}

func BenchmarkWriteAllocateTable(b *testing.B) {
	rep := benchAllocate(b)
	benchWrite(b, func(w io.Writer) error { return WriteAllocateTable(w, rep) })
}

func BenchmarkWriteAllocateXLSX(b *testing.B) {
	rep := benchAllocate(b)
	benchWrite(b, func(w io.Writer) error { return WriteAllocateXLSX(w, rep) })
}

func benchTrendReport(b *testing.B) *Trend {
	tr := benchTrend(b, benchTrendN, 12)
	rep := &Trend{Trend: tr, Decimals: 2, Lang: "vi", Tool: "bhxh bench", Generated: time.Unix(1700000000, 0)}
	for i, p := range tr.Periods {
		rep.Inputs = append(rep.Inputs, TrendInput{Period: p, PeriodSource: "title", File: tr.Sources[i], Sheet: "T", SHA256: "abc"})
	}
	return rep
}

func BenchmarkWriteTrendJSON(b *testing.B) {
	rep := benchTrendReport(b)
	benchWrite(b, func(w io.Writer) error { return WriteTrendJSON(w, rep) })
}

func BenchmarkWriteTrendCSV(b *testing.B) {
	rep := benchTrendReport(b)
	benchWrite(b, func(w io.Writer) error { return WriteTrendCSV(w, rep) })
}

func BenchmarkWriteTrendTable(b *testing.B) {
	rep := benchTrendReport(b)
	benchWrite(b, func(w io.Writer) error { return WriteTrendTable(w, rep) })
}

func BenchmarkWriteTrendXLSX(b *testing.B) {
	rep := benchTrendReport(b)
	benchWrite(b, func(w io.Writer) error { return WriteTrendXLSX(w, rep) })
}

func BenchmarkWriteTemplate(b *testing.B) {
	var units []TemplateUnit
	for _, u := range benchUnits(benchN) {
		units = append(units, TemplateUnit{Name: u.Name, Code: u.Code})
	}
	opt := TemplateOptions{Lang: "vi", Period: "2023-10", Units: units}
	benchWrite(b, func(w io.Writer) error { return WriteTemplate(w, opt) })
}

// The count writers on 1,000 units and four schemes.
func benchCount() *Count {
	rep := &Count{Inputs: []xlsxio.CountInput{{File: "ds.xlsx", Sheet: "DS", Rows: 1048573}},
		Schemes: []string{"bhxh_mandatory", "bhxh_voluntary", "bhtn", "bhyt"}}
	for i := range benchN {
		rep.Units = append(rep.Units, xlsxio.UnitCount{Code: fmt.Sprintf("%05d", 4402+3*i), Name: fmt.Sprintf("Xã Hòa Bình %d", i+1),
			Counts: map[string]int64{"bhxh_mandatory": int64(900 + 7*i), "bhxh_voluntary": int64(40 + i%13), "bhtn": int64(700 + 5*i), "bhyt": int64(4000 + 11*i)}})
	}
	return rep
}

func BenchmarkWriteCountJSON(b *testing.B) {
	rep := benchCount()
	benchWrite(b, func(w io.Writer) error { return WriteCountJSON(w, rep) })
}

func BenchmarkWriteCountCSV(b *testing.B) {
	rep := benchCount()
	benchWrite(b, func(w io.Writer) error { return WriteCountCSV(w, rep) })
}

func BenchmarkWriteCountTable(b *testing.B) {
	rep := benchCount()
	benchWrite(b, func(w io.Writer) error { return WriteCountTable(w, rep) })
}

func BenchmarkWriteCountXLSX(b *testing.B) {
	rep := benchCount()
	benchWrite(b, func(w io.Writer) error { return WriteCountXLSX(w, rep) })
}
