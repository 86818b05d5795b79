package report

import (
	"io"
	"strings"

	"github.com/bhxh/bhxh/coverage"
)

// WriteAllocateCSV writes one row per unit plus the total, canonical column
// names, UTF-8 with BOM, '.' as the decimal point.
func WriteAllocateCSV(w io.Writer, rep *Allocate) error {
	cols := allocColumns(rep)
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = c.key
	}
	var records [][]string
	for _, r := range allocRows(rep) {
		rec := make([]string, len(cols))
		for i, c := range cols {
			f := c.of(r)
			if strings.HasPrefix(c.key, coverage.TargetPrefix) && !usableTarget(f) {
				continue // no rate a targets file would refuse
			}
			rec[i] = f.text(allocRateDecimals)
		}
		records = append(records, rec)
	}
	return writeExcelCSV(w, head, records)
}
