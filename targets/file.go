package targets

import (
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio"
)

// File is a targets file (--targets FILE): one row per unit with target
// rates (target_<indicator>, percent) and plan counts (plan_<indicator>,
// people), and an optional province-wide row. The output of `bhxh
// allocate` is such a file.
type File struct {
	Name     string // base name of the file, for notes and messages
	Rows     []Row
	Province *Row // the total row ("Toàn tỉnh", "Tổng cộng"), nil when none
}

// Row is one unit of a targets file.
type Row struct {
	Name, Code string
	Targets    map[string]decimal.Decimal // indicator → target rate in percent
	Plans      map[string]int64           // indicator → plan count (people)
	Cell       map[string]string          // "target_bhyt"/"plan_bhyt"/"unit" → "C5"
	Line       int                        // 1-based sheet row, 0 when unknown
}

// FromUnits builds a File from the units the reader got out of a targets
// file (keys target_<indicator> and plan_<indicator>; other columns, such as
// the current counts allocate copies next to its plan, are ignored).
func FromUnits(units []coverage.Unit, total *coverage.Unit, file string) File {
	f := File{Name: file}
	for i := range units {
		f.Rows = append(f.Rows, rowOf(&units[i]))
	}
	if total != nil {
		r := rowOf(total)
		f.Province = &r
	}
	return f
}

func rowOf(u *coverage.Unit) Row {
	r := Row{Name: u.Name, Code: u.Code, Targets: map[string]decimal.Decimal{},
		Plans: map[string]int64{}, Cell: map[string]string{}, Line: u.Row}
	for _, ind := range coverage.Indicators {
		if v, ok := u.Percents[coverage.TargetPrefix+ind.Key]; ok {
			r.Targets[ind.Key] = v
		}
		if v, ok := u.Counts[coverage.PlanPrefix+ind.Key]; ok {
			r.Plans[ind.Key] = v
		}
	}
	for k, c := range u.Cells {
		r.Cell[k] = c
	}
	return r
}

// where names a row's cell for notes and messages: "targets.xlsx!C5".
func (f File) where(r *Row, key string) string {
	if c := r.Cell[key]; c != "" {
		return f.Name + "!" + c
	}
	if r.Line > 0 {
		return fmt.Sprintf("%s row %d", f.Name, r.Line)
	}
	return f.Name
}

// ProvinceTargets returns the province row's target rates as province-wide
// targets, like --target flags (Source flag).
func (f File) ProvinceTargets() map[string]coverage.Target {
	out := map[string]coverage.Target{}
	if f.Province == nil {
		return out
	}
	for ind, rate := range f.Province.Targets {
		out[ind] = coverage.Target{Rate: rate, Source: coverage.SourceFlag, Note: f.Name + ": province row"}
	}
	return out
}

// MergeFlags combines the targets file's province row with the --target
// flags of the command line; the command line wins.
func MergeFlags(fileProvince, cmdline map[string]coverage.Target) map[string]coverage.Target {
	out := map[string]coverage.Target{}
	for k, t := range fileProvince {
		out[k] = t
	}
	for k, t := range cmdline {
		out[k] = t
	}
	return out
}

// Apply sets each matched unit's own targets and plans from the file: its
// values replace the workbook's (unit.Percents["target_<ind>"],
// unit.Counts["plan_<ind>"]); unit.Cells of those keys then name the
// targets file ("targets.xlsx!C5"), so the report can say where a target
// came from.
//
// A row matches a unit by code when both have one, else by name (see
// keysOf). A row that matches several units, two rows that match one unit,
// and a target rate outside (0, 100] are errors. Rows that match no unit are
// returned for the caller to warn about; applied lists the matched units'
// names in unit order.
func Apply(units []coverage.Unit, f File) (applied []string, unmatched []Row, err error) {
	keys := make([]nameKeys, len(units))
	for i := range units {
		keys[i] = keysOf(units[i].Name)
	}
	byUnit := map[int]int{} // unit index → row index
	for ri := range f.Rows {
		r := &f.Rows[ri]
		for ind, rate := range r.Targets {
			if !validTarget(rate) {
				return nil, nil, fmt.Errorf("%s: the %s target of %q is %s%%, not above 0 and at most 100",
					f.where(r, coverage.TargetPrefix+ind), ind, r.Name, rate)
			}
		}
		ui, err := match(units, keys, r, f)
		if err != nil {
			return nil, nil, err
		}
		if ui < 0 {
			unmatched = append(unmatched, *r)
			continue
		}
		if prev, dup := byUnit[ui]; dup {
			return nil, nil, fmt.Errorf("%s: rows %q and %q both match unit %q",
				f.Name, f.Rows[prev].Name, r.Name, units[ui].Name)
		}
		byUnit[ui] = ri
	}

	var order []int
	for ui := range byUnit {
		order = append(order, ui)
	}
	sort.Ints(order)
	for _, ui := range order {
		u, r := &units[ui], &f.Rows[byUnit[ui]]
		if u.Percents == nil {
			u.Percents = map[string]decimal.Decimal{}
		}
		if u.Counts == nil {
			u.Counts = map[string]int64{}
		}
		if u.Cells == nil {
			u.Cells = map[string]string{}
		}
		for ind, rate := range r.Targets {
			if plan, ok := r.Plans[ind]; ok {
				rate = planRate(rate, plan, u.Counts, ind)
			}
			u.Percents[coverage.TargetPrefix+ind] = rate
			u.Cells[coverage.TargetPrefix+ind] = f.where(r, coverage.TargetPrefix+ind)
		}
		for ind, plan := range r.Plans {
			u.Counts[coverage.PlanPrefix+ind] = plan
			u.Cells[coverage.PlanPrefix+ind] = f.where(r, coverage.PlanPrefix+ind)
		}
		applied = append(applied, u.Name)
	}
	return applied, unmatched, nil
}

