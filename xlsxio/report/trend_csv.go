package report

import (
	"io"

	"github.com/bhxh/bhxh/coverage"
)

// WriteTrendCSV writes the long format, one row per indicator, unit (the
// total last) and period, UTF-8 with BOM; a missing month has empty
// figures, never zeros.
func WriteTrendCSV(w io.Writer, rep *Trend) error {
	var records [][]string
	for _, it := range rep.Trend.Indicators {
		for _, s := range seriesWithTotal(it) {
			for i, period := range rep.Trend.Periods {
				num, den, rate := pointFigures(s.Points[i])
				records = append(records, []string{it.Key, s.Name, s.Code, period, num.text(0), den.text(0), rate.text(rep.Decimals)})
			}
		}
	}
	return writeExcelCSV(w, []string{"indicator", "unit", "code", "period", "numerator", "denominator", "rate"}, records)
}

// pointFigures are one month of a series: its numerator, denominator and
// rate; nothing at all for a missing month.
func pointFigures(p *coverage.IndicatorResult) (num, den, rate figure) {
	if p == nil {
		return
	}
	return countOf(&p.Numerator), countOf(p.Denominator), pctOf(p.Rate)
}
