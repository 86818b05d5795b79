package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/bhxh/bhxh/msg"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio"
)

// Compute is everything a compute report shows: the result and where it
// came from. Writers (JSON, CSV, table, xlsx) render it; none computes.
type Compute struct {
	Inputs    []Input
	Period    string // "YYYY-MM" or ""
	Result    coverage.Result
	Issues    []xlsxio.Issue // reading and computing warnings, in order
	Decimals  int            // decimals shown for rates and gaps
	Lang      string         // "vi" or "en": table and xlsx labels
	Tool      string         // "bhxh v0.1.0 (revision abc123)"
	Generated time.Time      // in the reader's zone: sheets print it as it is, with its offset
	// Place is the place of the xlsx summary's date line ("Hà Nội, ngày
	// …"); "" leaves the whole line blank, to fill in when signing.
	Place string
	// Width is the widest line of the console table (the terminal's);
	// 0: no limit. Show names the indicators the console table shows;
	// none: all.
	Width int
	Show  []string
}

// Input describes one input file of a report ("Nguồn" sheet).
type Input struct {
	File        string
	Sheet       string
	SHA256      string
	Columns     []Column
	TargetNotes []msg.Text // where each target came from
	// Choice says how bhxh chose what it read of the file: the sheet
	// among several, forms joined, a block continuing the table.
	Choice []msg.Text
}

// Column is one header mapping of an input.
type Column struct {
	Letter, Header, Key, Why string
}

// reportRows lists the units then the total.
func reportRows(res *coverage.Result) []*coverage.UnitResult {
	rows := make([]*coverage.UnitResult, 0, len(res.Units)+1)
	for i := range res.Units {
		rows = append(rows, &res.Units[i])
	}
	return append(rows, &res.Total)
}

// presentCounts lists the count keys any row reports, in CountKeys order.
func presentCounts(res *coverage.Result) []string {
	var keys []string
	for _, k := range coverage.CountKeys {
		for _, u := range reportRows(res) {
			if _, ok := u.Counts[k]; ok {
				keys = append(keys, k)
				break
			}
		}
	}
	return keys
}

// presentIndicators lists the indicators any row has, in Indicators order,
// then the defined ones in the order they were defined (each row lists its
// indicators in that order).
func presentIndicators(res *coverage.Result) []string {
	var keys []string
	for _, ind := range coverage.Indicators {
		for _, u := range reportRows(res) {
			if u.Indicator(ind.Key) != nil {
				keys = append(keys, ind.Key)
				break
			}
		}
	}
	seen := map[string]bool{}
	for _, k := range keys {
		seen[k] = true
	}
	for _, u := range reportRows(res) {
		for _, r := range u.Indicators {
			if !seen[r.Key] {
				seen[r.Key] = true
				keys = append(keys, r.Key)
			}
		}
	}
	return keys
}

// hasCodes reports whether any unit has an official code.
func hasCodes(res *coverage.Result) bool {
	for _, u := range reportRows(res) {
		if u.Code != "" {
			return true
		}
	}
	return false
}

// unitCount is u's count of key, nothing when u does not report it.
func unitCount(u *coverage.UnitResult, key string) figure {
	if v, ok := u.Counts[key]; ok {
		return countOf(&v)
	}
	return figure{}
}

// unitBehind reports whether u is behind any of its targets.
func unitBehind(u *coverage.UnitResult) bool {
	for i := range u.Indicators {
		if u.Indicators[i].Behind() {
			return true
		}
	}
	return false
}

// measure is a figure of an indicator that the table and the xlsx give a
// column of their own.
type measure int

const (
	measureRate measure = iota
	measureTarget
	measureGap
	measureNeeded
	measurePlan
	measureChange // the xlsx summary only: people against the prior
)

// measureFields are the measures' figures.
var measureFields = [...]indicatorField{
	measureRate: rateField, measureTarget: targetField, measureGap: gapField,
	measureNeeded: neededField, measurePlan: planCompletionField, measureChange: changeField,
}

