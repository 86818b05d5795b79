package report

import (
	"io"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio"
)

// computeSchema names the JSON document WriteComputeJSON writes.
const computeSchema = "bhxh.compute/v1"

// WriteComputeJSON writes rep as bhxh.compute/v1: keys in a fixed order
// (counts in coverage.CountKeys order, indicators in coverage.Indicators
// order), counts as integers, rates and gaps as strings rounded half-up to
// rep.Decimals, null where a figure does not exist.
func WriteComputeJSON(w io.Writer, rep *Compute) error {
	doc := object{
		{"schema", computeSchema},
		{"inputs", jsonInputs(rep.Inputs)},
		{"period", nullIfEmpty(rep.Period)},
		{"units", jsonUnits(rep.Result.Units, rep.Decimals)},
		{"total", jsonUnit(&rep.Result.Total, rep.Decimals)},
		{"issues", jsonIssues(rep.Issues)},
	}
	return writeJSON(w, doc, " ")
}

func jsonInputs(ins []Input) []any {
	out := make([]any, 0, len(ins))
	for _, in := range ins {
		out = append(out, object{
			{"file", in.File},
			{"sheet", nullIfEmpty(in.Sheet)},
			{"sha256", nullIfEmpty(in.SHA256)},
		})
	}
	return out
}

func jsonUnits(units []coverage.UnitResult, decimals int) []any {
	out := make([]any, 0, len(units))
	for i := range units {
		out = append(out, jsonUnit(&units[i], decimals))
	}
	return out
}

func jsonUnit(u *coverage.UnitResult, decimals int) object {
	counts := object{}
	for _, k := range coverage.CountKeys {
		if v, ok := u.Counts[k]; ok {
			counts = append(counts, field{k, v})
		}
	}
	inds := object{}
	for _, ind := range coverage.Indicators {
		if r := u.Indicator(ind.Key); r != nil {
			inds = append(inds, field{ind.Key, jsonIndicator(r, decimals)})
		}
	}
	return object{
		{"name", u.Name},
		{"code", nullIfEmpty(u.Code)},
		{"counts", counts},
		{"indicators", inds},
	}
}

func jsonIndicator(r *coverage.IndicatorResult, decimals int) object {
	o := make(object, len(indicatorFields))
	for i, f := range indicatorFields {
		o[i] = field{f.name, f.of(r).json(decimals)}
	}
	return o
}

// jsonIssues: in bhxh.compute/v1 an issue without a sheet or a cell says
// null there.
func jsonIssues(issues []xlsxio.Issue) []any {
	out := make([]any, 0, len(issues))
	for _, is := range issues {
		out = append(out, object{
			{"level", is.Level},
			{"code", is.Code},
			{"file", is.File},
			{"sheet", nullIfEmpty(is.Sheet)},
			{"cell", nullIfEmpty(is.Cell)},
			{"message", is.Message},
		})
	}
	return out
}
