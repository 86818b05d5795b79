package coverage

import "sort"

// Evaluation answers a steering committee's "how many units have reached
// their target" ("12/12 huyện hoàn thành") for one indicator: over the
// units that have both a target and a rate, how many need nobody more.
type Evaluation struct {
	Key     string
	Units   int      // units with a target and a rate for Key
	Reached []string // names of those whose persons needed is 0, in unit order
	Behind  []string // names of the others, in unit order
}

// Evaluate counts, for each indicator any unit has a target for, the units
// that reach it. Reaching is persons needed = 0, which is exactly rate ≥
// target (the ceiling in persons needed never hides a shortfall), so the
// count agrees with the persons-needed column of every report. Indicators
// come in report order; the total is not a unit and is not counted.
func Evaluate(units []UnitResult) []Evaluation {
	var out []Evaluation
	at := map[string]int{}
	for i := range units {
		u := &units[i]
		for j := range u.Indicators {
			r := &u.Indicators[j]
			if r.PersonsNeeded == nil {
				continue // no target, or no rate to compare with it
			}
			k, ok := at[r.Key]
			if !ok {
				k = len(out)
				at[r.Key] = k
				out = append(out, Evaluation{Key: r.Key})
			}
			e := &out[k]
			e.Units++
			if *r.PersonsNeeded == 0 {
				e.Reached = append(e.Reached, u.Name)
			} else {
				e.Behind = append(e.Behind, u.Name)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return indicatorOrder(out[i].Key) < indicatorOrder(out[j].Key) })
	return out
}

// indicatorOrder is key's place in Indicators; defined indicators come
// after (a stable sort keeps them in the order they were defined).
func indicatorOrder(key string) int {
	for i, ind := range Indicators {
		if ind.Key == key {
			return i
		}
	}
	return len(Indicators)
}
