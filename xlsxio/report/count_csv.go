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
		for _, s := range rep.Schemes {
			rec = append(rec, strconv.FormatInt(u.Counts[s], 10))
		}
		records = append(records, rec)
	}
	return writeExcelCSV(w, append([]string{"code", "unit"}, rep.Schemes...), records)
}
