package coverage

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// Unit is one row of a workbook: a district, commune or any reporting unit,
// with what was read for it. Only keys present in the workbook are in the
// maps; a missing key means "not reported", never zero.
type Unit struct {
	Name string
	Code string // official code kept as text ("04402"); "" when none
	// Parent is the unit's parent as a grouping column names it (the old
	// district of allocate --by); "" when none was read.
	Parent string

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

	// Sources maps a count key to where its value came from, as
	// "file!sheet!cell" ("file!cell" for a CSV): one cell as read, several
	// for a figure summed across the reform (Origins says how).
	Sources map[string][]string

	// Origins are the old units a unit converted across the 2025 reform
	// was made of, with the people each gave; nil when not converted.
	Origins []Origin
}

// Origin is an old unit whose people a converted unit's figures hold.
type Origin struct {
	Code, Name string
	Relation   string              // "whole" or "part"
	Share      *big.Rat            // part: the old unit's normalised share going here; nil for whole
	ShareCell  string              // part: "shares.csv!C5", where the share was given
	Counts     map[string]int64    // the people moved, by key
	Sources    map[string][]string // the old unit's cells, by key
}

// MovedAcrossReform reports whether u's figure for key was summed from old
// units (some of its Origins give it).
func (u *Unit) MovedAcrossReform(key string) bool {
	for _, og := range u.Origins {
		if _, ok := og.Counts[key]; ok {
			return true
		}
	}
	return false
}

// Count returns the count for key and whether it was reported.
func (u *Unit) Count(key string) (int64, bool) {
	v, ok := u.Counts[key]
	return v, ok
}
