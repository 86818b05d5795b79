package coverage

import (
	"github.com/bhxh/bhxh/msg"
	"github.com/shopspring/decimal"
)

// TargetSource says where a target rate came from; the values are part of the
// JSON interface (target_source).
type TargetSource string

const (
	SourceUnit   TargetSource = "unit"   // the unit's own row (workbook column or targets file)
	SourceFlag   TargetSource = "flag"   // --target KEY=RATE
	SourcePreset TargetSource = "preset" // --preset NAME --year YYYY
)

// Target is a target rate in percent and where it came from.
type Target struct {
	Rate   decimal.Decimal
	Source TargetSource
	Note   msg.Text // human-readable origin, e.g. "NQ 28-NQ/TW, 2025" or "targets.xlsx!C5", in both languages
}

// IndicatorResult is one indicator of one unit (or of the total). Pointer
// fields are nil when the figure does not exist (JSON null).
type IndicatorResult struct {
	Key            string
	Numerator      int64
	Denominator    *int64
	Rate           *Pct
	Target         *Target
	GapPP          *Pct   // target − rate, in points; positive = behind
	PersonsNeeded  *int64 // max(0, ⌈target/100 × denominator⌉ − numerator)
	Plan           *int64
	PlanCompletion *Pct // numerator / plan × 100
	Prior          *int64
	Change         *int64 // numerator − prior
	PacePerMonth   *int64 // ⌈persons_needed / months left⌉

	// PriorRate is the prior over the prior denominator (prior_<count>
	// of the denominator, e.g. from compute --prior), ChangePP the rate's
	// change on it in points; nil without a prior denominator.
	PriorRate *Pct
	ChangePP  *Pct
	// ChangeUnits is set on the total only, when some units report the
	// numerator but no prior: the total's prior and change (and prior
	// rate and change in points) are then over the ChangeUnits units
	// reporting both, like for like.
	ChangeUnits *int
}

// Behind reports whether the indicator has a target it has not reached.
func (r *IndicatorResult) Behind() bool {
	return r.GapPP != nil && r.GapPP.Sign() > 0
}

// UnitResult is the computed view of one unit or of the total.
type UnitResult struct {
	Name       string
	Code       string            // "" = none (JSON null)
	Counts     map[string]int64  // current counts only (CountKeys)
	Indicators []IndicatorResult // in Indicators order, only those present
	Source     *Unit             // the unit it was computed from (nil for the total)
	Rank       *int              // place by Result.Sort, 1 = best; nil when not ranked
}

// Indicator returns the result for key, or nil.
func (u *UnitResult) Indicator(key string) *IndicatorResult {
	for i := range u.Indicators {
		if u.Indicators[i].Key == key {
			return &u.Indicators[i]
		}
	}
	return nil
}

// Warning is a cross-check finding about the data. Codes are part of the
// interface: total_mismatch, rate_mismatch, rate_over_100, no_denominator,
// unknown_column.
type Warning struct {
	Code    string
	Unit    string   // unit name, "" when about the whole table
	Key     string   // column key concerned
	Cell    string   // "K18", "" when unknown
	Message msg.Text // in both languages; String() is English
}

// Warning codes.
const (
	WarnTotalMismatch = "total_mismatch"
	WarnRateMismatch  = "rate_mismatch"
	WarnRateOver100   = "rate_over_100"
	WarnNoDenominator = "no_denominator"
	WarnUnknownColumn = "unknown_column"
	WarnMissingUnit   = "missing_unit"
)

// Result is what Compute returns.
type Result struct {
	Units    []UnitResult
	Total    UnitResult
	Warnings []Warning
	// Evaluation counts, per indicator with a target, the units that
	// reach it (Evaluate, over the units in their workbook order).
	Evaluation []Evaluation
	// Sort is the key Rank ordered Units by; nil in workbook order.
	Sort *SortKey
}
