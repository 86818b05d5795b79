package coverage

import (
	"fmt"
	"sort"

	"github.com/bhxh/bhxh/msg"
)

// Month is one report period's units, as read from one workbook.
type Month struct {
	Period string // "YYYY-MM"
	Source string // where the units came from (a file name), for messages
	Units  []Unit
}

// TrendOptions control how units are matched across months.
type TrendOptions struct {
	// LineUp pairs the units of a month (in period order) with the units
	// of the months before it (seen: one per unit, with its code and its
	// latest name): at[i] is the index in seen of units[i], or -1 for a
	// unit not seen before; no two units of a month may share one. Nil
	// pairs by code, else by identical name.
	LineUp func(period string, seen, units []Unit) (at []int, err error)
	// TotalName labels the total series; DefaultTotalName when empty.
	TotalName string
	// Flags and Preset are targets applied to every month as Compute
	// applies them (a unit's own target column wins).
	Flags, Preset map[string]Target
	// Defined are the user's indicators, followed like built-in ones.
	Defined []Indicator
}

// Trend is every indicator of every unit across months.
type Trend struct {
	Periods    []string // ascending "YYYY-MM"
	Sources    []string // Sources[i] is where Periods[i] came from
	Indicators []IndicatorTrend
	Warnings   [][]Warning // Compute's warnings of each month, by period index
}

// IndicatorTrend is one indicator's series: one per unit and the total.
type IndicatorTrend struct {
	Key   string
	Def   Indicator // what the rate is of (a defined indicator's columns)
	Units []Series
	Total Series

	// TotalComplete[i] tells whether period i's total covers every unit
	// that reports the indicator in some period; TotalUnits[i] counts the
	// units it covers.
	TotalComplete []bool
	TotalUnits    []int
	// TotalChanges[i] is the total's change at period i (i ≥ 1), in points,
	// over the units with a rate in both months: like for like, so a unit
	// missing from one month does not move it. ChangeUnits[i] counts those
	// units. Nil at 0 and when no unit has both rates.
	TotalChanges []*Pct
	ChangeUnits  []int
}

// Series is one unit's (or the total's) indicator over the periods.
// Points[i] is nil when the unit, or its numerator counts, are missing in
// period i: missing, not zero.
type Series struct {
	Name   string
	Code   string
	Points []*IndicatorResult
	// Projection is where the series is heading (ProjectTrend); nil
	// when not asked for.
	Projection *Projection
}

// sameUnitTwice guards against a month holding one unit twice (the same
// code, or the same name without codes); the reader refuses such a
// workbook already, with its own finer rule.
func sameUnitTwice(m Month) error {
	byCode, byName := map[string]string{}, map[string]string{}
	for _, u := range m.Units {
		first, dup := byCode[u.Code]
		if u.Code == "" {
			first, dup = byName[u.Name]
		}
		if dup {
			return msg.Errorf("%s: units %q and %q are the same unit (same code or name) in %s", "%s: %q và %q là cùng một đơn vị (cùng mã hoặc tên) trong %s", m.Source, first, u.Name, m.Period)
		}
		if u.Code != "" {
			byCode[u.Code] = u.Name
		} else {
			byName[u.Name] = u.Name
		}
	}
	return nil
}

// lineUpExactly pairs by equal code, else by equal name.
func lineUpExactly(_ string, seen, units []Unit) ([]int, error) {
	at := make([]int, len(units))
	for i, u := range units {
		at[i] = -1
		for j, s := range seen {
			if u.Code != "" && s.Code != "" {
				if u.Code == s.Code {
					at[i] = j
					break
				}
				continue
			}
			if u.Name == s.Name {
				at[i] = j
				break
			}
		}
	}
	return at, nil
}

// Change returns the month-on-month change of the rate at period i (i ≥ 1)
// in points, exactly; nil when either rate is missing.
func (s Series) Change(i int) *Pct {
	if i < 1 || i >= len(s.Points) {
		return nil
	}
	a, b := s.Points[i-1], s.Points[i]
	if a == nil || b == nil || a.Rate == nil || b.Rate == nil {
		return nil
	}
	d := b.Rate.Sub(*a.Rate)
	return &d
}

// trendUnit is a unit followed across months while matching.
type trendUnit struct {
	name, code string
	byPeriod   []*UnitResult
	last, row  int // the latest period it appears in, and its row there
}

