package coverage_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/coverage"
)

// Two communes and a province-wide BHXH target of 20 %: each rate is
// computed exactly and rounded half-up only when shown; the total is the
// sum of counts over the sum of labour forces (400/4000), not an average of
// rates; persons needed is ⌈20 % × labour force⌉ − participants.
func ExampleCompute() {
	units := []coverage.Unit{
		{Name: "Xã A", Counts: map[string]int64{"labour_force": 1000, "bhxh_mandatory": 150, "bhxh_voluntary": 5}},
		{Name: "Xã B", Counts: map[string]int64{"labour_force": 3000, "bhxh_mandatory": 201, "bhxh_voluntary": 44}},
	}
	res := coverage.Compute(units, nil, coverage.Options{
		Flags: map[string]coverage.Target{"bhxh": {Rate: decimal.NewFromInt(20), Source: coverage.SourceFlag}},
	})
	for _, u := range append(res.Units, res.Total) {
		r := u.Indicator("bhxh")
		fmt.Printf("%-9s %6s %% of %5d, gap %5s points, %3d more people\n", u.Name, r.Rate.Format(2), *r.Denominator, r.GapPP.Format(2), *r.PersonsNeeded)
	}
	// Output:
	// Xã A       15.50 % of  1000, gap  4.50 points,  45 more people
	// Xã B        8.17 % of  3000, gap 11.83 points, 355 more people
	// Tổng cộng  10.00 % of  4000, gap 10.00 points, 400 more people
}
