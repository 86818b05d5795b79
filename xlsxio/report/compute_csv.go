package report

import (
	"encoding/csv"
	"io"

	"github.com/bhxh/bhxh/coverage"
)

// csvIndicatorFields are the per-indicator columns of the CSV report,
// named <indicator>_<field>; numerator and denominator are already among
// the counts.
var csvIndicatorFields = []string{
	"rate", "target", "target_source", "gap_pp", "persons_needed",
	"plan", "plan_completion", "prior", "change", "pace_per_month",
}

// WriteComputeCSV writes one row per unit plus the total, UTF-8 with BOM,
// with canonical column names: unit, code, the counts present, then
// <indicator>_rate… for each indicator present. Decimals use '.'; an
// absent figure is an empty field.
func WriteComputeCSV(w io.Writer, rep *Compute) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	counts := presentCounts(&rep.Result)
	inds := presentIndicators(&rep.Result)
	cw := csv.NewWriter(w)
	head := []string{"unit", "code"}
	head = append(head, counts...)
	for _, ind := range inds {
		for _, f := range csvIndicatorFields {
			head = append(head, ind+"_"+f)
		}
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, u := range reportRows(&rep.Result) {
		row := []string{u.Name, u.Code}
		for _, k := range counts {
			row = append(row, intFig(countPtr(u, k)).String())
		}
		for _, ind := range inds {
			var fig figures
			if r := u.Indicator(ind); r != nil {
				fig = indicatorFigures(r, rep.Decimals)
			}
			for _, f := range csvIndicatorFields {
				row = append(row, fig[f].String()) // the zero figure of a missing indicator is ""
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// reportRows lists the units then the total.
func reportRows(res *coverage.Result) []*coverage.UnitResult {
	rows := make([]*coverage.UnitResult, 0, len(res.Units)+1)
	for i := range res.Units {
		rows = append(rows, &res.Units[i])
	}
	return append(rows, &res.Total)
}

// presentCounts lists the count keys any row reports, in CountKeys order.
func presentCounts(res *coverage.Result) []string {
	var keys []string
	for _, k := range coverage.CountKeys {
		for _, u := range reportRows(res) {
			if _, ok := u.Counts[k]; ok {
				keys = append(keys, k)
				break
			}
		}
	}
	return keys
}

// presentIndicators lists the indicators any row has, in Indicators order.
func presentIndicators(res *coverage.Result) []string {
	var keys []string
	for _, ind := range coverage.Indicators {
		for _, u := range reportRows(res) {
			if u.Indicator(ind.Key) != nil {
				keys = append(keys, ind.Key)
				break
			}
		}
	}
	return keys
}

func countPtr(u *coverage.UnitResult, key string) *int64 {
	if v, ok := u.Counts[key]; ok {
		return &v
	}
	return nil
}
