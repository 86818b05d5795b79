package coverage

import "github.com/shopspring/decimal"

// Unit is one row of a workbook: a district, commune or any reporting unit,
// with what was read for it. Only keys present in the workbook are in the
// maps; a missing key means "not reported", never zero.
type Unit struct {
	Name string
	Code string // official code kept as text ("04402"); "" when none

	// Counts holds whole-people values by canonical key: current counts
	// (bhxh_mandatory…), plans (plan_<indicator>) and priors (prior_<count>).
	Counts map[string]int64

	// Percents holds percentage columns: target_<indicator> (the unit's own
	// target) and rate_<indicator> (the workbook's own rate, cross-check only).
	Percents map[string]decimal.Decimal

	// Shown holds, for each rate_<indicator> key, the number of decimals the
	// workbook displays it with (from the cell's number format or its text),
	// so a cross-check compares at that precision. -1 means unknown.
	Shown map[string]int

	// Cells maps a key to the cell it was read from ("K18"), plus "unit" for
	// the name cell; used to point warnings at the workbook.
	Cells map[string]string

	Row int // 1-based sheet row, 0 when not from a sheet
}

// Count returns the count for key and whether it was reported.
func (u *Unit) Count(key string) (int64, bool) {
	v, ok := u.Counts[key]
	return v, ok
}