// reportColumn is one figure of one indicator, as the table and the xlsx
// show it.
type reportColumn struct {
	ind     string
	measure measure
}

// value is the figure of c for u, nothing when u lacks the indicator.
func (c reportColumn) value(u *coverage.UnitResult) figure {
	r := u.Indicator(c.ind)
	if r == nil {
		return figure{}
	}
	return measureFields[c.measure].of(r)
}

// tableColumns picks, per indicator present, its rate, then its target,
// gap and persons needed when any row has a target, then % of plan when
// any row has a plan.
func tableColumns(rep *Compute) []reportColumn {
	var cols []reportColumn
	rows := reportRows(&rep.Result)
	for _, ind := range presentIndicators(&rep.Result) {
		target, plan := false, false
		for _, u := range rows {
			if r := u.Indicator(ind); r != nil {
				target = target || r.Target != nil
				plan = plan || r.PlanCompletion != nil
			}
		}
		cols = append(cols, reportColumn{ind, measureRate})
		if target {
			cols = append(cols, reportColumn{ind, measureTarget}, reportColumn{ind, measureGap}, reportColumn{ind, measureNeeded})
		}
		if plan {
			cols = append(cols, reportColumn{ind, measurePlan})
		}
	}
	return cols
}

// rankHead heads the rank column of a sorted report (thi đua).
var rankHead = map[string]string{"vi": "Hạng", "en": "Rank"}

func rankLabel(lang string) string {
	if lang == "en" {
		return rankHead["en"]
	}
	return rankHead["vi"]
}

// unitRank is u's rank by the report's sort key, nothing when unranked.
func unitRank(u *coverage.UnitResult) figure {
	if u.Rank == nil {
		return figure{}
	}
	n := int64(*u.Rank)
	return countOf(&n)
}

// evaluationLines word the evaluation, one line per indicator with a
// target: "4/6 đơn vị chưa đạt BHYT 95 %: A, B, C, D." (or "6/6 đơn vị đạt
// BHYT 95 %.") — the count steering committees report ("12/12 huyện hoàn
// thành"); the target's rate when every unit has the same.
// A province of a hundred communes behind would make a page of names: the
// table names the first evaluationNames; JSON and xlsx name them all.
func evaluationLines(evs []coverage.Evaluation, res *coverage.Result, lang string) []string {
	const evaluationNames = 10
	var lines []string
	for _, e := range evs {
		names := e.Behind
		more := ""
		if len(names) > evaluationNames {
			names = names[:evaluationNames]
			more = fmt.Sprintf(" và %d đơn vị khác", len(e.Behind)-evaluationNames)
			if lang == "en" {
				more = fmt.Sprintf(" and %d more", len(e.Behind)-evaluationNames)
			}
		}
		what := indicatorShort(e.Key, lang)
		if t := commonTarget(res, e.Key); t != "" {
			what += " " + localPoint(t, lang) + " %"
		}
		var l string
		switch {
		case len(e.Behind) == 0 && lang == "en":
			l = fmt.Sprintf("%d/%d units reached %s", len(e.Reached), e.Units, what)
		case len(e.Behind) == 0:
			l = fmt.Sprintf("%d/%d đơn vị đạt %s", len(e.Reached), e.Units, what)
		case lang == "en":
			l = fmt.Sprintf("%d/%d units behind %s: %s", len(e.Behind), e.Units, what, strings.Join(names, ", ")+more)
		default:
			l = fmt.Sprintf("%d/%d đơn vị chưa đạt %s: %s", len(e.Behind), e.Units, what, strings.Join(names, ", ")+more)
		}
		lines = append(lines, l+".")
	}
	return lines
}

// commonTarget is the target rate every unit with a target for key has
// ("30", "96.1"), "" when they differ (a workbook's own targets).
func commonTarget(res *coverage.Result, key string) string {
	t := ""
	for i := range res.Units {
		r := res.Units[i].Indicator(key)
		if r == nil || r.Target == nil {
			continue
		}
		s := r.Target.Rate.String()
		if t != "" && s != t {
			return ""
		}
		t = s
	}
	return t
}
