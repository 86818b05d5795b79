package report

import (
	"io"
	"strconv"
)

// WriteCountCSV writes one row per unit: code, unit, then a count per
// scheme, the schemes' keys as headers; UTF-8 with BOM.
func WriteCountCSV(w io.Writer, rep *Count) error {
	records := make([][]string, 0, len(rep.Units))
	for _, u := range rep.Units {
		rec := []string{u.Code, u.Name}
		for _, n := range rep.countsOf(u) {
			rec = append(rec, strconv.FormatInt(n, 10))
		}
		records = append(records, rec)
	}
	return writeExcelCSV(w, append([]string{"code", "unit"}, rep.Schemes...), records)
}
