package report

import "github.com/bhxh/bhxh/xlsxio"

// Count is what `bhxh count` reports: per unit, the persons taking part in
// each scheme counted. Writers render it; none counts.
type Count struct {
	Inputs  []xlsxio.CountInput
	Schemes []string // the schemes counted, in report order
	Units   []xlsxio.UnitCount
	Issues  []xlsxio.Issue
	Width   int // the console table's widest line (the terminal's); 0: no limit
}
