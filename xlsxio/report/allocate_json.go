package report

import "io"

// allocateSchema names the JSON document of `bhxh allocate`.
const allocateSchema = "bhxh.allocate/v1"

type allocJSONUnit struct {
	Name        string  `json:"name"`
	Code        *string `json:"code"`
	Denominator int64   `json:"denominator"`
	Current     int64   `json:"current"`
	Target      int64   `json:"target"`
	Increment   int64   `json:"increment"`
	TargetRate  *string `json:"target_rate"`
}

type allocJSONTotal struct {
	Denominator int64   `json:"denominator"`
	Current     int64   `json:"current"`
	Target      int64   `json:"target"`
	Increment   int64   `json:"increment"`
	TargetRate  *string `json:"target_rate"`
}

type allocJSON struct {
	Schema      string          `json:"schema"`
	Indicator   string          `json:"indicator"`
	Method      string          `json:"method"`
	Rounding    string          `json:"rounding"`
	TotalTarget int64           `json:"total_target"`
	Units       []allocJSONUnit `json:"units"`
	Total       allocJSONTotal  `json:"total"`
}

// WriteAllocateJSON writes rep as bhxh.allocate/v1.
func WriteAllocateJSON(w io.Writer, rep *Allocate) error {
	a := rep.Allocation
	rows := allocRows(rep)
	units, total := rows[:len(rows)-1], rows[len(rows)-1]
	doc := allocJSON{
		Schema: allocateSchema, Indicator: rep.Indicator, Method: string(a.Method),
		Rounding: string(a.Rounding), TotalTarget: a.Target, Units: []allocJSONUnit{},
		Total: allocJSONTotal{Denominator: total.denominator, Current: total.current, Target: total.target,
			Increment: total.target - total.current, TargetRate: jsonRate(total)},
	}
	for _, u := range units {
		doc.Units = append(doc.Units, allocJSONUnit{Name: u.name, Code: stringOrNull(u.code), Denominator: u.denominator,
			Current: u.current, Target: u.target, Increment: u.target - u.current, TargetRate: jsonRate(u)})
	}
	return writeJSON(w, doc)
}

// jsonRate is the row's target rate with 2 decimals, null when it has none.
func jsonRate(r allocRow) *string {
	f := r.targetRate()
	if f.kind == noFigure {
		return nil
	}
	return stringOrNull(f.text(allocRateDecimals))
}