// planRate returns the target rate a row gives together with a plan: when
// the rate is plan/denominator × 100 as shown (rounded half-up to the rate's
// own decimals, as `bhxh allocate` writes it), the plan's exact rate, cut
// after 20 decimals so that ⌈rate/100 × denominator⌉ is the plan; a unit
// that reached its plan is then not one person behind a rounded rate.
// Otherwise the rate as written.
func planRate(rate decimal.Decimal, plan int64, counts map[string]int64, ind string) decimal.Decimal {
	var den int64
	for _, in := range coverage.Indicators {
		if in.Key == ind {
			den = counts[in.Denominator]
		}
	}
	exact, ok := coverage.NewPct(plan, den)
	if !ok || plan <= 0 || rate.Exponent() > 0 {
		return rate
	}
	if !exact.Round(int(-rate.Exponent())).Equal(rate) {
		return rate
	}
	q := exact.Rat()
	scaled := new(big.Int).Mul(q.Num(), new(big.Int).Exp(big.NewInt(10), big.NewInt(20), nil))
	return decimal.NewFromBigInt(scaled.Quo(scaled, q.Denom()), -20)
}

// match returns the index of the unit r belongs to, or -1.
func match(units []coverage.Unit, keys []nameKeys, r *Row, f File) (int, error) {
	var candidates []int
	if code := normCode(r.Code); code != "" {
		for i := range units {
			if normCode(units[i].Code) == code {
				candidates = append(candidates, i)
			}
		}
		switch len(candidates) {
		case 1:
			return candidates[0], nil
		case 0:
			// Fall back to names, among units without a code: a unit
			// with another code is another unit whatever its name.
			candidates = nil
			for i := range units {
				if normCode(units[i].Code) == "" {
					candidates = append(candidates, i)
				}
			}
		default:
			return -1, ambiguous(units, candidates, r, f, "code "+r.Code)
		}
	} else {
		for i := range units {
			candidates = append(candidates, i)
		}
	}

	rk := keysOf(r.Name)
	levels := []func(nameKeys) string{
		func(k nameKeys) string { return k.exact },
		func(k nameKeys) string { return k.full },
		func(k nameKeys) string { return k.bare },
	}
	for _, level := range levels {
		want := level(rk)
		if want == "" {
			continue
		}
		var found []int
		for _, i := range candidates {
			if level(keys[i]) == want {
				found = append(found, i)
			}
		}
		switch len(found) {
		case 0:
			continue
		case 1:
			return found[0], nil
		default:
			return -1, ambiguous(units, found, r, f, "name")
		}
	}
	return -1, nil
}

func ambiguous(units []coverage.Unit, idx []int, r *Row, f File, by string) error {
	names := make([]string, len(idx))
	for i, ui := range idx {
		names[i] = fmt.Sprintf("%q", units[ui].Name)
	}
	return fmt.Errorf("%s: row %q matches %d units by %s (%s): make the names or codes tell them apart",
		f.where(r, "unit"), r.Name, len(idx), by, strings.Join(names, ", "))
}

// ReadFile reads a targets file (xlsx or CSV; the output of bhxh allocate is
// one) with the same reader as unit workbooks.
func ReadFile(path string, opt xlsxio.Options) (File, error) {
	t, err := xlsxio.ReadFile(path, opt)
	if err != nil {
		return File{}, err
	}
	return FromUnits(t.Units, t.Total, t.File), nil
}
