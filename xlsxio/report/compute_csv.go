package report

import "io"

// csvIndicatorFields are the per-indicator columns of the CSV report,
// named <indicator>_<field>; numerator and denominator are already among
// the counts.
var csvIndicatorFields = indicatorFields[2:]

// WriteComputeCSV writes one row per unit plus the total, UTF-8 with BOM,
// with canonical column names: unit, code, the counts present, then
// <indicator>_rate… for each indicator present, and last, when the units
// were ranked (compute --sort), rank. Decimals use '.'; an absent figure
// is an empty field.
func WriteComputeCSV(w io.Writer, rep *Compute) error {
	counts := presentCounts(&rep.Result)
	inds := presentIndicators(&rep.Result)
	head := []string{"unit", "code"}
	head = append(head, counts...)
	for _, ind := range inds {
		for _, f := range csvIndicatorFields {
			head = append(head, ind+"_"+f.name)
		}
	}
	ranked := rep.Result.Sort != nil
	if ranked {
		head = append(head, "rank")
	}
	var records [][]string
	for _, u := range reportRows(&rep.Result) {
		row := []string{u.Name, u.Code}
		for _, k := range counts {
			row = append(row, unitCount(u, k).text(0))
		}
		for _, ind := range inds {
			r := u.Indicator(ind)
			for _, f := range csvIndicatorFields {
				v := "" // a missing indicator has every field empty
				if r != nil {
					v = f.of(r).text(rep.Decimals)
				}
				row = append(row, v)
			}
		}
		if ranked {
			row = append(row, unitRank(u).text(0))
		}
		records = append(records, row)
	}
	return writeExcelCSV(w, head, records)
}
