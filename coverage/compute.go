package coverage

import (
	"math/big"

	"github.com/bhxh/bhxh/msg"

	"github.com/shopspring/decimal"
)

// DefaultTotalName labels the total when the workbook gives none.
const DefaultTotalName = "Tổng cộng"

// Options are the inputs of Compute besides the units.
type Options struct {
	// Month is the report month (1–12) taken from the period; 0 means
	// unknown, and then no pace per month is computed.
	Month int
	// Flags are province-wide targets (--target KEY=RATE, or a targets
	// file's province row): they apply to every unit and to the total.
	Flags map[string]Target
	// Preset targets (--preset NAME --year YYYY) apply where neither the
	// unit nor a flag gives one.
	Preset map[string]Target
	// TotalName names the total row (the workbook's own total label);
	// DefaultTotalName when empty.
	TotalName string
	// Defined are the user's indicators (--indicator), computed after
	// the built-in ones exactly as they are.
	Defined []Indicator
}

// Compute derives every indicator of every unit and of the total.
//
// stated is the workbook's own total row (nil when it has none): it is
// never used for figures, only to cross-check the sums and its rates.
func Compute(units []Unit, stated *Unit, opt Options) Result {
	var res Result
	c := computation{month: opt.Month, warns: &res.Warnings, indicators: withDefined(opt.Defined)}
	c.noColumn = missingDenominators(units, c.indicators, &res.Warnings)
	res.Units = make([]UnitResult, len(units))
	for i := range units {
		u := &units[i]
		targets := func(key string) *Target { return unitTarget(u, key, opt) }
		res.Units[i] = c.unit(u.Name, u.Code, u.Counts, u.Cells, targets)
		res.Units[i].Source = u
		checkStatedRates(u, &res.Units[i], &res.Warnings)
	}

	sums := sumCounts(units)
	name := opt.TotalName
	if name == "" {
		name = DefaultTotalName
	}
	var totalCells map[string]string
	if stated != nil {
		totalCells = stated.Cells
		checkTotals(stated, name, sums, units, &res.Warnings)
	}
	targets := func(key string) *Target { return provinceTarget(key, opt) }
	res.Total = c.unit(name, "", sums, totalCells, targets)
	partialTotals(units, &res, c, name, totalCells, targets)
	likeForLikeChanges(units, &res, c, name, totalCells, targets)
	if stated != nil {
		checkStatedRates(stated, &res.Total, &res.Warnings)
	}
	res.Evaluation = Evaluate(res.Units)
	return res
}

// unitTarget applies the precedence unit row > flag > preset.
func unitTarget(u *Unit, ind string, opt Options) *Target {
	if rate, ok := u.Percents[TargetPrefix+ind]; ok {
		note := msg.Text{EN: "unit row", VI: "dòng đơn vị"}
		if c := u.Cells[TargetPrefix+ind]; c != "" {
			note = msg.Plain(c)
		}
		return &Target{Rate: rate, Source: SourceUnit, Note: note}
	}
	return provinceTarget(ind, opt)
}

// provinceTarget applies flag > preset; a unit's own target never reaches
// the total.
func provinceTarget(ind string, opt Options) *Target {
	if t, ok := opt.Flags[ind]; ok {
		t.Source = SourceFlag
		return &t
	}
	if t, ok := opt.Preset[ind]; ok {
		t.Source = SourcePreset
		return &t
	}
	return nil
}

// missingDenominators finds the denominators no unit reports at all (a
// workbook without a labour-force column, say) and warns once per
// indicator, instead of once per unit and indicator.
func missingDenominators(units []Unit, indicators []Indicator, warns *[]Warning) map[string]bool {
	has := map[string]bool{}
	for i := range units {
		for k := range units[i].Counts {
			has[k] = true
		}
	}
	missing := map[string]bool{}
	for _, ind := range indicators {
		if has[ind.Denominator] || len(units) == 0 {
			continue
		}
		present := true
		for _, k := range ind.Numerator {
			present = present && has[k]
		}
		if !present {
			continue
		}
		missing[ind.Denominator] = true
		*warns = append(*warns, Warning{Code: WarnNoDenominator, Key: ind.Key,
			Message: msg.Sprintf("no %s column, so no %s rate for any unit", "không có cột %s nên không tính được tỷ lệ %s cho đơn vị nào", ind.Denominator, ind.Key)})
	}
	return missing
}

