package report

import (
	"encoding/json"
	"io"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio"
)

// trendSchema names the JSON layout of WriteTrendJSON.
const trendSchema = "bhxh.trend/v1"

type trendJSON struct {
	Schema     string           `json:"schema"`
	Periods    []string         `json:"periods"`
	Inputs     []trendInputJSON `json:"inputs"`
	Indicators object           `json:"indicators"`
	Issues     []xlsxio.Issue   `json:"issues"`
}

type trendInputJSON struct {
	Period       string  `json:"period"`
	PeriodSource string  `json:"period_source"`
	File         string  `json:"file"`
	Sheet        *string `json:"sheet"`
	SHA256       string  `json:"sha256"`
}

type trendSeriesJSON struct {
	Name         string    `json:"name"`
	Code         *string   `json:"code"`
	Rates        []*string `json:"rates"`
	Numerators   []*int64  `json:"numerators"`
	Denominators []*int64  `json:"denominators"`
	ChangesPP    []*string `json:"changes_pp"`
	// Projection (trend --project only): the year-end line, or null when
	// fewer than two months of the year were there to fit.
	Projection json.RawMessage `json:"projection,omitempty"`
}

type projectionJSON struct {
	Period        string  `json:"period"`
	Months        int     `json:"months"`
	Numerator     int64   `json:"numerator"`
	Denominator   *int64  `json:"denominator"`
	Rate          *string `json:"rate"`
	Target        *string `json:"target"`
	ReachesTarget *bool   `json:"reaches_target"`
}

// projectionOf is p as JSON: nothing without --project, null without a
// line.
func projectionOf(p *coverage.Projection, decimals int) (json.RawMessage, error) {
	if p == nil {
		return nil, nil
	}
	if p.Numerator == nil {
		return json.RawMessage("null"), nil
	}
	pj := projectionJSON{Period: p.Period, Months: p.Months, Numerator: *p.Numerator, Denominator: p.Denominator,
		ReachesTarget: p.ReachesTarget}
	if p.Rate != nil {
		r := p.Rate.Format(decimals)
		pj.Rate = &r
	}
	if p.Target != nil {
		t := coverage.PctFromDecimal(p.Target.Rate).Format(decimals)
		pj.Target = &t
	}
	return json.Marshal(pj)
}

type trendIndicatorJSON struct {
	Units []trendSeriesJSON `json:"units"`
	Total trendTotalJSON    `json:"total"`
}

// trendTotalJSON is the total's series: its changes_pp are like for like
// (over the units reporting both months), and two additions to
// bhxh.trend/v1 say so: complete (the month's total covers every unit) and
// change_units (how many units each change is over).
type trendTotalJSON struct {
	trendSeriesJSON
	Complete    []bool   `json:"complete"`
	ChangeUnits []*int64 `json:"change_units"`
}

func totalJSON(it coverage.IndicatorTrend, decimals int) (trendTotalJSON, error) {
	series, err := seriesJSON(it.Total, decimals)
	if err != nil {
		return trendTotalJSON{}, err
	}
	out := trendTotalJSON{trendSeriesJSON: series, Complete: it.TotalComplete,
		ChangeUnits: make([]*int64, len(it.Total.Points))}
	for i := range it.Total.Points {
		out.ChangesPP[i] = nil
		if c := it.TotalChanges[i]; c != nil {
			cs := c.Format(decimals)
			out.ChangesPP[i] = &cs
			n := int64(it.ChangeUnits[i])
			out.ChangeUnits[i] = &n
		}
	}
	if out.Complete == nil {
		out.Complete = []bool{}
	}
	return out, nil
}

func seriesJSON(s coverage.Series, decimals int) (trendSeriesJSON, error) {
	n := len(s.Points)
	out := trendSeriesJSON{Name: s.Name, Code: stringOrNull(s.Code), Rates: make([]*string, n), Numerators: make([]*int64, n),
		Denominators: make([]*int64, n), ChangesPP: make([]*string, n)}
	for i, p := range s.Points {
		if p == nil {
			continue
		}
		num := p.Numerator
		out.Numerators[i] = &num
		out.Denominators[i] = p.Denominator
		if p.Rate != nil {
			r := p.Rate.Format(decimals)
			out.Rates[i] = &r
		}
		if c := s.Change(i); c != nil {
			cs := c.Format(decimals)
			out.ChangesPP[i] = &cs
		}
	}
	var err error
	out.Projection, err = projectionOf(s.Projection, decimals)
	return out, err
}

// WriteTrendJSON writes rep as bhxh.trend/v1: per indicator, one series per
// unit and the total, each an array over "periods" (null = missing).
func WriteTrendJSON(w io.Writer, rep *Trend) error {
	out := trendJSON{Schema: trendSchema, Periods: rep.Trend.Periods, Issues: rep.Issues}
	if out.Periods == nil {
		out.Periods = []string{}
	}
	if out.Issues == nil {
		out.Issues = []xlsxio.Issue{}
	}
	out.Inputs = []trendInputJSON{}
	for _, in := range rep.Inputs {
		out.Inputs = append(out.Inputs, trendInputJSON{Period: in.Period, PeriodSource: in.PeriodSource, File: in.File,
			Sheet: stringOrNull(in.Sheet), SHA256: in.SHA256})
	}
	out.Indicators = object{}
	for _, it := range rep.Trend.Indicators {
		total, err := totalJSON(it, rep.Decimals)
		if err != nil {
			return err
		}
		ij := trendIndicatorJSON{Units: []trendSeriesJSON{}, Total: total}
		for _, s := range it.Units {
			sj, err := seriesJSON(s, rep.Decimals)
			if err != nil {
				return err
			}
			ij.Units = append(ij.Units, sj)
		}
		out.Indicators = append(out.Indicators, field{it.Key, ij})
	}
	return writeJSON(w, out)
}
