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

func totalJSON(it coverage.IndicatorTrend, decimals int) trendTotalJSON {
	out := trendTotalJSON{trendSeriesJSON: seriesJSON(it.Total, decimals), Complete: it.TotalComplete,
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
	return out
}

func seriesJSON(s coverage.Series, decimals int) trendSeriesJSON {
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
	return out
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
		ij := trendIndicatorJSON{Units: []trendSeriesJSON{}, Total: totalJSON(it, rep.Decimals)}
		for _, s := range it.Units {
			ij.Units = append(ij.Units, seriesJSON(s, rep.Decimals))
		}
		// json.Marshal escapes <, > and & in unit names here, and only
		// here: bhxh.trend/v1 has always been written so, and its bytes
		// do not change by accident.
		b, err := json.Marshal(ij)
		if err != nil {
			return err
		}
		out.Indicators = append(out.Indicators, field{it.Key, json.RawMessage(b)})
	}
	return writeJSON(w, out, "  ")
}
