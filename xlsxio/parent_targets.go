package xlsxio

import (
	"fmt"
	"strings"

	"github.com/bhxh/bhxh/msg"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/coverage"
)

// ParentTarget is one row of a --parent-targets file: a parent's name (and
// code when the file has one) and either its total in people or its target
// rate in percent.
type ParentTarget struct {
	Name, Code string
	Total      int64
	Rate       *decimal.Decimal
	Cell       string // the cell the figure was read from ("C5")
}

// ReadParentTargets reads a --parent-targets file (CSV or xlsx): a table
// whose rows name a parent ("Đơn vị") and give, for the indicator being
// allocated, a plan in people (plan_<indicator>, "Kế hoạch giao BHXH
// (người)") or a target rate (target_<indicator>, "Chỉ tiêu tỷ lệ BHXH
// (%)"); a row with both uses the plan. Columns of other indicators are
// ignored; a file with none for this indicator is an error naming the
// columns it has.
func ReadParentTargets(path, indicator string) ([]ParentTarget, error) {
	t, err := ReadFile(path, Options{})
	if err != nil {
		return nil, err
	}
	planKey, rateKey := coverage.PlanPrefix+indicator, coverage.TargetPrefix+indicator
	has := map[string]bool{}
	var others []string
	for _, c := range t.Columns {
		switch {
		case c.Key == planKey || c.Key == rateKey:
			has[c.Key] = true
		case strings.HasPrefix(c.Key, coverage.PlanPrefix) || strings.HasPrefix(c.Key, coverage.TargetPrefix):
			others = append(others, fmt.Sprintf("%q (%s)", strings.TrimSpace(c.Group+" "+c.Header), c.Key))
		}
	}
	if !has[planKey] && !has[rateKey] {
		what := "it has none"
		if len(others) > 0 {
			what = "it has " + strings.Join(others, ", ")
		}
		return nil, &FileError{File: t.File, Err: msg.Errorf("no plan (%s) or target rate (%s) column for --indicator %s: %s", "không có cột kế hoạch (%s) hay tỷ lệ chỉ tiêu (%s) cho --indicator %s: %s",
			planKey, rateKey, indicator, what)}
	}
	var out []ParentTarget
	for _, u := range t.Units {
		p := ParentTarget{Name: u.Name, Code: u.Code}
		if v, ok := u.Counts[planKey]; ok && u.Cells[planKey] != "" {
			p.Total, p.Cell = v, u.Cells[planKey]
		} else if v, ok := u.Percents[rateKey]; ok {
			p.Rate, p.Cell = &v, u.Cells[rateKey]
		} else {
			return nil, &CellError{File: t.File, Sheet: t.Sheet, Cell: u.Cells["unit"],
				Err: msg.Errorf("parent %q has neither a plan (%s) nor a target rate (%s)", "đơn vị cấp trên %q không có kế hoạch (%s) cũng không có tỷ lệ chỉ tiêu (%s)", u.Name, planKey, rateKey)}
		}
		out = append(out, p)
	}
	return out, nil
}
