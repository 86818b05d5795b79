package coverage

import (
	"maps"
	"math/big"
	"slices"
	"strings"

	"github.com/bhxh/bhxh/msg"

	"github.com/shopspring/decimal"
)

// Method names how a total is shared among units. The values are part of the
// interface (--method, JSON "method"); weight methods are "weight:COLUMN".
type Method string

const (
	// Proportional: every unit aims at the same rate, quota = T·d_i/Σd.
	Proportional Method = "proportional"
	// Uncovered: the increment T − Σcurrent in proportion to d_i − current_i.
	Uncovered Method = "uncovered"
	// CurrentShare: the increment in proportion to current_i (equal growth).
	CurrentShare Method = "current"
	// WeightPrefix starts a weight method: the increment in proportion to a
	// baseline column ("weight:population").
	WeightPrefix = "weight:"
)

// ErrInfeasible marks a request no allocation can meet (a total below what
// units already have, above their denominators…). The message says why.
var ErrInfeasible = msg.New("infeasible allocation", "không giao được")

// ErrMinimum marks an infeasible request that the minimum per unit
// (AllocRequest.Min) makes so.
var ErrMinimum = msg.New("the minimum per unit", "mức tối thiểu mỗi đơn vị")

// AllocUnit is one unit of the baseline, as allocation sees it.
type AllocUnit struct {
	Name        string
	Code        string
	Denominator int64    // d: the indicator's denominator
	Current     int64    // the indicator's numerator now
	Weight      *big.Rat // the weight column's value (weight methods only); nil = 0
	Group       string   // parent (e.g. old district) for hierarchical allocation
}

// AllocRequest says what to allocate and how.
type AllocRequest struct {
	Total      int64 // T, whole people; ignored when GroupTotals is set
	Method     Method
	Rounding   Rounding // "" = largest remainder
	Min        int64    // every unit's target is at least Min
	NoDecrease bool     // no unit's target below its current count

	// GroupTotals, when not nil, allocates within each group: every unit's
	// Group must have a total here, and each group's units share it.
	GroupTotals map[string]int64
}

// AllocatedUnit is one unit's share.
type AllocatedUnit struct {
	Name, Code, Group    string
	Denominator, Current int64
	Target               int64
	// Quota is the exact share before rounding to whole people (after
	// fixing the units held at a bound).
	Quota *big.Rat
}

// Increment is the people the unit must add: target − current.
func (u AllocatedUnit) Increment() int64 { return u.Target - u.Current }

// TargetRate is target/denominator×100; ok is false when the denominator is 0.
func (u AllocatedUnit) TargetRate() (Pct, bool) { return NewPct(u.Target, u.Denominator) }

// Allocation is the result: units in baseline order and the totals.
type Allocation struct {
	Method      Method
	Rounding    Rounding
	Units       []AllocatedUnit
	Denominator int64 // Σd
	Current     int64 // Σcurrent
	Target      int64 // Σtarget = the total requested (or Σ group totals)
}

// Increment is Σtarget − Σcurrent.
func (a Allocation) Increment() int64 { return a.Target - a.Current }

// TargetRate is Σtarget/Σd×100; ok is false when Σd is 0.
func (a Allocation) TargetRate() (Pct, bool) { return NewPct(a.Target, a.Denominator) }

// TotalForRate is ⌈rate/100 × den⌉: the fewest people that reach rate
// percent of den.
func TotalForRate(rate decimal.Decimal, den int64) int64 {
	r := rate.Rat()
	r.Mul(r, new(big.Rat).SetInt64(den))
	r.Quo(r, big.NewRat(100, 1))
	return CeilRat(r).Int64()
}

// ParseMethod checks a --method value.
func ParseMethod(s string) (Method, error) {
	switch Method(s) {
	case Proportional, Uncovered, CurrentShare:
		return Method(s), nil
	}
	if col, ok := strings.CutPrefix(s, WeightPrefix); ok && strings.TrimSpace(col) != "" {
		return Method(s), nil
	}
	return "", msg.Errorf("method %q: want proportional, uncovered, current or weight:COLUMN", "phương pháp %q: cần proportional, uncovered, current hoặc weight:CỘT", s)
}

// ParseRounding checks a --rounding value.
func ParseRounding(s string) (Rounding, error) {
	for _, r := range Roundings {
		if string(r) == s {
			return r, nil
		}
	}
	return "", msg.Errorf("rounding %q: want largest-remainder, webster, dhondt or huntington-hill", "cách làm tròn %q: cần largest-remainder, webster, dhondt hoặc huntington-hill", s)
}

// WeightColumn returns COLUMN of a "weight:COLUMN" method, "" otherwise.
func (m Method) WeightColumn() string {
	col, _ := strings.CutPrefix(string(m), WeightPrefix)
	if col == string(m) {
		return ""
	}
	return col
}

// AllocUnitsFrom turns read units into allocation units for an indicator:
// current is the numerator (its counts summed, 0 where absent), d the
// denominator, which every unit must have.
func AllocUnitsFrom(units []Unit, indicator string) ([]AllocUnit, error) {
	ind, ok := IndicatorByKey(indicator)
	if !ok {
		return nil, msg.Errorf("unknown indicator %q", "không có chỉ số %q", indicator)
	}
	return AllocUnitsOf(units, ind)
}

