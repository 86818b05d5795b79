package report

import "io"

// crosswalkSchema names the JSON document WriteCrosswalkJSON writes.
const crosswalkSchema = "bhxh.crosswalk/v1"

// WriteCrosswalkJSON writes rep as bhxh.crosswalk/v1: the table and shares
// used, the inputs, and per new unit its counts, their source cells and the
// old units it was made of ("from").
func WriteCrosswalkJSON(w io.Writer, rep *Crosswalk) error {
	keys := crosswalkKeys(rep)
	var shares any
	if rep.Shares != nil {
		shares = object{{"file", rep.Shares.File}, {"sha256", rep.Shares.SHA256}}
	}
	units := make([]any, 0, len(rep.Units))
	for i := range rep.Units {
		u := &rep.Units[i]
		units = append(units, object{
			{"code", nullIfEmpty(u.Code)},
			{"name", u.Name},
			{"counts", countsObject(u.Counts, keys)},
			{"sources", jsonSources(u)},
			{"from", jsonOrigins(u)},
		})
	}
	doc := object{
		{"schema", crosswalkSchema},
		{"crosswalk", object{{"name", rep.Table.Name}, {"effective", nullIfEmpty(rep.Table.Effective)},
			{"sha256", rep.Table.SHA256}, {"source", nullIfEmpty(rep.Table.Source)}}},
		{"shares", shares},
		{"inputs", jsonInputs(rep.Inputs)},
		{"period", nullIfEmpty(rep.Period)},
		{"units", units},
		{"total", object{{"counts", countsObject(crosswalkTotal(rep, keys), keys)}}},
		{"issues", jsonIssues(rep.Issues)},
	}
	return writeJSON(w, doc)
}

// countsObject is counts in the order of keys, the keys a map lacks left out.
func countsObject(counts map[string]int64, keys []string) object {
	o := object{}
	for _, k := range keys {
		if v, ok := counts[k]; ok {
			o = append(o, field{k, v})
		}
	}
	return o
}
