package report

import (
	"strconv"

	"github.com/bhxh/bhxh/coverage"
)

// figure is one value a report shows, typed as it was computed: a count
// of people, an exact percentage (rounded half-up only when written), a
// word (a name, a target's source), or nothing (null in JSON, an empty
// cell elsewhere).
type figure struct {
	kind figureKind
	n    int64
	pct  coverage.Pct
	word string
}

type figureKind int

const (
	noFigure figureKind = iota
	countFigure
	pctFigure
	wordFigure
)

func countOf(n *int64) figure {
	if n == nil {
		return figure{}
	}
	return figure{kind: countFigure, n: *n}
}

func pctOf(p *coverage.Pct) figure {
	if p == nil {
		return figure{}
	}
	return figure{kind: pctFigure, pct: *p}
}

func wordOf(s string) figure { return figure{kind: wordFigure, word: s} }

// text is the figure in canonical form: "29024", "46.12" (percentages
// rounded half-up to decimals), the word; "" for nothing.
func (f figure) text(decimals int) string {
	switch f.kind {
	case countFigure:
		return strconv.FormatInt(f.n, 10)
	case pctFigure:
		return f.pct.Format(decimals)
	case wordFigure:
		return f.word
	}
	return ""
}

// indicatorField is one figure of an indicator, under its bhxh.compute/v1
// name.
type indicatorField struct {
	name string
	of   func(r *coverage.IndicatorResult) figure
}

var (
	rateField           = indicatorField{"rate", func(r *coverage.IndicatorResult) figure { return pctOf(r.Rate) }}
	targetField         = indicatorField{"target", targetOf}
	gapField            = indicatorField{"gap_pp", func(r *coverage.IndicatorResult) figure { return pctOf(r.GapPP) }}
	neededField         = indicatorField{"persons_needed", func(r *coverage.IndicatorResult) figure { return countOf(r.PersonsNeeded) }}
	planCompletionField = indicatorField{"plan_completion", func(r *coverage.IndicatorResult) figure { return pctOf(r.PlanCompletion) }}
	paceField           = indicatorField{"pace_per_month", func(r *coverage.IndicatorResult) figure { return countOf(r.PacePerMonth) }}
	changeField         = indicatorField{"change", func(r *coverage.IndicatorResult) figure { return countOf(r.Change) }}
)

// indicatorFields are the figures of an indicator in bhxh.compute/v1 order.
var indicatorFields = []indicatorField{
	{"numerator", func(r *coverage.IndicatorResult) figure { return countOf(&r.Numerator) }},
	{"denominator", func(r *coverage.IndicatorResult) figure { return countOf(r.Denominator) }},
	rateField,
	targetField,
	{"target_source", func(r *coverage.IndicatorResult) figure {
		if r.Target == nil {
			return figure{}
		}
		return wordOf(string(r.Target.Source))
	}},
	gapField,
	neededField,
	{"plan", func(r *coverage.IndicatorResult) figure { return countOf(r.Plan) }},
	planCompletionField,
	{"prior", func(r *coverage.IndicatorResult) figure { return countOf(r.Prior) }},
	changeField,
	paceField,
}

func targetOf(r *coverage.IndicatorResult) figure {
	if r.Target == nil {
		return figure{}
	}
	t := coverage.PctFromDecimal(r.Target.Rate)
	return pctOf(&t)
}
