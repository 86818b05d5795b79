package coverage

import "testing"

// The total's change against the prior is over the units reporting both
// (a unit new this year would otherwise count as growth), and the prior
// denominators give a prior rate and a change in points.
func TestPriorLikeForLike(t *testing.T) {
	units := []Unit{
		{Name: "A", Counts: map[string]int64{BHYT: 900, Population: 1000, "prior_bhyt": 850, "prior_population": 1000}},
		{Name: "B", Counts: map[string]int64{BHYT: 450, Population: 500, "prior_bhyt": 400, "prior_population": 480}},
		{Name: "C", Counts: map[string]int64{BHYT: 300, Population: 400}}, // no prior
	}
	res := Compute(units, nil, Options{})
	a := res.Units[0].Indicator("bhyt")
	if *a.Prior != 850 || *a.Change != 50 || a.PriorRate.Format(2) != "85.00" || a.ChangePP.Format(2) != "5.00" {
		t.Errorf("A: prior %d change %d prior rate %s change %s", *a.Prior, *a.Change, a.PriorRate.Format(2), a.ChangePP.Format(2))
	}
	if c := res.Units[2].Indicator("bhyt"); c.Prior != nil || c.Change != nil || c.PriorRate != nil {
		t.Errorf("C has a prior: %+v", c)
	}
	tot := res.Total.Indicator("bhyt")
	// like for like: A and B, 1350 now against 1250 then; rates 1350/1500 = 90 % against 1250/1480.
	if *tot.Prior != 1250 || *tot.Change != 100 || tot.ChangeUnits == nil || *tot.ChangeUnits != 2 {
		t.Errorf("total prior %v change %v units %v", *tot.Prior, *tot.Change, tot.ChangeUnits)
	}
	if tot.PriorRate.Format(4) != "84.4595" || tot.ChangePP.Format(4) != "5.5405" {
		t.Errorf("total prior rate %s change %s", tot.PriorRate.Format(4), tot.ChangePP.Format(4))
	}
	if tot.Numerator != 1650 || tot.Rate.Format(2) != "86.84" {
		t.Errorf("the total's own rate is over all units: %d %s", tot.Numerator, tot.Rate.Format(2))
	}
	// Every unit with a prior: no ChangeUnits, the usual sums.
	res = Compute(units[:2], nil, Options{})
	if tot := res.Total.Indicator("bhyt"); tot.ChangeUnits != nil || *tot.Change != 100 {
		t.Errorf("complete: %+v", tot)
	}
}
