package xlsxio

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/coverage"
)

// ParentTarget is one row of a --parent-targets file: a parent's name and
// either its total in people or its target rate in percent.
type ParentTarget struct {
	Name  string
	Total int64
	Rate  *decimal.Decimal
}

// ReadParentTargets reads a --parent-targets file (CSV or xlsx): a table
// whose rows name a parent ("Đơn vị") and give a plan in people
// (plan_<indicator>, "Kế hoạch giao … (người)") or a target rate
// (target_<indicator>, "Chỉ tiêu tỷ lệ … (%)").
func ReadParentTargets(path string) ([]ParentTarget, error) {
	t, err := ReadFile(path, Options{})
	if err != nil {
		return nil, err
	}
	var out []ParentTarget
	for _, u := range t.Units {
		p := ParentTarget{Name: u.Name}
		found := false
		for k, v := range u.Counts {
			if strings.HasPrefix(k, coverage.PlanPrefix) {
				p.Total, found = v, true
			}
		}
		if !found {
			for k, v := range u.Percents {
				if strings.HasPrefix(k, coverage.TargetPrefix) {
					r := v
					p.Rate, found = &r, true
				}
			}
		}
		if !found {
			return nil, fmt.Errorf("%s: parent %q has neither a plan (people) nor a target rate", t.File, u.Name)
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no parents", t.File)
	}
	return out, nil
}