// computation holds what every row of one Compute shares.
type computation struct {
	month      int
	noColumn   map[string]bool // denominators already warned about for the whole table
	warns      *[]Warning
	indicators []Indicator // built-in, then defined
}

// unit computes the indicators of one row (a unit or the total) from its
// counts map, which may also hold plan_* and prior_* keys.
func (c computation) unit(name, code string, counts map[string]int64, cells map[string]string,
	target func(string) *Target) UnitResult {
	month, warns := c.month, c.warns
	ur := UnitResult{Name: name, Code: code, Counts: map[string]int64{}}
	for _, k := range CountKeys {
		if v, ok := counts[k]; ok {
			ur.Counts[k] = v
		}
	}
	for _, ind := range c.indicators {
		num, ok := sumKeys(counts, ind.Numerator)
		if !ok {
			continue
		}
		r := IndicatorResult{Key: ind.Key, Numerator: num}
		if den, ok := counts[ind.Denominator]; ok {
			r.Denominator = &den
		}
		if r.Denominator != nil && *r.Denominator != 0 {
			rate, _ := NewPct(num, *r.Denominator)
			r.Rate = &rate
			if num > *r.Denominator { // rate above 100%
				*warns = append(*warns, Warning{
					Code: WarnRateOver100, Unit: name, Key: ind.Key, Cell: cells[ind.Numerator[0]],
					Message: msg.Sprintf("%s: %s rate %s%% is above 100%%", "%s: tỷ lệ %s là %s%%, vượt quá 100%%", name, ind.Key, msg.Decimal(rate.Format(2))),
				})
			}
		} else if !c.noColumn[ind.Denominator] {
			*warns = append(*warns, noDenominator(name, ind, r.Denominator, cells))
		}

		r.Target = target(ind.Key)
		if r.Target != nil && r.Rate != nil {
			t := PctFromDecimal(r.Target.Rate)
			gap := t.Sub(*r.Rate)
			r.GapPP = &gap
			r.PersonsNeeded = ptr(personsNeeded(t, *r.Denominator, num))
			if month >= 1 && month <= 11 {
				r.PacePerMonth = ptr(ceilDiv(*r.PersonsNeeded, int64(12-month)))
			}
		}

		r.Plan = derived(counts, PlanPrefix, ind)
		if r.Plan != nil && *r.Plan != 0 {
			pc, _ := NewPct(num, *r.Plan)
			r.PlanCompletion = &pc
		}
		r.Prior = derived(counts, PriorPrefix, ind)
		if r.Prior != nil {
			r.Change = ptr(num - *r.Prior)
			if pd, ok := counts[PriorPrefix+ind.Denominator]; ok && pd != 0 {
				pr, _ := NewPct(*r.Prior, pd)
				r.PriorRate = &pr
				if r.Rate != nil {
					d := r.Rate.Sub(pr)
					r.ChangePP = &d
				}
			}
		}
		ur.Indicators = append(ur.Indicators, r)
	}
	return ur
}

func noDenominator(name string, ind Indicator, den *int64, cells map[string]string) Warning {
	w := Warning{Code: WarnNoDenominator, Unit: name, Key: ind.Key}
	if den == nil {
		w.Message = msg.Sprintf("%s: no %s, so no %s rate", "%s: không có %s nên không tính được tỷ lệ %s", name, ind.Denominator, ind.Key)
	} else {
		w.Cell = cells[ind.Denominator]
		w.Message = msg.Sprintf("%s: %s is 0, so no %s rate", "%s: %s bằng 0 nên không tính được tỷ lệ %s", name, ind.Denominator, ind.Key)
	}
	return w
}