// ComputeTrend computes every month with Compute (so each rate, and each
// month's total as sums of counts, is exactly what compute reports) and
// lines the units up across months: by code, else by normalised name. A
// unit is named as in the latest month it appears in; units come in the
// latest month's order, then those no longer reported.
func ComputeTrend(months []Month, opt TrendOptions) (Trend, error) {
	lineUp := opt.LineUp
	if lineUp == nil {
		lineUp = lineUpExactly
	}
	ms := append([]Month(nil), months...)
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Period < ms[j].Period })
	for i := 1; i < len(ms); i++ {
		if ms[i].Period == ms[i-1].Period {
			return Trend{}, msg.Errorf("%s and %s are both for %s: give one workbook per month", "%s và %s đều là số liệu %s: mỗi tháng chỉ cho một bảng",
				ms[i-1].Source, ms[i].Source, ms[i].Period)
		}
	}

	var (
		tr      Trend
		units   []*trendUnit
		results = make([]Result, len(ms))
	)
	for p, m := range ms {
		tr.Periods = append(tr.Periods, m.Period)
		tr.Sources = append(tr.Sources, m.Source)
		results[p] = Compute(m.Units, nil, Options{TotalName: opt.TotalName, Flags: opt.Flags, Preset: opt.Preset, Defined: opt.Defined})
		tr.Warnings = append(tr.Warnings, results[p].Warnings)
		seen := make([]Unit, len(units))
		for i, tu := range units {
			seen[i] = Unit{Name: tu.name, Code: tu.code}
		}
		if err := sameUnitTwice(m); err != nil {
			return Trend{}, err
		}
		at, err := lineUp(m.Period, seen, m.Units)
		if err != nil {
			return Trend{}, fmt.Errorf("%s (%s): %w", m.Source, m.Period, err)
		}
		for i := range results[p].Units {
			ur := &results[p].Units[i]
			var tu *trendUnit
			if at[i] >= 0 {
				tu = units[at[i]]
			} else {
				tu = &trendUnit{byPeriod: make([]*UnitResult, len(ms))}
				units = append(units, tu)
			}
			if tu.byPeriod[p] != nil {
				return Trend{}, msg.Errorf("%s: units %q and %q are the same unit (same code or name) in %s", "%s: %q và %q là cùng một đơn vị (cùng mã hoặc tên) trong %s",
					m.Source, tu.byPeriod[p].Name, ur.Name, m.Period)
			}
			tu.byPeriod[p] = ur
			tu.name, tu.last, tu.row = ur.Name, p, i
			if tu.code == "" && ur.Code != "" {
				tu.code = ur.Code
			}
		}
	}

	// The latest month's order, then the units gone since, by when they
	// were last seen.
	sort.SliceStable(units, func(i, j int) bool {
		if units[i].last != units[j].last {
			return units[i].last > units[j].last
		}
		return units[i].row < units[j].row
	})
	for _, ind := range withDefined(opt.Defined) {
		present := false
		it := IndicatorTrend{Key: ind.Key, Def: ind}
		for _, tu := range units {
			s := Series{Name: tu.name, Code: tu.code, Points: make([]*IndicatorResult, len(ms))}
			for p, ur := range tu.byPeriod {
				if ur != nil {
					s.Points[p] = ur.Indicator(ind.Key)
					present = present || s.Points[p] != nil
				}
			}
			it.Units = append(it.Units, s)
		}
		it.Total.Points = make([]*IndicatorResult, len(ms))
		for p := range results {
			it.Total.Name = results[p].Total.Name
			it.Total.Points[p] = results[p].Total.Indicator(ind.Key)
		}
		if present {
			likeForLike(&it, len(ms))
			tr.Indicators = append(tr.Indicators, it)
		}
	}
	return tr, nil
}

// likeForLike marks the periods whose total leaves out a unit the trend
// has in another period, and computes each month's change of the total
// over the units reporting both months.
func likeForLike(it *IndicatorTrend, n int) {
	it.TotalComplete, it.TotalUnits = make([]bool, n), make([]int, n)
	it.TotalChanges, it.ChangeUnits = make([]*Pct, n), make([]int, n)
	var reporting []Series // the units with this indicator in some period
	for _, s := range it.Units {
		for _, p := range s.Points {
			if p != nil {
				reporting = append(reporting, s)
				break
			}
		}
	}
	for p := 0; p < n; p++ {
		for _, s := range reporting {
			if s.Points[p] != nil {
				it.TotalUnits[p]++
			}
		}
		it.TotalComplete[p] = it.TotalUnits[p] == len(reporting)
		if p == 0 {
			continue
		}
		var num0, den0, num1, den1 int64
		both := 0
		for _, s := range reporting {
			a, b := s.Points[p-1], s.Points[p]
			if a == nil || b == nil || a.Rate == nil || b.Rate == nil {
				continue
			}
			num0, den0 = num0+a.Numerator, den0+*a.Denominator
			num1, den1 = num1+b.Numerator, den1+*b.Denominator
			both++
		}
		if both == 0 {
			continue
		}
		r0, _ := NewPct(num0, den0)
		r1, _ := NewPct(num1, den1)
		d := r1.Sub(r0)
		it.TotalChanges[p], it.ChangeUnits[p] = &d, both
	}
}