// AllocUnitsOf is AllocUnitsFrom for any indicator, a defined one too.
func AllocUnitsOf(units []Unit, ind Indicator) ([]AllocUnit, error) {
	out := make([]AllocUnit, len(units))
	for i, u := range units {
		d, ok := u.Counts[ind.Denominator]
		if !ok {
			return nil, msg.Errorf("unit %q has no %s (the denominator of %s)", "đơn vị %q không có %s (mẫu số của %s)", u.Name, ind.Denominator, ind.Key)
		}
		var cur int64
		for _, k := range ind.Numerator {
			cur += u.Counts[k]
		}
		out[i] = AllocUnit{Name: u.Name, Code: u.Code, Denominator: d, Current: cur}
	}
	return out, nil
}

// Allocate splits a total across units in whole people that sum exactly to
// it. It is deterministic: the same units and request give the same result,
// and the order of the units matters only to break exact ties.
func Allocate(units []AllocUnit, req AllocRequest) (Allocation, error) {
	if req.Rounding == "" {
		req.Rounding = LargestRemainder
	}
	if _, err := ParseRounding(string(req.Rounding)); err != nil {
		return Allocation{}, err
	}
	if _, err := ParseMethod(string(req.Method)); err != nil {
		return Allocation{}, err
	}
	if req.Min < 0 {
		return Allocation{}, msg.Errorf("minimum %s is negative", "mức tối thiểu %s là số âm", msg.Count(req.Min))
	}
	if len(units) == 0 {
		return Allocation{}, msg.New("no units to allocate to", "không có đơn vị nào để giao")
	}
	for _, u := range units {
		if u.Denominator < 0 || u.Current < 0 {
			return Allocation{}, msg.Errorf("unit %q: negative count", "đơn vị %q: số người âm", u.Name)
		}
		if u.Weight != nil && u.Weight.Sign() < 0 {
			return Allocation{}, msg.Errorf("unit %q: negative weight %s", "đơn vị %q: trọng số âm %s", u.Name, u.Weight.RatString())
		}
	}
	a := Allocation{Method: req.Method, Rounding: req.Rounding, Units: make([]AllocatedUnit, len(units))}
	for i, u := range units {
		a.Units[i] = AllocatedUnit{Name: u.Name, Code: u.Code, Group: u.Group, Denominator: u.Denominator, Current: u.Current}
		a.Denominator += u.Denominator
		a.Current += u.Current
	}
	if req.GroupTotals == nil {
		if err := allocateGroup(units, idx(len(units)), req.Total, req, a.Units, ""); err != nil {
			return Allocation{}, err
		}
		a.Target = req.Total
		return a, nil
	}
	members := map[string][]int{}
	var order []string
	for i, u := range units {
		if _, ok := req.GroupTotals[u.Group]; !ok {
			return Allocation{}, msg.Errorf("unit %q: its group %q has no target", "đơn vị %q: nhóm %q của đơn vị không có chỉ tiêu", u.Name, u.Group)
		}
		if _, seen := members[u.Group]; !seen {
			order = append(order, u.Group)
		}
		members[u.Group] = append(members[u.Group], i)
	}
	for _, g := range slices.Sorted(maps.Keys(req.GroupTotals)) { // the same group named every run
		if _, ok := members[g]; !ok {
			return Allocation{}, msg.Errorf("group %q has a target but no units", "nhóm %q có chỉ tiêu nhưng không có đơn vị nào", g)
		}
	}
	for _, g := range order {
		t := req.GroupTotals[g]
		if err := allocateGroup(units, members[g], t, req, a.Units, g); err != nil {
			return Allocation{}, err
		}
		a.Target += t
	}
	return a, nil
}

