package report

import (
	"io"
	"strconv"
)

// WriteCrosswalkCSV writes one row per new unit under the canonical keys
// (code, unit, counts), which compute reads as it is; a count the unit
// lacks is "x" (not reported, not zero).
func WriteCrosswalkCSV(w io.Writer, rep *Crosswalk) error {
	keys := crosswalkKeys(rep)
	var records [][]string
	for _, u := range rep.Units {
		rec := []string{u.Code, u.Name}
		for _, k := range keys {
			if v, ok := u.Counts[k]; ok {
				rec = append(rec, strconv.FormatInt(v, 10))
			} else {
				rec = append(rec, "x")
			}
		}
		records = append(records, rec)
	}
	return writeExcelCSV(w, append([]string{"code", "unit"}, keys...), records)
}
