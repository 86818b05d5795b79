package report

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/coverage"
)

// Allocate is everything an allocation report shows. Writers render it;
// none computes.
type Allocate struct {
	Indicator  string             // indicator key ("bhxh")
	Def        coverage.Indicator // its definition; empty = the built-in Indicator
	Allocation coverage.Allocation
	// Parts are each unit's numerator counts, in the order of the
	// indicator's Numerator keys, for an indicator that sums several
	// (bhxh = mandatory + voluntary); nil shows the current count only.
	Parts      [][]int64
	Rate       *decimal.Decimal // the --rate asked for, nil with --total
	Min        int64
	NoDecrease bool
	By         string // --by column, "" when not hierarchical
	Parents    string // --parent-targets file name
	Baseline   string // baseline file (base name)
	Sheet      string // baseline sheet, "" for CSV
	Lang       string // "vi" or "en": table headers
	Width      int    // the console table's widest line (the terminal's); 0: no limit
	Tool       string
	Generated  time.Time // in the reader's zone
	Place      string    // the place of the date line over the signatures; "" leaves it blank
}

// allocRow is one row of an allocation report: a unit or the total.
type allocRow struct {
	name, code  string
	denominator int64
	current     int64
	parts       []int64 // see Allocate.Parts; nil shows current in the first numerator column
	target      int64
}

// targetRate is the row's target as a rate of its denominator; nothing
// when the denominator is 0.
func (r allocRow) targetRate() figure {
	p, ok := coverage.NewPct(r.target, r.denominator)
	if !ok {
		return figure{}
	}
	return pctOf(&p)
}

// allocRateDecimals: target rates are shown, and written to a targets
// file, with 2 decimals.
const allocRateDecimals = 2

// allocRows returns the units' rows then the total row.
func allocRows(rep *Allocate) []allocRow {
	a := rep.Allocation
	var rows []allocRow
	var sums []int64
	for i, u := range a.Units {
		r := allocRow{name: u.Name, code: u.Code, denominator: u.Denominator, current: u.Current, target: u.Target}
		if rep.Parts != nil {
			r.parts = rep.Parts[i]
			if sums == nil {
				sums = make([]int64, len(r.parts))
			}
			for k, n := range r.parts {
				sums[k] += n
			}
		}
		rows = append(rows, r)
	}
	if rep.Parts != nil && sums == nil {
		sums = []int64{} // no units: the total still shows its parts
	}
	return append(rows, allocRow{name: totalLabel(rep.Lang), denominator: a.Denominator, current: a.Current,
		target: a.Target, parts: sums})
}

// allocColumn is one column of the report: its canonical key where one
// exists (so the xlsx reads back as a targets file), and its figure.
type allocColumn struct {
	key string // canonical key, or incrementKey
	of  func(r allocRow) figure
}

const incrementKey = "increment"

// allocColumns are the report's columns: unit, code (when any unit has
// one), the denominator, the current count(s), plan_<ind> (the target in
// people), the increment, and target_<ind> (the target rate).
func allocColumns(rep *Allocate) []allocColumn {
	ind := rep.Def
	if ind.Key == "" {
		ind, _ = coverage.IndicatorByKey(rep.Indicator)
	}
	cols := []allocColumn{{"unit", func(r allocRow) figure { return wordOf(r.name) }}}
	if allocationHasCodes(rep.Allocation) {
		cols = append(cols, allocColumn{"code", func(r allocRow) figure { return wordOf(r.code) }})
	}
	cols = append(cols, allocColumn{ind.Denominator, func(r allocRow) figure { return countOf(&r.denominator) }})
	for i, k := range ind.Numerator {
		cols = append(cols, allocColumn{k, func(r allocRow) figure {
			switch {
			case r.parts != nil:
				var n int64
				if i < len(r.parts) {
					n = r.parts[i]
				}
				return countOf(&n)
			case i == 0:
				return countOf(&r.current)
			}
			return figure{}
		}})
	}
	return append(cols,
		allocColumn{coverage.PlanPrefix + ind.Key, func(r allocRow) figure { return countOf(&r.target) }},
		allocColumn{incrementKey, func(r allocRow) figure { n := r.target - r.current; return countOf(&n) }},
		allocColumn{coverage.TargetPrefix + ind.Key, allocRow.targetRate},
	)
}

func allocationHasCodes(a coverage.Allocation) bool {
	for _, u := range a.Units {
		if u.Code != "" {
			return true
		}
	}
	return false
}

func allocHeader(key, lang string) string {
	if key == incrementKey {
		if lang == "en" {
			return "Increase (people)"
		}
		return "Số người tăng thêm"
	}
	return header(key, lang)
}

// usableTarget: a targets file holds rates in (0, 100] only (compute
// refuses others); a unit allocated 0 people, or already above its
// denominator, keeps its plan and gets no rate cell. The rate is judged
// as written, rounded.
func usableTarget(f figure) bool {
	if f.kind != pctFigure {
		return false
	}
	d := f.pct.Round(allocRateDecimals)
	return d.IsPositive() && !d.GreaterThan(decimal.NewFromInt(100))
}