func idx(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// allocateGroup allocates total among units[members] and writes targets and
// quotas into out.
func allocateGroup(units []AllocUnit, members []int, total int64, req AllocRequest, out []AllocatedUnit, group string) error {
	var where msg.Text
	if group != "" {
		where = msg.Sprintf("group %q: ", "nhóm %q: ", group)
	}
	if total < 0 {
		return msg.Errorf("%w: %stotal %s is negative", "%w: %stổng %s là số âm", ErrInfeasible, where, msg.Count(total))
	}
	var sumD, sumC int64
	for _, i := range members {
		u := units[i]
		sumD += u.Denominator
		sumC += u.Current
		if req.Min > u.Denominator {
			return msg.Errorf("%w: %sunit %q has a denominator of %s, below the minimum of %s", "%w: %sđơn vị %q có mẫu số %s, dưới mức tối thiểu %s", ErrInfeasible, where, u.Name, msg.Count(u.Denominator), msg.Count(req.Min))
		}
	}
	cs := make([]claim, len(members))
	incremental := req.Method != Proportional
	if !incremental {
		for k, i := range members {
			u := units[i]
			lo, hi := req.Min, u.Denominator
			if req.NoDecrease && u.Current > lo {
				lo = u.Current
			}
			if lo > hi { // already above the denominator (BHYT over 100 %): keep what it has
				hi = lo
			}
			cs[k] = claim{weight: big.NewInt(u.Denominator), lo: lo, hi: hi, tie: u.Denominator}
		}
	} else {
		if total < sumC {
			return msg.Errorf("%w: %stotal %s is below the %s people already covered; method %s only adds people, so the smallest feasible total is %s", "%w: %stổng %s thấp hơn %s người đã tham gia; phương pháp %s chỉ cộng thêm người, nên tổng nhỏ nhất khả thi là %s",
				ErrInfeasible, where, msg.Count(total), msg.Count(sumC), req.Method, msg.Count(sumC+sumLo(units, members, req.Min)))
		}
		weights, err := incrementWeights(units, members, req.Method)
		if err != nil {
			return err
		}
		for k, i := range members {
			u := units[i]
			var lo int64
			if req.Min > u.Current {
				lo = req.Min - u.Current
			}
			hi := u.Denominator - u.Current
			if hi < lo {
				hi = lo
			}
			cs[k] = claim{weight: weights[k], lo: lo, hi: hi, tie: u.Denominator, base: u.Current}
		}
	}
	seats := total
	base := int64(0)
	if incremental {
		seats = total - sumC
		base = sumC
	}
	minS, maxS := feasibleRange(cs)
	if seats < minS {
		// What units already have binds when the total is below it alone;
		// otherwise the minimum per unit does.
		if req.NoDecrease && !incremental && seats < sumC {
			return msg.Errorf("%w: %stotal %s is below what units already have (no unit's target falls below its current count); the smallest feasible total is %s", "%w: %stổng %s thấp hơn số các đơn vị đã có (chỉ tiêu của đơn vị không thấp hơn số hiện có); tổng nhỏ nhất khả thi là %s",
				ErrInfeasible, where, msg.Count(total), msg.Count(base+minS))
		}
		return msg.Errorf("%w: %stotal %s is below %w of %s people, over %s units; the smallest feasible total is %s", "%w: %stổng %s thấp hơn %w %s người, trên %s đơn vị; tổng nhỏ nhất khả thi là %s",
			ErrInfeasible, where, msg.Count(total), ErrMinimum, msg.Count(req.Min), msg.Count(len(members)), msg.Count(base+minS))
	}
	if seats > maxS {
		if maxS+base >= sumD || !incremental {
			return msg.Errorf("%w: %stotal %s exceeds what the units' denominators allow (no target above the denominator); the largest feasible total is %s", "%w: %stổng %s vượt quá mức mẫu số của các đơn vị cho phép (chỉ tiêu không vượt mẫu số); tổng lớn nhất khả thi là %s",
				ErrInfeasible, where, msg.Count(total), msg.Count(base+maxS))
		}
		return msg.Errorf("%w: %stotal %s cannot be reached with method %s: units with zero weight get no increment and the others are capped by their denominators; the largest feasible total is %s", "%w: %skhông đạt được tổng %s với phương pháp %s: đơn vị có trọng số 0 không được tăng, các đơn vị khác bị giới hạn bởi mẫu số; tổng lớn nhất khả thi là %s",
			ErrInfeasible, where, msg.Count(total), req.Method, msg.Count(base+maxS))
	}
	got, quotas, err := apportion(cs, seats, req.Rounding)
	if err != nil {
		return err
	}
	for k, i := range members {
		c := units[i].Current
		if !incremental {
			c = 0
		}
		out[i].Target = c + got[k]
		out[i].Quota = quotas[k] // includes the claim's base, c
	}
	return nil
}

func sumLo(units []AllocUnit, members []int, min int64) int64 {
	var s int64
	for _, i := range members {
		if min > units[i].Current {
			s += min - units[i].Current
		}
	}
	return s
}

// incrementWeights returns the weights of an incremental method as integers
// proportional to the exact values (scaled by the common denominator).
func incrementWeights(units []AllocUnit, members []int, m Method) ([]*big.Int, error) {
	out := make([]*big.Int, len(members))
	switch m {
	case Uncovered:
		for k, i := range members {
			out[k] = big.NewInt(max(units[i].Denominator-units[i].Current, 0))
		}
		return out, nil
	case CurrentShare:
		for k, i := range members {
			out[k] = big.NewInt(units[i].Current)
		}
		return out, nil
	}
	rats := make([]*big.Rat, len(members))
	whole := true
	for k, i := range members {
		if w := units[i].Weight; w == nil {
			rats[k] = new(big.Rat)
		} else {
			rats[k] = w
			whole = whole && w.IsInt()
		}
	}
	if whole { // the common case (a column of counts): no scaling
		for k, r := range rats {
			out[k] = new(big.Int).Set(r.Num())
		}
		return out, nil
	}
	lcm := big.NewInt(1)
	for _, r := range rats {
		d := r.Denom()
		g := new(big.Int).GCD(nil, nil, lcm, d)
		lcm.Mul(lcm, new(big.Int).Quo(d, g))
	}
	for k, r := range rats {
		v := new(big.Int).Mul(r.Num(), lcm)
		out[k] = v.Quo(v, r.Denom())
	}
	return out, nil
}
