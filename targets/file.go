package targets

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/bhxh/bhxh/msg"

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
		out[ind] = coverage.Target{Rate: rate, Source: coverage.SourceFlag, Note: msg.Sprintf("%s: province row", "%s: dòng toàn tỉnh", f.Name)}
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

// Applied is what Apply did.
type Applied struct {
	Units     []string       // the matched units' names, in unit order
	Unmatched []Row          // rows that match no unit, for the caller to warn about
	Issues    []xlsxio.Issue // a row matched by name without the administrative type (loose_unit_match)
}

// Apply sets each matched unit's own targets and plans from the file: its
// values replace the workbook's (unit.Percents["target_<ind>"],
// unit.Counts["plan_<ind>"]); unit.Cells of those keys then name the
// targets file ("targets.xlsx!C5"), so the report can say where a target
// came from.
//
// Rows and units are paired by xlsxio.JoinUnits: by code, else by name with
// its administrative type, and only among what is left by name without the
// type, with a warning. A row that matches several units, two rows that
// match one unit, and a target rate outside (0, 100] are errors.
func Apply(units []coverage.Unit, f File) (Applied, error) {
	var res Applied
	for ri := range f.Rows {
		r := &f.Rows[ri]
		for _, ind := range coverage.Indicators {
			rate, ok := r.Targets[ind.Key]
			if ok && !validTarget(rate) {
				return res, msg.Errorf("%s: the %s target of %q is %s%%, not above 0 and at most 100", "%s: chỉ tiêu %s của %q là %s%%, không nằm trong khoảng trên 0 đến 100",
					f.where(r, coverage.TargetPrefix+ind.Key), ind.Key, r.Name, rate)
			}
		}
	}
	rows := make([]xlsxio.UnitRef, len(f.Rows))
	for i, r := range f.Rows {
		rows[i] = xlsxio.UnitRef{Code: r.Code, Name: r.Name}
	}
	refs := make([]xlsxio.UnitRef, len(units))
	for i, u := range units {
		refs[i] = xlsxio.UnitRef{Code: u.Code, Name: u.Name}
	}
	matches, err := xlsxio.JoinUnits(rows, refs)
	if err != nil {
		var amb *xlsxio.AmbiguousUnitError
		var dup *xlsxio.DuplicateUnitError
		switch {
		case errors.As(err, &amb):
			return res, msg.Errorf("%s: row %v", "%s: dòng %v", f.where(&f.Rows[amb.At], "unit"), err)
		case errors.As(err, &dup):
			return res, msg.Errorf("%s: rows %v", "%s: các dòng %v", f.Name, err)
		}
		return res, fmt.Errorf("%s: %w", f.Name, err)
	}
	byUnit := map[int]int{} // unit index → row index
	for ri, m := range matches {
		r := &f.Rows[ri]
		switch {
		case m.Index < 0:
			res.Unmatched = append(res.Unmatched, *r)
			continue
		case m.Warning.EN != "":
			res.Issues = append(res.Issues, xlsxio.Issue{Level: "warning", Code: xlsxio.WarnLooseUnitMatch, File: f.Name,
				Cell: r.Cell["unit"], Message: msg.Sprintf("targets row %s", "dòng chỉ tiêu %s", m.Warning)})
		}
		byUnit[m.Index] = ri
	}

	for ui := range units {
		ri, ok := byUnit[ui]
		if !ok {
			continue
		}
		u, r := &units[ui], &f.Rows[ri]
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
		res.Units = append(res.Units, u.Name)
	}
	return res, nil
}

// ExactPlanTargets gives each unit that states both a target rate and a
// plan for an indicator the plan's exact rate (planRate), as Apply does
// for a targets file: for a `bhxh allocate` report read as input, whose
// rate column is the plan's rate rounded for display.
func ExactPlanTargets(units []coverage.Unit) {
	for i := range units {
		u := &units[i]
		for _, ind := range coverage.Indicators {
			rate, ok := u.Percents[coverage.TargetPrefix+ind.Key]
			plan, planned := u.Counts[coverage.PlanPrefix+ind.Key]
			if ok && planned {
				u.Percents[coverage.TargetPrefix+ind.Key] = planRate(rate, plan, u.Counts, ind.Key)
			}
		}
	}
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

// ReadFile reads a targets file (xlsx or CSV; the output of bhxh allocate is
// one) with the same reader as unit workbooks.
func ReadFile(path string, opt xlsxio.Options) (File, error) {
	t, err := xlsxio.ReadFile(path, opt)
	if err != nil {
		return File{}, err
	}
	return FromUnits(t.Units, t.Total, t.File), nil
}
