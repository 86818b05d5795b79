package report

import (
	"io"
	"strconv"

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
		{"total", unitJSON{&rep.Result.Total, rep.Decimals, true}},
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

// stringList is ss, [] when there are none.
func stringList(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
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

// jsonUnits are the units, each a *unitJSON (a pointer: an interface holds
// it without a copy of its own).
func jsonUnits(units []coverage.UnitResult, decimals int) []any {
	out := make([]any, len(units))
	us := make([]unitJSON, len(units))
	for i := range units {
		us[i] = unitJSON{&units[i], decimals, false}
		out[i] = &us[i]
	}
	return out
}

// unitJSON is a unit of bhxh.compute/v1 (or, total, the total): its
// name, code, counts and indicators, then for a unit (additions to
// bhxh.compute/v1) the cells each count was read from, the old units a
// converted unit was made of, and its rank by --sort (null when not
// ranked). The total has no sources (it is a sum) and its indicators end
// with change_units.
//
// jsonWriter writes it straight from the result: building its objects
// first (a field per figure, each boxed in an interface, 16 per indicator)
// took as long as writing them, a third of a JSON report's time past the
// CSV's (issue 17).
type unitJSON struct {
	u        *coverage.UnitResult
	decimals int
	total    bool
}

func (v unitJSON) appendJSON(jw *jsonWriter, b []byte) []byte {
	u := v.u
	b = append(b, `{"name":`...)
	b = jw.str(b, u.Name)
	b = append(b, `,"code":`...)
	b = jw.strOrNull(b, u.Code)
	b = append(b, `,"counts":{`...)
	first := true
	for i, k := range coverage.CountKeys {
		if n, ok := u.Counts[k]; ok {
			if !first {
				b = append(b, ',')
			}
			b = strconv.AppendInt(append(b, countKeysJSON[i]...), n, 10)
			first = false
		}
	}
	b = append(b, `},"indicators":{`...)
	for i := range u.Indicators { // in coverage.Indicators order, then the defined ones
		r := &u.Indicators[i]
		b = jw.key(b, r.Key, i == 0)
		b = v.indicator(jw, b, r)
	}
	b = append(b, '}')
	if !v.total {
		b = append(b, `,"sources":`...)
		b = jsonSources(u.Source).appendJSON(jw, b)
		b = append(b, `,"from":`...)
		if u.Source == nil || len(u.Source.Origins) == 0 {
			b = append(b, "[]"...)
		} else {
			b = jw.value(b, jsonOrigins(u.Source))
		}
		b = append(b, `,"rank":`...)
		if u.Rank != nil {
			b = strconv.AppendInt(b, int64(*u.Rank), 10)
		} else {
			b = append(b, "null"...)
		}
	}
	return append(b, '}')
}

// indicator appends r's figures under indicatorKeys.
func (v unitJSON) indicator(jw *jsonWriter, b []byte, r *coverage.IndicatorResult) []byte {
	b = append(b, '{')
	for i, f := range indicatorFields {
		b = jw.figure(b, indicatorKeysJSON[i], i == 0, f.of(r), v.decimals)
	}
	n := len(indicatorFields)
	b = jw.figure(b, indicatorKeysJSON[n], false, pctOf(r.PriorRate), v.decimals)
	b = jw.figure(b, indicatorKeysJSON[n+1], false, pctOf(r.ChangePP), v.decimals)
	if v.total {
		var c figure
		if r.ChangeUnits != nil {
			n := int64(*r.ChangeUnits)
			c = countOf(&n)
		}
		b = jw.figure(b, indicatorKeysJSON[n+2], false, c, v.decimals)
	}
	return append(b, '}')
}

// MarshalJSON is for a unit inside what encoding/json writes.
func (v unitJSON) MarshalJSON() ([]byte, error) {
	jw := &jsonWriter{}
	b := v.appendJSON(jw, nil)
	return b, jw.err
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

// indicatorKeysJSON and countKeysJSON are indicatorKeys and
// coverage.CountKeys as jsonKey writes them.
var (
	indicatorKeysJSON = jsonKeys(indicatorKeys)
	countKeysJSON     = jsonKeys(coverage.CountKeys)
)

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