// personsNeeded is max(0, ⌈target/100 × denominator⌉ − numerator): the
// fewest extra people that bring the rate to the target.
func personsNeeded(target Pct, den, num int64) int64 {
	need := target.Rat()
	need.Mul(need, big.NewRat(den, 100))
	n := CeilRat(need)
	n.Sub(n, big.NewInt(num))
	if n.Sign() < 0 {
		return 0
	}
	return n.Int64()
}

func ceilDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 {
		q++
	}
	return q
}

func ptr[T any](v T) *T { return &v }

// sumKeys adds the counts named by keys; ok only when all are present.
func sumKeys(counts map[string]int64, keys []string) (int64, bool) {
	var s int64
	for _, k := range keys {
		v, ok := counts[k]
		if !ok {
			return 0, false
		}
		s += v
	}
	return s, true
}

// derived returns the plan (prefix plan_) or prior (prefix prior_) of an
// indicator. Plans are keyed by indicator, priors by count; bhxh takes its
// own column, else the sum of its parts when all of them are present.
func derived(counts map[string]int64, prefix string, ind Indicator) *int64 {
	if v, ok := counts[prefix+ind.Key]; ok {
		return &v
	}
	if prefix == PlanPrefix && len(ind.Numerator) == 1 {
		return nil // plan_<indicator> only, handled above
	}
	// The parts of bhxh are indicators and counts under the same keys, so
	// plan_<part> and prior_<part> are both prefix+part.
	keys := make([]string, len(ind.Numerator))
	for i, k := range ind.Numerator {
		keys[i] = prefix + k
	}
	if v, ok := sumKeys(counts, keys); ok {
		return &v
	}
	return nil
}

// sumCounts adds every count, plan and prior key over the units: a key is
// in the total when any unit has it. plan_bhxh and prior_bhxh are summed
// per unit as each unit resolves them (its own column, else the sum of the
// parts), so a mix of units with and without the combined column still
// adds up.
func sumCounts(units []Unit) map[string]int64 {
	sums := map[string]int64{}
	for i := range units {
		for k, v := range units[i].Counts {
			sums[k] += v
		}
	}
	bhxh, _ := IndicatorByKey("bhxh")
	for _, prefix := range []string{PlanPrefix, PriorPrefix} {
		key := prefix + bhxh.Key
		if _, any := sums[key]; !any {
			continue
		}
		var s int64
		for i := range units {
			if v := derived(units[i].Counts, prefix, bhxh); v != nil {
				s += *v
			}
		}
		sums[key] = s
	}
	return sums
}

// checkTotals compares each count column of the workbook's total row with
// the sum of the units.
func checkTotals(stated *Unit, name string, sums map[string]int64, units []Unit, warns *[]Warning) {
	for _, k := range AllKeys() {
		if !IsCountKey(k) {
			continue
		}
		v, ok := stated.Counts[k]
		if !ok {
			continue
		}
		sum, any := sums[k]
		if any && sum == v {
			continue
		}
		text := msg.Sprintf("%s: %q says %s, the units sum to %s", "%s: dòng %q ghi %s, cộng các đơn vị được %s", k, name, msg.Count(v), msg.Count(sum))
		if !any {
			text = msg.Sprintf("total row says %s, no unit reports %s", "dòng tổng ghi %s, không đơn vị nào báo %s", msg.Count(v), k)
		}
		*warns = append(*warns, Warning{
			Code: WarnTotalMismatch, Unit: name, Key: k, Cell: stated.Cells[k], Message: text,
		})
	}
}

// checkStatedRates compares the workbook's own rate columns with the
// recomputed rates, at the precision the workbook shows them.
func checkStatedRates(u *Unit, ur *UnitResult, warns *[]Warning) {
	for _, ind := range Indicators {
		key := RatePrefix + ind.Key
		stated, ok := u.Percents[key]
		if !ok {
			continue
		}
		r := ur.Indicator(ind.Key)
		if r == nil || r.Rate == nil {
			continue // nothing to compare with; no_denominator already says why
		}
		places, ok := u.Shown[key]
		if !ok || places < 0 {
			places = decimalsOf(stated)
		}
		shown := RoundRat(stated.Rat(), places)
		ours := r.Rate.Round(places)
		if shown.Equal(ours) {
			continue
		}
		*warns = append(*warns, Warning{
			Code: WarnRateMismatch, Unit: ur.Name, Key: key, Cell: u.Cells[key],
			Message: msg.Sprintf("%s: the workbook's %s rate is %s, recomputed %s", "%s: tỷ lệ %s trong bảng là %s, tính lại được %s",
				ur.Name, ind.Key, shown.StringFixed(int32(places)), ours.StringFixed(int32(places))),
		})
	}
}

