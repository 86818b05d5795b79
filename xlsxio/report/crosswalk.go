package report

import (
	"time"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio"
)

// Crosswalk is what `bhxh crosswalk` reports: old-unit workbooks' figures
// in the new units, and where each came from. Writers render it; none
// converts.
type Crosswalk struct {
	Table     CrosswalkTable
	Shares    *FileRef // the shares file given, nil when none
	Inputs    []Input
	Period    string          // "YYYY-MM" or ""
	Units     []coverage.Unit // the new units, with Sources and Origins
	Issues    []xlsxio.Issue
	Lang      string
	Tool      string
	Generated time.Time // in the reader's zone: sheets print it as it is, with its offset
	Width     int       // the console table's widest line (the terminal's); 0: no limit
}

// CrosswalkTable names the conversion table used.
type CrosswalkTable struct {
	Name      string // "vn-2025" or the user's file
	Effective string // "2025-07-01", "" when unknown
	Source    string
	SHA256    string
}

// FileRef is a file a report used besides its inputs.
type FileRef struct {
	File, SHA256 string
}

// crosswalkKeys lists the count keys any new unit holds, canonical order.
func crosswalkKeys(rep *Crosswalk) []string {
	has := map[string]bool{}
	for _, u := range rep.Units {
		for k := range u.Counts {
			has[k] = true
		}
	}
	var keys []string
	for _, k := range coverage.AllKeys() {
		if has[k] {
			keys = append(keys, k)
		}
	}
	return keys
}

// crosswalkTotal sums each key over the units reporting it.
func crosswalkTotal(rep *Crosswalk, keys []string) map[string]int64 {
	sums := map[string]int64{}
	for _, u := range rep.Units {
		for _, k := range keys {
			sums[k] += u.Counts[k]
		}
	}
	return sums
}

func unitPtrs(units []coverage.Unit) []*coverage.Unit {
	out := make([]*coverage.Unit, len(units))
	for i := range units {
		out[i] = &units[i]
	}
	return out
}
