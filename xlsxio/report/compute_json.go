package report

import (
	"bytes"
	"encoding/json"
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
		{"total", jsonUnit(&rep.Result.Total, rep.Decimals)},
		{"issues", jsonIssues(rep.Issues)},
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	return enc.Encode(doc)
}

// object is a JSON object whose keys keep their order.
type object []field

type field struct {
	Key   string
	Value any
}

func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshalNoEscape(f.Key)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		v, err := marshalNoEscape(f.Value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
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
		r := u.Indicator(ind.Key)
		if r == nil {
			continue
		}
		inds = append(inds, field{ind.Key, jsonIndicator(r, decimals)})
	}
	return object{
		{"name", u.Name},
		{"code", nullIfEmpty(u.Code)},
		{"counts", counts},
		{"indicators", inds},
	}
}

func jsonIndicator(r *coverage.IndicatorResult, d int) object {
	var fig figures = indicatorFigures(r, d)
	o := make(object, 0, len(indicatorFields))
	for _, f := range indicatorFields {
		v := fig[f]
		switch {
		case v.null:
			o = append(o, field{f, nil})
		case v.isInt:
			o = append(o, field{f, v.n})
		default:
			o = append(o, field{f, v.s})
		}
	}
	return o
}

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

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// The figures of one indicator, shared by the JSON and CSV writers.

// indicatorFields are the figures of an indicator in bhxh.compute/v1 order.
var indicatorFields = []string{
	"numerator", "denominator", "rate", "target", "target_source", "gap_pp",
	"persons_needed", "plan", "plan_completion", "prior", "change", "pace_per_month",
}

// figure is one value of an indicator: an integer, a text (a rounded
// decimal or a word), or nothing.
type figure struct {
	null  bool
	isInt bool
	n     int64
	s     string
}

// String renders the figure for CSV: "" when null.
func (f figure) String() string {
	switch {
	case f.null:
		return ""
	case f.isInt:
		return strconv.FormatInt(f.n, 10)
	}
	return f.s
}

type figures map[string]figure

func intFig(v *int64) figure {
	if v == nil {
		return figure{null: true}
	}
	return figure{isInt: true, n: *v}
}

func pctFig(p *coverage.Pct, d int) figure {
	if p == nil {
		return figure{null: true}
	}
	return figure{s: p.Format(d)}
}

// indicatorFigures returns every figure of r, rates and gaps rounded
// half-up to d decimals.
func indicatorFigures(r *coverage.IndicatorResult, d int) figures {
	num := r.Numerator
	f := figures{
		"numerator":       intFig(&num),
		"denominator":     intFig(r.Denominator),
		"rate":            pctFig(r.Rate, d),
		"target":          {null: true},
		"target_source":   {null: true},
		"gap_pp":          pctFig(r.GapPP, d),
		"persons_needed":  intFig(r.PersonsNeeded),
		"plan":            intFig(r.Plan),
		"plan_completion": pctFig(r.PlanCompletion, d),
		"prior":           intFig(r.Prior),
		"change":          intFig(r.Change),
		"pace_per_month":  intFig(r.PacePerMonth),
	}
	if r.Target != nil {
		t := coverage.PctFromDecimal(r.Target.Rate)
		f["target"] = pctFig(&t, d)
		f["target_source"] = figure{s: string(r.Target.Source)}
	}
	return f
}
