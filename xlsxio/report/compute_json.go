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
		{"total", jsonTotal(&rep.Result.Total, rep.Decimals)},
		{"issues", jsonIssues(rep.Issues)},
		{"evaluation", jsonEvaluation(rep.Result.Evaluation)},
		{"sort", jsonSort(rep.Result.Sort)},
	}
	return writeJSON(w, doc)
}

// jsonEvaluation (an addition to bhxh.compute/v1): per indicator with a
// target, the units with a target and a rate, how many reach it, and
// which units reach it and which do not, by name in workbook order.
func jsonEvaluation(evs []coverage.Evaluation) object {
	o := object{}
	for _, e := range evs {
		o = append(o, field{e.Key, object{
			{"units", int64(e.Units)},
			{"reached", int64(len(e.Reached))},
			{"not_reached", int64(len(e.Behind))},
			{"reached_units", stringList(e.Reached)},
			{"not_reached_units", stringList(e.Behind)},
		}})
	}
	return o
}

func stringList(ss []string) []any {
	out := make([]any, 0, len(ss))
	for _, s := range ss {
		out = append(out, s)
	}
	return out
}

// jsonSort (an addition to bhxh.compute/v1) is the key the units were
// ranked by (compute --sort), null in workbook order.
func jsonSort(k *coverage.SortKey) any {
	if k == nil {
		return nil
	}
	return object{{"indicator", k.Indicator}, {"measure", k.Measure}}
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

// jsonUnit is a unit: its figures, then (additions to bhxh.compute/v1) the
// cells each count was read from, the old units a converted unit was
// made of, and its rank by --sort (null when not ranked).
func jsonUnit(u *coverage.UnitResult, decimals int) object {
	o := jsonFigures(u, decimals, false)
	var rank any
	if u.Rank != nil {
		rank = int64(*u.Rank)
	}
	return append(o, field{"sources", jsonSources(u.Source)}, field{"from", jsonOrigins(u.Source)}, field{"rank", rank})
}

// jsonTotal is the total: a unit's figures, without sources (it is a sum).
func jsonTotal(u *coverage.UnitResult, decimals int) object {
	return jsonFigures(u, decimals, true)
}

func jsonFigures(u *coverage.UnitResult, decimals int, total bool) object {
	counts := figures{keys: make([]string, 0, len(coverage.CountKeys)), figs: make([]figure, 0, len(coverage.CountKeys))}
	for _, k := range coverage.CountKeys {
		if v, ok := u.Counts[k]; ok {
			counts.keys = append(counts.keys, k)
			counts.figs = append(counts.figs, countOf(&v))
		}
	}
	inds := make(object, 0, len(u.Indicators))
	for i := range u.Indicators { // in coverage.Indicators order, then the defined ones
		r := &u.Indicators[i]
		inds = append(inds, field{r.Key, jsonIndicator(r, decimals, total)})
	}
	return object{
		{"name", u.Name},
		{"code", nullIfEmpty(u.Code)},
		{"counts", counts},
		{"indicators", inds},
	}
}

// jsonOnlyFields are the indicator figures added to bhxh.compute/v1 after
// the CSV's columns were fixed: the CSV keeps its columns.
var jsonOnlyFields = map[string]bool{"prior_rate": true, "change_pp": true, "change_units": true}

// indicatorKeys are the keys of an indicator in bhxh.compute/v1 order,
// then the later additions: prior_rate and change_pp, and on the total
// change_units.
var indicatorKeys = func() []string {
	keys := make([]string, 0, len(indicatorFields)+3)
	for _, f := range indicatorFields {
		keys = append(keys, f.name)
	}
	return append(keys, "prior_rate", "change_pp", "change_units")
}()

// jsonIndicator is an indicator's figures under indicatorKeys.
func jsonIndicator(r *coverage.IndicatorResult, decimals int, total bool) figures {
	figs := make([]figure, 0, len(indicatorKeys))
	for _, f := range indicatorFields {
		figs = append(figs, f.of(r))
	}
	figs = append(figs, pctOf(r.PriorRate), pctOf(r.ChangePP))
	if total {
		var n figure
		if r.ChangeUnits != nil {
			c := int64(*r.ChangeUnits)
			n = countOf(&c)
		}
		figs = append(figs, n)
	}
	return figures{keys: indicatorKeys[:len(figs)], figs: figs, decimals: decimals}
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
