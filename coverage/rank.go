package coverage

import (
	"sort"
	"strings"

	"github.com/bhxh/bhxh/msg"
)

// Measures a report can be sorted by (the values are part of the
// interface: --sort and the JSON "sort" object).
const (
	ByRate           = "rate"
	ByGap            = "gap"
	ByPersonsNeeded  = "persons_needed"
	ByPlanCompletion = "plan_completion"
)

// SortKey says which figure of which indicator ranks the units.
type SortKey struct {
	Indicator string // "" = the first indicator that has the measure
	Measure   string // ByRate, ByGap, ByPersonsNeeded or ByPlanCompletion
}

// ParseSortKey reads "MEASURE" or "INDICATOR:MEASURE" (bhyt:gap).
func ParseSortKey(s string) (SortKey, error) {
	var k SortKey
	k.Measure = strings.TrimSpace(s)
	if ind, m, ok := strings.Cut(k.Measure, ":"); ok {
		k.Indicator, k.Measure = strings.TrimSpace(ind), strings.TrimSpace(m)
		if k.Indicator == "" {
			return SortKey{}, msg.Errorf("sort key %q: no indicator before ':'", "khóa sắp xếp %q: không có chỉ số trước dấu ':'", s)
		}
	}
	switch k.Measure {
	case ByRate, ByGap, ByPersonsNeeded, ByPlanCompletion:
		return k, nil
	}
	return SortKey{}, msg.Errorf("sort key %q: want rate, gap, persons_needed or plan_completion, optionally after INDICATOR:", "khóa sắp xếp %q: cần rate, gap, persons_needed hoặc plan_completion, có thể kèm CHỈ_SỐ: phía trước", s)
}

// value is the figure the key ranks by, as an exact percentage (persons
// needed as a whole number of people), nil when the unit lacks it; better
// is true when a larger value ranks first.
func (k SortKey) value(r *IndicatorResult) (v *Pct, largerFirst bool) {
	switch k.Measure {
	case ByRate:
		return r.Rate, true
	case ByPlanCompletion:
		return r.PlanCompletion, true
	case ByGap:
		return r.GapPP, false
	case ByPersonsNeeded:
		if r.PersonsNeeded == nil {
			return nil, false
		}
		p, _ := NewPct(*r.PersonsNeeded, 100) // the count itself, exactly
		return &p, false
	}
	return nil, false
}

// Rank orders res.Units best first by key, for emulation (thi đua)
// reports: the highest rate or % of plan, the smallest gap or persons
// needed. Units whose exact figures are equal share a rank (1, 2, 2, 4)
// and keep their order; units without the figure come last, unranked.
// It returns the key with its indicator resolved, and an error when no
// unit has the figure.
func Rank(res *Result, key SortKey) (SortKey, error) {
	if key.Indicator == "" {
		for _, ind := range presentOrder(res.Units) {
			if hasMeasure(res.Units, SortKey{ind, key.Measure}) {
				key.Indicator = ind
				break
			}
		}
		if key.Indicator == "" {
			return key, msg.Errorf("no unit has a %s to sort by", "không đơn vị nào có %s để sắp xếp", key.Measure)
		}
	} else if !hasMeasure(res.Units, key) {
		return key, msg.Errorf("no unit has a %s %s to sort by", "không đơn vị nào có %s %s để sắp xếp", key.Indicator, key.Measure)
	}
	type ranked struct {
		u UnitResult
		v *Pct
	}
	rows := make([]ranked, len(res.Units))
	largerFirst := false
	for i := range res.Units {
		rows[i].u = res.Units[i]
		if r := res.Units[i].Indicator(key.Indicator); r != nil {
			rows[i].v, largerFirst = key.value(r)
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].v, rows[j].v
		if a == nil || b == nil {
			return a != nil && b == nil
		}
		c := a.Cmp(*b)
		if largerFirst {
			return c > 0
		}
		return c < 0
	})
	for i := range rows {
		u := rows[i].u
		u.Rank = nil
		if rows[i].v != nil {
			rank := i + 1
			if i > 0 && rows[i-1].v != nil && rows[i-1].v.Cmp(*rows[i].v) == 0 {
				rank = *res.Units[i-1].Rank
			}
			u.Rank = &rank
		}
		res.Units[i] = u
	}
	res.Sort = &key
	return key, nil
}

func hasMeasure(units []UnitResult, key SortKey) bool {
	for i := range units {
		if r := units[i].Indicator(key.Indicator); r != nil {
			if v, _ := key.value(r); v != nil {
				return true
			}
		}
	}
	return false
}

// presentOrder lists the indicators the units have, in report order.
func presentOrder(units []UnitResult) []string {
	seen := map[string]bool{}
	var keys []string
	for i := range units {
		for _, r := range units[i].Indicators {
			if !seen[r.Key] {
				seen[r.Key] = true
				keys = append(keys, r.Key)
			}
		}
	}
	sort.SliceStable(keys, func(i, j int) bool { return indicatorOrder(keys[i]) < indicatorOrder(keys[j]) })
	return keys
}
