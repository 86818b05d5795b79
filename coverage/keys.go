package coverage

import "slices"

// Count keys: the canonical names of the counts a workbook row carries.
// They are part of the interface (JSON, flags, --col overrides).
const (
	BHXHMandatory           = "bhxh_mandatory"
	BHXHVoluntary           = "bhxh_voluntary"
	BHTN                    = "bhtn"
	BHYT                    = "bhyt"
	LabourForce             = "labour_force"
	Population              = "population"
	RetirementAgePopulation = "retirement_age_population"
	PensionRecipients       = "pension_recipients"
)

// CountKeys lists the current-count keys in report order.
var CountKeys = []string{
	BHXHMandatory, BHXHVoluntary, BHTN, BHYT,
	LabourForce, Population, RetirementAgePopulation, PensionRecipients,
}

// Indicator describes one coverage rate: which counts add up to the
// numerator and which count is the denominator (domain.md, "Indicators").
type Indicator struct {
	Key         string
	Numerator   []string // summed; the indicator exists only when all are present
	Denominator string
}

// Indicators lists every indicator in report order.
var Indicators = []Indicator{
	{Key: "bhxh", Numerator: []string{BHXHMandatory, BHXHVoluntary}, Denominator: LabourForce},
	{Key: "bhxh_mandatory", Numerator: []string{BHXHMandatory}, Denominator: LabourForce},
	{Key: "bhxh_voluntary", Numerator: []string{BHXHVoluntary}, Denominator: LabourForce},
	{Key: "bhtn", Numerator: []string{BHTN}, Denominator: LabourForce},
	{Key: "bhyt", Numerator: []string{BHYT}, Denominator: Population},
	{Key: "pension", Numerator: []string{PensionRecipients}, Denominator: RetirementAgePopulation},
}

// IndicatorByKey returns the indicator named key.
func IndicatorByKey(key string) (Indicator, bool) {
	for _, ind := range Indicators {
		if ind.Key == key {
			return ind, true
		}
	}
	return Indicator{}, false
}

// Key prefixes for the derived columns a workbook may carry.
const (
	PlanPrefix   = "plan_"   // plan_<indicator>: a plan count (whole people)
	PriorPrefix  = "prior_"  // prior_<count> (and prior_bhxh): same period last year
	TargetPrefix = "target_" // target_<indicator>: a target rate in percent
	RatePrefix   = "rate_"   // rate_<indicator>: the workbook's own rate, for cross-checking only
)

// IsCountKey reports whether key names a whole-people quantity: a current
// count, a plan or a prior count, or a column a defined indicator reads.
func IsCountKey(key string) bool {
	if len(key) > len(ColumnPrefix) && key[:len(ColumnPrefix)] == ColumnPrefix {
		return true // a column a defined indicator reads
	}
	for _, k := range CountKeys {
		if k == key {
			return true
		}
	}
	if len(key) > len(PlanPrefix) && key[:len(PlanPrefix)] == PlanPrefix {
		_, ok := IndicatorByKey(key[len(PlanPrefix):])
		return ok
	}
	if len(key) > len(PriorPrefix) && key[:len(PriorPrefix)] == PriorPrefix {
		rest := key[len(PriorPrefix):]
		if rest == "bhxh" {
			return true
		}
		for _, k := range CountKeys {
			if k == rest {
				return true
			}
		}
	}
	return false
}

// IsPercentKey reports whether key names a percentage (target_* or rate_*).
func IsPercentKey(key string) bool {
	for _, p := range []string{TargetPrefix, RatePrefix} {
		if len(key) > len(p) && key[:len(p)] == p {
			_, ok := IndicatorByKey(key[len(p):])
			return ok
		}
	}
	return false
}

// AllKeys lists every canonical column key a reader may produce, besides
// "unit" and "code". The list is built once (reports ask for it per unit).
func AllKeys() []string { return slices.Clone(allKeys) }

var allKeys = func() []string {
	keys := append([]string{}, CountKeys...)
	for _, ind := range Indicators {
		keys = append(keys, PlanPrefix+ind.Key)
	}
	keys = append(keys, PriorPrefix+"bhxh")
	for _, k := range CountKeys {
		keys = append(keys, PriorPrefix+k)
	}
	for _, ind := range Indicators {
		keys = append(keys, TargetPrefix+ind.Key)
	}
	for _, ind := range Indicators {
		keys = append(keys, RatePrefix+ind.Key)
	}
	return keys
}()