// decimalsOf is the number of decimals a value was written with.
func decimalsOf(d decimal.Decimal) int {
	if e := d.Exponent(); e < 0 {
		return int(-e)
	}
	return 0
}

// partialTotals recomputes the total of an indicator that some units do not
// report (a merged file without that column, a count marked "x"): over the
// units that report its numerator and denominator only, so that the
// others' denominators do not lower the rate, with a missing_unit warning
// per unit left out.
func partialTotals(units []Unit, res *Result, c computation, name string, cells map[string]string,
	targets func(string) *Target) {
	for _, ind := range c.indicators {
		var in []Unit
		var out []int // units without the numerator (without the denominator: already no_denominator)
		for i := range units {
			_, ok := sumKeys(units[i].Counts, ind.Numerator)
			if _, den := units[i].Counts[ind.Denominator]; ok && den {
				in = append(in, units[i])
			} else if !ok {
				out = append(out, i)
			}
		}
		if len(in) == 0 || len(in) == len(units) || res.Total.Indicator(ind.Key) == nil {
			continue
		}
		var discard []Warning
		sub := c
		sub.warns = &discard
		part := sub.unit(name, "", sumCounts(in), cells, targets)
		if r := part.Indicator(ind.Key); r != nil {
			*res.Total.Indicator(ind.Key) = *r
		}
		for _, i := range out {
			res.Warnings = append(res.Warnings, Warning{Code: WarnMissingUnit, Unit: units[i].Name, Key: ind.Key,
				Message: msg.Sprintf("%s: no %s figures; the total's %s rate leaves it out", "%s: không có số liệu %s; tỷ lệ %s của dòng tổng không tính đơn vị này", units[i].Name, ind.Key, ind.Key)})
		}
	}
}

// likeForLikeChanges recomputes the total's prior and change of an
// indicator that some units report without a prior (a unit new this year, a
// unit missing from last year's file): over the units reporting both, so
// the change compares like with like. Its rate change in points is over the
// units with both rates. ChangeUnits says how many units that is.
func likeForLikeChanges(units []Unit, res *Result, c computation, name string, cells map[string]string,
	targets func(string) *Target) {
	for _, ind := range c.indicators {
		tr := res.Total.Indicator(ind.Key)
		if tr == nil || tr.Prior == nil {
			continue
		}
		var both, rates []Unit
		withNum := 0
		for i := range units {
			counts := units[i].Counts
			if _, ok := sumKeys(counts, ind.Numerator); !ok {
				continue
			}
			withNum++
			if derived(counts, PriorPrefix, ind) == nil {
				continue
			}
			both = append(both, units[i])
			_, den := counts[ind.Denominator]
			_, pden := counts[PriorPrefix+ind.Denominator]
			if den && pden {
				rates = append(rates, units[i])
			}
		}
		if len(both) == withNum {
			continue
		}
		var discard []Warning
		sub := c
		sub.warns = &discard
		pu := sub.unit(name, "", sumCounts(both), cells, targets)
		part := pu.Indicator(ind.Key)
		tr.Prior, tr.Change = part.Prior, part.Change
		tr.PriorRate, tr.ChangePP = nil, nil
		if len(rates) > 0 {
			ru := sub.unit(name, "", sumCounts(rates), cells, targets)
			if pr := ru.Indicator(ind.Key); pr != nil {
				tr.PriorRate, tr.ChangePP = pr.PriorRate, pr.ChangePP
			}
		}
		n := len(both)
		tr.ChangeUnits = &n
	}
}
